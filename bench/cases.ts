import autocannon from 'autocannon';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchIntake, type IntakeFigures } from './cases-intake.js';
import { benchDashboard, benchSweep, type DashboardFigures, demoTemplate, type SweepStep } from './cases-scale.js';
import { dropDatabase, log, machine, ROOT, round, start, stop, waitForQuiet } from './cases-support.js';
import { underPolicies } from './postgres-scheduling.js';

/**
 * The unified requests (cases) on PostgreSQL, each figure beside a limit measured in the same run
 * on the same machine, against the targets of the issue:
 *
 *   intake through HTTP   ≥ 1,500 cases/s, p99 < 50 ms, ≥ ½ of a bare pg pool writing the same rows
 *   dashboard, 1M cases   < 200 ms (limit: select count(*) from cases)
 *   deadline sweep, 1M    < 1 s    (limit: a bare UPDATE of the due rows, rolled back)
 *
 * Writes bench/results/cases.json and cases.md. Needs DATABASE_URL (a server where it may create
 * and drop scratch databases); BENCH_CASES_ROWS sets the largest size (default 1,000,000; 10,000,000 carries the scale series on, about 35 minutes here),
 * BENCH_SECONDS the length of each load run (default 10), BENCH_CONNECTIONS the numbers of
 * concurrent clients of the intake to try in turn (default 10,16,24; the server's pool and the
 * bare-pg pool get as many each time). The headline is the most cases a second among them with a
 * p99 under the target's 50 ms, as throughput under a latency target is usually stated.
 * BENCH_CASES_ONLY=intake measures the intake again and keeps the dashboard and sweep figures
 * stored in cases.json (and their loads). BENCH_POSTGRES_POLICIES=other,batch measures the intake
 * under each CPU scheduling policy of PostgreSQL in turn (postgres-scheduling.ts; the last one
 * gives the headline figures). With PostgreSQL on this machine, reach it over its Unix socket, as
 * a deployment would:
 *
 *   DATABASE_URL='postgres://postgres@localhost/test?host=/var/run/postgresql' BENCH_POSTGRES_POLICIES=other,batch npx tsx bench/cases.ts
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROWS = Number(process.env.BENCH_CASES_ROWS ?? 1_000_000);
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '10,16,24').split(',').map(Number);
/** The empty route's load. */
const CONNECTIONS = Math.max(...CONNECTION_COUNTS);
const RUNS = 3;
const ONLY_INTAKE = process.env.BENCH_CASES_ONLY === 'intake';
const TARGET = { intakePerSecond: 1500, intakeP99Ms: 50, intakeShareOfLimit: 0.5, dashboardMs: 200, sweepMs: 1000, atRows: 1_000_000 };

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

async function ceiling(): Promise<{ requestsPerSecond: number; p50Ms: number; p99Ms: number }> {
  const { child, url } = await start(['--import', 'tsx', 'bench/ceiling.ts'], {});
  try {
    await waitForQuiet(20);
    await autocannon({ url: `${url}/healthz`, connections: CONNECTIONS, duration: 2 });
    const result = await autocannon({ url: `${url}/healthz`, connections: CONNECTIONS, duration: SECONDS });
    return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
  } finally {
    await stop(child);
  }
}

/** 10k, 100k, … up to ROWS. */
const sizes = (): number[] => [...[10_000, 100_000, 1_000_000].filter((n) => n < ROWS), ROWS];

/** The dashboard query's plan in one line: its top node and when it finished. */
function planSummary(plan: string[]): string {
  const top = plan[0] ? /actual time=([\d.]+)\.\.([\d.]+)/.exec(plan[0]) : null;
  const reads = plan.filter((l) => /Scan .*on (cases|case_tallies)/.test(l)).map((l) => l.trim().replace(/^->\s*/, '').split('  (')[0]);
  return top ? `The query finished in ${round(Number(top[2]))} ms; it read ${reads.join('; ')}.` : (plan[0] ?? '');
}

const fmt = (n: number) => n.toLocaleString('en');

/** One intake measurement: under which policy of PostgreSQL, with how many clients. */
interface IntakeRun {
  policy: string;
  figures: IntakeFigures;
}

/** The headline: the most cases a second whose p99 meets the target, else the last measured. */
const headlineOf = (runs: IntakeRun[]): IntakeRun =>
  [...runs].filter((r) => r.figures.http.p99Ms < TARGET.intakeP99Ms).sort((a, b) => b.figures.http.perSecond - a.figures.http.perSecond)[0] ?? runs.at(-1)!;

/** The intake under each scheduling policy of PostgreSQL and number of clients, when more than one was measured. */
function intakeTable(runs: IntakeRun[] | undefined): string[] {
  if (!runs || runs.length < 2) return [];
  const perCase = (cores: number, perSecond: number) => round((cores * 1000) / perSecond, 2);
  return [
    '## By scheduling policy and number of clients',
    '',
    'The same intake, in the same run, with PostgreSQL’s processes under each CPU scheduling policy in turn (set with `chrt` on the postmaster, which its backends inherit, and on every process it had started; docs/deployment.md says how to set it on a server), and with each number of concurrent clients (the server’s pool and the bare-pg pool as large). The headline above is the row with the most cases a second whose p99 stays under 50 ms, among those of the last policy.',
    '',
    '| policy | clients | HTTP cases/s (runs) | p99 ms | CPU ms per case: server / PostgreSQL | idle cores | bare pg, one statement, rows/s | share of it |',
    '|---|---:|---|---:|---|---:|---:|---:|',
    ...runs.map(({ policy, figures: { connections, http, pgOneStatement } }) =>
      `| ${policy} | ${connections} | ${fmt(http.perSecond)} (${http.runsPerSecond.map(fmt).join(', ')}) | ${http.p99Ms} | ${perCase(http.cores.server, http.perSecond)} / ${perCase(http.cores.postgres, http.perSecond)} | ${http.cores.idle} | ${fmt(pgOneStatement.perSecond)} | ${Math.round((http.perSecond / pgOneStatement.perSecond) * 100)}% |`,
    ),
    '',
  ];
}

const met = (ok: boolean, rows: number) => (rows < TARGET.atRows ? `— (${rows.toLocaleString('en')} rows, target is for 1M)` : ok ? 'yes' : '**no**');

function markdown(results: {
  machine: ReturnType<typeof machine>;
  load: Record<string, number[]>;
  ceiling: Awaited<ReturnType<typeof ceiling>>;
  intake: IntakeFigures;
  /** PostgreSQL's scheduling policy during the intake figures above. */
  postgresPolicy?: string;
  /** Every intake measured (policies × numbers of clients), when there was more than one. */
  intakeRuns?: IntakeRun[];
  dashboard: DashboardFigures;
  sweep: SweepStep[];
  /** Set when a later run measured only the intake and kept these figures: the day they were taken. */
  scaleTakenOn?: string;
}): string {
  const { intake, dashboard, sweep } = results;
  const limit = intake.pgOneStatement.perSecond >= intake.pgTransaction.perSecond ? intake.pgOneStatement : intake.pgTransaction;
  const limitName = limit === intake.pgOneStatement ? 'bare pg, the four inserts as one prepared statement' : 'bare pg, one transaction of four inserts';
  const share = intake.http.perSecond / limit.perSecond;
  const largest = dashboard.steps.at(-1)!;
  // The targets are for 1M cases; a longer series (BENCH_CASES_ROWS=10000000) goes on past them.
  const atTarget = dashboard.steps.find((s) => s.cases >= TARGET.atRows) ?? largest;
  const sweepAtTarget = sweep.find((s) => s.cases >= TARGET.atRows) ?? sweep.at(-1)!;
  const httpMet =
    largest === atTarget ? met(Math.max(dashboard.http.districtMs, dashboard.http.subdistrictMs) < TARGET.dashboardMs, largest.cases) : `— (taken at the series’ largest size; the target is for 1M)`;
  const m = results.machine;
  const times = (value: number, base: number) => `${round(value / base)}×`;
  return [
    '# Unified requests (cases) on PostgreSQL',
    '',
    `${m.date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL on the same machine (default settings, synchronous_commit on; the intake reaches it over its ${intake.transport}; its CPU scheduling policy during the intake: ${results.postgresPolicy ?? 'other'}); ` +
      `load generator, server and database share the ${m.cpus} cores. Load average at the start of each part: ` +
      Object.entries(results.load).map(([k, v]) => `${k} ${v[0]}`).join(', ') +
      '. Produced by `bench/cases.ts`; every figure in `cases.json`.' +
      (results.scaleTakenOn ? ` The dashboard and sweep figures were taken on ${results.scaleTakenOn}; this run (BENCH_CASES_ONLY=intake) measured the intake again.` : ''),
    '',
    '| figure | value | limit (same run, same machine) | ratio | target | met? |',
    '|---|---:|---|---:|---|---|',
    `| intake, POST /api/cases through HTTP (dispatcher, ${intake.connections} connections, median of ${RUNS} × ${SECONDS} s) | ${fmt(intake.http.perSecond)} cases/s | ${fmt(limit.perSecond)} rows/s (${limitName}, ${intake.connections} workers) | ${(share * 100).toFixed(0)}% of limit | ≥ 1,500/s and ≥ 50% | ${intake.http.perSecond >= TARGET.intakePerSecond && share >= TARGET.intakeShareOfLimit ? 'yes' : '**no**'} |`,
    `| intake p99 latency | ${intake.http.p99Ms} ms | ${limit.p99Ms} ms | ${times(intake.http.p99Ms, limit.p99Ms)} | < 50 ms | ${intake.http.p99Ms < TARGET.intakeP99Ms ? 'yes' : '**no**'} |`,
    `| framework ceiling (bare Fastify, constant answer) | ${fmt(results.ceiling.requestsPerSecond)} req/s | — | intake is ${((intake.http.perSecond / results.ceiling.requestsPerSecond) * 100).toFixed(1)}% of it | — | — |`,
    `| dashboard, district (Nanshan), service call, ${fmt(atTarget.cases)} cases | ${atTarget.districtMs} ms | count(*) ${atTarget.countAllMs} ms | ${times(atTarget.districtMs, atTarget.countAllMs)} | < 200 ms | ${met(atTarget.districtMs < TARGET.dashboardMs, atTarget.cases)} |`,
    `| dashboard, subdistrict (Zhaoshang), service call | ${atTarget.subdistrictMs} ms | count(*) ${atTarget.countAllMs} ms | ${times(atTarget.subdistrictMs, atTarget.countAllMs)} | < 200 ms | ${met(atTarget.subdistrictMs < TARGET.dashboardMs, atTarget.cases)} |`,
    `| dashboard through HTTP (district / subdistrict), ${fmt(largest.cases)} cases | ${dashboard.http.districtMs} / ${dashboard.http.subdistrictMs} ms | count(*) ${largest.countAllMs} ms | ${times(dashboard.http.districtMs, largest.countAllMs)} | < 200 ms | ${httpMet} |`,
    `| deadline sweep, ${fmt(sweepAtTarget.cases)} open cases, ${fmt(sweepAtTarget.due)} due | ${sweepAtTarget.sweepMs} ms (escalated ${sweepAtTarget.escalated.map(fmt).join(' / ')}) | bare UPDATE ${sweepAtTarget.bareUpdateMs} ms (${fmt(sweepAtTarget.bareUpdated)} rows) | ${times(sweepAtTarget.sweepMs, sweepAtTarget.bareUpdateMs)} | < 1 s | ${met(sweepAtTarget.sweepMs < TARGET.sweepMs, sweepAtTarget.cases)} |`,
    '',
    '## Intake in detail',
    '',
    '| | per second | p50 ms | p95 ms | p99 ms | failures | runs (per second) | cores busy: server / PostgreSQL / load generator / others; idle | CPU ms per case: server / PostgreSQL |',
    '|---|---:|---:|---:|---:|---:|---|---|---|',
    ...(
      [
        ['POST /api/cases (HTTP)', intake.http],
        ['bare pg: begin, 4 inserts, commit', intake.pgTransaction],
        ['bare pg: the 4 inserts as one prepared statement', intake.pgOneStatement],
      ] as const
    ).map(
      ([name, f]) =>
        `| ${name} | ${fmt(f.perSecond)} | ${f.p50Ms} | ${f.p95Ms} | ${f.p99Ms} | ${f.failures} | ${f.runsPerSecond.map(fmt).join(', ')} | ` +
        `${f.cores.server} / ${f.cores.postgres} / ${f.cores.loadGenerator} / ${f.cores.other}; ${f.cores.idle} | ${round((f.cores.server * 1000) / f.perSecond, 2)} / ${round((f.cores.postgres * 1000) / f.perSecond, 2)} |`,
    ),
    '',
    'Each request has its own description (request texts from the training examples, numbered), place (the Zhaoshang communities) and Idempotency-Key; the bare-pg workers write the same four rows per case (idempotency claim, case, timeline entry, audit entry) with the same values, and in both the trigger on `cases` appends the case’s tally row. The HTTP path also resolves the session, checks the CSRF token, validates, routes the text with the classifier and answers JSON; it takes one database round trip (one statement that reads what it needs and writes the rows) besides the session lookup, and the cases that come while that statement is in flight go together in the next one (so do the session lookups; src/db/gathering.ts). The bare-pg workers write one case per statement, as a client that knows only its own case must.',
    '',
    'Where the intake’s time goes (profiles taken while writing this benchmark, 2026-11-23 and 24, not re-measured by this script): the intake used to take eleven round trips in one transaction (begin, place, idempotency claim, settings, department, sequence, three inserts, commit) and ran at about 270–330 cases/s here; then two (a read and a write statement), about 600–740 cases/s on a quiet machine; since 2026-11-24 one. ' +
      'PostgreSQL then spent about 1.6 ms of CPU per case, about half of it parsing and planning the session lookup, the read and the write statement (0.30, 0.23 and 0.41 ms one at a time, perf); those three are now prepared statements, planned once per connection (drizzle names only its builders’ statements; `preparedStatement` in src/db/client.ts asks its session to do it for raw SQL), which brought PostgreSQL to about 0.9 ms per case. The bare-pg one-statement limit is prepared too. ' +
      'Under Linux’s default scheduling policy the Node server then spent about 0.7 ms of CPU per case and got only three quarters of a core, although a quarter of the machine stayed idle: a third of its samples (V8’s profiler) fell in the socket write that sends a query, which wakes a PostgreSQL backend; under the default policy a woken process may preempt the one that woke it, under SCHED_BATCH it does not. Under SCHED_BATCH that code needed about 0.6 ms of server CPU and 0.6 ms of PostgreSQL CPU per case and took more cases a second (1,267 against 1,052/s with 10 connections, 2026-11-24 05:13 UTC). Pinning the server and PostgreSQL to a core each gave nothing more (1,294/s), and the server then still used only three quarters of its core: the latency of each case’s round trips, with too few cases in flight to hide it, bounded it. ' +
      'Then the read went into the write statement (one round trip fewer; 1,458/s with 10 connections under SCHED_BATCH), that statement was built once with placeholders instead of on every call (server CPU per case 0.56 → 0.51 ms; 1,477/s, runs 1,441–1,545, with 10 connections), and the classifier’s weights went into one typed array; then 16 connections gave 1,622/s (runs 1,463–1,653) and 24 gave 1,568/s (runs 1,556–1,631, p99 about 30 ms), where 20 had given fewer than 10 before these changes; hence the bench tries 10, 16 and 24 and the table below. ' +
      'At that point a third of the server’s samples still fell in the socket writes that send a query (two per case: the session lookup and the intake). Since the afternoon of 2026-11-24 the server gathers them: the session lookups of the requests that arrive together go as one query, and the cases that come while the intake’s statement is in flight go together in the next one, one statement and one commit for all of them (the rows of one statement share a transaction; a statement that fails is run again case by case, so a refusal reaches only its own case). Ad-hoc 10 s runs with 16 clients under the default policy, on one machine within an hour: 2,391–2,463 cases/s before; 3,154–3,162 with the intake gathered at the end of each turn of the event loop; 4,467–4,551 with the session lookups gathered too; 5,027–5,136 with one statement in flight at a time, the rest waiting for the next. The server then idles part of the time, and PostgreSQL spends less per case than the bare-pg limit does, since a gathered statement shares its commit. ' +
      'Behind PgBouncer, prepared statements need its transaction mode with max_prepared_statements set (PgBouncer 1.21 and later), or its session mode.',
    '',
    ...intakeTable(results.intakeRuns),
    `Each load run started once the machine was quiet or after 20 s of waiting; the idle share of the cores just before each run (HTTP, transaction, one statement, in turn): ${intake.idleShareBeforeRuns.join(', ')}. The "others" column is CPU taken meanwhile by work that is not this benchmark (the machine is shared).`,
    '',
    '## Scale series',
    '',
    '| cases | dashboard district ms | dashboard subdistrict ms | count(*) ms | cases in district window | tally rows | folding ms | open cases (sweep) | due | sweep ms | escalated | bare UPDATE ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...dashboard.steps.map((d, i) => {
      const s = sweep[i];
      return `| ${fmt(d.cases)} | ${d.districtMs} | ${d.subdistrictMs} | ${d.countAllMs} | ${fmt(d.districtCounted)} | ${fmt(d.tallyRows)} | ${d.compactMs} | ${s ? fmt(s.cases) : ''} | ${s ? fmt(s.due) : ''} | ${s?.sweepMs ?? ''} | ${s ? fmt(s.escalated[0]!) : ''} | ${s?.bareUpdateMs ?? ''} |`;
    }),
    '',
    'The dashboard data: a year of cases generated in SQL over the six demo Shenzhen communities and the city’s departments, statuses by age (old ones mostly closed, three quarters of those rated), deadlines of 4 h / 1 day / 5 days mostly kept, 5% returned, 2% reopened, 1% merged; the dashboard reads its default window (the last 182 days). The sweep data: open dispatched cases due over the next month, every hundredth due within the last hour; each sweep is timed once with the escalations undone in between (median of 3). Both include the demo set’s own cases.',
    '',
    '## Where the dashboard’s time goes',
    '',
    planSummary(dashboard.plan) + ' The whole plan is in `cases.json` (dashboard.plan).',
    '',
    'The dashboard does not read the cases it counts: a trigger on `cases` appends each case’s change to the evaluation’s counts to `case_tallies` (per place, department and local day), and a background job folds those rows into one per key (the “folding ms” column: the generated cases’ rows, folded once). The dashboard adds up the tallies of the whole days in its window, and reads from `cases` only the cases of the partial days at either end and the open cases now overdue (which change with the clock, not with the cases). ' +
      'Its cost therefore grows with places × departments × days, not with cases; count(*) over the cases, the limit this table compares with, grows with the cases. ' +
      'Before the tallies (run of 2026-11-23, 1,000,160 cases) the same dashboard took 622 ms (district) and 464 ms (subdistrict), one grouping-sets pass over half the table.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  // BENCH_CASES_FROM_JSON=bench/results/cases.json only writes cases.md again from the figures kept there.
  const kept = process.env.BENCH_CASES_FROM_JSON;
  if (kept) {
    writeFileSync(path.join(ROOT, 'bench', 'results', 'cases.md'), markdown(JSON.parse(readFileSync(kept, 'utf8')) as Parameters<typeof markdown>[0]));
    return;
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write('bench/cases.ts: set DATABASE_URL to a PostgreSQL server to measure the cases (skipped).\n');
    return;
  }
  const load: Record<string, number[]> = {};
  load.ceiling = loadAverage();
  const ceilingFigure = await ceiling();
  log(`ceiling: ${ceilingFigure.requestsPerSecond} requests/s`);
  load.intake = loadAverage();
  const intakeRuns: IntakeRun[] = [];
  const policies = await underPolicies(serverUrl, async () => {
    const figures: IntakeFigures[] = [];
    for (const connections of CONNECTION_COUNTS) figures.push(await benchIntake(serverUrl, { seconds: SECONDS, runs: RUNS, connections, warmupSeconds: 3 }));
    return figures;
  });
  for (const { policy, figures } of policies) for (const f of figures) intakeRuns.push({ policy, figures: f });
  const lastPolicy = policies.at(-1)!.policy;
  const { policy: postgresPolicy, figures: intake } = headlineOf(intakeRuns.filter((r) => r.policy === lastPolicy));
  let dashboard: DashboardFigures;
  let sweep: SweepStep[];
  let scaleTakenOn: string | undefined;
  if (ONLY_INTAKE) {
    const stored = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results', 'cases.json'), 'utf8')) as {
      machine: { date: string };
      scaleTakenOn?: string;
      load: Record<string, number[]>;
      dashboard: DashboardFigures;
      sweep: SweepStep[];
    };
    ({ dashboard, sweep } = stored);
    scaleTakenOn = stored.scaleTakenOn ?? stored.machine.date.slice(0, 10);
    for (const part of ['dashboard', 'sweep']) load[part] = stored.load[part]!;
  } else {
    const template = await demoTemplate(serverUrl);
    try {
      load.dashboard = loadAverage();
      dashboard = await benchDashboard(serverUrl, template, sizes());
      load.sweep = loadAverage();
      sweep = await benchSweep(serverUrl, template, sizes());
    } finally {
      await dropDatabase(serverUrl, template);
    }
  }
  load.end = loadAverage();

  const results = { machine: machine(), load, targets: TARGET, ceiling: ceilingFigure, intake, postgresPolicy, ...(intakeRuns.length > 1 ? { intakeRuns } : {}), dashboard, sweep, ...(scaleTakenOn ? { scaleTakenOn } : {}) };
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify(results, null, 2) + '\n');
  const table = markdown(results);
  writeFileSync(path.join(outDir, 'cases.md'), table);
  process.stdout.write(table);
}

await main();
