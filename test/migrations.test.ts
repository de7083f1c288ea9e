import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { sql } from 'drizzle-orm';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../src/db/client.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import * as schema from '../src/db/schema.js';
import { openBlankDatabase } from './support/db.js';
import { tempDir } from './support/env.js';

/** Everything that makes up the schema, as sorted text: tables, columns, constraints, indexes, triggers, functions. */
async function describeSchema(database: Database): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    database.db,
    sql`
    select format('column %s.%s %s null=%s default=%s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) as line
      from information_schema.columns where table_schema = 'public'
    union all
    select format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
      from pg_constraint where connamespace = 'public'::regnamespace
    union all
    select format('index %s', indexdef) from pg_indexes where schemaname = 'public'
    union all
    select format('trigger %s', pg_get_triggerdef(oid)) from pg_trigger where not tgisinternal
    union all
    select format('function %s %s', proname, md5(prosrc)) from pg_proc where pronamespace = 'public'::regnamespace`,
  );
  return rows.map((r) => r.line).sort();
}

/** The repository's migrations up to and including the first `count`, as a folder of their own. */
function firstMigrations(count: number): string {
  const folder = path.join(tempDir('migrations'), 'migrations');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migrations', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });
  const blank = async () => {
    const db = await openBlankDatabase();
    opened.push(db);
    return db.database;
  };

  it('bring a fresh database and one upgraded from the first release, with data in it, to the same schema', async () => {
    const fresh = await blank();
    await fresh.migrate();

    const upgraded = await blank();
    await upgraded.migrate(firstMigrations(1));
    await upgraded.db.execute(sql`insert into places (id, level, code, name_zh, name_en, path) values
      ('01900000-0000-7000-8000-000000000001', 'city', '440300', '深圳市', 'Shenzhen', '/01900000-0000-7000-8000-000000000001/')`);
    await upgraded.migrate();

    expect(await describeSchema(upgraded)).toEqual(await describeSchema(fresh));
    const [kept] = await queryRows<{ name_en: string }>(upgraded.db, sql`select name_en from places`);
    expect(kept?.name_en).toBe('Shenzhen');
  });

  it('apply once: running them again changes nothing', async () => {
    const database = await blank();
    await database.migrate();
    const first = await describeSchema(database);
    await database.migrate();
    expect(await describeSchema(database)).toEqual(first);
  });

  it('match the Drizzle schema the code uses (no change is waiting to be generated)', async () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number }[] };
    const last = String(journal.entries.at(-1)!.idx).padStart(4, '0');
    const snapshot = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', `${last}_snapshot.json`), 'utf8'));
    const current = generateDrizzleJson(schema as Record<string, unknown>, snapshot.id, undefined, 'snake_case');
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });

  it('add up a poll’s tallies kept in shards into one row per cell when the shards go, losing no count', async () => {
    const database = await blank();
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    await database.migrate(firstMigrations(journal.entries.findIndex((e) => e.tag === '0021_poll_tally_queue')));
    const place = '01900000-0000-7000-8000-000000000001';
    const community = '01900000-0000-7000-8000-000000000002';
    const poll = '01900000-0000-7000-8000-000000000003';
    await database.db.execute(sql`insert into places (id, level, code, name_zh, name_en, path) values (${place}::uuid, 'city', '440300', '深圳市', 'Shenzhen', ${`/${place}/`})`);
    await database.db.execute(sql`insert into questionnaires (id, place_id, title) values (${poll}::uuid, ${place}::uuid, '满意度')`);
    await database.db.execute(sql`insert into polls (id, place_id, questionnaire_id, title, population, opens_at, closes_at)
      values (${poll}::uuid, ${place}::uuid, ${poll}::uuid, '满意度', 100, now(), now() + interval '1 day')`);
    // Question q1 counted in three shards of one cell and one shard of another; the poll's respondents likewise.
    await database.db.execute(sql`insert into poll_tallies (poll_id, version, question, option, community_id, age_group, residency, gender, shard, n, total) values
      (${poll}::uuid, 1, '', '', ${community}::uuid, '30_44', 'new', 'female', 0, 2, 0),
      (${poll}::uuid, 1, '', '', ${community}::uuid, '30_44', 'new', 'female', 5, 3, 0),
      (${poll}::uuid, 1, 'q1', '', ${community}::uuid, '30_44', 'new', 'female', 1, 2, 7),
      (${poll}::uuid, 1, 'q1', '', ${community}::uuid, '30_44', 'new', 'female', 4, 2, 3.5),
      (${poll}::uuid, 1, 'q1', '', ${community}::uuid, '30_44', 'new', 'female', 7, 1, 1),
      (${poll}::uuid, 1, 'q1', '', ${community}::uuid, '60_plus', 'new', 'female', 3, 4, 2)`);
    await database.migrate();

    const rows = await queryRows<{ question: string; age_group: string; n: number; total: number }>(
      database.db,
      sql`select question, age_group, n, total from poll_tallies order by question, age_group`,
    );
    expect(rows).toEqual([
      { question: '', age_group: '30_44', n: 5, total: 0 },
      { question: 'q1', age_group: '30_44', n: 5, total: 11.5 },
      { question: 'q1', age_group: '60_plus', n: 4, total: 2 },
    ]);
  });

  it('keep the audit log append-only in the database itself', async () => {
    const database = await blank();
    await database.migrate();
    await database.db.execute(sql`insert into audit_log (id, at, actor_name, action, entity_type, entity_id, place_path)
      values ('01900000-0000-7000-8000-0000000000aa', now(), 'test', 'test.write', 'test', 'x', '/')`);
    for (const statement of [sql`update audit_log set action = 'forged'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
      await expect(database.db.execute(statement)).rejects.toThrow();
    }
    const rows = await queryRows<{ action: string }>(database.db, sql`select action from audit_log`);
    expect(rows).toEqual([{ action: 'test.write' }]);
  });
});
