import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { places } from '../places/schema.js';
import { type CaseRow, cases } from './schema.js';
import { type Standing, standingOf } from './standing.js';

export interface LoadedCase {
  row: CaseRow;
  placePath: string;
  /** Departments asked to help, whistled to, or asked to take over. */
  involved: string[];
  standing: Standing;
}

/**
 * One case with what decides who may touch it. `lock` takes the row for the rest of the
 * transaction, so two people acting on the same case at once act one after the other.
 */
export async function loadCase(db: Executor, ctx: Ctx, id: string, options: { lock?: boolean } = {}): Promise<LoadedCase> {
  let query = db.select({ row: cases, placePath: places.path }).from(cases).innerJoin(places, eq(places.id, cases.placeId)).where(eq(cases.id, id)).$dynamic();
  if (options.lock) query = query.for('update', { of: cases });
  const [found] = await query;
  if (!found) return fail('case_not_found');
  const involvedRows = await queryRows<{ department_id: string | null; requester: string | null }>(
    db,
    sql`select department_id, null::uuid as requester from case_helpers where case_id = ${id}
        union select department_id, null from whistle_calls where case_id = ${id}
        union select null, requester_account_id from cases where merged_into_id = ${id} and requester_account_id is not null`,
  );
  const involved = involvedRows.flatMap((r) => (r.department_id ? [r.department_id] : []));
  // Whoever reported a case merged into this one follows this one.
  const requesters = [found.row.requesterAccountId, ...involvedRows.map((r) => r.requester)].filter((r): r is string => r !== null);
  if (found.row.handoffToId) involved.push(found.row.handoffToId);
  const standing = standingOf(ctx.actor, {
    placePath: found.placePath,
    departmentId: found.row.departmentId,
    involvedDepartmentIds: involved,
    requesterAccountIds: requesters,
  });
  // Someone who may not read the case learns nothing about it, not even that it exists.
  if (!standing.reader) return fail('case_not_found');
  return { ...found, involved, standing };
}
