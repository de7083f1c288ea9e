import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { loadCouncil } from './councils.js';

export interface TrailEntry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  after: unknown;
}

/**
 * Everything done to a council and its business, newest first, for the supervision group (whoever
 * reads the audit log over the council's place): membership, meetings, topics, motions, tasks,
 * discussions and wards. Secret votes were never written to the log, so none show here.
 */
export async function councilTrail(ctx: Ctx, councilId: string, before: string | undefined, limit: number): Promise<TrailEntry[]> {
  const council = await loadCouncil(ctx.db, ctx, councilId, 'audit.read');
  const id = council.id;
  const rows = await queryRows<TrailEntry>(
    ctx.db,
    sql`select a.id, a.at, a.actor_name as "actorName", a.action, a.entity_type as "entityType", a.entity_id as "entityId", a.after
        from audit_log a
        where ((a.entity_type = 'council' and a.entity_id = ${id})
            or (a.entity_type = 'meeting' and a.entity_id in (select id::text from meetings where council_id = ${id}))
            or (a.entity_type = 'motion' and a.entity_id in (select id::text from motions where council_id = ${id}))
            or (a.entity_type = 'topic' and a.entity_id in (select id::text from topics where council_id = ${id}))
            or (a.entity_type = 'conversation' and a.entity_id in (select id::text from conversations where council_id = ${id})))
          ${before ? sql`and a.id < ${before}::uuid` : sql``}
        order by a.id desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
