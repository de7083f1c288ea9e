import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, pgView, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { accounts } from '../../platform/auth/schema.js';
import { residents } from '../people/schema.js';
import { places } from '../places/schema.js';
import { cases } from '../cases/schema.js';
import { topics } from '../councils/schema.js';
import type { Answers } from './answers.js';
import type { Definition } from './questionnaire.js';
import type { RatingMapping } from './rating-link.js';
import type { TallyRow } from './tally.js';
import type { ResultSnapshot } from './topics.js';

/** A questionnaire belongs to the place whose staff wrote it; its questions live in its versions. */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('questionnaires_place').on(t.placeId)],
);

/**
 * The questions as they stood. A version that has answers is never changed: an edit then makes
 * the next version, and every response names the version it answered.
 */
export const questionnaireVersions = pgTable(
  'questionnaire_versions',
  {
    id: id(),
    questionnaireId: uuid().notNull().references(() => questionnaires.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    definition: jsonb().$type<Definition>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('questionnaire_versions_number').on(t.questionnaireId, t.version)],
);

/** One round of asking: who (a place subtree, a group, everyone or a sample), when, and how. */
export const polls = pgTable(
  'polls',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    questionnaireId: uuid().notNull().references(() => questionnaires.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    targetGroup: text().notNull().default('everyone'),
    /** A sampled poll asks only the residents drawn (poll_sample); an open one everyone targeted. */
    sampled: boolean().notNull().default(false),
    sampleSize: integer(),
    sampleSeed: text(),
    stratified: boolean().notNull().default(false),
    /** How many residents were targeted when the poll was made: the N of the margin of error. */
    population: integer().notNull(),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    anonymous: boolean().notNull().default(false),
    minCellSize: integer().notNull().default(5),
    /** Rounds of the same poll share a series, so a question's trend can be read across them. */
    series: text(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('polls_place').on(t.placeId), index('polls_series').on(t.series)],
);

export const pollSample = pgTable('poll_sample', {
  pollId: uuid().notNull().references(() => polls.id, { onDelete: 'cascade' }),
  residentId: uuid().notNull().references(() => residents.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.pollId, t.residentId] })]);

/** One-time codes a liaison hands to residents without an account; only their hash is kept. */
export const pollCodes = pgTable(
  'poll_codes',
  {
    codeHash: text().primaryKey(),
    pollId: uuid().notNull().references(() => polls.id, { onDelete: 'cascade' }),
    residentId: uuid().notNull().references(() => residents.id, { onDelete: 'cascade' }),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [unique('poll_codes_one_per_resident').on(t.pollId, t.residentId)],
);

/**
 * Who has answered. Apart from the responses, and with no time and no link to them, so that in
 * an anonymous poll the answers cannot be traced to a person while a second answer is refused by
 * the primary key, also when two arrive at once.
 */
export const pollParticipations = pgTable('poll_participations', {
  pollId: uuid().notNull().references(() => polls.id, { onDelete: 'cascade' }),
  residentId: uuid().notNull().references(() => residents.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.pollId, t.residentId] })]);

/**
 * The answers. In an anonymous poll `residentId` is null, the id is random rather than
 * time-ordered and only the day is kept. The resident's attributes at the time of answering are
 * copied for breakdowns, coarse enough (community, age band) that small cells are suppressed.
 */
export const pollResponses = pgTable(
  'poll_responses',
  {
    id: uuid().primaryKey(),
    pollId: uuid().notNull().references(() => polls.id, { onDelete: 'restrict' }),
    versionId: uuid().notNull().references(() => questionnaireVersions.id, { onDelete: 'restrict' }),
    answers: jsonb().$type<Answers>().notNull(),
    /** Not a foreign key: responses are append-only, so nothing may rewrite them when a resident goes. */
    residentId: uuid(),
    /** How it came in: the resident's account, a one-time code, or a liaison's interview (proxy). */
    via: text({ enum: ['account', 'code', 'proxy'] }).notNull(),
    proxyAccountId: uuid(),
    day: date().notNull(),
    communityId: uuid().notNull(),
    ageGroup: text().notNull(),
    residency: text().notNull(),
    gender: text().notNull(),
  },
  (t) => [index('poll_responses_poll').on(t.pollId)],
);

/** Partial answers, kept as the resident types, until the response is sent. */
export const pollDrafts = pgTable('poll_drafts', {
  pollId: uuid().notNull().references(() => polls.id, { onDelete: 'cascade' }),
  residentId: uuid().notNull().references(() => residents.id, { onDelete: 'cascade' }),
  answers: jsonb().$type<Answers>().notNull(),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.pollId, t.residentId] })]);

/** What a count is kept by (poll, version, question, option, cell of resident attributes), and the count. */
const countColumns = () => ({
  pollId: uuid().notNull(),
  version: integer().notNull(),
  question: text().notNull(),
  option: text().notNull(),
  communityId: uuid().notNull(),
  ageGroup: text().notNull(),
  residency: text().notNull(),
  gender: text().notNull(),
  n: integer().notNull(),
  total: doublePrecision().notNull().default(0),
});

/**
 * Counts per poll, version, question, option and cell of resident attributes, so results never
 * scan the responses. `option` '' counts the respondents of the question (question '' those of
 * the poll); a matrix counts `item:option`; `total` sums numbers and ranks for means. Written only
 * by folding the queue below, never by a response itself.
 */
export const pollTallies = pgTable(
  'poll_tallies',
  { ...countColumns(), pollId: uuid().notNull().references(() => polls.id, { onDelete: 'cascade' }) },
  (t) => [primaryKey({ columns: [t.pollId, t.question, t.option, t.version, t.communityId, t.ageGroup, t.residency, t.gender] })],
);

/**
 * What each response adds to the tallies, queued in the response's own statement and folded
 * into `poll_tallies` in the background (tally-queue.ts). A response thus writes rows of its own
 * only, instead of some forty counters that every concurrent response also wants to update.
 */
export const pollTallyQueue = pgTable('poll_tally_queue', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  pollId: uuid().notNull().references(() => polls.id, { onDelete: 'cascade' }),
  version: integer().notNull(),
  communityId: uuid().notNull(),
  ageGroup: text().notNull(),
  residency: text().notNull(),
  gender: text().notNull(),
  /** The response's `TallyRow`s (tally.ts). */
  rows: jsonb().$type<TallyRow[]>().notNull(),
});

/** The counts as results read them: the folded tallies plus whatever is still queued, so results are live to the last response. */
export const pollCounts = pgView('poll_counts', countColumns()).as(
  sql`select poll_id, version, question, option, community_id, age_group, residency, gender, n, total from poll_tallies
      union all
      select q.poll_id, q.version, u.question, u.option, q.community_id, q.age_group, q.residency, q.gender, u.n, u.total
      from poll_tally_queue q cross join lateral jsonb_to_recordset(q.rows) as u(question text, option text, n int, total float8)`,
);

/**
 * Requests to departments made from a poll: from one of its results or one free-text answer.
 * The case itself lives in the cases module; this says where it came from, so the poll lists them.
 */
export const pollCases = pgTable(
  'poll_cases',
  {
    id: id(),
    pollId: uuid().notNull().references(() => polls.id, { onDelete: 'restrict' }),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    /** The question the request comes from, if one. */
    question: text(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [unique('poll_cases_once').on(t.pollId, t.caseId)],
);

/**
 * A satisfaction question of a poll linked to the closing rating of cases: each of the cases'
 * three ratings is mapped onto one option of the question, so that the poll's results show the
 * cases' ratings on the same scale, beside the residents' answers. One question per poll.
 */
export const pollRatingLinks = pgTable('poll_rating_links', {
  pollId: uuid().primaryKey().references(() => polls.id, { onDelete: 'cascade' }),
  question: text().notNull(),
  mapping: jsonb().$type<RatingMapping>().notNull(),
  createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});

/**
 * A question's result put before a council as the ground of a topic. The figures are copied as
 * they stood, because that is what the council was shown and what it deliberated on; a topic page
 * is public and the poll's live results are not. Append-only.
 */
export const pollTopics = pgTable(
  'poll_topics',
  {
    id: id(),
    pollId: uuid().notNull().references(() => polls.id, { onDelete: 'restrict' }),
    topicId: uuid().notNull().references(() => topics.id, { onDelete: 'restrict' }),
    question: text().notNull(),
    result: jsonb().$type<ResultSnapshot>().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [unique('poll_topics_once').on(t.pollId, t.topicId, t.question), index('poll_topics_topic').on(t.topicId)],
);

export type PollRow = typeof polls.$inferSelect;
