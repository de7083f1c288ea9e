import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { SATISFACTION } from '../src/modules/polls/fixtures.js';
import type { Definition } from '../src/modules/polls/questionnaire.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A five-step scale, best first, as a district might ask it. */
const FIVE_STEPS: Definition = {
  sections: [
    {
      id: 's',
      title: '',
      questions: [
        { id: 'overall', type: 'rating', text: '您对诉求办理的满意程度（5 分最满意）', required: true, options: ['5', '4', '3', '2', '1'].map((id) => ({ id, label: id })) },
        { id: 'detail', type: 'text', text: '意见' },
      ],
    },
  ],
};

interface CaseRatings {
  question: string;
  from: string;
  to: string;
  rated: number;
  options: { id: string; count: number; percent: number | null }[];
}

/** A questionnaire and a poll on it, open for a week from an hour ago. */
const poll = async (client: Client, placeId: string, definition: Definition, extra: Record<string, unknown> = {}) => {
  const questionnaire = await client.post('/api/questionnaires', { placeId, title: '满意度', definition });
  expect(questionnaire.statusCode, questionnaire.body).toBe(201);
  const made = await client.post('/api/polls', {
    questionnaireId: questionnaire.json<{ id: string }>().id,
    placeId,
    title: '满意度调查',
    opensAt: new Date(NOW.getTime() - HOUR).toISOString(),
    closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    ...extra,
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json<{ id: string }>().id;
};

describe('polls: from answers to action', () => {
  let t: TestApp;
  let liaison: Client, deputy: Client, dispatcher: Client, admin: Client, resident: Client, staff: Client;
  let shuiwan: { id: string; path: string };
  let nanshanDistrict: { id: string; path: string };
  let nanshanSubdistrict: { id: string };


  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => NOW);
    [liaison, deputy, dispatcher, admin, resident, staff] = (await Promise.all(['liaison', 'deputy', 'dispatcher', 'admin', 'resident', 'staff'].map((u) => loginAs(t.app, u)))) as [Client, Client, Client, Client, Client, Client];
    shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    nanshanDistrict = await placeAt(t, '440300', '440305');
    nanshanSubdistrict = await placeAt(t, '440300', '440305', 'NS');
  });
  afterAll(() => t.close());

  it('turns a free-text answer into a request to a department, once per key, listed with the poll', async () => {
    const pollId = await poll(liaison, shuiwan.id, SATISFACTION);
    const description = '居民反映：党群服务中心窗口只开一个，排队太久，请增开窗口';
    const key = 'poll-case-0001';
    const made = await liaison.post(`/api/polls/${pollId}/cases`, { description, question: 'detail' }, { 'idempotency-key': key });
    expect(made.statusCode, made.body).toBe(201);
    const { caseId, number, replayed } = made.json<{ caseId: string; number: string; replayed: boolean }>();
    expect(replayed).toBe(false);
    // The case is a real one of the cases module: numbered, routed, on the liaison's channel, in Shuiwan, with its first timeline entry.
    const [row] = await queryRows<{ channel: string; place_id: string; status: string; description: string; events: number }>(
      t.deps.db,
      sql`select channel::text, place_id, status::text, description, (select count(*)::int from case_events e where e.case_id = c.id) as events from cases c where id = ${caseId}`,
    );
    expect(row).toEqual({ channel: 'liaison', place_id: shuiwan.id, status: 'received', description, events: 1 });
    const dispatcherSees = await dispatcher.get(`/api/cases/${caseId}`);
    expect(dispatcherSees.statusCode).toBe(200);

    // A retry with the same key answers the same case; the poll lists it once.
    const again = await liaison.post(`/api/polls/${pollId}/cases`, { description, question: 'detail' }, { 'idempotency-key': key });
    expect(again.json()).toEqual({ caseId, number, replayed: true });
    const listed = (await liaison.get(`/api/polls/${pollId}/cases`)).json<{ items: { caseId: string; number: string; status: string; question: string | null }[] }>().items;
    expect(listed).toEqual([expect.objectContaining({ caseId, number, status: 'received', question: 'detail' })]);
    const audited = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from audit_log where action = 'poll.case' and entity_id = ${pollId}`);
    expect(audited[0]!.n).toBe(1);
  });

  it('refuses a request from a poll to those who do not run it, outside its places, and for an unknown question', async () => {
    const pollId = await poll(liaison, shuiwan.id, SATISFACTION);
    const body = { description: '请处理居民反映的停车难问题' };
    // A dispatcher takes requests but does not run polls; the deputy of another subdistrict does not see this one.
    expect((await dispatcher.post(`/api/polls/${pollId}/cases`, body)).statusCode).toBe(403);
    expect(errorOf(await deputy.post(`/api/polls/${pollId}/cases`, body)).code).toBe('poll_not_found');
    const outside = await liaison.post(`/api/polls/${pollId}/cases`, { ...body, placeId: nanshanSubdistrict.id });
    expect([outside.statusCode, errorOf(outside).code]).toEqual([400, 'poll_case_place_invalid']);
    const zh = await loginAs(t.app, 'liaison', undefined, 'zh-CN');
    const unknown = await zh.post(`/api/polls/${pollId}/cases`, { ...body, question: 'nope' });
    expect([unknown.statusCode, errorOf(unknown).message]).toEqual([400, '问卷中没有这道题']);
    expect((await liaison.get(`/api/polls/${pollId}/cases`)).json()).toEqual({ items: [] });
  });

  it('makes a deputy’s request from the poll of his constituency on the deputy channel', async () => {
    const pollId = await poll(deputy, nanshanSubdistrict.id, SATISFACTION);
    const made = await deputy.post(`/api/polls/${pollId}/cases`, { description: '选区居民反映：南山街道夜间施工扰民，请城管查处' });
    expect(made.statusCode, made.body).toBe(201);
    const [row] = await queryRows<{ channel: string }>(t.deps.db, sql`select channel::text from cases where id = ${made.json<{ caseId: string }>().caseId}`);
    expect(row!.channel).toBe('deputy');
  });

  it('reads the closing ratings of cases on the scale of a linked satisfaction question, and follows a new rating', async () => {
    // A year of the district's cases, against a five-step question.
    const pollId = await poll(admin, nanshanDistrict.id, FIVE_STEPS, { opensAt: new Date(NOW.getTime() - 365 * DAY).toISOString(), closesAt: new Date(NOW.getTime() + DAY).toISOString() });
    expect((await admin.get(`/api/polls/${pollId}/results`)).json<{ caseRatings: unknown }>().caseRatings).toBeNull();
    const mapping = { satisfied: '5', basically_satisfied: '3', dissatisfied: '1' };
    const linked = await admin.request('PUT', `/api/polls/${pollId}/case-ratings`, { question: 'overall', mapping });
    expect(linked.statusCode, linked.body).toBe(200);

    // Independently: the ratings of the district's cases that came in on the poll's days (China time), merged ones left out.
    const independent = async () => {
      const rows = await queryRows<{ rating: string; n: number }>(
        t.deps.db,
        sql`select c.rating::text as rating, count(*)::int as n from cases c join places p on p.id = c.place_id
            where starts_with(p.path, ${nanshanDistrict.path}) and c.status <> 'merged' and c.rating is not null
              and (c.received_at at time zone 'Asia/Shanghai')::date between ${'2025-11-23'}::date and ${'2026-11-24'}::date
            group by 1`,
      );
      return Object.fromEntries(rows.map((r) => [r.rating, r.n])) as Record<string, number>;
    };
    const read = async () => (await admin.get(`/api/polls/${pollId}/results`)).json<{ caseRatings: CaseRatings }>().caseRatings;
    const before = await read();
    const counts = await independent();
    const total = (counts.satisfied ?? 0) + (counts.basically_satisfied ?? 0) + (counts.dissatisfied ?? 0);
    expect(total).toBeGreaterThan(0);
    expect(before).toMatchObject({ question: 'overall', from: '2025-11-23', to: '2026-11-24', rated: total });
    expect(before.options.map((o) => [o.id, o.count])).toEqual([
      ['5', counts.satisfied ?? 0],
      ['4', 0],
      ['3', counts.basically_satisfied ?? 0],
      ['2', 0],
      ['1', counts.dissatisfied ?? 0],
    ]);
    expect(before.options[0]!.percent).toBeCloseTo((100 * (counts.satisfied ?? 0)) / total, 10);

    // A resident's request handled and rated dissatisfied today moves the lowest step by one.
    const reported = await resident.post('/api/cases', { placeId: shuiwan.id, description: '小区门口的路灯坏了好几天，晚上很黑', address: '水湾社区东门' });
    expect(reported.statusCode, reported.body).toBe(201);
    const caseId = reported.json<{ id: string }>().id;
    const [urban] = await queryRows<{ id: string }>(t.deps.db, sql`select d.id from departments d join cases c on c.city_id = d.place_id where c.id = ${caseId} and d.code = 'urban-management'`);
    expect((await dispatcher.post(`/api/cases/${caseId}/dispatch`, { departmentId: urban!.id })).statusCode).toBe(200);
    expect((await staff.post(`/api/cases/${caseId}/accept`)).statusCode).toBe(200);
    expect((await staff.post(`/api/cases/${caseId}/resolve`, { reply: '路灯已修复' })).statusCode).toBe(200);
    expect((await resident.post(`/api/cases/${caseId}/rate`, { rating: 'dissatisfied' })).statusCode).toBe(200);
    const after = await read();
    expect(after.rated).toBe(before.rated + 1);
    expect(after.options.find((o) => o.id === '1')!.count).toBe(before.options.find((o) => o.id === '1')!.count + 1);
  });

  it('refuses a link to a question that is no scale, to unknown options, and to those who do not run the poll', async () => {
    const pollId = await poll(liaison, shuiwan.id, SATISFACTION);
    const three = { satisfied: 'satisfied', basically_satisfied: 'basically', dissatisfied: 'dissatisfied' };
    const zh = await loginAs(t.app, 'liaison', undefined, 'zh-CN');
    const text = await zh.request('PUT', `/api/polls/${pollId}/case-ratings`, { question: 'detail', mapping: three });
    expect([text.statusCode, errorOf(text).code, errorOf(text).message]).toEqual([400, 'poll_rating_link_invalid', '不能这样关联诉求评价：只能关联评价量表或单选题']);
    const unknown = await liaison.request('PUT', `/api/polls/${pollId}/case-ratings`, { question: 'satisfaction', mapping: { ...three, dissatisfied: 'angry' } });
    expect(errorOf(unknown)).toMatchObject({ code: 'poll_rating_link_invalid', details: { problem: 'option_unknown' } });
    expect((await dispatcher.request('PUT', `/api/polls/${pollId}/case-ratings`, { question: 'satisfaction', mapping: three })).statusCode).toBe(403);
    expect((await deputy.request('PUT', `/api/polls/${pollId}/case-ratings`, { question: 'satisfaction', mapping: three })).statusCode).toBe(404);
    expect((await liaison.get(`/api/polls/${pollId}/results`)).json<{ caseRatings: unknown }>().caseRatings).toBeNull();
    // The liaison may link his own poll's satisfaction question.
    expect((await liaison.request('PUT', `/api/polls/${pollId}/case-ratings`, { question: 'satisfaction', mapping: three })).statusCode).toBe(200);
    expect((await liaison.get(`/api/polls/${pollId}/results`)).json<{ caseRatings: CaseRatings }>().caseRatings.question).toBe('satisfaction');
  });
});

describe('polls: a result put before a council', () => {
  let t: TestApp;
  let liaison: Client, deputy: Client, admin: Client, resident: Client;
  let shuiwan: { id: string; path: string };
  let hallId: string;
  let farCouncilId: string;
  let pollId: string;

  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => NOW);
    [liaison, deputy, admin, resident] = (await Promise.all(['liaison', 'deputy', 'admin', 'resident'].map((u) => loginAs(t.app, u)))) as [Client, Client, Client, Client];
    shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const sanyuanli = await placeAt(t, '440100', '440111', 'SYL');
    const council = async (placeId: string, name: string) => {
      const made = await admin.post('/api/councils', { placeId, name, typeCode: 'sanyuanli-hall' });
      expect(made.statusCode, made.body).toBe(201);
      return made.json<{ id: string }>().id;
    };
    hallId = await council(zhaoshang.id, '招商街道议事厅');
    farCouncilId = await council(sanyuanli.id, '三元里街道议事厅');
    // A small test poll: its results may be shown from one answer on.
    pollId = await poll(liaison, shuiwan.id, SATISFACTION, { title: '水湾社区满意度调查', minCellSize: 1 });
    const answered = await resident.post(`/api/polls/${pollId}/responses`, { answers: { satisfaction: 'dissatisfied', why: ['slow'] } });
    expect(answered.statusCode, answered.body).toBe(201);
  });
  afterAll(() => t.close());

  interface Attached {
    topicId: string;
    topicTitle: string;
    councilName: string;
    question: string;
    result: { pollTitle: string; questionText: string; respondents: number; options: { label: string; count: number; percent: number | null }[] };
  }

  it('proposes a new topic with the figures as they stand, which the public topic list of the council then shows, unchanged by later answers', async () => {
    const choices = await liaison.get(`/api/polls/${pollId}/councils`);
    expect(choices.json<{ items: { id: string; name: string }[] }>().items.map((c) => c.name)).toEqual(['招商街道议事厅']);

    const put = await liaison.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', councilId: hallId, title: '党群服务中心增开窗口', body: '满意度调查中居民反映排队太久。' });
    expect(put.statusCode, put.body).toBe(201);
    const attached = put.json<Attached>();
    expect(attached).toMatchObject({ topicTitle: '党群服务中心增开窗口', councilName: '招商街道议事厅', question: 'satisfaction' });
    expect(attached.result).toMatchObject({ pollTitle: '水湾社区满意度调查', questionText: '您对社区工作总体是否满意？', respondents: 1 });
    expect(attached.result.options.find((o) => o.label === '不满意')).toMatchObject({ count: 1, percent: 100 });

    // The topic is a real proposal of the council, open to support like any other.
    const topics = await new Client(t.app).get(`/api/councils/${hallId}/topics`);
    expect(topics.json<{ items: { id: string; title: string; status: string }[] }>().items).toEqual([expect.objectContaining({ id: attached.topicId, title: '党群服务中心增开窗口', status: 'proposed' })]);

    // A second answer, entered by the liaison from an interview, changes the poll's results, not what the council was shown.
    const [other] = await queryRows<{ id: string }>(t.deps.db, sql`select r.id from residents r where r.place_id = ${shuiwan.id} and r.id not in (select resident_id from accounts where resident_id is not null) limit 1`);
    const proxy = await liaison.post(`/api/polls/${pollId}/responses`, { residentId: other!.id, answers: { satisfaction: 'satisfied' } });
    expect(proxy.statusCode, proxy.body).toBe(201);
    expect((await liaison.get(`/api/polls/${pollId}/results`)).json<{ responses: number }>().responses).toBe(2);
    const before = await new Client(t.app).get(`/api/councils/${hallId}/poll-results`);
    expect(before.statusCode).toBe(200);
    expect(before.json<{ items: Attached[] }>().items).toEqual([expect.objectContaining({ topicId: attached.topicId, result: attached.result })]);

    // The poll lists where its results went.
    expect((await liaison.get(`/api/polls/${pollId}/topics`)).json<{ items: Attached[] }>().items.map((i) => i.topicTitle)).toEqual(['党群服务中心增开窗口']);
  });

  it('adds a result to a topic residents proposed, once', async () => {
    const proposed = await resident.post(`/api/councils/${hallId}/topics`, { title: '小区停车难', body: '晚上车位不够' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const topicId = proposed.json<{ id: string }>().id;
    expect((await liaison.get(`/api/polls/${pollId}/councils`)).json<{ items: { topics: { id: string }[] }[] }>().items[0]!.topics.map((x) => x.id)).toContain(topicId);
    const put = await liaison.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', topicId });
    expect(put.statusCode, put.body).toBe(201);
    const again = await liaison.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', topicId });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('poll_topic_already_attached');
  });

  it('refuses a council whose place does not overlap the poll’s, a question without options, those who do not run the poll, and a decided topic', async () => {
    const far = await admin.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', councilId: farCouncilId, title: '题目', body: '内容' });
    expect(far.statusCode).toBe(403);
    expect(errorOf(far).code).toBe('poll_topic_out_of_area');
    // Nothing was proposed to the far council on the way.
    expect((await new Client(t.app).get(`/api/councils/${farCouncilId}/topics`)).json<{ items: unknown[] }>().items).toEqual([]);

    const text = await liaison.post(`/api/polls/${pollId}/topics`, { question: 'detail', councilId: hallId, title: '题目', body: '内容' });
    expect(text.statusCode).toBe(400);
    expect(errorOf(text).code).toBe('poll_topic_question_unsuited');
    expect((await liaison.post(`/api/polls/${pollId}/topics`, { question: 'nope', councilId: hallId, title: '题目', body: '内容' })).statusCode).toBe(400);

    const byResident = await resident.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', councilId: hallId, title: '题目', body: '内容' });
    expect(byResident.statusCode).toBe(403);
    // A deputy of another subdistrict is not told the poll exists.
    expect((await deputy.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', councilId: hallId, title: '题目', body: '内容' })).statusCode).toBe(404);

    const proposed = await resident.post(`/api/councils/${hallId}/topics`, { title: '不予采纳的建议', body: '内容' });
    const topicId = proposed.json<{ id: string }>().id;
    const declined = await admin.post(`/api/topics/${topicId}/decision`, { decision: 'decline', reason: '不属于议事范围' });
    expect(declined.statusCode, declined.body).toBe(200);
    const late = await liaison.post(`/api/polls/${pollId}/topics`, { question: 'satisfaction', topicId });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('topic_decided');
  });

  it('refuses a result with fewer answers than the poll’s smallest group shown, as it would be public', async () => {
    const smallPoll = await poll(liaison, shuiwan.id, SATISFACTION, { title: '只有一人作答的调查' });
    expect((await liaison.get(`/api/polls/${smallPoll}`)).json<{ minCellSize: number }>().minCellSize).toBe(5);
    expect((await resident.post(`/api/polls/${smallPoll}/responses`, { answers: { satisfaction: 'satisfied' } })).statusCode).toBe(201);
    const refused = await liaison.post(`/api/polls/${smallPoll}/topics`, { question: 'satisfaction', councilId: hallId, title: '题目', body: '内容' });
    expect([refused.statusCode, errorOf(refused).code, errorOf(refused).details]).toEqual([409, 'poll_topic_too_few', { min: 5 }]);
    expect((await new Client(t.app).get(`/api/councils/${hallId}/topics`)).json<{ items: { title: string }[] }>().items.map((x) => x.title)).not.toContain('题目');
  });

  it('keeps what was put before a council as it was: the database refuses to change it', async () => {
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/poll_topics is append-only/) }) };
    await expect(t.deps.db.execute(sql`update poll_topics set result = '{}'::jsonb`)).rejects.toMatchObject(refused);
    await expect(t.deps.db.execute(sql`delete from poll_topics`)).rejects.toMatchObject(refused);
    expect((await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from poll_topics`))[0]!.n).toBe(2);
  });
});
