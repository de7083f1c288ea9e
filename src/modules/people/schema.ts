import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { places } from '../places/schema.js';
import { GENDERS, RESIDENCY } from './rules.js';

export const residency = pgEnum('residency', RESIDENCY);
export const gender = pgEnum('gender', GENDERS);

export const households = pgTable(
  'households',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    /** The household register number or the door plate, as the community writes it. */
    number: text().notNull(),
    address: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('households_number_in_place').on(t.placeId, t.number)],
);

/**
 * Residents. Phone and ID numbers are stored encrypted, with a keyed hash for exact lookup
 * and a masked form for display; the plain values never reach a query or a log.
 */
export const residents = pgTable(
  'residents',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    householdId: uuid().references(() => households.id, { onDelete: 'set null' }),
    /** e.g. head, spouse, child, parent, other: free text as communities record it. */
    householdRole: text(),
    name: text().notNull(),
    gender: gender(),
    birthYear: integer(),
    phoneCipher: text(),
    phoneHash: text(),
    phoneMasked: text(),
    idCipher: text(),
    idHash: text(),
    idMasked: text(),
    residency: residency().notNull(),
    partyMember: boolean().notNull().default(false),
    vulnerableGroups: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('residents_place').on(t.placeId),
    index('residents_household').on(t.householdId),
    index('residents_phone_hash').on(t.phoneHash),
    uniqueIndex('residents_id_hash').on(t.idHash),
  ],
);

export type ResidentRow = typeof residents.$inferSelect;
export type HouseholdRow = typeof households.$inferSelect;
