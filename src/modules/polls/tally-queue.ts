import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';

/** Queued responses folded per statement: large enough to add many responses into one counter, small enough to keep the statement short. */
export const FOLD_BATCH = 5000;

/**
 * Moves queued responses' counts into `poll_tallies`, a batch per statement until the queue is
 * empty. Each statement deletes its batch and adds it to the tallies at once, so a reader of
 * `poll_counts` sees every response exactly once, before or after. Safe on several processes at
 * once: a batch skips rows another run holds, and the upserts take the counters in one order.
 */
export async function foldTallyQueue(db: Executor, batch = FOLD_BATCH): Promise<{ folded: number }> {
  let folded = 0;
  for (;;) {
    const [row] = await queryRows<{ moved: number }>(
      db,
      sql`with batch as (
            delete from poll_tally_queue where id in (select id from poll_tally_queue order by id limit ${batch} for update skip locked)
            returning poll_id, version, community_id, age_group, residency, gender, rows
          ),
          added as (
            insert into poll_tallies (poll_id, version, question, option, community_id, age_group, residency, gender, n, total)
            select b.poll_id, b.version, u.question, u.option, b.community_id, b.age_group, b.residency, b.gender, sum(u.n), sum(u.total)
            from batch b cross join lateral jsonb_to_recordset(b.rows) as u(question text, option text, n int, total float8)
            group by 1, 2, 3, 4, 5, 6, 7, 8
            order by 1, 3, 4, 2, 5, 6, 7, 8
            on conflict (poll_id, question, option, version, community_id, age_group, residency, gender)
            do update set n = poll_tallies.n + excluded.n, total = poll_tallies.total + excluded.total
          )
          select count(*)::int as moved from batch`,
    );
    const moved = row?.moved ?? 0;
    folded += moved;
    if (moved < batch) return { folded };
  }
}
