import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import { queryRows } from '../../db/client.js';
import type { Deps } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { ESCALATION_LEVELS, planEscalation } from './escalation.js';
import type { CaseRow } from './schema.js';


type DueRow = Pick<CaseRow, 'id' | 'cityId' | 'status' | 'departmentId' | 'escalationLevel' | 'dispatchedAt' | 'acceptBy' | 'onSceneBy' | 'onSceneAt' | 'resolveBy'>;

const LEVEL_NAMES: Record<number, string> = { [ESCALATION_LEVELS.departmentHead]: 'department_head', [ESCALATION_LEVELS.district]: 'district' };

/**
 * Escalates the cases whose deadline has passed, a batch per transaction. The rows are taken
 * with FOR UPDATE SKIP LOCKED, so sweeps running in several server processes at once share the
 * work and never escalate a case twice; a row's level is bumped only from the level it was read at.
 */
export async function sweepDeadlines(deps: Deps, options: { batch?: number } = {}): Promise<{ escalated: number }> {
  const batch = options.batch ?? 5000;
  let escalated = 0;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      const now = deps.now();
      const due = await queryRows<{ id: string; city_id: string; status: CaseRow['status']; department_id: string | null; escalation_level: number; dispatched_at: string | null; accept_by: string | null; on_scene_by: string | null; on_scene_at: string | null; resolve_by: string | null }>(
        tx,
        sql`select id, city_id, status, department_id, escalation_level, dispatched_at, accept_by, on_scene_by, on_scene_at, resolve_by
            from cases where next_escalation_at <= ${now.toISOString()}
            order by next_escalation_at limit ${batch} for update skip locked`,
      );
      if (due.length === 0) return 0;
      const date = (v: string | null) => (v === null ? null : new Date(v));
      const rows: DueRow[] = due.map((r) => ({
        id: r.id,
        cityId: r.city_id,
        status: r.status,
        departmentId: r.department_id,
        escalationLevel: r.escalation_level,
        dispatchedAt: date(r.dispatched_at),
        acceptBy: date(r.accept_by),
        onSceneBy: date(r.on_scene_by),
        onSceneAt: date(r.on_scene_at),
        resolveBy: date(r.resolve_by),
      }));
      const levels = rows.map((r) => Math.min(r.escalationLevel + 1, ESCALATION_LEVELS.district));
      const nexts = rows.map((r, i) => planEscalation({ ...r, escalationLevel: levels[i]! })?.toISOString() ?? null);
      await tx.execute(sql`
        update cases c set escalation_level = v.level, next_escalation_at = v.next, updated_at = ${now.toISOString()}
        from unnest(${pgArray(rows.map((r) => r.id))}::uuid[], ${pgArray(levels)}::int[], ${pgArray(nexts)}::timestamptz[]) as v(id, level, next)
        where c.id = v.id`);
      await tx.execute(sql`
        insert into case_events (id, case_id, city_id, at, kind, actor_name, department_id, public, data)
        select v.event_id, v.case_id, v.city_id, ${now.toISOString()}, 'escalated', 'system:deadline-sweep', v.department_id, false,
               jsonb_build_object('level', v.level, 'to', v.level_name)
        from unnest(${pgArray(rows.map(() => newId()))}::uuid[], ${pgArray(rows.map((r) => r.id))}::uuid[], ${pgArray(rows.map((r) => r.cityId))}::uuid[],
                    ${pgArray(rows.map((r) => r.departmentId))}::uuid[], ${pgArray(levels)}::int[], ${pgArray(levels.map((l) => LEVEL_NAMES[l]!))}::text[])
             as v(event_id, case_id, city_id, department_id, level, level_name)`);
      return rows.length;
    });
    escalated += done;
    if (done < batch) return { escalated };
  }
}
