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

describe('polls: from answers to action', () => {
  let t: TestApp;
  let liaison: Client, deputy: Client, dispatcher: Client, admin: Client, resident: Client, staff: Client;
  let shuiwan: { id: string; path: string };
  let nanshanDistrict: { id: string; path: string };
  let nanshanSubdistrict: { id: string };

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
