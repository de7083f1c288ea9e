import { Type } from 'typebox';
import { DateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { COUNT_KEYS, INDICATOR_KEYS } from './indicators.js';
import { ACTIONS, CASE_STATUSES, CHANNELS, PRIORITIES, RATINGS } from './workflow.js';

/** The request and response shapes of the cases API, for validation and the OpenAPI document. */

export const Status = Type.Enum([...CASE_STATUSES]);
export const Channel = Type.Enum([...CHANNELS]);
export const Priority = Type.Enum([...PRIORITIES]);
export const Rating = Type.Enum([...RATINGS]);
const Time = Nullable(Type.String());
const Position = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }, { additionalProperties: false });
export { Position };

const DepartmentRef = Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const CaseSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: Status,
  priority: Priority,
  channel: Channel,
  description: Type.String(),
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  address: Type.String(),
  department: Nullable(DepartmentRef),
  suggestedDepartment: Nullable(DepartmentRef),
  suggestedConfidence: Nullable(Type.Number()),
  receivedAt: Type.String(),
  dueAt: Time,
  escalationLevel: Type.Integer(),
  mergedIntoNumber: Nullable(Type.String()),
  mergedIntoId: Nullable(Uuid),
});

const Event = Type.Object({
  id: Uuid,
  at: Type.String(),
  kind: Type.String(),
  fromStatus: Nullable(Status),
  toStatus: Nullable(Status),
  actorName: Type.String(),
  department: Nullable(DepartmentRef),
  public: Type.Boolean(),
  body: Nullable(Type.String()),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const Duty = Type.Enum(['waiting', 'on_time', 'late', 'absent']);
const WhistleCall = Type.Object({
  id: Uuid,
  department: DepartmentRef,
  calledAt: Type.String(),
  windowMinutes: Type.Integer(),
  dueAt: Type.String(),
  checkedInAt: Time,
  position: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  duty: Duty,
  minutesTaken: Nullable(Type.Integer()),
  evaluation: Nullable(Type.String()),
  evaluationComment: Nullable(Type.String()),
});

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  cityId: Uuid,
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  photos: Type.Array(Type.String()),
  category: Nullable(Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  handoffTo: Nullable(DepartmentRef),
  helpers: Type.Array(DepartmentRef),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  mayContact: Type.Boolean(),
  acceptBy: Time,
  onSceneBy: Time,
  resolveBy: Time,
  acceptedAt: Time,
  onSceneAt: Time,
  resolvedAt: Time,
  closedAt: Time,
  reopenCount: Type.Integer(),
  rating: Nullable(Rating),
  ratingComment: Nullable(Type.String()),
  mergedFrom: Type.Array(Type.String()),
  timeline: Type.Array(Event),
  whistle: Type.Array(WhistleCall),
  role: Type.Object({ dispatcher: Type.Boolean(), department: Nullable(Type.Enum(['holder', 'helper'])), requester: Type.Boolean(), whistle: Type.Boolean() }),
  actions: Type.Array(Type.Enum(Object.keys(ACTIONS))),
});

export const CaseOut = Type.Object({ case: CaseDetail });
/** After an action: null when it took the case out of the caller's hands (a return, a handover). */
export const ActionOut = Type.Object({ case: Nullable(CaseDetail) });

/** Photos are links (uploaded elsewhere or by an Open311 client's media_url): at most six. */
const PhotoUrl = Type.String({ maxLength: 1000, pattern: '^https?://[^\\s]+$' });

export const CaseInputBody = Type.Object(
  {
    placeId: Uuid,
    description: Text(4000, 4),
    address: Type.Optional(Text(300, 0)),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    photos: Type.Optional(Type.Array(PhotoUrl, { maxItems: 6 })),
    channel: Type.Optional(Channel),
    priority: Type.Optional(Priority),
    categoryId: Type.Optional(Uuid),
    contactName: Type.Optional(Text(50, 0)),
    contactPhone: Type.Optional(Text(20, 0)),
    anonymous: Type.Optional(Type.Boolean()),
    mayContact: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Submitted = Type.Object({ id: Uuid, number: Type.String(), replayed: Type.Boolean() });

export const CaseListQuery = Type.Object(
  {
    placeId: Type.Optional(Uuid),
    status: Type.Optional(Type.Array(Status, { maxItems: CASE_STATUSES.length })),
    departmentId: Type.Optional(Uuid),
    mine: Type.Optional(Type.Boolean()),
    open: Type.Optional(Type.Boolean()),
    dueWithinMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 525_600 })),
    q: Type.Optional(Text(100)),
    receivedFrom: Type.Optional(DateTime),
    receivedTo: Type.Optional(DateTime),
    order: Type.Optional(Type.Enum(['due', 'newest', 'oldest'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const CaseList = Type.Object({ items: Type.Array(CaseSummary), total: Type.Integer() });

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const DashboardRow = Type.Object({
  key: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  ...Object.fromEntries(COUNT_KEYS.map((k) => [k, Type.Integer()])),
  ...Object.fromEntries(INDICATOR_KEYS.map((k) => [k, Rate])),
});
export const Dashboard = Type.Object({
  place: Nullable(Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Type.String() })),
  from: Type.String(),
  to: Type.String(),
  total: DashboardRow,
  byDepartment: Type.Array(DashboardRow),
  byPlace: Type.Array(DashboardRow),
  byWeek: Type.Array(DashboardRow),
  byMonth: Type.Array(DashboardRow),
});
