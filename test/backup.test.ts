import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { engineUnderTest, withDatabase } from './support/env.js';
import { loginOver, separateInstallation } from './support/installation.js';

const PHONE = '13912345678';

/** What a user puts in before the backup: a resident with a sealed phone number, and a case. */
async function putData(base: string): Promise<{ residentId: string; caseId: string }> {
  const liaison = await loginOver(base, 'liaison');
  const [someone] = ((await (await fetch(`${base}/api/residents?limit=1`, { headers: liaison })).json()) as { items: { placeId: string }[] }).items;
  const created = await fetch(`${base}/api/residents`, {
    method: 'POST',
    headers: liaison,
    body: JSON.stringify({ placeId: someone!.placeId, name: '备份居民', residency: 'new', phone: PHONE }),
  });
  expect(created.status).toBe(201);
  const residentId = ((await created.json()) as { resident: { id: string } }).resident.id;
  const dispatcher = await loginOver(base, 'dispatcher');
  const places = (await (await fetch(`${base}/api/places`)).json()) as { items: { id: string; code: string }[] };
  const submitted = await fetch(`${base}/api/cases`, {
    method: 'POST',
    headers: { ...dispatcher, 'idempotency-key': 'backup-test-1' },
    body: JSON.stringify({ placeId: places.items.find((p) => p.code === '440300')!.id, description: '备份测试：小区路灯不亮', channel: 'phone' }),
  });
  expect(submitted.status).toBe(201);
  return { residentId, caseId: ((await submitted.json()) as { id: string }).id };
}

/** The same data, read back through the running server: found by its phone (blind index), the phone decrypted. */
async function expectData(base: string, saved: { residentId: string; caseId: string }): Promise<void> {
  const liaison = await loginOver(base, 'liaison');
  const found = (await (await fetch(`${base}/api/residents?q=${PHONE}`, { headers: liaison })).json()) as { items: { id: string; name: string }[] };
  expect(found.items.map((r) => r.id)).toEqual([saved.residentId]);
  const revealed = await fetch(`${base}/api/residents/${saved.residentId}/reveal`, { method: 'POST', headers: liaison, body: JSON.stringify({ field: 'phone' }) });
  expect(await revealed.json()).toEqual({ value: PHONE });
  const dispatcher = await loginOver(base, 'dispatcher');
  const shown = await fetch(`${base}/api/cases/${saved.caseId}`, { headers: dispatcher });
  expect(shown.status).toBe(200);
  expect(((await shown.json()) as { case: { description: string } }).case.description).toBe('备份测试：小区路灯不亮');
}

async function stopped(server: { kill: (signal: NodeJS.Signals) => boolean }, exited: Promise<unknown>): Promise<void> {
  server.kill('SIGTERM');
  await exited;
}

/**
 * `tongxin backup` and `tongxin restore` of the embedded database, as an operator runs them:
 * data in through the server, a backup, the folder wiped, a restore, the same data back through
 * a newly started server.
 */
describe.runIf(engineUnderTest() === 'pglite')('backup and restore of the embedded database', { timeout: 240_000 }, () => {
  const { dir, env, tongxin, serve } = separateInstallation('backup');
  const file = path.join(dir, 'tongxin.backup');

  it('brings back what was there, after the data folder is wiped', async () => {
    let { server, base, exited } = await serve();
    let saved: Awaited<ReturnType<typeof putData>>;
    try {
      saved = await putData(base);
      // A running server holds the folder: a backup now would copy a database being written.
      const refused = tongxin('backup', file);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('in use by another Tongxin process');
      expect(existsSync(file)).toBe(false);
    } finally {
      await stopped(server, exited);
    }

    const backedUp = tongxin('backup', file);
    expect(backedUp.code, backedUp.err).toBe(0);
    expect(backedUp.out).toMatch(/Backed up the embedded database .*\d+ residents.*\d+ cases/);
    // One line saying what it is, then a standard tarball of the database folder.
    const firstLine = readFileSync(file).subarray(0, 2000).toString('latin1').split('\n')[0]!;
    expect(JSON.parse(firstLine)).toMatchObject({ format: 'TONGXIN-BACKUP', engine: 'pglite', schema: expect.stringMatching(/^\d{4}_/) });
    expect(execFileSync('sh', ['-c', `tail -n +2 "${file}" | tar -tzf -`], { encoding: 'utf8' })).toMatch(/PG_VERSION/);

    // Restoring over a database is refused unless asked for.
    const over = tongxin('restore', file);
    expect(over.code).toBe(1);
    expect(over.err).toContain('already holds a database');

    rmSync(path.join(env.DATA_DIR!, 'pgdata'), { recursive: true, force: true });
    const restored = tongxin('restore', file);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/Restored the backup of .* \d+ residents/);

    ({ server, base, exited } = await serve());
    try {
      await expectData(base, saved!);
    } finally {
      await stopped(server, exited);
    }

    // --replace keeps the database it replaces.
    const replaced = tongxin('restore', file, '--replace');
    expect(replaced.code, replaced.err).toBe(0);
    expect(readdirSync(env.DATA_DIR!).filter((f) => f.startsWith('pgdata-replaced-'))).toHaveLength(1);
  });

  it('refuses a backup made under another secret, and a file that is not a backup, changing nothing', () => {
    expect(existsSync(file)).toBe(true);
    const elsewhere = separateEnv(dir, 'other-secret', { TONGXIN_SECRET: 'another-secret-another-secret-0123456789' });
    const refused = elsewhere('restore', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('made under another secret');

    const junk = path.join(dir, 'junk.backup');
    writeFileSync(junk, 'hello\n');
    const notOurs = elsewhere('restore', junk);
    expect(notOurs.code).toBe(1);
    expect(notOurs.err).toContain('not a Tongxin backup');
    expect(existsSync(path.join(dir, 'other-secret', 'pgdata'))).toBe(false);

    // A backup cut short is refused as well: the database never half-arrives.
    const cut = path.join(dir, 'cut.backup');
    const whole = readFileSync(file);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const same = separateEnv(dir, 'cut', {});
    const damaged = same('restore', cut);
    expect(damaged.code).toBe(1);
    expect(existsSync(path.join(dir, 'cut', 'pgdata'))).toBe(false);
  });

  /** `tongxin` on another data folder in the same test directory. */
  function separateEnv(root: string, name: string, extra: Record<string, string>) {
    return (...args: string[]) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { ...env, DATA_DIR: path.join(root, name), ...extra },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: result.status, out: result.stdout, err: result.stderr };
    };
  }
});

const pgDump = (): boolean => spawnSync('pg_dump', ['--version']).status === 0;

/**
 * The PostgreSQL procedure of docs/deployment.md, step by step: pg_dump of the live database,
 * pg_restore into a new one, the server started on it. Needs pg_dump and pg_restore
 * (Debian: postgresql-client).
 */
describe.runIf(engineUnderTest() === 'postgres')('backup and restore on PostgreSQL (pg_dump, pg_restore)', { timeout: 240_000 }, () => {
  const { dir, env, tongxin, serve } = separateInstallation('pg-backup');

  it.runIf(pgDump())('brings back what was there into a new database, with the server started on it', async () => {
    let { server, base, exited } = await serve();
    let saved: Awaited<ReturnType<typeof putData>>;
    const dump = path.join(dir, 'tongxin.dump');
    try {
      saved = await putData(base);
      // pg_dump reads one consistent snapshot: the server may keep running.
      execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, env.DATABASE_URL!], { stdio: 'pipe' });
    } finally {
      await stopped(server, exited);
    }
    expect(tongxin('backup', path.join(dir, 'x.backup')).err).toContain('pg_dump');

    const restoredName = `${new URL(env.DATABASE_URL!).pathname.slice(1)}_restored`;
    const admin = new pg.Client({ connectionString: withDatabase(env.DATABASE_URL!, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`create database "${restoredName}"`);
      const restoredUrl = withDatabase(env.DATABASE_URL!, restoredName);
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${restoredUrl}`, dump], { stdio: 'pipe' });
      env.DATABASE_URL = restoredUrl;
      ({ server, base, exited } = await serve());
      try {
        await expectData(base, saved!);
      } finally {
        await stopped(server, exited);
      }
    } finally {
      await admin.query(`drop database if exists "${restoredName}" with (force)`);
      await admin.end();
    }
  });
});
