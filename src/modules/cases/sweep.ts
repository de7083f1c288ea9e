import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import { type Executor, queryRows } from '../../db/client.js';
import type { Deps } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { nextEscalation, nextEscalationAt, type WorkCalendar } from './deadlines.js';
import { escalationStateOf } from './escalation.js';
import type { CaseRow } from './schema.js';
import { settingsFor } from './settings.js';

interface DueRow {
  id: string;
  city_id: string;
  place_path: string;
  status: CaseRow['status'];
  department_id: string | null;
  escalation_level: number;
  sla_clock: string | null;
  received_at: string;
  dispatched_at: string | null;
  accept_by: string | null;
  on_scene_by: string | null;
  on_scene_at: string | null;
  resolve_by: string | null;
}

const date = (v: string | null) => (v === null ? null : new Date(v));

/** The calendars of the places in a batch, looked up once per place. */
async function calendarsOf(tx: Executor, paths: string[]): Promise<Map<string, WorkCalendar>> {
  const calendars = new Map<string, WorkCalendar>();
  for (const path of new Set(paths)) calendars.set(path, (await settingsFor(tx, path, '')).calendar);
  return calendars;
}

/**
 * Escalates the cases whose deadline has passed, a batch per transaction: to the department head,
 * then to the district (deadlines.ts decides when). The rows are taken with FOR UPDATE SKIP
 * LOCKED, so sweeps running in several server processes share the work and never escalate a case
 * twice; a sweep that ran late records every level the case passed, each dated when it fell due.
 */
export async function sweepDeadlines(deps: Deps, options: { batch?: number } = {}): Promise<{ escalated: number }> {
  const batch = options.batch ?? 5000;
  let escalated = 0;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      const now = deps.now();
      const due = await queryRows<DueRow>(
        tx,
        sql`select c.id, c.city_id, p.path as place_path, c.status, c.department_id, c.escalation_level, c.sla_clock,
                   c.received_at, c.dispatched_at, c.accept_by, c.on_scene_by, c.on_scene_at, c.resolve_by
            from cases c join places p on p.id = c.place_id
            where c.next_escalation_at <= ${now.toISOString()}
            order by c.next_escalation_at limit ${batch} for update of c skip locked`,
      );
      if (due.length === 0) return { taken: 0, escalated: 0 };
      const calendars = await calendarsOf(tx, due.map((r) => r.place_path));
      const updates: { id: string; level: number; next: string | null }[] = [];
      const events: { caseId: string; cityId: string; departmentId: string | null; level: number; target: string; at: string }[] = [];
      for (const r of due) {
        const calendar = calendars.get(r.place_path)!;
        const state = escalationStateOf({
          status: r.status,
          acceptBy: date(r.accept_by),
          onSceneBy: date(r.on_scene_by),
          onSceneAt: date(r.on_scene_at),
          resolveBy: date(r.resolve_by),
          escalationLevel: r.escalation_level,
          dispatchedAt: date(r.dispatched_at),
          receivedAt: new Date(r.received_at),
          slaClock: r.sla_clock as CaseRow['slaClock'],
        });
        const step = nextEscalation(state, now, calendar);
        const level = step?.to ?? state.level;
        updates.push({ id: r.id, level, next: nextEscalationAt({ ...state, level }, calendar)?.toISOString() ?? null });
        for (const s of step?.steps ?? []) events.push({ caseId: r.id, cityId: r.city_id, departmentId: r.department_id, level: s.level, target: s.target, at: s.dueSince.toISOString() });
      }
      await tx.execute(sql`
        update cases c set escalation_level = v.level, next_escalation_at = v.next, updated_at = ${now.toISOString()}
        from unnest(${pgArray(updates.map((u) => u.id))}::uuid[], ${pgArray(updates.map((u) => u.level))}::int[], ${pgArray(updates.map((u) => u.next))}::timestamptz[]) as v(id, level, next)
        where c.id = v.id`);
      if (events.length) {
        await tx.execute(sql`
          insert into case_events (id, case_id, city_id, at, kind, actor_name, department_id, public, data)
          select v.event_id, v.case_id, v.city_id, v.at, 'escalated', 'system:deadline-sweep', v.department_id, false,
                 jsonb_build_object('level', v.level, 'to', v.target)
          from unnest(${pgArray(events.map(() => newId()))}::uuid[], ${pgArray(events.map((e) => e.caseId))}::uuid[], ${pgArray(events.map((e) => e.cityId))}::uuid[],
                      ${pgArray(events.map((e) => e.departmentId))}::uuid[], ${pgArray(events.map((e) => e.level))}::int[], ${pgArray(events.map((e) => e.target))}::text[],
                      ${pgArray(events.map((e) => e.at))}::timestamptz[])
               as v(event_id, case_id, city_id, department_id, level, target, at)`);
      }
      return { taken: due.length, escalated: new Set(events.map((e) => e.caseId)).size };
    });
    escalated += done.escalated;
    if (done.taken < batch) return { escalated };
  }
}
