import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { fail } from '../../platform/errors.js';
import { places } from '../places/schema.js';
import { quorumCount } from './threshold.js';

/**
 * The periodic report of deliberation in a place and the places under it: how many topics came
 * in and what became of them, the meetings held (form and how people took part), the decisions
 * voted on and their outcome, the work handed over and how far it has come, and the online
 * discussions. Counts only, so it is public.
 */
export interface PlaceReport {
  place: { id: string; nameZh: string; nameEn: string };
  from: string;
  to: string;
  councils: number;
  topics: Record<'proposed' | 'accepted' | 'merged' | 'declined', number>;
  meetings: { held: number; scheduled: number; quorumPresent: number; byForm: Record<string, number>; byMode: Record<string, number> };
  decisions: { voted: number; passed: number; notPassed: number; secretBallots: number };
  tasks: Record<'pending' | 'in_progress' | 'done', number>;
  discussions: { opened: number; statements: number; votes: number };
}

/** Whole days, from the first to the last, in the place's time (China). */
export async function placeReport(db: Executor, placeId: string, from: string, to: string): Promise<PlaceReport> {
  const [place] = await db.select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn, path: places.path }).from(places).where(eq(places.id, placeId));
  if (!place) return fail('place_not_found');
  const start = sql`(${from}::date::timestamp at time zone 'Asia/Shanghai')`;
  const end = sql`((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const under = sql`starts_with(p.path, ${place.path})`;
  const [row] = await queryRows<{
    councils: number;
    topics: Record<string, number> | null;
    meetings: { held: number; scheduled: number } | null;
    forms: Record<string, number> | null;
    modes: Record<string, number> | null;
    decisions: { voted: number; passed: number; secret: number } | null;
    tasks: Record<string, number> | null;
    discussions: { opened: number; statements: number; votes: number } | null;
  }>(
    db,
    sql`select
      (select count(*)::int from councils c join places p on p.id = c.place_id where ${under}) as councils,
      (select json_object_agg(status, n) from (select t.status, count(*)::int as n from topics t join places p on p.id = t.place_id
         where ${under} and t.created_at >= ${start} and t.created_at < ${end} group by t.status) x) as topics,
      (select json_build_object('held', count(*) filter (where m.status = 'held'), 'scheduled', count(*) filter (where m.status = 'scheduled'))
         from meetings m join places p on p.id = m.place_id where ${under} and m.starts_at >= ${start} and m.starts_at < ${end}) as meetings,
      (select json_object_agg(form, n) from (select m.form, count(*)::int as n from meetings m join places p on p.id = m.place_id
         where ${under} and m.starts_at >= ${start} and m.starts_at < ${end} group by m.form) x) as forms,
      (select json_object_agg(mode, n) from (select m.mode, count(*)::int as n from meetings m join places p on p.id = m.place_id
         where ${under} and m.starts_at >= ${start} and m.starts_at < ${end} group by m.mode) x) as modes,
      (select json_build_object('voted', count(*), 'passed', count(*) filter (where (m.result->>'passed')::boolean), 'secret', count(*) filter (where m.ballot = 'secret'))
         from motions m join places p on p.id = m.place_id where ${under} and m.status = 'closed' and m.closed_at >= ${start} and m.closed_at < ${end}) as decisions,
      (select json_object_agg(status, n) from (select k.status, count(*)::int as n from implementation_tasks k join motions m on m.id = k.motion_id join places p on p.id = k.place_id
         where ${under} and m.closed_at >= ${start} and m.closed_at < ${end} group by k.status) x) as tasks,
      (select json_build_object('opened', count(*),
              'statements', coalesce(sum((select count(*) from conversation_statements s where s.conversation_id = v.id and s.hidden_reason is null)), 0),
              'votes', coalesce(sum((select sum(s.agree + s.disagree + s.pass) from conversation_statements s where s.conversation_id = v.id)), 0))
         from conversations v join places p on p.id = v.place_id where ${under} and v.created_at >= ${start} and v.created_at < ${end}) as discussions`,
  );
  const counts = <K extends string>(keys: readonly K[], found: Record<string, number> | null) => Object.fromEntries(keys.map((k) => [k, Number(found?.[k] ?? 0)])) as Record<K, number>;
  const decisions = row!.decisions ?? { voted: 0, passed: 0, secret: 0 };
  const meetings = row!.meetings ?? { held: 0, scheduled: 0 };
  // Counted as each meeting's page says it: the members present against the council's own quorum.
  const attended = await queryRows<{ present: number; total: number; quorum: number }>(
    db,
    sql`select m.members_present as present, m.members_total as total, coalesce((c.threshold->>'quorum')::float8, 0) as quorum
        from meetings m join councils c on c.id = m.council_id join places p on p.id = m.place_id
        where ${under} and m.starts_at >= ${start} and m.starts_at < ${end} and m.members_present is not null and m.members_total is not null`,
  );
  const quorumPresent = attended.filter((m) => m.present >= quorumCount(m.quorum, m.total)).length;
  const discussions = row!.discussions ?? { opened: 0, statements: 0, votes: 0 };
  return {
    place: { id: place.id, nameZh: place.nameZh, nameEn: place.nameEn },
    from,
    to,
    councils: row!.councils,
    topics: counts(['proposed', 'accepted', 'merged', 'declined'] as const, row!.topics),
    meetings: { held: Number(meetings.held), scheduled: Number(meetings.scheduled), quorumPresent, byForm: row!.forms ?? {}, byMode: row!.modes ?? {} },
    decisions: { voted: Number(decisions.voted), passed: Number(decisions.passed), notPassed: Number(decisions.voted) - Number(decisions.passed), secretBallots: Number(decisions.secret) },
    tasks: counts(['pending', 'in_progress', 'done'] as const, row!.tasks),
    discussions: { opened: Number(discussions.opened), statements: Number(discussions.statements), votes: Number(discussions.votes) },
  };
}
