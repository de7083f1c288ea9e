import { index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { places } from '../../modules/places/schema.js';
import { departments } from '../../modules/departments/schema.js';
import { residents } from '../../modules/people/schema.js';
import { ROLES } from '../access.js';

export const role = pgEnum('role', ROLES);

/**
 * People and systems that log in. Accounts are installation-wide (a reference table in a
 * sharded deployment); `placeId` is the home place that decides which administrators manage it.
 */
export const accounts = pgTable('accounts', {
  id: id(),
  username: text().notNull().unique(),
  displayName: text().notNull(),
  residentId: uuid()
    .unique()
    .references(() => residents.id, { onDelete: 'set null' }),
  placeId: uuid().references(() => places.id, { onDelete: 'restrict' }),
  passwordHash: text().notNull(),
  locale: text(),
  failedLogins: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  disabledAt: timestamp({ withTimezone: true }),
  passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A role held on a place subtree; no place means the whole installation. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: id(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: role().notNull(),
    placeId: uuid().references(() => places.id, { onDelete: 'restrict' }),
    /** For department staff and heads: whose cases they handle. */
    departmentId: uuid().references(() => departments.id, { onDelete: 'restrict' }),
    grantedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [unique('role_grants_once').on(t.accountId, t.role, t.placeId).nullsNotDistinct()],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

/** Bearer tokens for integrations; shown once at creation, stored as SHA-256. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The first characters of the token, so people can tell their tokens apart. */
    prefix: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_tokens_account').on(t.accountId)],
);

export type AccountRow = typeof accounts.$inferSelect;
