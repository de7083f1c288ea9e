import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgEnum, pgSequence, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { accounts } from '../../platform/auth/schema.js';
import { categories, departments } from '../departments/schema.js';
import { residents } from '../people/schema.js';
import { places } from '../places/schema.js';
import { CASE_STATUSES, CHANNELS, OPEN_STATUSES, PRIORITIES, RATINGS } from './workflow.js';

export const caseStatus = pgEnum('case_status', CASE_STATUSES);
export const caseChannel = pgEnum('case_channel', CHANNELS);
export const casePriority = pgEnum('case_priority', PRIORITIES);
export const caseRating = pgEnum('case_rating', RATINGS);

/** One sequence for every case number: no lock is held between concurrent intakes (gaps are fine). */
export const caseNumbers = pgSequence('case_number_seq', { startWith: 1 });

/**
 * Requests from residents, one row each, whatever the channel. `placeId` is where the problem
 * is; `cityId` is the city whose one-number line and departments handle it. Contact numbers are
 * sealed like residents' ones: cipher, blind index, mask.
 */
export const cases = pgTable(
  'cases',
  {
    id: id(),
    number: text().notNull().unique(),
    cityId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    channel: caseChannel().notNull(),
    status: caseStatus().notNull().default('received'),
    statusBeforeSuspend: caseStatus(),
    priority: casePriority().notNull().default('normal'),
    description: text().notNull(),
    address: text().notNull().default(''),
    lat: doublePrecision(),
    lng: doublePrecision(),
    photos: text().array().notNull().default(sql`'{}'::text[]`),
    categoryId: uuid().references(() => categories.id, { onDelete: 'restrict' }),
    departmentId: uuid().references(() => departments.id, { onDelete: 'restrict' }),
    /** What the router proposed at intake, kept to learn from the dispatcher's choice. */
    suggestedDepartmentId: uuid().references(() => departments.id, { onDelete: 'restrict' }),
    suggestedConfidence: real(),
    /** A department that asked to hand the case over, waiting for the dispatcher's agreement. */
    handoffToId: uuid().references(() => departments.id, { onDelete: 'restrict' }),
    residentId: uuid().references(() => residents.id, { onDelete: 'set null' }),
    requesterAccountId: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    contactName: text(),
    contactPhoneCipher: text(),
    contactPhoneHash: text(),
    contactPhoneMasked: text(),
    /** The requester asked that departments not learn who they are. */
    anonymous: boolean().notNull().default(false),
    mayContact: boolean().notNull().default(true),
    mergedIntoId: uuid(),
    acceptBy: timestamp({ withTimezone: true }),
    onSceneBy: timestamp({ withTimezone: true }),
    resolveBy: timestamp({ withTimezone: true }),
    /** The clock the policy of the present deadlines runs on: working hours or the calendar. */
    slaClock: text({ enum: ['working', 'calendar'] }),
    /** 0 none, 1 department head, 2 district. */
    escalationLevel: integer().notNull().default(0),
    /** When the sweep should next look at this case; null when nothing can become overdue. */
    nextEscalationAt: timestamp({ withTimezone: true }),
    reopenCount: integer().notNull().default(0),
    /** Times a department said "not ours": counted here so the evaluation need not read timelines. */
    returnCount: integer().notNull().default(0),
    rating: caseRating(),
    ratingComment: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    dispatchedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    onSceneAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cases_city_received').on(t.cityId, t.receivedAt),
    index('cases_place_received').on(t.placeId, t.receivedAt),
    index('cases_department_status').on(t.departmentId, t.status),
    index('cases_status_received').on(t.status, t.receivedAt),
    index('cases_requester').on(t.requesterAccountId),
    index('cases_contact_phone').on(t.contactPhoneHash),
    index('cases_due').on(t.nextEscalationAt).where(sql`${t.nextEscalationAt} is not null`),
    // The dashboard's "overdue open" count reads every open case of its window: from the index alone.
    index('cases_open_deadlines')
      .on(t.receivedAt, t.placeId, t.departmentId, t.status, t.acceptBy, t.onSceneBy, t.onSceneAt, t.resolveBy)
      .where(sql.raw(`status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`)),
  ],
);

/**
 * The timeline of each case: every transition, note, reply, check-in and escalation, with who
 * and when. Append-only (a trigger refuses updates and deletes); `public` entries are what the
 * requester sees.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: id(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    cityId: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    kind: text().notNull(),
    fromStatus: caseStatus(),
    toStatus: caseStatus(),
    actorId: uuid(),
    actorName: text().notNull(),
    departmentId: uuid(),
    public: boolean().notNull(),
    body: text(),
    data: jsonb(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.at)],
);

/** Departments asked to help with a case (joint handling): they see it, add notes and check in. */
export const caseHelpers = pgTable(
  'case_helpers',
  {
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    departmentId: uuid().notNull().references(() => departments.id, { onDelete: 'restrict' }),
    cityId: uuid().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.departmentId] }), index('case_helpers_department').on(t.departmentId)],
);

/**
 * Idempotency keys of submissions: a retried submission with the same key from the same
 * submitter finds its case instead of making a second one. No foreign key to the case: the key
 * is claimed first, in the same transaction, so a concurrent retry waits on it.
 */
export const caseSubmissions = pgTable(
  'case_submissions',
  {
    submitter: text().notNull(),
    key: text().notNull(),
    caseId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submitter, t.key] })],
);

/** "The town blows the whistle": each department called must check in on the scene in time. */
export const whistleCalls = pgTable(
  'whistle_calls',
  {
    id: id(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
    cityId: uuid().notNull(),
    departmentId: uuid().notNull().references(() => departments.id, { onDelete: 'restrict' }),
    calledAt: timestamp({ withTimezone: true }).notNull(),
    calledBy: uuid(),
    windowMinutes: integer().notNull(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedInBy: uuid(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    /** The case-by-case evaluation of this department's response, by the official who called. */
    evaluation: text(),
    evaluationComment: text(),
  },
  (t) => [uniqueIndex('whistle_calls_once').on(t.caseId, t.departmentId), index('whistle_calls_department').on(t.departmentId, t.calledAt)],
);

/**
 * Per-place settings of the one-number line; the deepest place above a case that has a row wins,
 * field by field (a district sets its number prefix, the city its calendar and policies).
 */
export const caseSettings = pgTable('case_settings', {
  placeId: uuid().primaryKey().references(() => places.id, { onDelete: 'cascade' }),
  numberPrefix: text(),
  calendar: jsonb(),
  policies: jsonb(),
  whistleMinutes: integer(),
  updatedAt: updatedAt(),
});

/** Open311 API keys: each belongs to a city (jurisdiction); only the SHA-256 is kept. */
export const open311Keys = pgTable('open311_keys', {
  id: id(),
  cityId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
  name: text().notNull(),
  keyHash: text().notNull().unique(),
  prefix: text().notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp({ withTimezone: true }),
});

/**
 * The evaluation's counts per place, department and local day of receipt, so that a dashboard over
 * a million cases adds up a few thousand rows instead of reading every case. A trigger on `cases`
 * (see the migration `case_tallies`) appends one row taking a case's old contribution away and one
 * adding its new one whenever a counted column changes; `compactCaseTallies` folds those rows
 * together in the background. No key: appending never waits on another transaction's row.
 */
export const caseTallies = pgTable(
  'case_tallies',
  {
    placeId: uuid().notNull(),
    departmentId: uuid(),
    day: date().notNull(),
    cases: integer().notNull(),
    dispatched: integer().notNull(),
    accepted: integer().notNull(),
    acceptedOnTime: integer().notNull(),
    onScene: integer().notNull(),
    onSceneOnTime: integer().notNull(),
    resolved: integer().notNull(),
    resolvedOnTime: integer().notNull(),
    rated: integer().notNull(),
    satisfied: integer().notNull(),
    basicallySatisfied: integer().notNull(),
    dissatisfied: integer().notNull(),
    returned: integer().notNull(),
    reopened: integer().notNull(),
  },
  (t) => [index('case_tallies_day').on(t.day, t.placeId)],
);

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type WhistleCallRow = typeof whistleCalls.$inferSelect;
