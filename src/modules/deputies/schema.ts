import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { accounts } from '../../platform/auth/schema.js';
import { cases } from '../cases/schema.js';
import { places } from '../places/schema.js';

/**
 * People's congress deputies with their constituency: a place subtree whose residents they
 * represent (and poll). A deputy may log in with an account holding the deputy role.
 */
export const deputies = pgTable(
  'deputies',
  {
    id: id(),
    /** The constituency. */
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    accountId: uuid().unique().references(() => accounts.id, { onDelete: 'set null' }),
    name: text().notNull(),
    /** Municipal or district (county) people's congress, or a township's. */
    level: text({ enum: ['municipal', 'district', 'township'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('deputies_place').on(t.placeId)],
);

/** Deputies' workstations and liaison workshops (代表工作站、联络站), where deputies meet residents. */
export const workstations = pgTable(
  'workstations',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    address: text().notNull().default(''),
    kind: text({ enum: ['workstation', 'workshop'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('workstations_place').on(t.placeId)],
);

/** The reception schedule: a deputy at a workstation for a while, open to any resident who comes. */
export const receptions = pgTable(
  'receptions',
  {
    id: id(),
    workstationId: uuid().notNull().references(() => workstations.id, { onDelete: 'restrict' }),
    deputyId: uuid().notNull().references(() => deputies.id, { onDelete: 'restrict' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    topic: text().notNull().default(''),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** A cancelled reception stays on the schedule, marked, so that nobody comes in vain without being told why. */
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
  },
  (t) => [index('receptions_deputy').on(t.deputyId, t.startsAt), index('receptions_workstation').on(t.workstationId, t.startsAt)],
);

/**
 * Who came to a workstation and the issue they raised: append-only (a database trigger refuses
 * changes), the phone sealed and shown masked. Forwarding an issue is recorded beside it.
 */
export const visits = pgTable(
  'visits',
  {
    id: id(),
    workstationId: uuid().notNull().references(() => workstations.id, { onDelete: 'restrict' }),
    deputyId: uuid().references(() => deputies.id, { onDelete: 'restrict' }),
    receptionId: uuid().references(() => receptions.id, { onDelete: 'restrict' }),
    /** Not a foreign key: an append-only record may not be rewritten when a resident record goes. */
    residentId: uuid(),
    visitorName: text().notNull(),
    phoneCipher: text(),
    phoneMasked: text(),
    issue: text().notNull(),
    visitedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid(),
    createdAt: createdAt(),
  },
  (t) => [index('visits_workstation').on(t.workstationId, t.visitedAt)],
);

/** An issue a liaison forwarded as a request to a department: once per visit. */
export const visitCases = pgTable('visit_cases', {
  visitId: uuid().primaryKey().references(() => visits.id, { onDelete: 'restrict' }),
  caseId: uuid().notNull().references(() => cases.id, { onDelete: 'restrict' }),
  forwardedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
  forwardedAt: createdAt(),
});
