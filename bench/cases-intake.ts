import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { startingExamples } from '../src/modules/cases/training/examples.js';
import { coresUsed, cpuSnapshot, createDatabase, waitForQuiet, databaseUrlOf, dropDatabase, log, median, percentile, round, serverEnv, session, start, stop, transportOf } from './cases-support.js';

/**
 * Case intake through HTTP (POST /api/cases as the demo dispatcher: validation, routing by the
 * classifier, the idempotency key, numbering, the case, its timeline entry and the audit entry)
 * beside the limit of the same machine: a bare `pg` pool with as many workers as autocannon has
 * connections, writing the same rows in one transaction.
 */

export interface LoadFigure {
  /** Successful requests (or transactions) per second. */
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  failures: number;
  /** Cores busy meanwhile (of the machine's few): the server, PostgreSQL, the load generator, the rest; and idle. */
  cores: ReturnType<typeof coresUsed>;
}

export interface IntakeFigures {
  connections: number;
  /** How the server and the bare-pg workers reach PostgreSQL. */
  transport: ReturnType<typeof transportOf>;
  seconds: number;
  runs: number;
  /** The run with the median throughput, and every run's throughput. */
  http: LoadFigure & { runsPerSecond: number[] };
  /** The bare-pg limit, two ways: one statement per row (6 round trips) and the four inserts as one statement. */
  pgTransaction: LoadFigure & { runsPerSecond: number[] };
  pgOneStatement: LoadFigure & { runsPerSecond: number[] };
  casesStored: number;
  /** The machine's idle share (1 = all cores idle) seen just before each run, in the order run. */
  idleShareBeforeRuns: number[];
}

function figureOf(latencies: number[], ok: number, failures: number, seconds: number, cores: LoadFigure['cores']): LoadFigure {
  const sorted = Float64Array.from(latencies).sort();
  return {
    perSecond: Math.round(ok / seconds),
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    failures,
    cores,
  };
}

const pickMedian = (figures: LoadFigure[]): LoadFigure & { runsPerSecond: number[] } => {
  const mid = median(figures.map((f) => f.perSecond));
  const chosen = figures.find((f) => f.perSecond === mid) ?? [...figures].sort((a, b) => a.perSecond - b.perSecond)[figures.length >> 1]!;
  return { ...chosen, runsPerSecond: figures.map((f) => f.perSecond) };
};

/** Request texts as residents and operators write them, each made unique with a serial. */
const TEXTS = startingExamples().map((e) => e.text);
const textOf = (serial: number) => `${TEXTS[serial % TEXTS.length]}（${serial}）`;

interface Target {
  cityId: string;
  placeIds: string[];
  placePaths: Map<string, string>;
  departmentId: string;
  dispatcherId: string;
}

async function httpRun(serverPid: number | undefined, url: string, auth: { cookie: string; csrf: string }, placeIds: string[], seconds: number, connections: number, serial: { n: number }): Promise<LoadFigure> {
  const latencies: number[] = [];
  let ok = 0;
  let failures = 0;
  // Without a callback autocannon answers its instance, which is also a promise of the result.
  const instance = autocannon({
    url: `${url}/api/cases`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    requests: [
      {
        setupRequest: (request) => {
          const n = ++serial.n;
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${process.pid}-${n}` },
            body: JSON.stringify({ placeId: placeIds[n % placeIds.length], description: textOf(n), address: `招商路 ${n % 300} 号`, lat: 22.48, lng: 113.92 }),
          };
        },
      },
    ],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode === 201) {
      ok++;
      latencies.push(responseTime);
    } else failures++;
  });
  const before = cpuSnapshot();
  const result = await instance;
  const cores = coresUsed(before, cpuSnapshot(), serverPid);
  failures += result.errors + result.timeouts;
  return figureOf(latencies, ok, failures, result.duration, cores);
}

/** Each worker loops: take a connection, write the rows of one case, give it back. */
async function pgRun(serverPid: number | undefined, pool: pg.Pool, target: Target, oneStatement: boolean, seconds: number, workers: number, serial: { n: number }): Promise<LoadFigure> {
  const latencies: number[] = [];
  let ok = 0;
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const before = cpuSnapshot();
  const writeOne = async () => {
    const n = ++serial.n;
    const id = uuidv7();
    const placeId = target.placeIds[n % target.placeIds.length]!;
    const now = new Date();
    const caseValues = [id, target.cityId, placeId, textOf(n), `招商路 ${n % 300} 号`, 22.48, 113.92, target.departmentId, 0.42, now];
    const event = [uuidv7(), id, target.cityId, now, target.dispatcherId, 'dispatcher', JSON.stringify({ channel: 'phone' })];
    const audit = [uuidv7(), now, target.dispatcherId, 'dispatcher', id, placeId, target.placePaths.get(placeId)!, JSON.stringify({ number: `ZS-2026-${n}`, channel: 'phone', suggested: 'urban-management' }), `req-${n}`];
    const submission = [`account:${target.dispatcherId}`, `pg-${process.pid}-${n}`, id];
    if (oneStatement) {
      await pool.query({
        name: 'bare_intake',
        text: `with s as (insert into case_submissions (submitter, key, case_id) values ($1, $2, $3)),
         c as (insert into cases (id, number, city_id, place_id, channel, priority, description, address, lat, lng, photos, suggested_department_id, suggested_confidence, anonymous, may_contact, received_at)
               values ($3, 'ZS-2026-' || lpad(nextval('case_number_seq')::text, 6, '0'), $4, $5, 'phone', 'normal', $6, $7, $8, $9, '{}', $10, $11, false, true, $12)),
         e as (insert into case_events (id, case_id, city_id, at, kind, to_status, actor_id, actor_name, public, data)
               values ($13, $3, $4, $12, 'received', 'received', $14, $15, true, $16))
         insert into audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, place_id, place_path, after, request_id)
         values ($17, $12, $14, $15, 'case.submit', 'case', $3, $5, $18, $19, $20)`,
        values: [...submission, ...caseValues.slice(1), event[0], target.dispatcherId, 'dispatcher', event[6], audit[0], audit[6], audit[7], audit[8]],
      });
      return;
    }
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('insert into case_submissions (submitter, key, case_id) values ($1, $2, $3)', submission);
      await client.query(
        `insert into cases (id, number, city_id, place_id, channel, priority, description, address, lat, lng, photos, suggested_department_id, suggested_confidence, anonymous, may_contact, received_at)
         values ($1, 'ZS-2026-' || lpad(nextval('case_number_seq')::text, 6, '0'), $2, $3, 'phone', 'normal', $4, $5, $6, $7, '{}', $8, $9, false, true, $10)`,
        caseValues,
      );
      await client.query(`insert into case_events (id, case_id, city_id, at, kind, to_status, actor_id, actor_name, public, data) values ($1, $2, $3, $4, 'received', 'received', $5, $6, true, $7)`, event);
      await client.query(
        `insert into audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, place_id, place_path, after, request_id) values ($1, $2, $3, $4, 'case.submit', 'case', $5, $6, $7, $8, $9)`,
        audit,
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        try {
          await writeOne();
          ok++;
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          failures++;
        }
      }
    }),
  );
  return figureOf(latencies, ok, failures, Number(process.hrtime.bigint() - started) / 1e9, coresUsed(before, cpuSnapshot(), serverPid));
}

async function targetOf(databaseUrl: string): Promise<Target> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: placeRows } = await client.query<{ id: string; path: string; city_id: string }>(
      `select p.id, p.path, c.id as city_id from places p join places c on c.level = 'city' and c.code = '440300' and starts_with(p.path, c.path)
       join places zs on zs.code = 'ZS' and zs.parent_id in (select id from places where code = '440305') where p.parent_id = zs.id order by p.code`,
    );
    const { rows: [department] } = await client.query<{ id: string }>(`select id from departments where place_id = $1 and code = 'urban-management'`, [placeRows[0]!.city_id]);
    const { rows: [account] } = await client.query<{ id: string }>(`select id from accounts where username = 'dispatcher'`);
    return {
      cityId: placeRows[0]!.city_id,
      placeIds: placeRows.map((r) => r.id),
      placePaths: new Map(placeRows.map((r) => [r.id, r.path])),
      departmentId: department!.id,
      dispatcherId: account!.id,
    };
  } finally {
    await client.end();
  }
}

export async function benchIntake(serverUrl: string, options: { seconds: number; runs: number; connections: number; warmupSeconds: number }): Promise<IntakeFigures> {
  const name = `tongxin_bench_intake_${process.pid}`;
  const databaseUrl = databaseUrlOf(serverUrl, name);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-cases-'));
  await createDatabase(serverUrl, name);
  const server = await start(['bin/tongxin.js', 'serve', '--port', '0'], { ...serverEnv(databaseUrl, dataDir), DATABASE_POOL_SIZE: String(options.connections) }).catch(async (error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(serverUrl, name);
    throw error;
  });
  const { child, url } = server;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.connections });
  try {
    const dispatcher = await session(url, 'dispatcher');
    const target = await targetOf(databaseUrl);
    const serial = { n: 0 };
    log(`intake: warming up (${options.warmupSeconds} s each)`);
    await httpRun(child.pid, url, dispatcher, target.placeIds, options.warmupSeconds, options.connections, serial);
    await pgRun(child.pid, pool, target, false, options.warmupSeconds, options.connections, serial);
    await pgRun(child.pid, pool, target, true, options.warmupSeconds, options.connections, serial);
    const http: LoadFigure[] = [];
    const tx: LoadFigure[] = [];
    const one: LoadFigure[] = [];
    // Interleaved, so that a slow patch of the machine (or a table growing) weighs on both sides alike.
    // Each run starts once the machine is quiet (or after 20 s of waiting): other work on the few cores would weigh on one side only.
    const quiet = async () => quietBefore.push(await waitForQuiet(20));
    const quietBefore: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      await quiet();
      http.push(await httpRun(child.pid, url, dispatcher, target.placeIds, options.seconds, options.connections, serial));
      await quiet();
      tx.push(await pgRun(child.pid, pool, target, false, options.seconds, options.connections, serial));
      await quiet();
      one.push(await pgRun(child.pid, pool, target, true, options.seconds, options.connections, serial));
      log(`intake run ${i + 1}: http ${http.at(-1)!.perSecond}/s (p99 ${http.at(-1)!.p99Ms} ms, cores ${JSON.stringify(http.at(-1)!.cores)}), pg transaction ${tx.at(-1)!.perSecond}/s, pg one statement ${one.at(-1)!.perSecond}/s (cores ${JSON.stringify(one.at(-1)!.cores)})`);
    }
    const { rows: [stored] } = await pool.query<{ n: number }>(`select count(*)::int as n from cases`);
    return { connections: options.connections, transport: transportOf(serverUrl), seconds: options.seconds, runs: options.runs, http: pickMedian(http), pgTransaction: pickMedian(tx), pgOneStatement: pickMedian(one), casesStored: stored!.n, idleShareBeforeRuns: quietBefore };
  } finally {
    await pool.end();
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(serverUrl, name);
  }
}
