import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { containsPattern } from '../../platform/authorize.js';
import { can } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { type CaseRatings, caseRatingsOf } from './actions.js';
import type { Breakdown } from './attributes.js';
import { loadPollForStaff, type PollView } from './polls.js';
import { type Definition, type Question, questionsOf } from './questionnaire.js';
import { marginOfError, percentOf, suppressionMask } from './statistics.js';

export interface OptionResult {
  id: string;
  label: string;
  count: number;
  percent: number | null;
  /** 95% margin of error in points, for sampled polls only. */
  marginOfError: number | null;
  /** ranking: the mean rank (1 = first). */
  meanRank?: number | null;
}

export interface QuestionResult {
  id: string;
  type: Question['type'];
  text: string;
  respondents: number;
  options: OptionResult[];
  /** matrix: one row of options per item. */
  items?: { id: string; label: string; options: OptionResult[] }[];
  /** number: the mean answer. */
  mean?: number | null;
}

export interface GroupResult {
  /** The attribute values of the group (a community is given by id, with its names). */
  keys: Record<string, string>;
  labels: Record<string, string>;
  /** null when the group is too small to show. */
  respondents: number | null;
  /** Per question: respondents and counts per option, null where suppressed. */
  questions: Record<string, { respondents: number | null; options: Record<string, number | null> }>;
}

export interface Results {
  poll: PollView;
  version: number;
  versions: { version: number; responses: number }[];
  responses: number;
  /** The margin of the poll as a whole (p = ½), for sampled polls. */
  marginOfError: number | null;
  questions: QuestionResult[];
  breakdown: { by: Breakdown[]; minCellSize: number; groups: GroupResult[] } | null;
  /** The closing ratings of cases on the scale of the linked satisfaction question, if one is linked. */
  caseRatings: CaseRatings | null;
}

interface Cell {
  question: string;
  option: string;
  n: number;
  total: number;
  a?: string;
  b?: string;
}

const COLUMN: Record<Breakdown, string> = { community: 'community_id', age_group: 'age_group', residency: 'residency', gender: 'gender' };
const column = (b: Breakdown) => sql.raw(COLUMN[b]);

/** Results as counted so far: shares, margins for sampled polls, and a breakdown by up to two attributes. */
export async function pollResults(ctx: Ctx, pollId: string, by: Breakdown[] = []): Promise<Results> {
  const { poll, path } = await loadPollForStaff(ctx, pollId, 'polls.results');
  if (by.length > 2 || new Set(by).size !== by.length) fail('poll_breakdown_invalid');
  const [{ version, definition } = fail('poll_not_found')] = await queryRows<{ version: number; definition: Definition }>(
    ctx.db,
    sql`select version, definition from questionnaire_versions where questionnaire_id = ${poll.questionnaireId} order by version desc limit 1`,
  );
  const versions = await queryRows<{ version: number; responses: number }>(
    ctx.db,
    sql`select version, sum(n)::int as responses from poll_counts where poll_id = ${pollId} and question = '' and option = '' group by version order by version`,
  );
  const totals = await queryRows<Cell>(
    ctx.db,
    sql`select question, option, sum(n)::int as n, sum(total)::float8 as total from poll_counts where poll_id = ${pollId} group by question, option`,
  );
  const responses = versions.reduce((s, v) => s + v.responses, 0);
  const population = poll.sampled ? poll.population : null;
  const count = new Map(totals.map((c) => [`${c.question}/${c.option}`, c]));
  const option = (question: string, id: string, label: string, base: number, key = id): OptionResult => {
    const n = count.get(`${question}/${key}`)?.n ?? 0;
    const share = base > 0 ? n / base : 0;
    return { id, label, count: n, percent: percentOf(n, base), marginOfError: population && base > 0 ? marginOfError(base, share, population) : null };
  };
  const questions = questionsOf(definition).map((q): QuestionResult => {
    const answered = count.get(`${q.id}/`);
    const base = answered?.n ?? 0;
    const result: QuestionResult = { id: q.id, type: q.type, text: q.text, respondents: base, options: [] };
    if (q.type === 'matrix') result.items = (q.items ?? []).map((item) => ({ ...item, options: (q.options ?? []).map((o) => option(q.id, o.id, o.label, base, `${item.id}:${o.id}`)) }));
    else result.options = (q.options ?? []).map((o) => option(q.id, o.id, o.label, base));
    if (q.type === 'ranking') for (const o of result.options) o.meanRank = o.count > 0 ? count.get(`${q.id}/${o.id}`)!.total / o.count : null;
    if (q.type === 'number') result.mean = base > 0 ? answered!.total / base : null;
    return result;
  });
  return {
    poll,
    version,
    versions,
    responses,
    marginOfError: population && responses > 0 ? marginOfError(responses, 0.5, population) : null,
    questions,
    breakdown: by.length > 0 ? { by, minCellSize: poll.minCellSize, groups: await breakdown(ctx, poll, definition, by) } : null,
    caseRatings: await caseRatingsOf(ctx, poll, path, definition),
  };
}

/**
 * Counts per group of one or two attributes, with small cells suppressed question by question:
 * a table per question whose rows are the groups and whose columns are the respondents and the options.
 */
async function breakdown(ctx: Ctx, poll: PollView, definition: Definition, by: Breakdown[]): Promise<GroupResult[]> {
  const [first, second] = by as [Breakdown, Breakdown | undefined];
  const cells = await queryRows<Cell>(
    ctx.db,
    sql`select question, option, ${column(first)}::text as a, ${second ? column(second) : sql`''`}::text as b, sum(n)::int as n, 0 as total
        from poll_counts where poll_id = ${poll.id} group by 1, 2, 3, 4 order by 3, 4`,
  );
  const groupKey = (c: Cell) => `${c.a}\u0000${c.b}`;
  const groups = new Map<string, { a: string; b: string; counts: Map<string, number> }>();
  for (const c of cells) {
    const key = groupKey(c);
    const group = groups.get(key) ?? { a: c.a!, b: c.b!, counts: new Map() };
    group.counts.set(`${c.question}/${c.option}`, c.n);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  const names = await communityNames(ctx, by.includes('community') ? list.map((g) => (first === 'community' ? g.a : g.b)) : []);
  const results: GroupResult[] = list.map((g) => {
    const keys: Record<string, string> = { [first]: g.a };
    if (second) keys[second] = g.b;
    const labels = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, k === 'community' ? (names.get(v) ?? v) : v]));
    return { keys, labels, respondents: g.counts.get('/') ?? 0, questions: {} };
  });
  // The poll's own respondents per group, then each question's table.
  const tables: { question: string; columns: string[] }[] = [{ question: '', columns: [] }];
  for (const q of questionsOf(definition)) {
    const columns = q.type === 'matrix' ? (q.items ?? []).flatMap((i) => (q.options ?? []).map((o) => `${i.id}:${o.id}`)) : (q.options ?? []).map((o) => o.id);
    tables.push({ question: q.id, columns });
  }
  for (const { question, columns } of tables) {
    const table = list.map((g) => [g.counts.get(`${question}/`) ?? 0, ...columns.map((c) => g.counts.get(`${question}/${c}`) ?? 0)]);
    const hidden = suppressionMask(table, poll.minCellSize);
    list.forEach((_, r) => {
      const row = table[r]!;
      if (question === '') results[r]!.respondents = hidden[r]![0] ? null : row[0]!;
      else results[r]!.questions[question] = { respondents: hidden[r]![0] ? null : row[0]!, options: Object.fromEntries(columns.map((c, i) => [c, hidden[r]![i + 1] ? null : row[i + 1]!])) };
    });
  }
  return results;
}

async function communityNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select id::text, name_zh || ' ' || name_en as name from places where id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb) x)`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Free-text answers to one question, newest first, with a search; never who wrote them. */
export async function freeTextAnswers(ctx: Ctx, pollId: string, question: string, search: string | undefined, limit: number, offset: number): Promise<{ items: string[]; total: number }> {
  await loadPollForStaff(ctx, pollId, 'polls.results');
  const match = search?.trim() ? sql`and answers->>${question} ilike ${containsPattern(search.trim())}` : sql``;
  const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(ctx.db, sql`select count(*)::int as total from poll_responses where poll_id = ${pollId} and answers ? ${question} ${match}`);
  const rows = await queryRows<{ text: string }>(
    ctx.db,
    sql`select answers->>${question} as text from poll_responses where poll_id = ${pollId} and answers ? ${question} ${match} order by day desc, id desc limit ${limit} offset ${offset}`,
  );
  return { items: rows.map((r) => r.text), total };
}

export interface TrendPoint {
  pollId: string;
  title: string;
  opensAt: string;
  respondents: number;
  options: { id: string; count: number; percent: number | null }[];
}

/** One question across the rounds of a poll's series that the caller may read, oldest first. */
export async function questionTrend(ctx: Ctx, pollId: string, question: string): Promise<TrendPoint[]> {
  const { poll } = await loadPollForStaff(ctx, pollId, 'polls.results');
  const rounds = poll.series
    ? await queryRows<{ id: string; title: string; opensAt: string; path: string }>(
        ctx.db,
        sql`select p.id, p.title, p.opens_at as "opensAt", pl.path from polls p join places pl on pl.id = p.place_id where p.series = ${poll.series} order by p.opens_at`,
      )
    : [{ id: poll.id, title: poll.title, opensAt: poll.opensAt, path: '' }];
  const readable = rounds.filter((r) => r.id === poll.id || can(ctx.actor, 'polls.results', r.path));
  const counts = await queryRows<{ pollId: string; option: string; n: number }>(
    ctx.db,
    sql`select poll_id as "pollId", option, sum(n)::int as n from poll_counts
        where poll_id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(readable.map((r) => r.id))}::jsonb) x) and question = ${question}
        group by poll_id, option`,
  );
  return readable.map((r) => {
    const mine = counts.filter((c) => c.pollId === r.id);
    const respondents = mine.find((c) => c.option === '')?.n ?? 0;
    return {
      pollId: r.id,
      title: r.title,
      opensAt: new Date(r.opensAt).toISOString(),
      respondents,
      options: mine.filter((c) => c.option !== '').map((c) => ({ id: c.option, count: c.n, percent: percentOf(c.n, respondents) })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  });
}
