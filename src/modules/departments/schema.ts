import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { places } from '../places/schema.js';

/**
 * The departments behind a city's one-number line. Each city keeps its own editable copy of
 * the catalog, so `placeId` is the city. A retired department keeps its history but takes no new cases.
 */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    /** What it is responsible for, in plain words: shown to dispatchers, used for routing. */
    handles: text().notNull().default(''),
    retiredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('departments_code_in_city').on(t.placeId, t.code)],
);

/** The kinds of request a department takes; they carry the city too, for scoping and sharding. */
export const categories = pgTable(
  'categories',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    departmentId: uuid().notNull().references(() => departments.id, { onDelete: 'restrict' }),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    retiredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('categories_code_in_department').on(t.departmentId, t.code), index('categories_place').on(t.placeId)],
);

export type DepartmentRow = typeof departments.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
