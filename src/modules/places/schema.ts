import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { PLACE_LEVELS } from './rules.js';

export const placeLevel = pgEnum('place_level', PLACE_LEVELS);

/**
 * The jurisdiction tree. `path` is the chain of ids from the root, '/a/b/c/', so that
 * "everything under a place" is one prefix scan on an index.
 */
export const places = pgTable(
  'places',
  {
    id: id(),
    parentId: uuid().references((): AnyPgColumn => places.id, { onDelete: 'restrict' }),
    level: placeLevel().notNull(),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    path: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('places_code_among_siblings').on(t.parentId, t.code).nullsNotDistinct(),
    index('places_path_prefix').using('btree', sql`${t.path} text_pattern_ops`),
    index('places_parent').on(t.parentId),
  ],
);

export type PlaceRow = typeof places.$inferSelect;
