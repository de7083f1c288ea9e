import type { Figure } from './compare.js';

/**
 * The headline figures of each benchmark's results file, flattened into comparable figures.
 * Each reader takes the JSON a benchmark writes and tolerates a missing part (a benchmark that
 * was skipped, an older file): it then contributes fewer figures, never wrong ones.
 */
type Json = Record<string, any>;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function push(into: Figure[], figure: Omit<Figure, 'value'> & { value: unknown }): void {
  if (finite(figure.value)) into.push(figure as Figure);
}

const throughput = (id: string, label: string, value: unknown, limit = false) => ({ id, label, value, unit: 'req/s', better: 'higher' as const, ...(limit ? { limit } : {}) });
const millis = (id: string, label: string, value: unknown, limit = false) => ({ id, label, value, unit: 'ms', better: 'lower' as const, noise: 1, ...(limit ? { limit } : {}) });

export function httpFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  for (const f of results.figures ?? []) {
    const id = `http.${f.engine}.${slug(f.scenario)}`;
    const name = `${f.scenario} (${f.engine})`;
    const http = f.http ?? { perSecond: f.requestsPerSecond, p50Ms: f.latencyP50Ms, p99Ms: f.latencyP99Ms }; // older files had flat figures
    const limit = f.engine === 'none';
    push(out, throughput(`${id}.perSecond`, `${name}, requests/s`, http.perSecond, limit));
    push(out, millis(`${id}.p50`, `${name}, p50`, http.p50Ms, limit));
    push(out, millis(`${id}.p95`, `${name}, p95`, http.p95Ms, limit));
    push(out, millis(`${id}.p99`, `${name}, p99`, http.p99Ms, limit));
    if (f.barePg) push(out, throughput(`${id}.barePg.perSecond`, `${name}, bare pg of the same statements, per second`, f.barePg.perSecond, true));
  }
  return out;
}

export function casesFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  push(out, throughput('cases.ceiling.perSecond', 'cases run: empty route, requests/s', results.ceiling?.requestsPerSecond, true));
  const intake = results.intake ?? {};
  push(out, throughput('cases.intake.perSecond', 'case intake POST /api/cases, cases/s', intake.http?.perSecond));
  push(out, millis('cases.intake.p50', 'case intake, p50', intake.http?.p50Ms));
  push(out, millis('cases.intake.p95', 'case intake, p95', intake.http?.p95Ms));
  push(out, millis('cases.intake.p99', 'case intake, p99', intake.http?.p99Ms));
  push(out, throughput('cases.intake.barePg.perSecond', 'case intake: bare pg, four inserts as one statement, rows/s', intake.pgOneStatement?.perSecond, true));
  for (const step of results.dashboard?.steps ?? []) {
    push(out, millis(`cases.dashboard.${step.cases}.district`, `dashboard, district, ${step.cases.toLocaleString('en')} cases`, step.districtMs));
    push(out, millis(`cases.dashboard.${step.cases}.countAll`, `count(*) of ${step.cases.toLocaleString('en')} cases`, step.countAllMs, true));
  }
  // Taken at the series' largest size: named by it, so that runs of different sizes are not compared.
  const largest = results.dashboard?.steps?.at(-1)?.cases;
  if (largest) push(out, millis(`cases.dashboard.http.${largest}.district`, `dashboard through HTTP, district, ${largest.toLocaleString('en')} cases`, results.dashboard?.http?.districtMs));
  for (const step of results.sweep ?? []) {
    push(out, millis(`cases.sweep.${step.cases}`, `deadline sweep, ${step.cases.toLocaleString('en')} open cases`, step.sweepMs));
    push(out, millis(`cases.sweep.${step.cases}.bareUpdate`, `bare UPDATE of the due rows, ${step.cases.toLocaleString('en')} open cases`, step.bareUpdateMs, true));
  }
  return out;
}

export function pollsFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  const r = results.results ?? {};
  push(out, millis('polls.results', `poll results, ${Number(r.responses ?? 0).toLocaleString('en')} responses`, r.resultsMs?.medianMs));
  push(out, millis('polls.results.http', 'poll results through HTTP', r.resultsHttpMs?.medianMs));
  push(out, millis('polls.results.countAll', 'count(*) of the poll’s responses', r.countAllMs?.medianMs, true));
  const responses = results.responses ?? {};
  push(out, throughput('polls.responses.perSecond', 'poll answers through HTTP, responses/s', responses.http?.perSecond));
  push(out, millis('polls.responses.p99', 'poll answers, p99', responses.http?.p99Ms));
  push(out, throughput('polls.responses.barePg.perSecond', 'poll answers: bare pg writing the same rows, per second', responses.barePg?.perSecond, true));
  push(out, throughput('polls.responses.ceiling.perSecond', 'polls run: empty route, requests/s', responses.ceiling?.perSecond, true));
  return out;
}

export function routingFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  push(out, { id: 'routing.top1', label: 'routing accuracy on held-out requests, top 1', value: results.top1?.all, unit: '%', better: 'higher', noise: 0.5 });
  push(out, { id: 'routing.top3', label: 'routing accuracy on held-out requests, top 3', value: results.top3?.all, unit: '%', better: 'higher', noise: 0.5 });
  return out;
}

export function lifecycleFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  push(out, { id: 'lifecycle.coldStart.new', label: 'cold start, embedded, new data folder (demo load)', value: results.cold?.firstStartMedianMs, unit: 'ms', better: 'lower', noise: 200 });
  push(out, { id: 'lifecycle.coldStart.restart', label: 'restart, embedded, existing data folder', value: results.cold?.restartMedianMs, unit: 'ms', better: 'lower', noise: 200 });
  for (const m of results.memory ?? []) {
    const mib = (id: string, label: string, value: unknown) => push(out, { id: `lifecycle.memory.${m.engine}.${id}`, label: `server memory (${m.engine}), ${label}`, value, unit: 'MiB', better: 'lower', noise: 16 });
    mib('idle', 'idle', m.idleMiB);
    mib('load', 'under load', m.underLoad?.rssMiB);
    mib('soakEnd', `end of a ${m.soak?.seconds} s soak`, m.soak?.endMiB);
  }
  return out;
}

export function meritFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  const size = `${Number(results.entries ?? 0).toLocaleString('en')} entries`;
  push(out, millis('merit.report', `merit quarterly report figures, ${size}`, results.report?.figuresMs?.medianMs));
  push(out, millis('merit.publish', `merit quarter published, ${size}`, results.report?.publishMs?.medianMs));
  push(out, millis('merit.verify', `merit chain verified, ${size}`, results.verify?.verifyMs?.medianMs));
  push(out, millis('merit.countSum', `count(*)+sum over the ledger, ${size}`, results.report?.limits?.countSumEntriesMs?.medianMs, true));
  push(out, millis('merit.hashOnly', `node:crypto hashing alone, ${size}`, results.verify?.limits?.nodeCryptoHashOnlyMs?.medianMs, true));
  return out;
}

export function councilsFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  const size = `${Number(results.votes ?? 0).toLocaleString('en')} votes`;
  push(out, millis('councils.grouping', `opinion groups from ${size}, in memory`, results.groupingMs));
  push(out, millis('councils.barePass', `one bare pass over ${size}`, results.limitBarePassMs, true));
  return out;
}

export function discussionFigures(results: Json): Figure[] {
  const out: Figure[] = [];
  const size = `${Number(results.votes ?? 0).toLocaleString('en')} votes`;
  push(out, millis('discussion.next', `discussion: next statement for a participant, ${size}`, results.nextStatementMs?.medianMs));
  push(out, millis('discussion.nextAndVote', `discussion: next statement and a vote on it, ${size}`, results.nextAndVoteMs?.medianMs));
  push(out, millis('discussion.freshGroups', `discussion: new opinion groups from every vote, ${size}`, results.freshGroupsMs?.medianMs));
  push(out, millis('discussion.bareVoteInsert', 'discussion: bare insert of one vote row', results.limitBareVoteInsertMs?.medianMs, true));
  push(out, millis('discussion.readVotes', `discussion: bare read of ${size}`, results.limitReadVotesMs?.medianMs, true));
  return out;
}

/** Each results file and the reader of its figures. */
export const SOURCES: Record<string, (results: Json) => Figure[]> = {
  'http.json': httpFigures,
  'lifecycle.json': lifecycleFigures,
  'cases.json': casesFigures,
  'polls.json': pollsFigures,
  'routing.json': routingFigures,
  'merit.json': meritFigures,
  'councils.json': councilsFigures,
  'discussion.json': discussionFigures,
};
