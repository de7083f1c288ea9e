import { and, desc, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { EVERYWHERE, scopesFor } from '../access.js';
import type { Ctx } from '../context.js';
import { auditLog, type AuditRow } from './schema.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The owning place, or null for installation-wide records such as accounts without a home place. */
  place: { id: string; path: string } | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one entry, inside the caller's transaction so that a change and its record stand or
 * fall together. Callers pass snapshots already stripped of personal data.
 */
export async function recordAudit(tx: Executor, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at: ctx.now(),
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.username,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    placeId: entry.place?.id ?? null,
    placePath: entry.place?.path ?? EVERYWHERE,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  since?: Date | undefined;
  /** Entries strictly older than this id (ids are time-ordered): the next page. */
  before?: string | undefined;
  limit: number;
}

/** The entries within the actor's audit scope, newest first. */
export async function listAudit(ctx: Ctx, query: AuditQuery): Promise<AuditRow[]> {
  const scopes = scopesFor(ctx.actor, 'audit.read');
  if (scopes.length === 0) return [];
  const conditions: SQL[] = [];
  if (!scopes.includes(EVERYWHERE)) conditions.push(or(...scopes.map((p) => like(auditLog.placePath, `${p}%`)))!);
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.since) conditions.push(gte(auditLog.at, query.since));
  if (query.before) conditions.push(lt(auditLog.id, query.before));
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
}
