import { Type } from 'typebox';
import { DateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { DECISIONS, GRANT_RULES } from './assessment.js';
import { ENTRY_KINDS } from './chain.js';
import { EVIDENCE, UNITS } from './criteria.js';
import { PRIVACY } from './ranking.js';

/** Request and response shapes of the Bank of Merit; the rules in criteria.ts and assessment.ts check the rest. */
export const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{1,39}$' });
const Points = Type.Integer({ minimum: 0, maximum: 100_000 });

export const BankBody = Type.Object(
  {
    grantRule: Type.Optional(Type.Enum([...GRANT_RULES])),
    retroWindowDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3660 })),
    expiryMonths: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 240 }))),
    privacy: Type.Optional(Type.Enum([...PRIVACY])),
  },
  { additionalProperties: false },
);

const BodyOut = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  supervisory: Type.Boolean(),
  members: Type.Array(Type.Object({ accountId: Uuid, displayName: Type.String() })),
});

export const BankOut = Type.Object({
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  grantRule: Type.String(),
  retroWindowDays: Type.Integer(),
  expiryMonths: Nullable(Type.Integer()),
  privacy: Type.String(),
  headSeq: Type.Integer(),
  headHash: Type.String(),
  bodies: Type.Array(BodyOut),
});
export { BodyOut };

const VersionFields = {
  nameZh: Text(100),
  nameEn: Text(100),
  deedType: Code,
  unit: Type.Enum([...UNITS]),
  pointsPerUnit: Type.Integer({ minimum: 0, maximum: 10_000 }),
  dailyLimit: Type.Optional(Nullable(Points)),
  quarterlyLimit: Type.Optional(Nullable(Points)),
  evidence: Type.Optional(Type.Array(Type.Enum([...EVIDENCE]), { maxItems: 3, uniqueItems: true })),
  validFrom: Day,
  validTo: Type.Optional(Nullable(Day)),
};
export const VersionBody = Type.Object(VersionFields, { additionalProperties: false });
export const CriterionBody = Type.Object({ placeId: Uuid, code: Code, ...VersionFields }, { additionalProperties: false });

export const CriterionOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  code: Type.String(),
  versions: Type.Array(
    Type.Object({
      id: Uuid,
      criterionId: Uuid,
      version: Type.Integer(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      deedType: Type.String(),
      unit: Type.String(),
      pointsPerUnit: Type.Integer(),
      dailyLimit: Nullable(Type.Integer()),
      quarterlyLimit: Nullable(Type.Integer()),
      evidence: Type.Array(Type.String()),
      validFrom: Type.String(),
      validTo: Nullable(Type.String()),
      createdAt: DateTime,
    }),
  ),
});

const EvidenceFields = {
  photos: Type.Optional(Type.Array(Text(300), { maxItems: 20 })),
  witnesses: Type.Optional(Type.Array(Text(100), { maxItems: 20 })),
};
const ClaimFields = {
  criterionId: Uuid,
  deedDate: Day,
  quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  description: Text(2000),
  ...EvidenceFields,
};
export const ClaimBody = Type.Object({ residentId: Type.Optional(Uuid), ...ClaimFields }, { additionalProperties: false });
export const GroupClaimBody = Type.Object(
  { residentIds: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }), activityId: Type.Optional(Uuid), ...ClaimFields },
  { additionalProperties: false },
);

export const ClaimOut = Type.Object({
  id: Uuid,
  number: Type.String(),
  placeId: Uuid,
  residentId: Uuid,
  residentName: Type.String(),
  criterionId: Uuid,
  criterionCode: Type.String(),
  version: Type.Integer(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  deedDate: Type.String(),
  quantity: Type.Number(),
  description: Type.String(),
  photos: Type.Array(Type.String()),
  witnesses: Type.Array(Type.String()),
  filing: Type.String(),
  groupId: Nullable(Uuid),
  activityId: Nullable(Uuid),
  status: Type.String(),
  points: Nullable(Type.Integer()),
  appeal: Nullable(Type.String()),
  createdAt: DateTime,
  decidedAt: Nullable(DateTime),
  events: Type.Array(
    Type.Object({
      at: DateTime,
      kind: Type.String(),
      bodyId: Nullable(Uuid),
      bodyNameZh: Nullable(Type.String()),
      bodyNameEn: Nullable(Type.String()),
      decision: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      actorName: Type.String(),
    }),
  ),
});

export const DecisionBody = Type.Object({ bodyId: Uuid, decision: Type.Enum([...DECISIONS]), reason: Type.Optional(Text(1000, 0)) }, { additionalProperties: false });
export const SupplementBody = Type.Object({ note: Text(2000), ...EvidenceFields }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Text(1000) }, { additionalProperties: false });
export const AppealDecisionBody = Type.Object({ bodyId: Uuid, outcome: Type.Enum(['upheld', 'overturned']), reason: Text(1000) }, { additionalProperties: false });

export const EntryOut = Type.Object({
  seq: Type.Integer(),
  residentId: Uuid,
  kind: Type.Enum([...ENTRY_KINDS]),
  points: Type.Integer(),
  deedType: Type.String(),
  deedDate: Type.String(),
  claimId: Nullable(Uuid),
  correctsSeq: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  recordedAt: DateTime,
  hash: Type.String(),
});

export const AccountOut = Type.Object({ residentId: Uuid, name: Type.String(), balance: Type.Integer(), yearPoints: Type.Integer(), entries: Type.Array(EntryOut) });

export const VerificationOut = Type.Object({
  intact: Type.Boolean(),
  entries: Type.Integer(),
  headSeq: Type.Integer(),
  headHash: Type.String(),
  firstBreak: Nullable(Type.Object({ seq: Type.Integer(), problem: Type.String(), hashStored: Nullable(Type.String()) })),
  reports: Type.Array(Type.Object({ quarter: Type.String(), headSeq: Type.Integer(), headHash: Type.String(), matches: Type.Boolean() })),
  checkedAt: DateTime,
});

export const ReportSummaryOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  quarter: Type.String(),
  privacy: Type.String(),
  headSeq: Type.Integer(),
  headHash: Type.String(),
  publishedAt: DateTime,
});

/** The public report. Accounts carry the published name only: no resident id leaves the server. */
export const ReportOut = Type.Object({
  ...ReportSummaryOut.properties,
  tieRule: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  figures: Type.Object({
    accounts: Type.Array(Type.Object({ rank: Type.Integer(), yearRank: Type.Integer(), name: Type.String(), quarterPoints: Type.Integer(), yearPoints: Type.Integer(), quarterDeeds: Type.Integer() })),
    deedTypes: Type.Array(Type.Object({ deedType: Type.String(), nameZh: Type.String(), nameEn: Type.String(), points: Type.Integer(), deeds: Type.Integer(), people: Type.Integer() })),
    totals: Type.Object({ accounts: Type.Integer(), withPoints: Type.Integer(), points: Type.Integer(), deeds: Type.Integer() }),
  }),
});

export const ExemplarOut = Type.Object({
  year: Type.Integer(),
  tieRule: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  candidates: Type.Array(Type.Object({ residentId: Uuid, name: Type.String(), points: Type.Integer(), deeds: Type.Integer(), reachedOn: Type.String() })),
  confirmations: Type.Array(Type.Object({ bodyId: Uuid, bodyNameZh: Type.String(), bodyNameEn: Type.String(), residentId: Uuid })),
  confirmed: Nullable(Type.Object({ residentId: Uuid, name: Type.String() })),
});

export const ExtractContentsOut = Type.Object({
  name: Type.String(),
  idMasked: Nullable(Type.String()),
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  purpose: Type.String(),
  asOf: Type.String(),
  balance: Type.Integer(),
  years: Type.Array(Type.Object({ year: Type.Integer(), points: Type.Integer() })),
  latestReport: Nullable(Type.Object({ quarter: Type.String(), rank: Nullable(Type.Integer()), yearPoints: Nullable(Type.Integer()) })),
  headSeq: Type.Integer(),
  headHash: Type.String(),
});
