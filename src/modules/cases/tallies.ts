import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/** The counted columns of `case_tallies`, in the table's order after place, department and day. */
export const TALLY_COLUMNS = [
  'cases', 'dispatched', 'accepted', 'accepted_on_time', 'on_scene', 'on_scene_on_time', 'resolved',
  'resolved_on_time', 'rated', 'satisfied', 'basically_satisfied', 'dissatisfied', 'returned', 'reopened',
] as const;

const sums = sql.raw(TALLY_COLUMNS.map((c) => `sum(${c})::int`).join(', '));

/**
 * Folds the rows the `cases` trigger appended into one row per place, department and day. Safe
 * beside intake and on several processes at once: each run moves only rows it could delete, and a
 * concurrent run skips rows already gone, so no count is lost or doubled.
 */
export async function compactCaseTallies(db: Db): Promise<{ folded: number }> {
  const [row] = await queryRows<{ folded: number }>(
    db,
    sql`with moved as (
          delete from case_tallies t
          using (select place_id, department_id, day from case_tallies group by 1, 2, 3 having count(*) > 1) k
          where t.place_id = k.place_id and t.department_id is not distinct from k.department_id and t.day = k.day
          returning t.*),
        kept as (
          insert into case_tallies
          select place_id, department_id, day, ${sums} from moved
          group by place_id, department_id, day
          having ${sql.raw(TALLY_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' or '))}
          returning 1)
        select (select count(*) from moved)::int - (select count(*) from kept)::int as folded`,
  );
  return { folded: row?.folded ?? 0 };
}
