import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from '../../db/columns.js';

/**
 * Append-only record of every state change. A trigger (see the migrations) refuses UPDATE,
 * DELETE and TRUNCATE. `placePath` is copied at writing time so the entry stays readable by
 * the supervisors of that place even if the place is later moved or removed.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: createdAt(),
    actorId: uuid(),
    actorName: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    placeId: uuid(),
    placePath: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
  },
  (t) => [
    index('audit_log_place_path').using('btree', sql`${t.placePath} text_pattern_ops`, t.at),
    index('audit_log_entity').on(t.entityType, t.entityId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
