import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';
import { accounts } from '../../platform/auth/schema.js';
import { residents } from '../people/schema.js';
import { places } from '../places/schema.js';
import { GENESIS } from './chain.js';

/**
 * A place (a village, a community) that runs a Bank of Merit, with its rules. The head of the
 * ledger's hash chain lives here too: appending an entry locks this row, so entries of one bank
 * are numbered and chained one after the other also when two grants arrive at once.
 */
export const meritBanks = pgTable('merit_banks', {
  placeId: uuid().primaryKey().references(() => places.id, { onDelete: 'restrict' }),
  grantRule: text({ enum: ['all', 'majority'] }).notNull().default('all'),
  /** Days after the deed in which it may still be claimed. */
  retroWindowDays: integer().notNull().default(90),
  /** Points lapse this many months after the deed; null: never. */
  expiryMonths: integer(),
  privacy: text({ enum: ['full', 'masked', 'initials'] }).notNull().default('masked'),
  headSeq: bigint({ mode: 'number' }).notNull().default(0),
  headHash: text().notNull().default(GENESIS),
  createdAt: createdAt(),
});

/** The assessing bodies of a bank: four by default; one of them hears appeals. */
export const meritBodies = pgTable(
  'merit_bodies',
  {
    id: id(),
    placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'cascade' }),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    supervisory: boolean().notNull().default(false),
    position: smallint().notNull(),
  },
  (t) => [unique('merit_bodies_code').on(t.placeId, t.code)],
);

export const meritBodyMembers = pgTable(
  'merit_body_members',
  {
    bodyId: uuid().notNull().references(() => meritBodies.id, { onDelete: 'cascade' }),
    accountId: uuid().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.accountId] }), index('merit_body_members_account').on(t.accountId)],
);

/** A criterion of the catalog; what it pays lives in its versions, never edited once written. */
export const meritCriteria = pgTable(
  'merit_criteria',
  {
    id: id(),
    placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'restrict' }),
    code: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('merit_criteria_code').on(t.placeId, t.code)],
);

export const meritCriterionVersions = pgTable(
  'merit_criterion_versions',
  {
    id: id(),
    criterionId: uuid().notNull().references(() => meritCriteria.id, { onDelete: 'restrict' }),
    version: integer().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    deedType: text().notNull(),
    unit: text({ enum: ['occurrence', 'hour'] }).notNull(),
    pointsPerUnit: integer().notNull(),
    dailyLimit: integer(),
    quarterlyLimit: integer(),
    evidence: text().array().notNull().default(sql`'{}'::text[]`),
    validFrom: date().notNull(),
    validTo: date(),
    createdBy: uuid(),
    createdAt: createdAt(),
  },
  (t) => [unique('merit_criterion_versions_number').on(t.criterionId, t.version)],
);

/** Volunteer activities whose hours become claims at check-out. */
export const meritActivities = pgTable(
  'merit_activities',
  {
    id: id(),
    placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'restrict' }),
    title: text().notNull(),
    organiser: text().notNull(),
    criterionId: uuid().notNull().references(() => meritCriteria.id, { onDelete: 'restrict' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid(),
    createdAt: createdAt(),
  },
  (t) => [index('merit_activities_place').on(t.placeId)],
);

export const meritParticipants = pgTable(
  'merit_participants',
  {
    activityId: uuid().notNull().references(() => meritActivities.id, { onDelete: 'cascade' }),
    residentId: uuid().notNull().references(() => residents.id, { onDelete: 'cascade' }),
    signedUpAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedOutAt: timestamp({ withTimezone: true }),
    claimId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.residentId] })],
);

/**
 * A claim that someone did a good deed. One claim per person, criterion and day: a second one
 * for the same deed is a duplicate (more occurrences go in the quantity), refused by the index
 * below also when two arrive at once; a rejected claim does not block a new one.
 */
export const meritClaims = pgTable(
  'merit_claims',
  {
    id: id(),
    /** Counted per bank (GD-2026-000012): two villages each have their claim number 1. */
    number: text().notNull(),
    placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'restrict' }),
    residentId: uuid().notNull().references(() => residents.id, { onDelete: 'restrict' }),
    criterionId: uuid().notNull().references(() => meritCriteria.id, { onDelete: 'restrict' }),
    /** The version in force on the deed's day, by which the deed is valued. */
    versionId: uuid().notNull().references(() => meritCriterionVersions.id, { onDelete: 'restrict' }),
    deedDate: date().notNull(),
    quantity: numeric({ precision: 8, scale: 2, mode: 'number' }).notNull(),
    description: text().notNull(),
    photos: text().array().notNull().default(sql`'{}'::text[]`),
    witnesses: text().array().notNull().default(sql`'{}'::text[]`),
    filing: text({ enum: ['own', 'behalf', 'group'] }).notNull(),
    filedBy: uuid(),
    groupId: uuid(),
    activityId: uuid(),
    status: text({ enum: ['pending', 'more_requested', 'granted', 'rejected'] }).notNull().default('pending'),
    points: integer(),
    appeal: text({ enum: ['open', 'upheld', 'overturned'] }),
    createdAt: createdAt(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('merit_claims_number_in_bank').on(t.placeId, t.number),
    index('merit_claims_place_status').on(t.placeId, t.status),
    index('merit_claims_resident').on(t.residentId),
    uniqueIndex('merit_claims_one_per_deed').on(t.residentId, t.criterionId, t.deedDate).where(sql`status <> 'rejected'`),
  ],
);

/** Every step of a claim: filed, each body's word with its reason, more evidence, the outcome, appeals. Append-only. */
export const meritClaimEvents = pgTable(
  'merit_claim_events',
  {
    id: id(),
    claimId: uuid().notNull().references(() => meritClaims.id, { onDelete: 'restrict' }),
    at: createdAt(),
    kind: text().notNull(),
    bodyId: uuid(),
    decision: text(),
    reason: text(),
    actorId: uuid(),
    actorName: text().notNull(),
  },
  (t) => [index('merit_claim_events_claim').on(t.claimId, t.at)],
);

/**
 * The ledger: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), numbered per bank and
 * hash-chained (chain.ts). Not foreign keys to residents or claims: nothing may ever rewrite it.
 */
export const meritLedger = pgTable(
  'merit_ledger',
  {
    id: id(),
    placeId: uuid().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    residentId: uuid().notNull(),
    kind: text({ enum: ['grant', 'correction', 'expiry'] }).notNull(),
    points: integer().notNull(),
    deedType: text().notNull(),
    deedDate: date().notNull(),
    claimId: uuid(),
    correctsSeq: bigint({ mode: 'number' }),
    reason: text(),
    expiresOn: date(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [unique('merit_ledger_seq').on(t.placeId, t.seq), index('merit_ledger_resident').on(t.placeId, t.residentId, t.seq)],
);

/**
 * Points per bank, resident, quarter and deed type, kept by a statement trigger on the ledger, so a
 * report reads accounts × deed types rather than every entry.
 */
export const meritTallies = pgTable(
  'merit_tallies',
  {
    placeId: uuid().notNull(),
    residentId: uuid().notNull(),
    year: smallint().notNull(),
    quarter: smallint().notNull(),
    deedType: text().notNull(),
    points: integer().notNull(),
    deeds: integer().notNull(),
    lastGrant: date(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.year, t.quarter, t.residentId, t.deedType] })],
);

/** A published quarterly report: the figures as published, and the chain head they were read at. */
export const meritReports = pgTable(
  'merit_reports',
  {
    id: id(),
    placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'restrict' }),
    quarter: text().notNull(),
    headSeq: bigint({ mode: 'number' }).notNull(),
    headHash: text().notNull(),
    privacy: text().notNull(),
    figures: jsonb().notNull(),
    publishedAt: createdAt(),
    publishedBy: uuid(),
  },
  (t) => [unique('merit_reports_quarter').on(t.placeId, t.quarter)],
);

/** The bodies' confirmation of the Outstanding Contributor of the Year. */
export const meritExemplarConfirmations = pgTable(
  'merit_exemplar_confirmations',
  {
    placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'restrict' }),
    year: smallint().notNull(),
    bodyId: uuid().notNull().references(() => meritBodies.id, { onDelete: 'cascade' }),
    residentId: uuid().notNull(),
    confirmedBy: uuid(),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.year, t.bodyId] })],
);

/**
 * An official extract of a resident's record for a bank or land committee. Only the hash of its
 * verification code is kept; `contents` is exactly what the extract shows, and all the public
 * verification page shows.
 */
export const meritExtracts = pgTable('merit_extracts', {
  id: id(),
  codeHash: text().notNull().unique(),
  placeId: uuid().notNull().references(() => meritBanks.placeId, { onDelete: 'restrict' }),
  residentId: uuid().notNull(),
  purpose: text({ enum: ['loan', 'homestead'] }).notNull(),
  contents: jsonb().notNull(),
  createdBy: uuid(),
  createdAt: createdAt(),
});

export type ClaimRow = typeof meritClaims.$inferSelect;
export type BankRow = typeof meritBanks.$inferSelect;
