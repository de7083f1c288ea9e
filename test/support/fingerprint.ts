import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../src/db/client.js';

/**
 * What a refused request may still change, by design: sessions being touched, failed-login
 * counters and their audit entries, a token's last use, open311 keys' last use.
 */
const BOOKKEEPING_TABLES = new Set(['sessions']);
const BOOKKEEPING_COLUMNS: Record<string, string[]> = {
  accounts: ['failed_logins', 'locked_until', 'updated_at'],
  api_tokens: ['last_used_at'],
  open311_keys: ['last_used_at'],
};
const BOOKKEEPING_ROWS: Record<string, string> = {
  audit_log: "action not like 'auth.%'",
};

let statement: string | null = null;

/**
 * One text per table of the public schema: its row count and a hash over its rows. Two equal
 * fingerprints mean no row was added, removed or changed (bar the bookkeeping above). Tables
 * added by any module are included without a line here.
 */
export async function databaseFingerprint(db: Executor): Promise<Record<string, string>> {
  if (!statement) {
    const tables = await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    statement = tables
      .filter((t) => !BOOKKEEPING_TABLES.has(t.name))
      .map(({ name }) => {
        const dropped = (BOOKKEEPING_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join('');
        const where = BOOKKEEPING_ROWS[name] ? ` where ${BOOKKEEPING_ROWS[name]}` : '';
        return `select '${name}' as name, count(*) || ':' || coalesce(sum(hashtext((to_jsonb(t)${dropped})::text)::bigint), 0) as print from "${name}" t${where}`;
      })
      .join(' union all ');
  }
  const rows = await queryRows<{ name: string; print: string }>(db, sql.raw(statement));
  return Object.fromEntries(rows.map((r) => [r.name, r.print]));
}

/**
 * A cheap first look: the next transaction id. While it stays the same no transaction has
 * written anything (reads take no id), so the full fingerprint is needed only when it moved:
 * after a write, a write rolled back, or, on a shared server, other databases' work.
 */
export async function nextTransactionId(db: Executor): Promise<string> {
  const [row] = await queryRows<{ xmax: string }>(db, sql`select txid_snapshot_xmax(txid_current_snapshot())::text as xmax`);
  return row!.xmax;
}
