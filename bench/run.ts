import type autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createDatabase, databaseUrlOf, dropDatabase, machine, ROOT, serverEnv, session, start, stop, waitForQuiet } from './cases-support.js';
import { httpLoad, type MedianFigure, pgLoad, pickMedian, recordStatements } from './load.js';

/**
 * HTTP figures of everyday routes, each beside two limits measured in the same run on the same
 * machine: the framework's empty route (a bare Fastify answering a constant) and, on PostgreSQL,
 * a bare `pg` pool running exactly the statements the route ran (recorded from the application
 * built in-process on the same database, with fresh ids for the rows a write creates), at the
 * same concurrency. Warm-up first, then interleaved runs; the run of median throughput is kept.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/run.ts     (PostgreSQL; BENCH_PGLITE=0 leaves out the embedded engine)
 *   BENCH_SECONDS (default 10), BENCH_RUNS (default 3)
 *
 * Writes bench/results/http.json and http.md.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 10;
const log = (line: string) => process.stderr.write(`[http] ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

export interface HttpFigure {
  scenario: string;
  engine: 'pglite' | 'postgres' | 'none';
  http: MedianFigure;
  /** The same statements through a bare pg pool (PostgreSQL only). */
  barePg: (MedianFigure & { statements: number }) | null;
  shareOfCeiling: number;
  shareOfBarePg: number | null;
  loadAverage: number[];
}

interface Scenario {
  name: string;
  /** Builds the request for the session; `serial` makes each write its own. */
  request: (context: { url: string; auth: { cookie: string; csrf: string }; placeId: string }) => { path: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: (serial: number) => string };
}

const SCENARIOS: Scenario[] = [
  { name: 'GET /healthz (database ping)', request: () => ({ path: '/healthz', method: 'GET', headers: {} }) },
  { name: 'GET /api/places (public tree)', request: () => ({ path: '/api/places', method: 'GET', headers: {} }) },
  {
    name: 'GET /api/residents?limit=20 (liaison, masked list)',
    request: ({ auth }) => ({ path: '/api/residents?limit=20', method: 'GET', headers: { cookie: auth.cookie, 'accept-language': 'zh-CN' } }),
  },
  {
    name: 'POST /api/residents (liaison registers a resident, audited)',
    request: ({ auth, placeId }) => ({
      path: '/api/residents',
      method: 'POST',
      headers: { cookie: auth.cookie, 'accept-language': 'zh-CN', 'content-type': 'application/json', 'x-csrf-token': auth.csrf },
      body: (serial) => JSON.stringify({ placeId, name: `压测居民${serial}`, residency: 'new', birthYear: 1990 }),
    }),
  },
];

async function shuiwanId(base: string): Promise<string> {
  let id: string | undefined;
  for (const code of ['440300', '440305', 'ZS', 'SW']) {
    const { items } = (await (await fetch(`${base}/api/places${id ? `?parentId=${id}` : ''}`)).json()) as { items: { id: string; code: string }[] };
    id = items.find((p) => p.code === code)!.id;
  }
  return id!;
}

async function ceiling(): Promise<MedianFigure> {
  const { child, url } = await start(['--import', 'tsx', 'bench/ceiling.ts'], {});
  try {
    const options = { url: `${url}/healthz`, connections: CONNECTIONS };
    await httpLoad({ ...options, duration: WARMUP_SECONDS }, child.pid);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      await waitForQuiet(15);
      runs.push(await httpLoad({ ...options, duration: SECONDS }, child.pid));
    }
    return pickMedian(runs);
  } finally {
    await stop(child);
  }
}

async function benchEngine(engine: 'pglite' | 'postgres', databaseUrl: string, ceilingPerSecond: number): Promise<HttpFigure[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-'));
  const env = serverEnv(databaseUrl, dataDir);
  const { child, url } = await start(['bin/tongxin.js', 'serve', '--port', '0'], env);
  // The same application in this process, on the same database: only to record each route's statements.
  const recorder = engine === 'postgres' ? await buildApp({ config: loadConfig({ ...process.env, ...env }), database: await openDatabase({ databaseUrl, dataDir }), logger: false, webRoot: '/nonexistent' }) : null;
  const pool = engine === 'postgres' ? new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS }) : null;
  try {
    const auth = await session(url, 'liaison');
    const placeId = await shuiwanId(url);
    const figures: HttpFigure[] = [];
    let serial = 0;
    for (const scenario of SCENARIOS) {
      const r = scenario.request({ url, auth, placeId });
      const options = (duration: number): autocannon.Options => ({
        url: `${url}${r.path}`,
        method: r.method,
        headers: r.headers,
        connections: CONNECTIONS,
        duration,
        ...(r.body ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: r.body!(++serial) }) }] } : {}),
      });
      let recorded: Awaited<ReturnType<typeof recordStatements>> | null = null;
      if (recorder) {
        const inject = () => recorder.inject({ method: r.method, url: r.path, headers: r.headers, ...(r.body ? { payload: r.body(++serial) } : {}) });
        await inject(); // caches filled: record what a warm server runs
        recorded = await recordStatements(async () => {
          const response = await inject();
          if (response.statusCode >= 300) throw new Error(`${scenario.name}: ${response.statusCode} ${response.body}`);
        });
      }
      const load = loadAverage();
      await httpLoad(options(WARMUP_SECONDS), child.pid);
      if (recorded) await pgLoad(pool!, recorded, WARMUP_SECONDS, CONNECTIONS, child.pid);
      const httpRuns = [];
      const pgRuns = [];
      for (let i = 0; i < RUNS; i++) {
        await waitForQuiet(15);
        httpRuns.push(await httpLoad(options(SECONDS), child.pid));
        if (recorded) {
          await waitForQuiet(15);
          pgRuns.push(await pgLoad(pool!, recorded, SECONDS, CONNECTIONS, child.pid));
        }
      }
      const http = pickMedian(httpRuns);
      const barePg = recorded ? { ...pickMedian(pgRuns), statements: recorded.statements.length } : null;
      figures.push({
        scenario: scenario.name,
        engine,
        http,
        barePg,
        shareOfCeiling: Math.round((http.perSecond / ceilingPerSecond) * 1000) / 1000,
        shareOfBarePg: barePg ? Math.round((http.perSecond / barePg.perSecond) * 1000) / 1000 : null,
        loadAverage: load,
      });
      log(`${engine} ${scenario.name}: ${http.perSecond}/s p99 ${http.p99Ms} ms${barePg ? `; bare pg ${barePg.perSecond}/s (${barePg.statements} statements)` : ''}`);
    }
    return figures;
  } finally {
    await pool?.end();
    await recorder?.close();
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export function httpMarkdown(results: { machine: ReturnType<typeof machine>; seconds: number; runs: number; connections: number; figures: HttpFigure[] }): string {
  const m = results.machine;
  return [
    '# HTTP throughput',
    '',
    `${m.date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; autocannon, ${results.connections} connections, ${WARMUP_SECONDS} s warm-up, median of ${results.runs} × ${results.seconds} s; ` +
      'server, PostgreSQL and load generator share the machine (shared with other work: the load average is given per line). Produced by `bench/run.ts`; every figure in `http.json`.',
    '',
    'The bare-pg limit runs, through a pool of as many connections as autocannon has, exactly the statements the route ran (recorded from the application on the same database; fresh ids for the rows a write creates).',
    '',
    '| scenario | engine | requests/s | p50 ms | p95 ms | p99 ms | failures | bare pg /s (statements) | bare pg p99 ms | share of bare pg | share of empty route | load average |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...results.figures.map(
      (f) =>
        `| ${f.scenario} | ${f.engine} | ${f.http.perSecond} | ${f.http.p50Ms} | ${f.http.p95Ms} | ${f.http.p99Ms} | ${f.http.failures} | ${f.barePg ? `${f.barePg.perSecond} (${f.barePg.statements})` : '—'} | ${f.barePg?.p99Ms ?? '—'} | ${pct(f.shareOfBarePg)} | ${pct(f.shareOfCeiling)} | ${f.loadAverage.join(' ')} |`,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const loadAtCeiling = loadAverage();
  const ceilingFigure = await ceiling();
  log(`empty route: ${ceilingFigure.perSecond} requests/s`);
  const figures: HttpFigure[] = [
    { scenario: 'bare Fastify, constant answer (the ceiling)', engine: 'none', http: ceilingFigure, barePg: null, shareOfCeiling: 1, shareOfBarePg: null, loadAverage: loadAtCeiling },
  ];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tongxin_bench_http_${process.pid}`;
    await createDatabase(serverUrl, name);
    try {
      figures.push(...(await benchEngine('postgres', databaseUrlOf(serverUrl, name), ceilingFigure.perSecond)));
    } finally {
      await dropDatabase(serverUrl, name);
    }
  } else log('DATABASE_URL is not set: PostgreSQL left out');
  if (process.env.BENCH_PGLITE !== '0') figures.push(...(await benchEngine('pglite', '', ceilingFigure.perSecond)));

  const results = { machine: machine(), seconds: SECONDS, runs: RUNS, connections: CONNECTIONS, figures };
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'http.json'), JSON.stringify(results, null, 2) + '\n');
  const table = httpMarkdown(results);
  writeFileSync(path.join(outDir, 'http.md'), table);
  process.stdout.write(table);
}

await main();
