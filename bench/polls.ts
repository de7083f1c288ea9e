import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createPoll } from '../src/modules/polls/polls.js';
import type { Definition, Question } from '../src/modules/polls/questionnaire.js';
import { createQuestionnaire } from '../src/modules/polls/questionnaires.js';
import { pollResults } from '../src/modules/polls/results.js';
import { makeDeps, systemContext } from '../src/platform/context.js';
import { demoTemplate } from './cases-scale.js';
import { underPolicies } from './postgres-scheduling.js';
import {
  coresUsed,
  cpuSnapshot,
  createDatabase,
  databaseUrlOf,
  dropDatabase,
  machine,
  medianOf,
  percentile,
  ROOT,
  round,
  serverEnv,
  session,
  start,
  stop,
  transportOf,
  waitForQuiet,
} from './cases-support.js';

/**
 * Polls on PostgreSQL, each figure beside a limit from the same run on the same machine:
 *
 *   results of a poll with 1,000,000 responses × 30 questions, broken down by two resident
 *   attributes: < 1 s (limits: select count(*) of the poll's responses; a group-by over the
 *   responses for one question and the two attributes)
 *   responses through HTTP: ≥ 1,000/s (limits: a bare pg pool writing the same rows at the same
 *   concurrency; the empty-route ceiling of Fastify)
 *
 * Writes bench/results/polls.json and polls.md. Needs DATABASE_URL; BENCH_POLLS_ROWS scales the
 * responses down (default 1,000,000), BENCH_SECONDS the load runs (default 10; the run of median
 * throughput of BENCH_RUNS, default 3, is kept), BENCH_CONNECTIONS
 * the concurrent submitters (default 20; the server's pool gets as many connections). BENCH_POLLS_ONLY=
 * responses measures the responses again and keeps the stored results figures (whose million
 * responses take minutes to generate), with the load and date they were taken at.
 * BENCH_POSTGRES_POLICIES=other,batch measures the responses under each CPU scheduling policy
 * of PostgreSQL in turn (postgres-scheduling.ts; the last one gives the headline figures).
 *
 *   npx tsc -p tsconfig.build.json && DATABASE_URL='postgres://postgres@localhost/test?host=/var/run/postgresql' BENCH_POSTGRES_POLICIES=other,batch npx tsx bench/polls.ts
 */
const ROWS = Number(process.env.BENCH_POLLS_ROWS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET = { resultsMs: 1000, responsesPerSecond: 1000 };
const ONLY_RESPONSES = process.env.BENCH_POLLS_ONLY === 'responses';
const log = (line: string) => process.stderr.write(`[polls] ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

/** Thirty questions as a district satisfaction survey asks them: ratings, choices, a matrix, a number. */
function surveyDefinition(): Definition {
  const scale = ['1', '2', '3', '4', '5'].map((id) => ({ id, label: id }));
  const questions: Question[] = [];
  for (let i = 1; i <= 20; i++) questions.push({ id: `r${i}`, type: 'rating', text: `满意度 ${i}`, required: true, options: scale });
  for (let i = 1; i <= 5; i++) questions.push({ id: `s${i}`, type: 'single', text: `选择 ${i}`, options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id })) });
  for (let i = 1; i <= 3; i++) questions.push({ id: `m${i}`, type: 'multiple', text: `多选 ${i}`, maxChoices: 3, options: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, label: id })) });
  questions.push({ id: 'x1', type: 'matrix', text: '各方面', items: ['safety', 'clean', 'parking'].map((id) => ({ id, label: id })), options: scale });
  questions.push({ id: 'n1', type: 'number', text: '次数', integer: true, min: 0, max: 100 });
  return { sections: [{ id: 'all', title: '', questions }] };
}

/** A valid set of answers, varied by `k`. */
function answersFor(k: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (let i = 1; i <= 20; i++) answers[`r${i}`] = String(((k + i) % 5) + 1);
  for (let i = 1; i <= 5; i++) answers[`s${i}`] = 'abcd'[(k + i) % 4];
  for (let i = 1; i <= 3; i++) answers[`m${i}`] = ['a', 'b', 'c', 'd', 'e', 'f'].filter((_, j) => (k + i + j) % 3 === 0).slice(0, 3);
  answers.x1 = { safety: String((k % 5) + 1), clean: String(((k + 1) % 5) + 1), parking: String(((k + 2) % 5) + 1) };
  answers.n1 = k % 20;
  return answers;
}

interface Scratch {
  url: string;
  client: pg.Client;
  close: () => Promise<void>;
}

async function scratch(serverUrl: string, template: string, label: string): Promise<Scratch> {
  const name = `tongxin_bench_polls_${label}_${process.pid}`;
  await createDatabase(serverUrl, name, template);
  const url = databaseUrlOf(serverUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { url, client, close: async () => void (await client.end().catch(() => {}), await dropDatabase(serverUrl, name)) };
}

/** The id of the place with these codes from the root. */
async function placeIdOf(client: pg.Client, codes: string[]): Promise<string> {
  const { rows } = await client.query<{ id: string; parent_id: string | null; code: string }>('select id, parent_id, code from places');
  let parent: string | null = null;
  for (const code of codes) parent = rows.find((r) => r.parent_id === parent && r.code === code)?.id ?? null;
  if (!parent) throw new Error(`no place ${codes.join('/')}`);
  return parent;
}

/** A poll of the thirty questions over a place, made through the use cases. */
async function makeSurvey(url: string, placeId: string, title: string): Promise<{ pollId: string; close: () => Promise<void>; deps: ReturnType<typeof makeDeps> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-polls-'));
  const database = await openDatabase({ databaseUrl: url, dataDir });
  const deps = makeDeps(loadConfig(serverEnv(url, dataDir)), database);
  const ctx = systemContext(deps, 'bench');
  const questionnaire = await createQuestionnaire(ctx, { placeId, title, definition: surveyDefinition() });
  const now = Date.now();
  const poll = await createPoll(ctx, { questionnaireId: questionnaire.id, placeId, title, opensAt: new Date(now - 3600_000), closesAt: new Date(now + 30 * 86400_000), minCellSize: 5 });
  return { pollId: poll.id, deps, close: async () => void (await database.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

interface ResultsFigures {
  responses: number;
  tallyRows: number;
  generateSeconds: number;
  resultsMs: { medianMs: number; runsMs: number[] };
  resultsHttpMs: { medianMs: number; runsMs: number[] };
  countAllMs: { medianMs: number; runsMs: number[] };
  groupByOneQuestionMs: { medianMs: number; runsMs: number[] };
  groupByAllQuestionsMs: { medianMs: number; runsMs: number[] } | null;
  groups: number;
  suppressed: number;
  /** Set when a later run measured only the responses and kept these figures: the day they were taken. */
  takenOn?: string;
}

/**
 * Generates the responses in SQL (random attributes over the district's communities, answers of
 * the same thirty questions) and their tallies with one group-by, as folding the responses'
 * queued counts would have left them; then times the results.
 */
async function benchResults(serverUrl: string, template: string): Promise<ResultsFigures> {
  const db = await scratch(serverUrl, template, 'results');
  const survey = await makeSurvey(db.url, await placeIdOf(db.client, ['440300', '440305']), '南山区 2026 年满意度调查');
  try {
    const { client } = db;
    const { pollId } = survey;
    const [version] = (await client.query<{ id: string }>(`select v.id from polls p join questionnaire_versions v on v.questionnaire_id = p.questionnaire_id where p.id = $1`, [pollId])).rows;
    log(`generating ${ROWS.toLocaleString('en')} responses`);
    const started = performance.now();
    const batch = 100_000;
    for (let from = 0; from < ROWS; from += batch) {
      const to = Math.min(ROWS, from + batch);
      await client.query(
        `insert into poll_responses (id, poll_id, version_id, answers, via, day, community_id, age_group, residency, gender)
         select gen_random_uuid(), $1, $2,
           jsonb_build_object(${Array.from({ length: 20 }, (_, i) => `'r${i + 1}', ((g + ${i}) * 7 % 5 + 1)::text`).join(', ')})
           || jsonb_build_object(${Array.from({ length: 5 }, (_, i) => `'s${i + 1}', substr('abcd', (g + ${i}) % 4 + 1, 1)`).join(', ')})
           || jsonb_build_object(${Array.from({ length: 3 }, (_, i) => `'m${i + 1}', jsonb_build_array(substr('abcdef', (g + ${i}) % 6 + 1, 1), substr('abcdef', (g + ${i} + 3) % 6 + 1, 1))`).join(', ')},
                'x1', jsonb_build_object('safety', (g % 5 + 1)::text, 'clean', ((g / 5) % 5 + 1)::text, 'parking', ((g / 25) % 5 + 1)::text),
                'n1', g % 20),
           'account', current_date, c.ids[1 + (hashint4(g) & 2147483647) % array_length(c.ids, 1)],
           (array['under_30','30_44','45_59','60_74','75_plus'])[1 + (hashint4(g + 1) & 2147483647) % 5],
           (array['established','new'])[1 + (hashint4(g + 2) & 2147483647) % 2],
           (array['female','male'])[1 + (hashint4(g + 3) & 2147483647) % 2]
         from generate_series($3::int, $4::int) g,
           (select array_agg(pl.id) as ids from places pl join places d on starts_with(pl.path, d.path) where d.id = (select place_id from polls where id = $1) and pl.level = 'community') c`,
        [pollId, version!.id, from, to - 1],
      );
      log(`  ${to.toLocaleString('en')}`);
    }
    // The tallies those responses would have left: respondents of the poll and of each question,
    // each option (a matrix as item:option), numbers summed; as folding the queue leaves them.
    await client.query(
      `insert into poll_tallies (poll_id, version, question, option, community_id, age_group, residency, gender, n, total)
       select $1, 1, question, option, community_id, age_group, residency, gender, count(*), coalesce(sum(value), 0)
       from (
         select r.community_id, r.age_group, r.residency, r.gender, e.question, e.option, e.value
         from poll_responses r,
         lateral (
           select '' as question, '' as option, null::float8 as value
           union all select k, '', case when jsonb_typeof(v) = 'number' then v::text::float8 end from jsonb_each(r.answers) as a(k, v)
           union all select k, v #>> '{}', null from jsonb_each(r.answers) as a(k, v) where jsonb_typeof(v) = 'string'
           union all select k, x, null from jsonb_each(r.answers) as a(k, v), jsonb_array_elements_text(case when jsonb_typeof(v) = 'array' then v else '[]' end) x
           union all select k, i || ':' || (o #>> '{}'), null from jsonb_each(r.answers) as a(k, v), jsonb_each(case when jsonb_typeof(v) = 'object' then v else '{}' end) as m(i, o)
         ) e
         where r.poll_id = $1
       ) t
       group by question, option, community_id, age_group, residency, gender`,
      [pollId],
    );
    await client.query('vacuum analyze poll_responses');
    await client.query('vacuum analyze poll_tallies');
    const generateSeconds = round((performance.now() - started) / 1000);
    const tallyRows = (await client.query<{ n: number }>(`select count(*)::int as n from poll_tallies where poll_id = $1`, [pollId])).rows[0]!.n;
    log(`generated in ${generateSeconds} s; ${tallyRows.toLocaleString('en')} tally rows`);

    await waitForQuiet(30);
    const ctx = systemContext(survey.deps, 'bench');
    let last: Awaited<ReturnType<typeof pollResults>> | undefined;
    const resultsMs = await medianOf(7, 2, async () => (last = await pollResults(ctx, pollId, ['community', 'age_group'])));
    const countAllMs = await medianOf(7, 2, () => client.query(`select count(*) from poll_responses where poll_id = $1`, [pollId]));
    const groupByOneQuestionMs = await medianOf(5, 1, () =>
      client.query(`select answers->>'r1', community_id, age_group, count(*) from poll_responses where poll_id = $1 group by 1, 2, 3`, [pollId]),
    );
    // The naive way, for scale: every answer of every response grouped (skipped above 200k, it takes minutes).
    const groupByAllQuestionsMs =
      ROWS <= 200_000
        ? await medianOf(1, 0, () => client.query(`select k, v #>> '{}', community_id, age_group, count(*) from poll_responses, jsonb_each(answers) a(k, v) where poll_id = $1 group by 1, 2, 3, 4`, [pollId]))
        : null;

    const { child, url } = await start(['bin/tongxin.js', 'serve', '--port', '0'], serverEnv(db.url, mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-polls-srv-'))));
    let resultsHttpMs: ResultsFigures['resultsHttpMs'];
    try {
      const admin = await session(url, 'admin');
      resultsHttpMs = await medianOf(7, 2, async () => {
        const response = await fetch(`${url}/api/polls/${pollId}/results?by=community,age_group`, { headers: { cookie: admin.cookie } });
        if (!response.ok) throw new Error(`results: ${response.status}`);
        await response.arrayBuffer();
      });
    } finally {
      await stop(child);
    }
    const groups = last!.breakdown!.groups;
    const suppressed = groups.reduce((s, g) => s + Object.values(g.questions).reduce((t, q) => t + Object.values(q.options).filter((v) => v === null).length, 0), 0);
    if (last!.responses !== ROWS) throw new Error(`results counted ${last!.responses} responses, not ${ROWS}`);
    return { responses: ROWS, tallyRows, generateSeconds, resultsMs, resultsHttpMs, countAllMs, groupByOneQuestionMs, groupByAllQuestionsMs, groups: groups.length, suppressed };
  } finally {
    await survey.close();
    await db.close();
  }
}

interface LoadFigure {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  cores: ReturnType<typeof coresUsed>;
  idleBefore: number;
  /** Every run's throughput, when the figure is the median of several. */
  runsPerSecond?: number[];
}

/** Runs `once` RUNS times, each after the machine has quietened, and keeps the run of median throughput. */
async function medianRun(once: () => Promise<LoadFigure>): Promise<LoadFigure> {
  const runs: LoadFigure[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return { ...sorted[(sorted.length - 1) >> 1]!, runsPerSecond: runs.map((r) => r.perSecond) };
}

/** Residents enough for every response of the load runs to come from someone new. */
async function addResidents(client: pg.Client, placeId: string, count: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `insert into residents (id, place_id, name, birth_year, residency, gender)
     select gen_random_uuid(), $1, '测试居民' || g, 1940 + g % 70, (array['established','new']::residency[])[1 + g % 2], (array['female','male']::gender[])[1 + g % 2]
     from generate_series(1, $2::int) g returning id`,
    [placeId, count],
  );
  return rows.map((r) => r.id);
}

async function benchResponses(serverUrl: string, template: string): Promise<{ http: LoadFigure; barePg: LoadFigure; ceiling: LoadFigure; residents: number; counted: number; transport: ReturnType<typeof transportOf> }> {
  const db = await scratch(serverUrl, template, 'answers');
  const community = await placeIdOf(db.client, ['440300', '440305', 'ZS', 'SW']);
  // Enough residents for generous throughput over the runs (each answers once), half for HTTP and half for bare pg.
  const residentCount = Math.max(20_000, Math.round(2 * 6000 * SECONDS * RUNS));
  const residents = await addResidents(db.client, community, residentCount);
  const survey = await makeSurvey(db.url, community, '水湾社区满意度');
  await survey.close();
  const { client } = db;
  const pollId = survey.pollId;
  const bare = await makeSurvey(db.url, community, '水湾社区满意度（对照）');
  await bare.close();
  const [versionRow] = (await client.query<{ id: string }>(`select v.id from polls p join questionnaire_versions v on v.questionnaire_id = p.questionnaire_id where p.id = $1`, [bare.pollId])).rows;
  const answerSets = Array.from({ length: 50 }, (_, k) => answersFor(k));
  const half = residents.length >> 1;
  try {
    // Through HTTP: the Shuiwan liaison enters interviews (proxy), each for another resident.
    const { child, url } = await start(['bin/tongxin.js', 'serve', '--port', '0'], {
      ...serverEnv(db.url, mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-polls-srv-'))),
      DATABASE_POOL_SIZE: String(CONNECTIONS),
    });
    let http: LoadFigure;
    try {
      const liaison = await session(url, 'liaison');
      let next = 0;
      const load = (duration: number) =>
        autocannon({
          url,
          connections: CONNECTIONS,
          duration,
          requests: [
            {
              method: 'POST',
              path: `/api/polls/${pollId}/responses`,
              headers: { 'content-type': 'application/json', cookie: liaison.cookie, 'x-csrf-token': liaison.csrf },
              setupRequest: (request) => {
                const i = next++;
                return { ...request, body: JSON.stringify({ residentId: residents[i % half], answers: answerSets[i % answerSets.length] }) };
              },
            },
          ],
        });
      // Warm up (JIT, validators, pool) on other residents, then measure.
      await load(2);
      http = await medianRun(async () => {
        const idleBefore = await waitForQuiet(30);
        const before = cpuSnapshot();
        const result = await load(SECONDS);
        const cores = coresUsed(before, cpuSnapshot(), child.pid);
        log(`HTTP: ${Math.round(result['2xx'] / SECONDS)}/s (${result.non2xx} non-2xx)`);
        return { perSecond: Math.round(result['2xx'] / SECONDS), p50Ms: result.latency.p50, p99Ms: result.latency.p99, failures: result.non2xx + result.errors, cores, idleBefore };
      });
    } finally {
      await stop(child);
    }
    // Nothing lost or doubled between the queue and the tallies, whatever the folding was doing when the load stopped.
    const [counts] = (
      await client.query<{ stored: number; counted: number }>(
        `select (select count(*) from poll_responses where poll_id = $1)::int as stored,
                (select coalesce(sum(n), 0) from poll_counts where poll_id = $1 and question = '' and option = '')::int as counted`,
        [pollId],
      )
    ).rows;
    if (counts!.stored !== counts!.counted) throw new Error(`tallies count ${counts!.counted} responses, ${counts!.stored} stored`);

    // Bare pg: the same rows (participation, response, queued counts) in one prepared statement per response, same concurrency.
    const pool = new pg.Pool({ connectionString: db.url, max: CONNECTIONS });
    const [cell] = (await client.query<{ place_id: string }>(`select place_id from residents where id = $1`, [residents[half]])).rows;
    const statement = `with claim as (insert into poll_participations (poll_id, resident_id) values ($1, $2) on conflict do nothing returning poll_id),
      response as (insert into poll_responses (id, poll_id, version_id, answers, resident_id, via, day, community_id, age_group, residency, gender)
        select $3, $1, $4, $5::jsonb, $2, 'proxy', current_date, $6, '45_59', 'new', 'male' from claim returning id),
      queued as (insert into poll_tally_queue (poll_id, version, community_id, age_group, residency, gender, rows)
        select $1, 1, $6, '45_59', 'new', 'male', $7::jsonb from claim)
      select count(*) from response`;
    const { tallyRows } = await import('../src/modules/polls/tally.js');
    const definition = surveyDefinition();
    const tallies = answerSets.map((a) => JSON.stringify(tallyRows(definition, a as never)));
    let next = half;
    for (let i = 0; i < 200; i++, next++) {
      await pool.query({ name: 'bare_store_response', text: statement, values: [bare.pollId, residents[next], uuidv7(), versionRow!.id, JSON.stringify(answerSets[next % answerSets.length]), cell!.place_id, tallies[next % tallies.length]] });
    }
    const barePg = await medianRun(async () => {
      const latencies: number[] = [];
      let ok = 0;
      let failures = 0;
      const idleBefore = await waitForQuiet(30);
      const before = cpuSnapshot();
      const deadline = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < deadline) {
            const i = next++;
            const t0 = performance.now();
            try {
              await pool.query({ name: 'bare_store_response', text: statement, values: [bare.pollId, residents[i % residents.length], uuidv7(), versionRow!.id, JSON.stringify(answerSets[i % answerSets.length]), cell!.place_id, tallies[i % tallies.length]] });
              ok++;
            } catch {
              failures++;
            }
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const cores = coresUsed(before, cpuSnapshot(), undefined);
      const sorted = Float64Array.from(latencies).sort();
      log(`bare pg: ${Math.round(ok / SECONDS)}/s`);
      return { perSecond: Math.round(ok / SECONDS), p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)), failures, cores, idleBefore };
    });
    await pool.end();

    // The empty-route ceiling.
    const ceilingServer = await start(['--import', 'tsx', 'bench/ceiling.ts'], {});
    let ceiling: LoadFigure;
    try {
      const idle = await waitForQuiet(20);
      const snap = cpuSnapshot();
      const r = await autocannon({ url: `${ceilingServer.url}/healthz`, connections: CONNECTIONS, duration: SECONDS });
      ceiling = { perSecond: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, failures: r.non2xx + r.errors, cores: coresUsed(snap, cpuSnapshot(), ceilingServer.child.pid), idleBefore: idle };
    } finally {
      await stop(ceilingServer.child);
    }
    return { http, barePg, ceiling, residents: residents.length, counted: counts!.counted, transport: transportOf(serverUrl) };
  } finally {
    await db.close();
  }
}

type ResponsesFigures = Awaited<ReturnType<typeof benchResponses>>;

/** The responses under each scheduling policy of PostgreSQL, when more than one was measured. */
function policyTable(byPolicy: { policy: string; figures: ResponsesFigures }[] | undefined): string[] {
  if (!byPolicy || byPolicy.length < 2) return [];
  const fmt = (n: number) => n.toLocaleString('en');
  const perResponse = (cores: number, perSecond: number) => Math.round((cores * 1e5) / perSecond) / 100;
  return [
    '',
    '## PostgreSQL’s scheduling policy',
    '',
    'The same responses, in the same run, with PostgreSQL’s processes under each CPU scheduling policy in turn (set with `chrt` on the postmaster, which its backends inherit, and on every process it had started); docs/deployment.md says how to set it on a server.',
    '',
    '| policy | HTTP responses/s (runs) | p99 ms | CPU ms per response: server / PostgreSQL | idle cores | bare pg, one statement, rows/s |',
    '|---|---|---:|---|---:|---:|',
    ...byPolicy.map(({ policy, figures: { http, barePg } }) =>
      `| ${policy} | ${fmt(http.perSecond)} (${(http.runsPerSecond ?? []).map(fmt).join(', ')}) | ${http.p99Ms} | ${perResponse(http.cores.server, http.perSecond)} / ${perResponse(http.cores.postgres, http.perSecond)} | ${http.cores.idle} | ${fmt(barePg.perSecond)} |`,
    ),
  ];
}

function markdown(r: {
  machine: ReturnType<typeof machine>;
  load: Record<string, number[]>;
  results: ResultsFigures;
  responses: ResponsesFigures;
  postgresPolicy?: string;
  responsesByPolicy?: { policy: string; figures: ResponsesFigures }[];
}): string {
  const fmt = (n: number) => n.toLocaleString('en');
  const { results: res, responses: ans, machine: m } = r;
  const atScale = res.responses >= 1_000_000;
  const met = (ok: boolean) => (!atScale ? `— (${fmt(res.responses)} responses; the target is for 1M)` : ok ? 'yes' : '**no**');
  const row = (name: string, f: LoadFigure) =>
    `| ${name} | ${fmt(f.perSecond)}${f.runsPerSecond ? ` (runs: ${f.runsPerSecond.map(fmt).join(', ')})` : ''} | ${f.p50Ms} | ${f.p99Ms} | ${f.failures} | ${f.cores.server} / ${f.cores.postgres} / ${f.cores.loadGenerator} / ${f.cores.other}; ${f.cores.idle} | ${f.idleBefore} |`;
  return [
    '# Polls on PostgreSQL',
    '',
    `${m.date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL on the same machine (the responses reach it over its ${ans.transport}, the server with a pool of ${CONNECTIONS} connections; PostgreSQL’s CPU scheduling policy during the responses: ${r.postgresPolicy ?? 'other'}), shared with other work. Load average at the start of each part: ` +
      Object.entries(r.load).map(([k, v]) => `${k} ${v[0]}`).join(', ') +
      '. Produced by `bench/polls.ts`; every figure in `polls.json`.' +
      (res.takenOn ? ` The results figures were taken on ${res.takenOn}; this run (BENCH_POLLS_ONLY=responses) measured the responses again.` : ''),
    '',
    '| figure | value | limit (same run, same machine) | target | met? |',
    '|---|---:|---|---|---|',
    `| results of one poll, ${fmt(res.responses)} responses × 30 questions, by community × age group (service call, median of 7) | ${res.resultsMs.medianMs} ms | count(*) of its responses ${res.countAllMs.medianMs} ms; group-by of one question by the two attributes over the responses ${res.groupByOneQuestionMs.medianMs} ms | < 1 s | ${met(res.resultsMs.medianMs < TARGET.resultsMs)} |`,
    `| the same through HTTP (GET /api/polls/:id/results?by=community,age_group) | ${res.resultsHttpMs.medianMs} ms | as above | < 1 s | ${met(res.resultsHttpMs.medianMs < TARGET.resultsMs)} |`,
    `| responses through HTTP (POST /api/polls/:id/responses, liaison's proxy entries, ${CONNECTIONS} connections, median of ${RUNS} × ${SECONDS} s) | ${fmt(ans.http.perSecond)}/s | bare pg, same rows in one prepared statement, ${CONNECTIONS} workers: ${fmt(ans.barePg.perSecond)}/s; empty route: ${fmt(ans.ceiling.perSecond)} req/s | ≥ 1,000/s | ${ans.http.perSecond >= TARGET.responsesPerSecond ? 'yes' : '**no**'} |`,
    '',
    `The results read ${fmt(res.tallyRows)} tally rows (${res.groups} groups of community × age group; ${fmt(res.suppressed)} counts suppressed below 5), not the responses. ` +
      (res.groupByAllQuestionsMs ? `Grouping every answer of every response instead took ${res.groupByAllQuestionsMs.medianMs} ms. ` : '') +
      `The ${fmt(res.responses)} responses and their tallies were generated in SQL in ${res.generateSeconds} s (the tallies with one group-by, as folding the queue leaves them), not through HTTP. Runs (ms): results ${res.resultsMs.runsMs.join(', ')}; HTTP ${res.resultsHttpMs.runsMs.join(', ')}; count(*) ${res.countAllMs.runsMs.join(', ')}.`,
    '',
    '## Responses in detail',
    '',
    '| | per second | p50 ms | p99 ms | failures | cores busy: server / PostgreSQL / load generator / others; idle | idle share before |',
    '|---|---:|---:|---:|---:|---|---:|',
    row('POST /api/polls/:id/responses (HTTP)', ans.http),
    row('bare pg: participation, response, queued counts in one prepared statement', ans.barePg),
    row('empty route (bare Fastify, constant answer)', ans.ceiling),
    '',
    'Each HTTP response is a liaison’s proxy entry for another of ' + fmt(ans.residents) + ' residents added to Shuiwan Community, with all thirty questions answered (one of fifty answer sets): the server resolves the session, checks the CSRF token, validates the body and the answers against the questionnaire, checks the liaison’s scope and the resident’s place in the target in one query, and stores the participation, the response and its counts for the tallies in one statement; the server folds the queued counts into the tallies every two seconds, beside the load, and results add what is still queued, so they stay live (before, each response upserted about forty tally rows itself). The session lookup, that query and that statement are kept prepared on each connection, so PostgreSQL plans them once. The bare-pg workers send that statement alone, prepared too, with the same rows. Until the afternoon of 2026-11-24 the HTTP figure was bounded by the server’s one thread: its event loop was busy 99–100% of the time (measured once with `performance.eventLoopUtilization()`), yet it got only about three quarters of a core, and a third of its samples (V8’s profiler) fell in the socket write that sends a query, which wakes a PostgreSQL backend; under the default policy a woken process may preempt the one that woke it, under SCHED_BATCH it does not, and the same code answered more (1,093 and 1,193/s on this kind of machine at 09:09 UTC that day). More submitters did not help (32 gave 714 and 826/s, default policy). Since then the session lookups of requests that arrive together go as one query (src/db/gathering.ts), one such write for many requests. The code just before that change, measured on the same machine right after the run of 2026-11-24 11:25 UTC, gave 1,879 (default policy) and 2,156/s (batch) against this code’s 2,212 and 2,333/s: most of the rise from 1,093 and 1,193/s is the machine’s, whose bare-pg limit rose as much. After the load, the tallies plus the queue counted exactly the responses stored (' + fmt(ans.counted) + ').',
    ...policyTable(r.responsesByPolicy),
  ].join('\n');
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server where scratch databases may be made.');
  const load: Record<string, number[]> = {};
  log('demo template');
  const template = await demoTemplate(serverUrl);
  try {
    let results: ResultsFigures;
    if (ONLY_RESPONSES) {
      const stored = JSON.parse(readFileSync(path.join(ROOT, 'bench/results/polls.json'), 'utf8')) as { machine: { date: string }; load: { results: number[] }; results: ResultsFigures };
      load.results = stored.load.results;
      results = { ...stored.results, takenOn: stored.results.takenOn ?? stored.machine.date.slice(0, 10) };
    } else {
      load.results = loadAverage();
      results = await benchResults(serverUrl, template);
    }
    log(`results ${results.resultsMs.medianMs} ms (count(*) ${results.countAllMs.medianMs} ms)`);
    load.responses = loadAverage();
    const measured = await underPolicies(serverUrl, () => benchResponses(serverUrl, template));
    const { policy: postgresPolicy, figures: responses } = measured.at(-1)!;
    const all = { machine: machine(), load, target: TARGET, results, responses, postgresPolicy, ...(measured.length > 1 ? { responsesByPolicy: measured } : {}) };
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench/results/polls.json'), JSON.stringify(all, null, 2) + '\n');
    writeFileSync(path.join(ROOT, 'bench/results/polls.md'), markdown(all) + '\n');
    log('wrote bench/results/polls.{json,md}');
  } finally {
    await dropDatabase(serverUrl, template);
  }
}

await main();
