import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { SATISFACTION } from '../src/modules/polls/fixtures.js';
import { foldTallyQueue } from '../src/modules/polls/tally-queue.js';
import type { Definition } from '../src/modules/polls/questionnaire.js';
import type { Results as FullResults } from '../src/modules/polls/results.js';
import { marginOfError } from '../src/modules/polls/statistics.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const HOUR = 3_600_000;

interface Results {
  responses: number;
  version: number;
  versions: { version: number; responses: number }[];
  marginOfError: number | null;
  questions: { id: string; respondents: number; options: { id: string; count: number; percent: number | null; marginOfError: number | null }[]; mean?: number | null }[];
  breakdown: { groups: { keys: Record<string, string>; respondents: number | null; questions: Record<string, { respondents: number | null; options: Record<string, number | null> }> }[] } | null;
}

describe('polls: questionnaires, targeting, answering once, results', () => {
  let t: TestApp;
  let liaison: Client, resident: Client, deputy: Client, anonymous: Client, dispatcher: Client;
  let shuiwan: { id: string; path: string };
  let nanshanSubdistrict: { id: string };
  let shuiwanResidents: string[];
  let qingyuanResident: string;
  let questionnaireId: string;

  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => NOW);
    liaison = await loginAs(t.app, 'liaison');
    resident = await loginAs(t.app, 'resident');
    deputy = await loginAs(t.app, 'deputy');
    dispatcher = await loginAs(t.app, 'dispatcher');
    anonymous = new Client(t.app);
    shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    nanshanSubdistrict = await placeAt(t, '440300', '440305', 'NS');
    const [login] = await queryRows<{ resident_id: string }>(t.deps.db, sql`select resident_id from accounts where username = 'resident'`);
    shuiwanResidents = (
      await queryRows<{ id: string }>(t.deps.db, sql`select id from residents where place_id = ${shuiwan.id} and id <> ${login!.resident_id} order by id limit 40`)
    ).map((r) => r.id);
    const qingyuan = await placeAt(t, '331100', '331126');
    qingyuanResident = (await queryRows<{ id: string }>(t.deps.db, sql`select r.id from residents r join places p on p.id = r.place_id where starts_with(p.path, ${qingyuan.path}) limit 1`))[0]!.id;
    const made = await liaison.post('/api/questionnaires', { placeId: shuiwan.id, title: '2026 年社区满意度调查', definition: SATISFACTION });
    expect(made.statusCode, made.body).toBe(201);
    questionnaireId = made.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  const newPoll = async (client: Client, extra: Record<string, unknown> = {}) => {
    const response = await client.post('/api/polls', {
      questionnaireId,
      placeId: shuiwan.id,
      title: '水湾社区满意度',
      opensAt: new Date(NOW.getTime() - HOUR).toISOString(),
      closesAt: new Date(NOW.getTime() + 7 * 24 * HOUR).toISOString(),
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; population: number; sampled: boolean }>();
  };
  const results = async (pollId: string, by = '') => {
    const response = await liaison.get(`/api/polls/${pollId}/results${by ? `?by=${by}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Results>();
  };
  const countRows = async (table: string, pollId: string) =>
    (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from ${sql.raw(table)} where poll_id = ${pollId}`))[0]!.n;
  const satisfied = { satisfaction: 'satisfied', used: 'yes', visits: 2 };

  it('refuses a questionnaire whose skip logic points forward, in both languages, and stores nothing', async () => {
    const bad: Definition = { sections: [{ id: 's', title: '', questions: [{ id: 'b', type: 'text', text: 'B', showIf: { question: 'a', anyOf: ['x'] } }, { id: 'a', type: 'single', text: 'A', options: [{ id: 'x', label: 'X' }] }] }] };
    const before = (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from questionnaires`))[0]!.n;
    const en = await liaison.post('/api/questionnaires', { placeId: shuiwan.id, title: 'bad', definition: bad });
    expect(en.statusCode).toBe(400);
    expect(errorOf(en)).toMatchObject({ code: 'poll_definition_invalid', details: { problems: ['sections.0.questions.0.showIf: refers_to_later_or_unknown'] } });
    const zh = await (await loginAs(t.app, 'liaison', undefined, 'zh-CN')).post('/api/questionnaires', { placeId: shuiwan.id, title: 'bad', definition: bad });
    expect(errorOf(zh).message).toMatch(/^问卷内容有误/);
    expect((await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from questionnaires`))[0]!.n).toBe(before);
    // A liaison of Shuiwan cannot build one for Nanshan Subdistrict.
    expect((await liaison.post('/api/questionnaires', { placeId: nanshanSubdistrict.id, title: 'x', definition: SATISFACTION })).statusCode).toBe(403);
  });

  it('lists the questionnaires of the places where the caller builds polls, and only those', async () => {
    const mine = (await liaison.get('/api/questionnaires')).json<{ items: { id: string; title: string; version: number; placeNameZh: string }[] }>().items;
    expect(mine.find((q) => q.id === questionnaireId)).toMatchObject({ title: '2026 年社区满意度调查', version: 1, placeNameZh: expect.stringContaining('水湾') });
    // The Nanshan Subdistrict deputy builds polls elsewhere; a resident and a dispatcher build none.
    expect((await deputy.get('/api/questionnaires')).json<{ items: { id: string }[] }>().items.some((q) => q.id === questionnaireId)).toBe(false);
    expect((await resident.get('/api/questionnaires')).json()).toEqual({ items: [] });
    expect((await dispatcher.get('/api/questionnaires')).json()).toEqual({ items: [] });
    expect((await anonymous.get('/api/questionnaires')).statusCode).toBe(401);
  });

  it('lets a resident find the poll, keep a draft, answer once, and refuses malformed answers without a trace', async () => {
    const poll = await newPoll(liaison);
    const mine = (await resident.get('/api/my/polls')).json<{ items: { id: string; answered: boolean }[] }>().items;
    expect(mine.find((p) => p.id === poll.id)).toMatchObject({ answered: false });
    const opened = await resident.post(`/api/polls/${poll.id}/questionnaire`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ version: 1, answered: false, definition: SATISFACTION });

    expect((await resident.request('PUT', `/api/polls/${poll.id}/draft`, { answers: { satisfaction: 'dissatisfied' } })).statusCode).toBe(200);
    expect((await resident.post(`/api/polls/${poll.id}/draft`, {})).json()).toMatchObject({ draft: { answers: { satisfaction: 'dissatisfied' } } });

    // Required `why` is visible once dissatisfied; an answer to a hidden question; an unknown option.
    for (const [answers, problem] of [
      [{ satisfaction: 'dissatisfied' }, 'why: required'],
      [{ satisfaction: 'satisfied', why: ['slow'] }, 'why: hidden_answered'],
      [{ satisfaction: 'happy' }, 'satisfaction: unknown_option'],
    ] as const) {
      const refused = await resident.post(`/api/polls/${poll.id}/responses`, { answers });
      expect(refused.statusCode).toBe(400);
      expect(errorOf(refused)).toMatchObject({ code: 'poll_answers_invalid', details: { problems: [problem] } });
    }
    expect((await resident.post(`/api/polls/${poll.id}/responses`, { answers: { satisfaction: 7 } })).statusCode).toBe(400);
    expect(await countRows('poll_responses', poll.id)).toBe(0);
    expect(await countRows('poll_participations', poll.id)).toBe(0);

    const answered = await resident.post(`/api/polls/${poll.id}/responses`, { answers: { satisfaction: 'dissatisfied', why: ['slow', 'unfair'], detail: '窗口只开一个，排队太久' } });
    expect(answered.statusCode, answered.body).toBe(201);
    expect((await resident.post(`/api/polls/${poll.id}/draft`, {})).json()).toEqual({ draft: null });
    const twice = await resident.post(`/api/polls/${poll.id}/responses`, { answers: satisfied });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('poll_already_answered');
    expect(await countRows('poll_responses', poll.id)).toBe(1);
    expect((await results(poll.id)).responses).toBe(1);
    const text = (await liaison.get(`/api/polls/${poll.id}/free-text?question=detail&q=${encodeURIComponent('排队')}`)).json();
    expect(text).toEqual({ items: ['窗口只开一个，排队太久'], total: 1 });
    expect((await liaison.get(`/api/polls/${poll.id}/free-text?question=detail&q=nothing`)).json()).toEqual({ items: [], total: 0 });
  });

  it('takes a liaison’s proxy entry marked as such, and one-time codes for residents without an account', async () => {
    const poll = await newPoll(liaison);
    const [a, b] = shuiwanResidents as [string, string];
    const proxied = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: a, answers: satisfied });
    expect(proxied.statusCode, proxied.body).toBe(201);
    const [row] = await queryRows<{ via: string; proxy_account_id: string | null; resident_id: string }>(t.deps.db, sql`select via, proxy_account_id, resident_id from poll_responses where poll_id = ${poll.id}`);
    const [liaisonAccount] = await queryRows<{ id: string }>(t.deps.db, sql`select id from accounts where username = 'liaison'`);
    expect(row).toEqual({ via: 'proxy', proxy_account_id: liaisonAccount!.id, resident_id: a });
    const audited = await queryRows<{ actor_id: string }>(t.deps.db, sql`select actor_id from audit_log where action = 'poll.proxy' and entity_id = ${poll.id}`);
    expect(audited).toEqual([{ actor_id: liaisonAccount!.id }]);
    // Outside the liaison's community: refused, nothing stored.
    const outside = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: qingyuanResident, answers: satisfied });
    expect([outside.statusCode, errorOf(outside).code]).toEqual([403, 'out_of_scope']);
    // A dispatcher may not enter answers for residents.
    expect((await dispatcher.post(`/api/polls/${poll.id}/responses`, { residentId: b, answers: satisfied })).statusCode).toBe(403);

    const issued = await liaison.post(`/api/polls/${poll.id}/codes`, { residentIds: [b] });
    expect(issued.statusCode, issued.body).toBe(200);
    const { code } = issued.json<{ codes: { code: string }[] }>().codes[0]!;
    expect(code).toMatch(/^[2-9A-HJ-KM-NP-Z]{10}$/);
    const opened = await anonymous.post(`/api/polls/${poll.id}/questionnaire`, { code: code.toLowerCase() });
    expect(opened.statusCode, opened.body).toBe(200);
    expect((await anonymous.post(`/api/polls/${poll.id}/responses`, { code, answers: satisfied })).statusCode).toBe(201);
    const again = await anonymous.post(`/api/polls/${poll.id}/responses`, { code, answers: satisfied });
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'poll_already_answered']);
    const wrong = await anonymous.post(`/api/polls/${poll.id}/responses`, { code: 'AAAAAAAAAA', answers: satisfied });
    expect([wrong.statusCode, errorOf(wrong).code]).toEqual([400, 'poll_code_invalid']);
    // Proxy after the code: still once per resident.
    expect((await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: b, answers: satisfied })).statusCode).toBe(409);
    expect((await results(poll.id)).responses).toBe(2);
  });

  it('refuses residents outside the target, a closed poll and one not yet open, changing nothing', async () => {
    const elsewhere = await deputy.post('/api/polls', {
      questionnaireId,
      placeId: nanshanSubdistrict.id,
      title: '南山街道民意调查',
      opensAt: new Date(NOW.getTime() - HOUR).toISOString(),
      closesAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });
    // A Shuiwan questionnaire is not the deputy's to reuse in Nanshan Subdistrict.
    expect([elsewhere.statusCode, errorOf(elsewhere).code]).toEqual([404, 'questionnaire_not_found']);
    const own = await deputy.post('/api/questionnaires', { placeId: nanshanSubdistrict.id, title: '代表民意调查', definition: SATISFACTION });
    const deputyPoll = await deputy.post('/api/polls', {
      questionnaireId: own.json<{ id: string }>().id,
      placeId: nanshanSubdistrict.id,
      title: '南山街道民意调查',
      opensAt: new Date(NOW.getTime() - HOUR).toISOString(),
      closesAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });
    expect(deputyPoll.statusCode, deputyPoll.body).toBe(201);
    const { id } = deputyPoll.json<{ id: string }>();
    const outside = await resident.post(`/api/polls/${id}/responses`, { answers: satisfied });
    expect([outside.statusCode, errorOf(outside).code]).toEqual([403, 'poll_not_targeted']);
    // The Shuiwan liaison does not see the deputy's poll or its results.
    expect((await liaison.get(`/api/polls/${id}/results`)).statusCode).toBe(404);

    const later = await newPoll(liaison, { opensAt: new Date(NOW.getTime() + HOUR).toISOString(), closesAt: new Date(NOW.getTime() + 2 * HOUR).toISOString() });
    const early = await resident.post(`/api/polls/${later.id}/responses`, { answers: satisfied });
    expect([early.statusCode, errorOf(early).code]).toEqual([409, 'poll_not_open']);

    const poll = await newPoll(liaison);
    expect((await liaison.post(`/api/polls/${poll.id}/close`, {})).json()).toMatchObject({ status: 'closed' });
    const zh = await loginAs(t.app, 'resident', undefined, 'zh-CN');
    const closed = await zh.post(`/api/polls/${poll.id}/responses`, { answers: satisfied });
    expect([closed.statusCode, errorOf(closed).code, errorOf(closed).message]).toEqual([409, 'poll_closed', '该调查已结束，不能再作答']);
    expect(await countRows('poll_participations', poll.id)).toBe(0);

    const newOnly = await newPoll(liaison, { targetGroup: 'new_residents' });
    const [{ residency } = { residency: '' }] = await queryRows<{ residency: string }>(t.deps.db, sql`select r.residency from residents r join accounts a on a.resident_id = r.id where a.username = 'resident'`);
    const attempt = await resident.post(`/api/polls/${newOnly.id}/responses`, { answers: satisfied });
    expect(attempt.statusCode).toBe(residency === 'new' ? 201 : 403);
  });

  it('asks households with a member aged 60 or more this year, counting and admitting the same residents', async () => {
    const poll = await newPoll(liaison, { targetGroup: 'elderly_households' });
    const members = await queryRows<{ id: string; elderly: boolean }>(
      t.deps.db,
      sql`select r.id, exists (select 1 from residents m where m.household_id = r.household_id and m.birth_year <= ${NOW.getFullYear() - 60}) as elderly
          from residents r join places p on p.id = r.place_id where starts_with(p.path, ${shuiwan.path})`,
    );
    const asked = members.filter((m) => m.elderly);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThan(members.length);
    expect(poll.population).toBe(asked.length);
    const inside = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: asked[0]!.id, answers: satisfied });
    expect(inside.statusCode, inside.body).toBe(201);
    const outside = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: members.find((m) => !m.elderly)!.id, answers: satisfied });
    expect([outside.statusCode, errorOf(outside).code]).toEqual([403, 'poll_not_targeted']);
  });

  it('keeps anonymous answers unlinkable while refusing a second one, also when requests race', async () => {
    const poll = await newPoll(liaison, { anonymous: true });
    const racing = await Promise.all(Array.from({ length: 8 }, () => resident.post(`/api/polls/${poll.id}/responses`, { answers: satisfied })));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const [row] = await queryRows<{ resident_id: string | null; version: number }>(t.deps.db, sql`select resident_id, (id::text ~ '^.{14}4') as version from poll_responses where poll_id = ${poll.id}`);
    expect(row!.resident_id).toBeNull();
    // A random (version 4) id, not a time-ordered one.
    expect(row!.version).toBe(true);
    expect(await countRows('poll_participations', poll.id)).toBe(1);
    expect((await results(poll.id)).responses).toBe(1);
    // Answers are append-only.
    await expect(t.deps.db.execute(sql`update poll_responses set answers = '{}' where poll_id = ${poll.id}`)).rejects.toThrow();
  });

  it('counts every racing response from different residents exactly once in the tallies', async () => {
    const poll = await newPoll(liaison);
    const answers = await Promise.all(shuiwanResidents.slice(0, 24).map((id, i) => liaison.post(`/api/polls/${poll.id}/responses`, { residentId: id, answers: { satisfaction: i % 3 === 0 ? 'basically' : 'satisfied', visits: i } })));
    expect(answers.every((r) => r.statusCode === 201)).toBe(true);
    const r = await results(poll.id);
    expect(r.responses).toBe(24);
    const satisfaction = r.questions.find((q) => q.id === 'satisfaction')!;
    expect(satisfaction.respondents).toBe(24);
    expect(satisfaction.options.map((o) => [o.id, o.count])).toEqual([['satisfied', 16], ['basically', 8], ['dissatisfied', 0]]);
    expect(satisfaction.options[0]!.percent).toBeCloseTo((100 * 16) / 24, 10);
    expect(r.questions.find((q) => q.id === 'visits')!.mean).toBeCloseTo((23 * 24) / 2 / 24, 10);
    // The tallies agree with a count over the responses themselves.
    const [direct] = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from poll_responses where poll_id = ${poll.id} and answers->>'satisfaction' = 'satisfied'`);
    expect(direct!.n).toBe(16);

    // Those counts were still queued; folded into the tallies by two runs at once, in small
    // batches, every response still counts exactly once.
    expect(await countRows('poll_tally_queue', poll.id)).toBe(24);
    const queued = (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from poll_tally_queue`))[0]!.n;
    const folds = await Promise.all([foldTallyQueue(t.deps.db, 5), foldTallyQueue(t.deps.db, 5)]);
    expect(folds[0].folded + folds[1].folded).toBe(queued);
    expect(await countRows('poll_tally_queue', poll.id)).toBe(0);
    expect(await results(poll.id)).toEqual(r);
  });

  it('draws a reproducible sample, asks only those drawn, and gives the margin of error with the finite population correction', async () => {
    const poll = await newPoll(liaison, { sample: { size: 10, seed: 'nanshan-2026', stratified: true } });
    const drawn = (await queryRows<{ resident_id: string }>(t.deps.db, sql`select resident_id from poll_sample where poll_id = ${poll.id} order by 1`)).map((r) => r.resident_id);
    expect(drawn).toHaveLength(10);
    const again = await newPoll(liaison, { sample: { size: 10, seed: 'nanshan-2026', stratified: true } });
    expect((await queryRows<{ resident_id: string }>(t.deps.db, sql`select resident_id from poll_sample where poll_id = ${again.id} order by 1`)).map((r) => r.resident_id)).toEqual(drawn);
    const notDrawn = shuiwanResidents.find((id) => !drawn.includes(id))!;
    const refused = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: notDrawn, answers: satisfied });
    expect(errorOf(refused).code).toBe('poll_not_targeted');
    for (const [i, id] of drawn.slice(0, 6).entries()) {
      const response = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: id, answers: { satisfaction: i < 5 ? 'satisfied' : 'dissatisfied', why: i < 5 ? undefined : ['slow'] } });
      expect(response.statusCode, response.body).toBe(201);
    }
    const r = await results(poll.id);
    // Independently: 1.96·√(p(1−p)/n)·√((N−n)/(N−1)) with N the targeted population.
    const N = poll.population;
    const expected = (p: number, n: number) => 100 * 1.959963984540054 * Math.sqrt((p * (1 - p)) / n) * Math.sqrt((N - n) / (N - 1));
    expect(r.marginOfError!).toBeCloseTo(expected(0.5, 6), 9);
    const satisfiedOption = r.questions.find((q) => q.id === 'satisfaction')!.options[0]!;
    expect(satisfiedOption.marginOfError!).toBeCloseTo(expected(5 / 6, 6), 9);
    expect(satisfiedOption.marginOfError!).toBeCloseTo(marginOfError(6, 5 / 6, N)!, 12);
    const sampleTooBig = await liaison.post('/api/polls', { questionnaireId, placeId: shuiwan.id, title: 'x', opensAt: NOW.toISOString(), closesAt: new Date(NOW.getTime() + HOUR).toISOString(), sample: { size: N + 1 } });
    expect(errorOf(sampleTooBig).code).toBe('poll_sample_size_invalid');
  });

  it('breaks results down by two attributes and hides cells smaller than the poll’s minimum', async () => {
    const poll = await newPoll(liaison, { minCellSize: 3 });
    for (const [i, id] of shuiwanResidents.slice(0, 30).entries()) {
      const response = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: id, answers: { satisfaction: i % 10 === 0 ? 'dissatisfied' : 'satisfied', why: i % 10 === 0 ? ['slow'] : undefined } });
      expect(response.statusCode).toBe(201);
    }
    const r = await results(poll.id, 'residency,age_group');
    const attrs = await queryRows<{ residency: string; age_group: string; satisfaction: string; n: number }>(
      t.deps.db,
      sql`select residency, age_group, answers->>'satisfaction' as satisfaction, count(*)::int as n from poll_responses where poll_id = ${poll.id} group by 1, 2, 3`,
    );
    for (const group of r.breakdown!.groups) {
      const mine = attrs.filter((a) => a.residency === group.keys.residency && a.age_group === group.keys.age_group);
      const total = mine.reduce((s, a) => s + a.n, 0);
      if (group.respondents === null) expect(total).toBeGreaterThan(0);
      else expect(group.respondents).toBe(total);
      for (const [option, count] of Object.entries(group.questions.satisfaction!.options)) {
        const actual = mine.find((a) => a.satisfaction === option)?.n ?? 0;
        // Shown counts are right and never between 1 and 2; hidden ones are hidden for a reason.
        if (count !== null) expect([count, count === 0 || count >= 3]).toEqual([actual, true]);
      }
      if (total > 0 && total < 3) expect(group.respondents).toBeNull();
    }
    expect(r.breakdown!.groups.some((g) => Object.values(g.questions.satisfaction!.options).includes(null))).toBe(true);
    const refused = await liaison.get(`/api/polls/${poll.id}/results?by=gender,gender`);
    expect(errorOf(refused).code).toBe('poll_breakdown_invalid');
  });

  it('exports the results as CSV, XLSX and a PDF report with charts, only to those who read results', async () => {
    const poll = await newPoll(liaison);
    for (const [i, id] of shuiwanResidents.slice(0, 8).entries()) {
      await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: id, answers: { satisfaction: i < 7 ? 'satisfied' : 'basically', aspects: { safety: '5', clean: '4' } } });
    }
    const csv = await liaison.get(`/api/polls/${poll.id}/results.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('您对社区工作总体是否满意？,满意,7,87.5,');
    expect(csv.body).toContain('请评价以下方面 · 治安,5,8,100,');
    const xlsx = await liaison.get(`/api/polls/${poll.id}/results.xlsx?by=residency`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('Results')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['您对社区工作总体是否满意？', '基本满意', 1, 12.5]);
    expect(workbook.getWorksheet('Breakdown')).toBeDefined();
    const pdf = await liaison.get(`/api/polls/${poll.id}/results.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    // The charts are vector drawings (filled paths in the bar colour #1677ff = 0.086 0.467 1), not images.
    expect(bytes).not.toContain('/Subtype /Image');
    expect((await resident.get(`/api/polls/${poll.id}/results.pdf`)).statusCode).toBe(403);
  });

  it('exports a sampled poll’s every figure, margin and breakdown cell exactly as the results endpoint gives them', async () => {
    const poll = await newPoll(liaison, { sample: { size: 24, seed: 'export-check', stratified: false }, minCellSize: 4 });
    const drawn = (await queryRows<{ resident_id: string }>(t.deps.db, sql`select resident_id from poll_sample where poll_id = ${poll.id} order by 1`)).map((r) => r.resident_id);
    const choices = ['satisfied', 'basically', 'dissatisfied'] as const;
    for (const [i, id] of drawn.slice(0, 19).entries()) {
      const satisfaction = choices[i % 3]!;
      const answers = {
        satisfaction,
        ...(satisfaction === 'dissatisfied' ? { why: i % 2 ? ['slow'] : ['slow', 'unfair'] } : {}),
        used: i % 4 === 0 ? 'no' : 'yes',
        aspects: { safety: String(1 + (i % 5)), clean: String(1 + ((i * 3) % 5)) },
        priorities: i % 2 ? ['elderly', 'parking', 'children'] : ['children', 'elderly', 'parking'],
        visits: i * 3,
      };
      const answered = await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: id, answers });
      expect(answered.statusCode, answered.body).toBe(201);
    }
    const json = (await liaison.get(`/api/polls/${poll.id}/results?by=residency,gender`)).json<FullResults>();
    expect(json.responses).toBe(19);
    expect(json.marginOfError).not.toBeNull();
    const r2 = (n: number | null | undefined) => (n === null || n === undefined ? null : Number(n.toFixed(2)));
    // What the export must say, built here from the JSON answer.
    const expected: (string | number | null)[][] = [];
    for (const q of json.questions) {
      expected.push([q.text, 'Respondents', q.respondents, null, null]);
      if (q.mean !== undefined) expected.push([q.text, 'Mean', r2(q.mean), null, null]);
      for (const o of q.options) expected.push([q.text, o.label, o.count, r2(o.percent), r2(o.marginOfError)]);
      for (const item of q.items ?? []) for (const o of item.options) expected.push([`${q.text} · ${item.label}`, o.label, o.count, r2(o.percent), r2(o.marginOfError)]);
    }
    expect(expected.some((row) => typeof row[4] === 'number' && row[4] > 0)).toBe(true);

    const xlsx = await liaison.get(`/api/polls/${poll.id}/results.xlsx?by=residency,gender`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheetRows = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const out: (string | number | null)[][] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => {
        const width = sheet.columnCount;
        out.push(Array.from({ length: width }, (_, c) => (row.getCell(c + 1).value ?? null) as string | number | null));
      });
      return out;
    };
    const results = sheetRows('Results');
    expect(results[0]).toEqual(['Question', 'Answer', 'Count', 'Share (%)', 'Margin of error (± points, 95%)']);
    expect(results.slice(1)).toEqual(expected);

    // The breakdown sheet: every group of residency × gender, suppressed cells said so, shown ones equal to the JSON.
    const breakdown = sheetRows('Breakdown').slice(1);
    for (const group of json.breakdown!.groups) {
      const name = Object.values(group.labels).join(' / ');
      const mine = breakdown.filter((row) => row[0] === name);
      if (group.respondents === null) {
        expect(mine).toEqual([[name, null, null, '(too few to show)']]);
        continue;
      }
      const counts = group.questions.satisfaction!.options;
      for (const [id, count] of Object.entries(counts)) {
        const label = json.questions.find((q) => q.id === 'satisfaction')!.options.find((o) => o.id === id)!.label;
        const row = mine.find((r) => r[1] === '您对社区工作总体是否满意？' && r[2] === label);
        expect(row?.[3]).toBe(count === null ? '(too few to show)' : count);
      }
    }
    expect(breakdown.some((row) => row[3] === '(too few to show)')).toBe(true);

    // The CSV says the same as the workbook, cell for cell, in the reader's language.
    const csv = await liaison.get(`/api/polls/${poll.id}/results.csv?by=residency,gender`);
    expect(csv.body.startsWith('\ufeff')).toBe(true);
    const { parse } = await import('csv-parse/sync');
    const parsed = parse(csv.body.slice(1), { relax_column_count: true }) as string[][];
    const asText = (row: (string | number | null)[]) => row.map((c) => (c === null ? '' : String(c)));
    expect(parsed.slice(0, expected.length + 1)).toEqual([asText(results[0]!), ...expected.map(asText)]);
    const zh = await (await loginAs(t.app, 'liaison', undefined, 'zh-CN')).get(`/api/polls/${poll.id}/results.csv`);
    expect(zh.body.split('\n')[0]).toBe('\ufeff题目,选项,人数,占比（%）,误差范围（±百分点，95%）');

    // The PDF report: one page or more, charts drawn as vectors.
    const pdf = await liaison.get(`/api/polls/${poll.id}/results.pdf`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/Type \/Page\b/);

    // Authorization: the three files only for those who read this poll's results.
    for (const extension of ['csv', 'xlsx', 'pdf']) {
      expect((await anonymous.get(`/api/polls/${poll.id}/results.${extension}`)).statusCode, extension).toBe(401);
      expect((await resident.get(`/api/polls/${poll.id}/results.${extension}`)).statusCode, extension).toBe(403);
      expect((await dispatcher.get(`/api/polls/${poll.id}/results.${extension}`)).statusCode, extension).toBe(403);
    }
  });

  it('shows the demo’s two rounds of Nanshan satisfaction polling to the deputy, with the trend', async () => {
    const polls = (await deputy.get('/api/polls')).json<{ items: { id: string; series: string | null; status: string; responses: number }[] }>().items.filter((p) => p.series === 'nanshan-satisfaction');
    expect(polls.map((p) => p.status).sort()).toEqual(['closed', 'open']);
    expect(polls.every((p) => p.responses > 50)).toBe(true);
    const rounds = (await deputy.get(`/api/polls/${polls[0]!.id}/trend?question=satisfaction`)).json<{ rounds: { respondents: number; options: { id: string; percent: number }[] }[] }>().rounds;
    expect(rounds).toHaveLength(2);
    expect(rounds.map((r) => r.respondents)).toEqual([...polls].reverse().map((p) => p.responses));
    // The Shuiwan liaison is not in Nanshan Subdistrict and does not see them.
    expect((await liaison.get('/api/polls')).json<{ items: { series: string | null }[] }>().items.some((p) => p.series === 'nanshan-satisfaction')).toBe(false);
  });

  it('makes a new version when answered questions change, and says which version each answer used', async () => {
    const made = await liaison.post('/api/questionnaires', { placeId: shuiwan.id, title: '需求调查', definition: SATISFACTION });
    const id = made.json<{ id: string }>().id;
    // Unanswered: corrected in place.
    const corrected = await liaison.request('PUT', `/api/questionnaires/${id}`, { definition: SATISFACTION, title: '需求调查（修订）' });
    expect(corrected.json()).toMatchObject({ version: 1, title: '需求调查（修订）' });
    const poll = (await liaison.post('/api/polls', { questionnaireId: id, placeId: shuiwan.id, title: '需求', opensAt: NOW.toISOString(), closesAt: new Date(NOW.getTime() + HOUR).toISOString(), series: 'needs' })).json<{ id: string }>();
    await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: shuiwanResidents[0], answers: satisfied });
    const changed: Definition = { sections: [...SATISFACTION.sections, { id: 'more', title: '', questions: [{ id: 'elderly', type: 'single', text: '家中有老人吗？', options: [{ id: 'y', label: '有' }, { id: 'n', label: '无' }] }] }] };
    expect((await liaison.request('PUT', `/api/questionnaires/${id}`, { definition: changed })).json()).toMatchObject({ version: 2 });
    expect((await liaison.post(`/api/polls/${poll.id}/responses`, { residentId: shuiwanResidents[1], answers: { ...satisfied, elderly: 'y' } })).statusCode).toBe(201);
    const r = await results(poll.id);
    expect(r.version).toBe(2);
    expect(r.versions).toEqual([{ version: 1, responses: 1 }, { version: 2, responses: 1 }]);
    const versions = await queryRows<{ version: number }>(t.deps.db, sql`select v.version from poll_responses r join questionnaire_versions v on v.id = r.version_id where r.poll_id = ${poll.id} order by 1`);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);

    // The next round of the series: the trend of satisfaction across both.
    const next = (await liaison.post('/api/polls', { questionnaireId: id, placeId: shuiwan.id, title: '需求 2027', opensAt: new Date(NOW.getTime() + 1000).toISOString(), closesAt: new Date(NOW.getTime() + HOUR).toISOString(), series: 'needs' })).json<{ id: string }>();
    const trend = (await liaison.get(`/api/polls/${next.id}/trend?question=satisfaction`)).json<{ rounds: { pollId: string; respondents: number; options: { id: string; percent: number }[] }[] }>().rounds;
    expect(trend.map((p) => [p.pollId, p.respondents])).toEqual([[poll.id, 2], [next.id, 0]]);
    expect(trend[0]!.options).toEqual([{ id: 'satisfied', count: 2, percent: 100 }]);
  });
});
