import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOf, generateOpen } from '../bench/cases-data.js';
import { engineUnderTest } from './support/env.js';
import { type PrivatePostgres, postgresBin, startPrivatePostgres } from './support/private-postgres.js';
import { type ServerProcess, startServer } from './support/server-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Faults of the database server, on a PostgreSQL of the test's own (initdb into a temporary
 * folder, a free port): it is stopped and started under load. Runs in the PostgreSQL pass of
 * the suite, where the machine is known to have PostgreSQL's binaries.
 */
describe.runIf(engineUnderTest() === 'postgres' && postgresBin())('the database going away and coming back', () => {
  let postgres: PrivatePostgres;
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    await sql(postgres.url(), 'create database tongxin');
  }, 120_000);
  afterAll(() => postgres?.destroy());

  it('answers 503 with a code and Retry-After while PostgreSQL restarts, and recovers by itself', { timeout: 180_000 }, async () => {
    const server = await startServer({ DATABASE_URL: postgres.url('tongxin'), SWEEP_INTERVAL_SECONDS: '0', RETRAIN_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000' });
    try {
      const places = (await (await fetch(`${server.base}/api/places`)).json()) as { items: { id: string; code: string }[] };
      const placeId = places.items.find((p) => p.code === '440300')!.id;

      type Seen = { at: number; status: number; code?: string; retryAfter?: string | null; kind: string };
      const seen: Seen[] = [];
      const acknowledged = new Set<string>();
      const failures: string[] = [];
      let running = true;
      let serial = 0;
      const worker = async () => {
        while (running) {
          const i = serial++;
          const write = i % 2 === 0;
          try {
            const response = write
              ? await fetch(`${server.base}/api/cases`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', 'idempotency-key': `restart-${i}`, 'accept-language': 'en' },
                  body: JSON.stringify({ placeId, description: `重启测试第${i}号：路灯不亮`, contactPhone: '13800138000' }),
                })
              : await fetch(`${server.base}/api/places?q=${encodeURIComponent('南山')}`, { headers: { 'accept-language': 'en' } });
            const body = (await response.json()) as { id?: string; error?: { code: string } };
            seen.push({ at: Date.now(), status: response.status, kind: write ? 'submit' : 'read', retryAfter: response.headers.get('retry-after'), ...(body.error ? { code: body.error.code } : {}) });
            if (write && response.status === 201) acknowledged.add(body.id!);
          } catch (error) {
            failures.push(String(error)); // the server itself did not answer
          }
        }
      };
      const workers = Array.from({ length: 6 }, worker);

      await sleep(1500);
      const stoppedAt = Date.now();
      postgres.stop('fast');
      const health = await fetch(`${server.base}/healthz`);
      await sleep(2500);
      postgres.start();
      const startedAt = Date.now();
      await sleep(6000);
      running = false;
      await Promise.all(workers);

      expect(failures, 'the server stopped answering').toEqual([]);
      expect(server.process.exitCode, 'the server exited').toBeNull();
      expect(health.status).toBe(503);
      const odd = seen.filter((s) => !(s.status === 200 || s.status === 201 || (s.status === 503 && s.code === 'service_unavailable' && Number(s.retryAfter) > 0)));
      expect(odd.slice(0, 5), 'an answer other than success or a retryable 503').toEqual([]);
      const during = seen.filter((s) => s.at > stoppedAt && s.at < startedAt);
      expect(during.filter((s) => s.status === 503).length, 'refused while away').toBeGreaterThan(0);
      expect(seen.filter((s) => s.at < stoppedAt && s.status !== 503).length, 'served before').toBeGreaterThan(10);
      // Back by itself: after a few seconds every request succeeds again, reads and writes.
      const after = seen.filter((s) => s.at > startedAt + 3000);
      expect(after.length).toBeGreaterThan(10);
      expect(after.filter((s) => s.status >= 300)).toEqual([]);
      expect(new Set(after.map((s) => s.kind))).toEqual(new Set(['read', 'submit']));
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      // Whatever was acknowledged is there, once.
      const stored = await sql<{ n: number }>(postgres.url('tongxin'), 'select count(*)::int as n from cases where id = any($1::uuid[])', [[...acknowledged]]);
      expect(stored[0]!.n).toBe(acknowledged.size);
    } finally {
      await server.stop();
    }
  });

  it('escalates each overdue case once with two servers sweeping the same database', { timeout: 180_000 }, async () => {
    const url = postgres.url('tongxin');
    const env = { DATABASE_URL: url, SWEEP_INTERVAL_SECONDS: '1', RETRAIN_INTERVAL_SECONDS: '0', LOG_LEVEL: 'debug' };
    // One after the other: the first migrates and loads the demo set if the database is empty.
    const servers: ServerProcess[] = [await startServer(env)];
    servers.push(await startServer(env));
    try {
      // 400 generated open cases, never accepted, their deadline three hours gone, held back from
      // the sweep until both servers are up; then all fall due at once.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`update cases set next_escalation_at = null`);
        await generateOpen(client, await demoOf(client), 1, 400);
        await client.query(`update cases set accept_by = now() - interval '3 hours', next_escalation_at = now() + interval '1 day' where next_escalation_at is not null`);
      } finally {
        await client.end();
      }
      const [{ due }] = (await sql<{ due: number }>(
        url,
        `with made as (update cases set next_escalation_at = now() - interval '1 minute' where next_escalation_at > now() returning 1) select count(*)::int as due from made`,
      )) as [{ due: number }];
      expect(due).toBeGreaterThanOrEqual(400);
      const escalatedCases = async () => (await sql<{ n: number }>(url, `select count(distinct case_id)::int as n from case_events where kind = 'escalated'`))[0]!.n;
      for (let i = 0; i < 30 && (await escalatedCases()) < 400; i++) await sleep(1000);
      await sleep(3000); // a few more ticks of both sweeps over the same cases
      const twice = await sql(url, `select case_id, data->>'level' as level, count(*)::int as n from case_events where kind = 'escalated' group by 1, 2 having count(*) > 1`);
      expect(twice).toEqual([]);
      expect(await escalatedCases()).toBeGreaterThanOrEqual(400);
      // Both processes were sweeping all along (one batch holds every due case, so one of them
      // usually takes it all and the other skips the locked rows).
      const swept = servers.map((s) => (s.output().match(/"job":"deadline-sweep"/g) ?? []).length);
      expect(swept.every((n) => n >= 2), `sweeps per process: ${swept.join(', ')}`).toBe(true);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
