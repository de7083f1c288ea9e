import { Type } from 'typebox';
import { DateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.js';

/** Request and response shapes of the deputies' routes. */
export const DeputyBody = Type.Object(
  { placeId: Uuid, name: Text(100), level: Type.Enum(['municipal', 'district', 'township']), accountId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const DeputyOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  accountId: Nullable(Uuid),
  name: Type.String(),
  level: Type.String(),
  mine: Type.Boolean(),
});

export const WorkstationBody = Type.Object(
  { placeId: Uuid, name: Text(100), address: Type.Optional(Text(200, 0)), kind: Type.Enum(['workstation', 'workshop']) },
  { additionalProperties: false },
);

export const WorkstationOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  name: Type.String(),
  address: Type.String(),
  kind: Type.String(),
});

export const ReceptionBody = Type.Object({ deputyId: Uuid, startsAt: DateTime, endsAt: DateTime, topic: Type.Optional(Text(200, 0)) }, { additionalProperties: false });

export const ReceptionOut = Type.Object({
  id: Uuid,
  workstationId: Uuid,
  workstationName: Type.String(),
  deputyId: Uuid,
  deputyName: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  topic: Type.String(),
  cancelledAt: Nullable(DateTime),
  cancelReason: Nullable(Type.String()),
});

export const ReceptionMoveBody = Type.Object({ startsAt: DateTime, endsAt: DateTime }, { additionalProperties: false });
export const ReceptionCancelBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });

export const VisitBody = Type.Object(
  {
    visitorName: Text(50),
    visitorPhone: Type.Optional(Type.String({ maxLength: 20 })),
    residentId: Type.Optional(Uuid),
    deputyId: Type.Optional(Uuid),
    receptionId: Type.Optional(Uuid),
    issue: Text(2000, 2),
    visitedAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);

export const VisitOut = Type.Object({
  id: Uuid,
  workstationId: Uuid,
  deputyId: Nullable(Uuid),
  deputyName: Nullable(Type.String()),
  receptionId: Nullable(Uuid),
  visitorName: Type.String(),
  phoneMasked: Nullable(Type.String()),
  issue: Type.String(),
  visitedAt: DateTime,
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
});
