import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../src/db/client.js';

/**
 * Where the route-wide tests find real objects for a route's path parameters: the table behind
 * each `{id}` (named by the path's first segment after /api/, or by the parameter's own name),
 * and how to keep to the objects inside a place subtree. A module whose table has a `place_id`
 * column needs one line here: `'councils': { table: 'councils', missing: 'council_not_found' }`.
 */
export interface ObjectSource {
  table: string;
  /** The error code of the answer when the caller may not see the row (or it does not exist). */
  missing: string;
  /** How a row of the table reaches its place, when it is not its own `place_id`. */
  placeOf?: (row: SQL) => SQL;
}

export const OBJECT_SOURCES: Record<string, ObjectSource> = {
  places: { table: 'places', missing: 'place_not_found', placeOf: (t) => sql`${t}.id` },
  'case-settings': { table: 'places', missing: 'place_not_found', placeOf: (t) => sql`${t}.id` },
  // A bank is the place that runs it: any place stands for a bank there (or the lack of one).
  'merit-banks': { table: 'places', missing: 'place_not_found', placeOf: (t) => sql`${t}.id` },
  residents: { table: 'residents', missing: 'resident_not_found' },
  households: { table: 'households', missing: 'household_not_found' },
  accounts: { table: 'accounts', missing: 'not_found' },
  grantId: { table: 'role_grants', missing: 'grant_not_found' },
  tokenId: { table: 'api_tokens', missing: 'token_not_found', placeOf: (t) => sql`(select a.place_id from accounts a where a.id = ${t}.account_id)` },
  cases: { table: 'cases', missing: 'case_not_found' },
  departments: { table: 'departments', missing: 'department_not_found' },
  categories: { table: 'categories', missing: 'category_not_found' },
  councils: { table: 'councils', missing: 'council_not_found' },
  motions: { table: 'motions', missing: 'motion_not_found' },
  meetings: { table: 'meetings', missing: 'meeting_not_found' },
  topics: { table: 'topics', missing: 'topic_not_found' },
  tasks: { table: 'implementation_tasks', missing: 'task_not_found' },
  polls: { table: 'polls', missing: 'poll_not_found' },
  questionnaires: { table: 'questionnaires', missing: 'questionnaire_not_found' },
  deputies: { table: 'deputies', missing: 'deputy_not_found' },
  workstations: { table: 'workstations', missing: 'workstation_not_found' },
  visits: { table: 'visits', missing: 'visit_not_found', placeOf: (t) => sql`(select w.place_id from workstations w where w.id = ${t}.workstation_id)` },
};

/** The source for one path parameter of a route, if the tests know it. */
export function sourceFor(path: string, param: string): ObjectSource | undefined {
  if (param !== 'id') return OBJECT_SOURCES[param];
  const segment = /^\/api\/([^/]+)/.exec(path)?.[1];
  return segment ? OBJECT_SOURCES[segment] : undefined;
}

/**
 * Ids of rows whose place lies under `scopePath` (every row when it is '/'), in a stable order;
 * `extra` narrows further (a department's own cases, say).
 */
export async function idsUnder(db: Executor, source: ObjectSource, scopePath: string, extra?: SQL, limit = 20): Promise<string[]> {
  const row = sql.raw('t');
  const place = source.placeOf ? source.placeOf(row) : sql`t.place_id`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select t.id from ${sql.raw(`"${source.table}"`)} t join places p on p.id = ${place}
        where p.path like ${scopePath + '%'} ${extra ? sql`and ${extra}` : sql``}
        order by t.id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}
