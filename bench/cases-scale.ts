import { type SQL, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type Db, openDatabase, queryRows } from '../src/db/client.js';
import { caseDashboard } from '../src/modules/cases/evaluation.js';
import { compactCaseTallies } from '../src/modules/cases/tallies.js';
import { sweepDeadlines } from '../src/modules/cases/sweep.js';
import { type Deps, makeDeps, systemContext } from '../src/platform/context.js';
import { type Demo, demoOf, generateOpen, generateYear, undoEscalations } from './cases-data.js';
import { createDatabase, databaseUrlOf, dropDatabase, log, median, medianOf, round, run, serverEnv, session, start, stop, timed, waitForQuiet } from './cases-support.js';

/**
 * The evaluation dashboard and the deadline sweep over many cases on PostgreSQL, at each size of
 * a series, beside the limit of the same rows on the same server: a bare count(*) for the
 * dashboard, a bare UPDATE of the due rows (rolled back) for the sweep.
 */

export interface DashboardStep {
  cases: number;
  /** Service call (caseDashboard with a system context), median of 5 after a warm-up. */
  districtMs: number;
  subdistrictMs: number;
  districtRunsMs: number[];
  subdistrictRunsMs: number[];
  /** Cases the district's and the subdistrict's dashboards counted (the default window: the last 182 days). */
  districtCounted: number;
  subdistrictCounted: number;
  /** select count(*) from cases, median of 5 after a warm-up. */
  countAllMs: number;
  countAllRunsMs: number[];
  generateSeconds: number;
  /** Folding the generated cases' tallies into one row per place, department and day, as the background job does. */
  compactMs: number;
  /** Rows of case_tallies after folding: what the dashboard reads instead of the cases. */
  tallyRows: number;
}

export interface DashboardFigures {
  steps: DashboardStep[];
  /** Through HTTP (GET /api/cases/dashboard as the demo district supervisor) at the largest size. */
  http: { districtMs: number; subdistrictMs: number; districtRunsMs: number[]; subdistrictRunsMs: number[] };
  /** EXPLAIN (ANALYZE, BUFFERS) of the dashboard's one grouping-sets query for the district, at the largest size. */
  plan: string[];
}

export interface SweepStep {
  cases: number;
  due: number;
  /** One sweep each, the escalations undone in between; the median and every run. */
  sweepMs: number;
  sweepRunsMs: number[];
  escalated: number[];
  /** update cases set escalation_level = escalation_level + 1 where next_escalation_at <= now(), rolled back. */
  bareUpdateMs: number;
  bareUpdateRunsMs: number[];
  bareUpdated: number;
  generateSeconds: number;
}

/** A migrated database with the demo set loaded by the app itself, to copy for each benchmark. */
export async function demoTemplate(serverUrl: string): Promise<string> {
  const name = `tongxin_bench_cases_tpl_${process.pid}`;
  await createDatabase(serverUrl, name);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-tpl-'));
  try {
    await run(['bin/tongxin.js', 'seed', '--demo'], serverEnv(databaseUrlOf(serverUrl, name), dataDir));
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return name;
}

async function withCopy<T>(serverUrl: string, template: string, label: string, work: (url: string, client: pg.Client, deps: Deps, dataDir: string) => Promise<T>): Promise<T> {
  const name = `tongxin_bench_cases_${label}_${process.pid}`;
  await createDatabase(serverUrl, name, template);
  const url = databaseUrlOf(serverUrl, name);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tongxin-bench-${label}-`));
  const client = new pg.Client({ connectionString: url });
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    await client.connect();
    database = await openDatabase({ databaseUrl: url, dataDir });
    return await work(url, client, makeDeps(loadConfig(serverEnv(url, dataDir)), database), dataDir);
  } finally {
    await database?.close();
    await client.end().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(serverUrl, name);
  }
}

const countOf = async (client: pg.Client) => (await client.query<{ n: number }>(`select count(*)::int as n from cases`)).rows[0]!.n;

/** The database calls of a context, the SQL of each kept: to EXPLAIN the one that matters. */
function recording(db: Db, statements: SQL[]): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'execute') return (query: SQL) => (statements.push(query), (value as Db['execute']).call(target, query));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function benchDashboard(serverUrl: string, template: string, sizes: number[]): Promise<DashboardFigures> {
  return withCopy(serverUrl, template, 'dashboard', async (url, client, deps, dataDir) => {
    const demo: Demo = await demoOf(client);
    const ctx = systemContext(deps, 'bench');
    const steps: DashboardStep[] = [];
    let generated = 0;
    for (const size of sizes) {
      const t0 = Date.now();
      await generateYear(client, demo, generated + 1, size);
      generated = size;
      const generateSeconds = round((Date.now() - t0) / 1000);
      const total = await countOf(client);
      const t1 = Date.now();
      await compactCaseTallies(deps.db);
      const compactMs = Date.now() - t1;
      await client.query(`vacuum analyze case_tallies`);
      const tallyRows = Number((await client.query<{ n: string }>(`select count(*) as n from case_tallies`)).rows[0]!.n);
      log(`dashboard: ${total} cases (generated in ${generateSeconds} s, ${tallyRows} tally rows folded in ${compactMs} ms)`);
      await waitForQuiet(15);
      const district = await medianOf(5, 1, () => caseDashboard(ctx, { placeId: demo.districtId }));
      const subdistrict = await medianOf(5, 1, () => caseDashboard(ctx, { placeId: demo.subdistrictId }));
      const countAll = await medianOf(5, 1, () => client.query(`select count(*) from cases`));
      const counted = async (placeId: string) => (await caseDashboard(ctx, { placeId })).total.cases;
      steps.push({
        cases: total,
        districtMs: district.medianMs,
        subdistrictMs: subdistrict.medianMs,
        districtRunsMs: district.runsMs,
        subdistrictRunsMs: subdistrict.runsMs,
        districtCounted: await counted(demo.districtId),
        subdistrictCounted: await counted(demo.subdistrictId),
        countAllMs: countAll.medianMs,
        countAllRunsMs: countAll.runsMs,
        generateSeconds,
        compactMs,
        tallyRows,
      });
      log(`dashboard at ${total}: district ${district.medianMs} ms, subdistrict ${subdistrict.medianMs} ms, count(*) ${countAll.medianMs} ms`);
    }

    // The plan of the grouping-sets query, as the service sends it.
    const statements: SQL[] = [];
    await caseDashboard({ ...ctx, db: recording(deps.db, statements) }, { placeId: demo.districtId });
    const dialect = (deps.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string } } }).dialect;
    const grouping = statements.find((s) => dialect.sqlToQuery(s).sql.includes('grouping sets'))!;
    const plan = (await queryRows<{ 'QUERY PLAN': string }>(deps.db, sql`explain (analyze, buffers) ${grouping}`)).map((r) => r['QUERY PLAN']);

    // Once through HTTP, as the district's supervisor sees it.
    await waitForQuiet(15);
    const { child, url: base } = await start(['bin/tongxin.js', 'serve', '--port', '0', '--no-demo'], serverEnv(url, dataDir));
    try {
      const supervisor = await session(base, 'supervisor');
      const get = async (placeId: string) => {
        const response = await fetch(`${base}/api/cases/dashboard?placeId=${placeId}`, { headers: { cookie: supervisor.cookie } });
        if (!response.ok) throw new Error(`dashboard answered ${response.status}: ${await response.text()}`);
        await response.json();
      };
      const district = await medianOf(5, 1, () => get(demo.districtId));
      const subdistrict = await medianOf(5, 1, () => get(demo.subdistrictId));
      log(`dashboard through HTTP: district ${district.medianMs} ms, subdistrict ${subdistrict.medianMs} ms`);
      return { steps, http: { districtMs: district.medianMs, subdistrictMs: subdistrict.medianMs, districtRunsMs: district.runsMs, subdistrictRunsMs: subdistrict.runsMs }, plan };
    } finally {
      await stop(child);
    }
  });
}

export async function benchSweep(serverUrl: string, template: string, sizes: number[]): Promise<SweepStep[]> {
  return withCopy(serverUrl, template, 'sweep', async (_url, client, deps) => {
    const demo = await demoOf(client);
    // The demo's own overdue cases are escalated first (by the sweep itself), so that every measured sweep has the same work.
    while ((await sweepDeadlines(deps)).escalated > 0);
    const steps: SweepStep[] = [];
    let generated = 0;
    for (const size of sizes) {
      const t0 = Date.now();
      await generateOpen(client, demo, generated + 1, size);
      generated = size;
      const generateSeconds = round((Date.now() - t0) / 1000);
      const total = await countOf(client);
      const due = (await client.query<{ n: number }>(`select count(*)::int as n from cases where next_escalation_at <= now()`)).rows[0]!.n;
      log(`sweep: ${total} cases, ${due} due (generated in ${generateSeconds} s)`);
      await waitForQuiet(15);
      const sweepRunsMs: number[] = [];
      const escalated: number[] = [];
      for (let i = 0; i < 3; i++) {
        await undoEscalations(client);
        let done = 0;
        sweepRunsMs.push(round(await timed(async () => (done = (await sweepDeadlines(deps)).escalated))));
        escalated.push(done);
      }
      const bareUpdateRunsMs: number[] = [];
      let bareUpdated = 0;
      for (let i = 0; i < 3; i++) {
        await undoEscalations(client);
        await client.query('begin');
        bareUpdateRunsMs.push(
          round(await timed(async () => (bareUpdated = (await client.query(`update cases set escalation_level = escalation_level + 1 where next_escalation_at <= now()`)).rowCount ?? 0))),
        );
        await client.query('rollback');
      }
      await undoEscalations(client);
      steps.push({ cases: total, due, sweepMs: median(sweepRunsMs), sweepRunsMs, escalated, bareUpdateMs: median(bareUpdateRunsMs), bareUpdateRunsMs, bareUpdated, generateSeconds });
      log(`sweep at ${total}: ${median(sweepRunsMs)} ms for ${escalated.join('/')} escalated; bare update ${median(bareUpdateRunsMs)} ms for ${bareUpdated}`);
    }
    return steps;
  });
}
