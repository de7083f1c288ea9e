import { Type } from 'typebox';
import { DateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { BREAKDOWNS, TARGET_GROUPS } from './attributes.js';
import { LIMITS, QUESTION_TYPES } from './questionnaire.js';

/** Request and response shapes of the polls routes; the rules in questionnaire.ts check the rest. */
const Key = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' });
const Label = Text(LIMITS.text, 0);
const Option = Type.Object({ id: Key, label: Label }, { additionalProperties: false });

export const Question = Type.Object(
  {
    id: Key,
    type: Type.Enum([...QUESTION_TYPES]),
    text: Label,
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Option, { maxItems: LIMITS.options })),
    items: Type.Optional(Type.Array(Option, { maxItems: LIMITS.items })),
    minChoices: Type.Optional(Type.Integer({ minimum: 0 })),
    maxChoices: Type.Optional(Type.Integer({ minimum: 1 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    integer: Type.Optional(Type.Boolean()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    showIf: Type.Optional(Type.Object({ question: Key, anyOf: Type.Array(Key, { maxItems: LIMITS.options }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const Definition = Type.Object(
  {
    sections: Type.Array(Type.Object({ id: Key, title: Label, questions: Type.Array(Question, { maxItems: LIMITS.questions }) }, { additionalProperties: false }), {
      maxItems: LIMITS.sections,
    }),
  },
  { additionalProperties: false },
);

export const Answers = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([Text(LIMITS.textAnswer, 0), Type.Number(), Type.Array(Type.String({ maxLength: 40 }), { maxItems: LIMITS.options }), Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 }))]),
  { maxProperties: LIMITS.questions },
);

export const QuestionnaireOut = Type.Object({ id: Uuid, placeId: Uuid, title: Type.String(), version: Type.Integer(), definition: Definition });

export const QuestionnaireSummaryOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  title: Type.String(),
  version: Type.Integer(),
  updatedAt: DateTime,
});

export const PollBody = Type.Object(
  {
    questionnaireId: Uuid,
    placeId: Uuid,
    title: Text(200),
    targetGroup: Type.Optional(Type.Enum([...TARGET_GROUPS])),
    sample: Type.Optional(
      Type.Object({ size: Type.Integer({ minimum: 1, maximum: 1_000_000 }), seed: Type.Optional(Text(100)), stratified: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    ),
    opensAt: DateTime,
    closesAt: DateTime,
    anonymous: Type.Optional(Type.Boolean()),
    minCellSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    series: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);

export const PollOut = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  questionnaireId: Uuid,
  title: Type.String(),
  targetGroup: Type.String(),
  sampled: Type.Boolean(),
  sampleSize: Nullable(Type.Integer()),
  sampleSeed: Nullable(Type.String()),
  stratified: Type.Boolean(),
  population: Type.Integer(),
  opensAt: DateTime,
  closesAt: DateTime,
  closedAt: Nullable(DateTime),
  anonymous: Type.Boolean(),
  minCellSize: Type.Integer(),
  series: Nullable(Type.String()),
  status: Type.Enum(['scheduled', 'open', 'closed']),
  responses: Type.Integer(),
  answered: Type.Optional(Type.Boolean()),
});

export const Opened = Type.Object({ poll: PollOut, version: Type.Integer(), definition: Definition, answered: Type.Boolean() });

/** Who answers: nobody named (the logged-in resident), a one-time code, or a resident a liaison interviewed. */
export const AnswerBody = Type.Object(
  { answers: Answers, code: Type.Optional(Type.String({ minLength: 4, maxLength: 20 })), residentId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const ResultsQuery = Type.Object(
  { by: Type.Optional(Type.String({ pattern: `^(${BREAKDOWNS.join('|')})(,(${BREAKDOWNS.join('|')}))?$` })) },
  { additionalProperties: false },
);

const OptionResult = Type.Object({
  id: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  percent: Nullable(Type.Number()),
  marginOfError: Nullable(Type.Number()),
  meanRank: Type.Optional(Nullable(Type.Number())),
});

export const CaseRatingsOut = Nullable(
  Type.Object({
    question: Type.String(),
    mapping: Type.Record(Type.String(), Type.String()),
    from: Type.String(),
    to: Type.String(),
    rated: Type.Integer(),
    options: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), count: Type.Integer(), percent: Nullable(Type.Number()) })),
  }),
);

export const ResultsOut = Type.Object({
  poll: PollOut,
  version: Type.Integer(),
  versions: Type.Array(Type.Object({ version: Type.Integer(), responses: Type.Integer() })),
  responses: Type.Integer(),
  marginOfError: Nullable(Type.Number()),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      text: Type.String(),
      respondents: Type.Integer(),
      options: Type.Array(OptionResult),
      items: Type.Optional(Type.Array(Type.Object({ id: Type.String(), label: Type.String(), options: Type.Array(OptionResult) }))),
      mean: Type.Optional(Nullable(Type.Number())),
    }),
  ),
  breakdown: Nullable(
    Type.Object({
      by: Type.Array(Type.String()),
      minCellSize: Type.Integer(),
      groups: Type.Array(
        Type.Object({
          keys: Type.Record(Type.String(), Type.String()),
          labels: Type.Record(Type.String(), Type.String()),
          respondents: Nullable(Type.Integer()),
          questions: Type.Record(Type.String(), Type.Object({ respondents: Nullable(Type.Integer()), options: Type.Record(Type.String(), Nullable(Type.Integer())) })),
        }),
      ),
    }),
  ),
  caseRatings: CaseRatingsOut,
});

export const RatingLinkBody = Type.Object(
  {
    question: Type.String({ maxLength: 40 }),
    mapping: Type.Object(
      { satisfied: Type.String({ maxLength: 40 }), basically_satisfied: Type.String({ maxLength: 40 }), dissatisfied: Type.String({ maxLength: 40 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const PollCaseBody = Type.Object(
  { description: Text(2000, 4), placeId: Type.Optional(Uuid), question: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);

export const PollCaseOut = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  status: Type.String(),
  description: Type.String(),
  question: Nullable(Type.String()),
  createdAt: DateTime,
});

const QuestionId = Type.String({ maxLength: 40 });

/** Either a topic already open before the council, or a new one proposed with the result. */
export const PollTopicBody = Type.Union([
  Type.Object({ question: QuestionId, topicId: Uuid }, { additionalProperties: false }),
  Type.Object({ question: QuestionId, councilId: Uuid, title: Text(200), body: Text(5000) }, { additionalProperties: false }),
]);

export const PollTopicOut = Type.Object({
  topicId: Uuid,
  topicTitle: Type.String(),
  topicStatus: Type.String(),
  councilId: Uuid,
  councilName: Type.String(),
  question: Type.String(),
  result: Type.Object({
    pollTitle: Type.String(),
    questionText: Type.String(),
    respondents: Type.Integer(),
    responses: Type.Integer(),
    options: Type.Array(Type.Object({ label: Type.String(), count: Type.Integer(), percent: Nullable(Type.Number()) })),
    marginOfError: Nullable(Type.Number()),
    takenAt: DateTime,
  }),
  createdAt: DateTime,
});

export const CouncilChoiceOut = Type.Object({ id: Uuid, name: Type.String(), topics: Type.Array(Type.Object({ id: Uuid, title: Type.String() })) });

export const TrendOut = Type.Array(
  Type.Object({
    pollId: Uuid,
    title: Type.String(),
    opensAt: DateTime,
    respondents: Type.Integer(),
    options: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer(), percent: Nullable(Type.Number()) })),
  }),
);
