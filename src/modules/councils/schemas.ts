import { Type } from 'typebox';
import { Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { COUNCIL_ROLES } from './composition.js';
import { THRESHOLD_RULES } from './threshold.js';

/** Request and response shapes of the councils routes: one place for validation, types and OpenAPI. */

/** A code a council type names: a kind of member, a sector, a tag. */
export const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });
const Codes = Type.Array(Code, { maxItems: 20, uniqueItems: true });
const Count = Type.Integer({ minimum: 0, maximum: 1000 });
const Role = Type.Enum([...COUNCIL_ROLES]);
const Day = Type.String({ format: 'date' });
export const Bilingual = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const Match = Type.Object(
  { partyMember: Type.Optional(Type.Boolean()), kind: Type.Optional(Code), sector: Type.Optional(Code), tag: Type.Optional(Code), role: Type.Optional(Role) },
  { additionalProperties: false },
);

export const Rule = Type.Union([
  Type.Object({ kind: Type.Literal('size'), min: Type.Optional(Count), max: Type.Optional(Count) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('share'), match: Match, atLeast: Type.Number({ exclusiveMinimum: 0, maximum: 1 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('quota'), memberKind: Code, min: Count, max: Count }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('seat'), role: Role, match: Match, count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('sectors'), sectors: Type.Array(Code, { minItems: 1, maxItems: 40 }) }, { additionalProperties: false }),
]);
export const Rules = Type.Array(Rule, { maxItems: 30 });

export const Threshold = Type.Object(
  {
    rule: Type.Enum([...THRESHOLD_RULES]),
    abstentionsCount: Type.Boolean(),
    quorum: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);

export const Violation = Type.Object({
  rule: Type.Integer(),
  kind: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  reason: Bilingual,
});

export const CouncilBody = Type.Object(
  {
    placeId: Uuid,
    name: Text(100),
    typeCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_-]*$' })),
    /** Own rules instead of (or over) the type's. */
    rules: Type.Optional(Rules),
    threshold: Type.Optional(Threshold),
  },
  { additionalProperties: false },
);

export const MemberInput = Type.Object(
  {
    name: Text(60),
    accountId: Type.Optional(Uuid),
    role: Role,
    partyMember: Type.Boolean(),
    kind: Code,
    sectors: Type.Optional(Codes),
    tags: Type.Optional(Codes),
    termStart: Day,
    termEnd: Type.Optional(Day),
  },
  { additionalProperties: false },
);

export const MembershipChange = Type.Object(
  {
    add: Type.Optional(Type.Array(MemberInput, { maxItems: 100 })),
    end: Type.Optional(Type.Array(Type.Object({ memberId: Uuid, reason: Type.Optional(Text(200)) }, { additionalProperties: false }), { maxItems: 100 })),
    change: Type.Optional(
      Type.Array(
        Type.Object(
          { memberId: Uuid, role: Type.Optional(Role), partyMember: Type.Optional(Type.Boolean()), kind: Type.Optional(Code), sectors: Type.Optional(Codes), tags: Type.Optional(Codes) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const MemberOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  accountId: Nullable(Uuid),
  role: Type.String(),
  partyMember: Type.Boolean(),
  kind: Type.String(),
  sectors: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  termStart: Type.String(),
  termEnd: Nullable(Type.String()),
});

export const CouncilOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  name: Type.String(),
  typeCode: Nullable(Type.String()),
  rules: Rules,
  threshold: Threshold,
  status: Type.Union([Type.Literal('forming'), Type.Literal('active')]),
  members: Type.Array(MemberOut),
  /** The rules the current members break. */
  violations: Type.Array(Violation),
  motions: Type.Array(Type.Object({ id: Uuid, title: Type.String(), status: Type.String(), ballot: Type.String(), passed: Nullable(Type.Boolean()) })),
});

export const CheckOut = Type.Object({
  allowed: Type.Boolean(),
  status: Type.String(),
  before: Type.Array(Violation),
  after: Type.Array(Violation),
  members: Type.Integer(),
});

export const CouncilTypeOut = Type.Object({ code: Type.String(), name: Bilingual, rules: Rules, threshold: Threshold });

export const MotionBody = Type.Object(
  { title: Text(200), body: Text(5000), ballot: Type.Union([Type.Literal('open'), Type.Literal('secret')]), threshold: Type.Optional(Threshold), meetingId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const Decision = Type.Object({
  passed: Type.Boolean(),
  quorumMet: Type.Boolean(),
  quorumNeeded: Type.Integer(),
  participants: Type.Integer(),
  yesNeeded: Type.Integer(),
  base: Type.Integer(),
  counts: Type.Object({ yes: Type.Integer(), no: Type.Integer(), abstain: Type.Integer() }),
  members: Type.Integer(),
  threshold: Threshold,
  explanation: Bilingual,
});

export const MotionOut = Type.Object({
  id: Uuid,
  councilId: Uuid,
  councilName: Type.String(),
  placeId: Uuid,
  title: Type.String(),
  body: Type.String(),
  ballot: Type.String(),
  meetingId: Nullable(Uuid),
  threshold: Threshold,
  status: Type.String(),
  electorate: Nullable(Type.Integer()),
  voted: Type.Integer(),
  openedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  result: Nullable(Decision),
  /** Open ballots only: who voted what. */
  votes: Type.Array(Type.Object({ memberId: Uuid, name: Type.String(), choice: Type.String() })),
  /** For the caller: may they vote, and have they. */
  mine: Type.Object({ member: Type.Boolean(), voted: Type.Boolean() }),
});

export const ChainOut = Type.Object({
  valid: Type.Boolean(),
  ballots: Type.Integer(),
  voters: Type.Integer(),
  headHash: Type.String(),
  brokenAt: Nullable(Type.Object({ seq: Type.Integer(), problem: Type.String() })),
});

export const DemocracyDayBody = Type.Object(
  { title: Text(100), recurrence: Type.String({ minLength: 5, maxLength: 200, description: 'An iCalendar RRULE, e.g. FREQ=MONTHLY;BYMONTHDAY=5' }), start: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);

export const CalendarOut = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.String(),
      date: Type.String(),
      title: Type.String(),
      councilName: Type.String(),
      placeNameZh: Type.String(),
      placeNameEn: Type.String(),
      meetingId: Nullable(Type.String()),
      form: Nullable(Type.String()),
    }),
  ),
});

const AgendaItem = Type.Object({ title: Text(200), topicId: Type.Optional(Uuid) }, { additionalProperties: false });

export const MeetingBody = Type.Object(
  {
    form: Type.Enum(['festive', 'democracy_day', 'topical']),
    title: Text(200),
    startsAt: Type.String({ format: 'date-time' }),
    location: Type.Optional(Text(200)),
    mode: Type.Enum(['face_to_face', 'online', 'both']),
    agenda: Type.Optional(Type.Array(AgendaItem, { maxItems: 50 })),
    inviteMembers: Type.Optional(Type.Boolean()),
    guests: Type.Optional(Type.Array(Type.Object({ name: Text(60), kind: Type.Enum(['representative', 'resident', 'official']) }, { additionalProperties: false }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);

/** A scheduled meeting's plan as changed: only the fields sent change; an empty location clears it. */
export const MeetingPlanBody = Type.Object(
  {
    title: Type.Optional(Text(200)),
    startsAt: Type.Optional(Type.String({ format: 'date-time' })),
    location: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    mode: Type.Optional(Type.Enum(['face_to_face', 'online', 'both'])),
    agenda: Type.Optional(Type.Array(AgendaItem, { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MeetingOut = Type.Object({
  id: Uuid,
  councilId: Uuid,
  councilName: Type.String(),
  placeId: Uuid,
  form: Type.String(),
  title: Type.String(),
  startsAt: Type.String(),
  location: Nullable(Type.String()),
  mode: Type.String(),
  agenda: Type.Array(Type.Object({ title: Type.String(), topicId: Type.Optional(Type.String()) })),
  status: Type.String(),
  minutes: Nullable(Type.String()),
  outcomeCommunication: Nullable(Type.String()),
  membersPresent: Nullable(Type.Integer()),
  membersTotal: Nullable(Type.Integer()),
  quorumPresent: Nullable(Type.Boolean()),
  invitees: Type.Array(Type.Object({ id: Uuid, memberId: Nullable(Uuid), name: Type.String(), kind: Type.String(), attended: Nullable(Type.Boolean()) })),
});

export const MeetingSummaryOut = Type.Object({
  id: Uuid,
  form: Type.String(),
  title: Type.String(),
  startsAt: Type.String(),
  mode: Type.String(),
  status: Type.String(),
  membersPresent: Nullable(Type.Integer()),
  membersTotal: Nullable(Type.Integer()),
});

export const PublicMeetingOut = Type.Object({
  id: Uuid,
  councilId: Uuid,
  councilName: Type.String(),
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  form: Type.String(),
  title: Type.String(),
  startsAt: Type.String(),
  location: Nullable(Type.String()),
  mode: Type.String(),
  status: Type.String(),
  agenda: Type.Array(Type.Object({ title: Type.String(), topicId: Type.Optional(Type.String()) })),
  minutes: Nullable(Type.String()),
  outcomeCommunication: Nullable(Type.String()),
  membersPresent: Nullable(Type.Integer()),
  membersTotal: Nullable(Type.Integer()),
  quorumPresent: Nullable(Type.Boolean()),
  membersAttending: Type.Array(Type.String()),
  guestsAttending: Type.Record(Type.String(), Type.Integer()),
  decisions: Type.Array(Type.Object({ id: Uuid, title: Type.String(), passed: Type.Boolean() })),
});

const Counts = Type.Record(Type.String(), Type.Integer());
export const PlaceReportOut = Type.Object({
  place: Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  councils: Type.Integer(),
  topics: Counts,
  meetings: Type.Object({ held: Type.Integer(), scheduled: Type.Integer(), quorumPresent: Type.Integer(), byForm: Counts, byMode: Counts }),
  decisions: Type.Object({ voted: Type.Integer(), passed: Type.Integer(), notPassed: Type.Integer(), secretBallots: Type.Integer() }),
  tasks: Counts,
  discussions: Type.Object({ opened: Type.Integer(), statements: Type.Integer(), votes: Type.Integer() }),
});

export const TopicOut = Type.Object({
  id: Uuid,
  councilId: Uuid,
  title: Type.String(),
  body: Type.String(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  mergedInto: Nullable(Uuid),
  meetingId: Nullable(Uuid),
  supporters: Type.Integer(),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});

export const TopicDecisionBody = Type.Object(
  { decision: Type.Enum(['accept', 'merge', 'decline']), reason: Text(1000), meetingId: Type.Optional(Uuid), intoId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

const TaskStatus = Type.Enum(['pending', 'in_progress', 'done']);
export const TaskOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  assignee: Type.String(),
  status: Type.String(),
  caseNumber: Nullable(Type.String()),
  progress: Type.Array(Type.Object({ status: Type.String(), note: Type.String(), at: Type.String() })),
});
export const TaskBody = Type.Object(
  { title: Text(200), assignee: Text(100), case: Type.Optional(Type.Object({ description: Text(2000, 5), categoryId: Type.Optional(Uuid) }, { additionalProperties: false })) },
  { additionalProperties: false },
);
export const ProgressBody = Type.Object({ status: TaskStatus, note: Text(1000) }, { additionalProperties: false });

export const PublicDecisionOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String(),
  councilName: Type.String(),
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  ballot: Type.String(),
  closedAt: Nullable(Type.String()),
  result: Decision,
  /** Open ballots: each member's vote, as council records publish it; secret ones: none. */
  votes: Type.Array(Type.Object({ name: Type.String(), choice: Type.String() })),
  meeting: Nullable(Type.Object({ id: Uuid, title: Type.String(), form: Type.String(), mode: Type.String(), startsAt: Type.String(), outcomeCommunication: Nullable(Type.String()), membersPresent: Nullable(Type.Integer()), guests: Type.Integer() })),
  tasks: Type.Array(TaskOut),
});
