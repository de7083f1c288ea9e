import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const PASSWORD = 'Discussion-2026-Vote';

interface Groups {
  grouped: number;
  participants: number;
  groups: { size: number; representative: { text: string; agreePercent: number[] }[] }[];
  consensus: { text: string; agreePercent: number[] }[];
  statements: { id: string; text: string; agree: number; disagree: number; pass: number; hiddenReason: string | null }[];
  conversation: { status: string; statements: number; participants: number; votes: number };
}

describe('councils: a statement-voting discussion, as Linhai ran one on its network platform', () => {
  let t: TestApp;
  let secretary: Client, anonymous: Client, outsider: Client;
  let conversationId: string;
  const villagers: Client[] = [];
  const statementIds = new Map<string, string>();

  const write = (client: Client, text: string) => client.post(`/api/conversations/${conversationId}/statements`, { text });
  const vote = (client: Client, text: string, value: 1 | 0 | -1) => client.post(`/api/statements/${statementIds.get(text)}/votes`, { value });
  const groups = async () => (await anonymous.get(`/api/conversations/${conversationId}`)).json<Groups>();

  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000' });
    const admin = await loginAs(t.app, 'admin');
    secretary = await loginAs(t.app, 'secretary');
    anonymous = new Client(t.app);
    outsider = await loginAs(t.app, 'resident'); // lives in Shuiwan, Shenzhen
    const village = await placeAt(t, '331000', '331082', 'BSY', 'BSY');
    const council = await secretary.post('/api/councils', { placeId: village.id, name: '白水洋村民主协商议事会', typeCode: 'linhai-village' });
    expect(council.statusCode, council.body).toBe(201);
    const opened = await secretary.post(`/api/councils/${council.json<{ id: string }>().id}/conversations`, { title: '村口停车场怎么建', prompt: '村口空地改建停车场，您怎么看？' });
    expect(opened.statusCode, opened.body).toBe(201);
    conversationId = opened.json<{ id: string }>().id;
    for (let i = 0; i < 12; i++) {
      const username = `bsy-talk-${i}`;
      const made = await admin.post('/api/accounts', { username, displayName: username, password: PASSWORD, placeId: village.id, grants: [{ role: 'resident', placeId: village.id }] });
      expect(made.statusCode, made.body).toBe(201);
      villagers.push(await loginAs(t.app, username, PASSWORD));
    }
  }, 180_000);
  afterAll(() => t.close());

  it('takes short statements from the village’s people, once each, and counts writing one as agreeing', async () => {
    // Written by people who hold them: the first six are for charging, the last six against.
    for (const [writer, text] of [[0, '停车场应该收费'], [1, '收费用于村里公共开支'], [6, '停车场应该免费'], [7, '村民停车不该花钱'], [2, '晚上要有路灯']] as const) {
      const made = await write(villagers[writer]!, `  ${text} `);
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ text, agree: 1, disagree: 0, pass: 0 });
      statementIds.set(text, made.json<{ id: string }>().id);
    }
    const again = await write(villagers[8]!, '停车场应该收费');
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'statement_duplicate']);
    expect((await write(villagers[8]!, '长'.repeat(141))).statusCode).toBe(400);
    expect((await write(villagers[8]!, '')).statusCode).toBe(400);
    // Someone from another place may read but not take part.
    const foreign = await write(outsider, '我不是本村的');
    expect(foreign.statusCode).toBe(403);
    expect((await anonymous.post(`/api/conversations/${conversationId}/statements`, { text: '匿名' })).statusCode).toBe(401);
  });

  it('hands each person the statements they have not voted on, and takes one vote each, also when two arrive at once', async () => {
    const first = await villagers[0]!.get(`/api/conversations/${conversationId}/next`);
    expect(first.json<{ remaining: number }>().remaining).toBe(4); // the five but their own
    const [a, b] = await Promise.all([vote(villagers[0]!, '停车场应该免费', -1), vote(villagers[0]!, '停车场应该免费', -1)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = [a, b].find((r) => r.statusCode === 409)!;
    expect(errorOf(refused).code).toBe('statement_already_voted');
    expect((await villagers[0]!.get(`/api/conversations/${conversationId}/next`)).json<{ remaining: number }>().remaining).toBe(3);
    expect((await villagers[0]!.post(`/api/statements/${statementIds.get('晚上要有路灯')}/votes`, { value: 2 })).statusCode).toBe(400);
    expect((await vote(outsider, '晚上要有路灯', 1)).statusCode).toBe(403);
  });

  it('finds the two camps, and the statement both agree on, from the votes alone', async () => {
    // Six for charging, six against; everyone wants lights. Each votes on every statement not yet voted on.
    const stance = (i: number, text: string): 1 | -1 => {
      if (text === '晚上要有路灯') return 1;
      const forCharging = i < 6;
      const charging = text === '停车场应该收费' || text === '收费用于村里公共开支';
      return forCharging === charging ? 1 : -1;
    };
    for (const [i, villager] of villagers.entries()) {
      for (;;) {
        const next = (await villager.get(`/api/conversations/${conversationId}/next`)).json<{ statement: { id: string; text: string } | null }>();
        if (!next.statement) break;
        const cast = await villager.post(`/api/statements/${next.statement.id}/votes`, { value: stance(i, next.statement.text) });
        expect(cast.statusCode, cast.body).toBe(201);
      }
    }
    const read = await groups();
    expect(read.participants).toBe(12);
    expect(read.grouped).toBe(12);
    expect(read.groups.map((g) => g.size)).toEqual([6, 6]);
    expect(read.consensus.map((s) => s.text)).toEqual(['晚上要有路灯']);
    expect(read.consensus[0]!.agreePercent).toEqual([100, 100]);
    const camps = read.groups.map((g) => new Set(g.representative.filter((s) => Math.max(...s.agreePercent) === 100 && Math.min(...s.agreePercent) === 0).map((s) => s.text)));
    expect(camps.map((c) => [...c].sort())).toEqual(expect.arrayContaining([['停车场应该收费', '收费用于村里公共开支'].sort(), ['停车场应该免费', '村民停车不该花钱'].sort()]));
    expect(read.statements.find((s) => s.text === '晚上要有路灯')).toMatchObject({ agree: 12, disagree: 0, pass: 0 });
    // The counts kept with each vote are the votes' own.
    const counted = await queryRows<{ id: string; agree: number; disagree: number; pass: number }>(
      t.deps.db,
      sql`select statement_id as id, count(*) filter (where value = 1)::int as agree, count(*) filter (where value = -1)::int as disagree, count(*) filter (where value = 0)::int as pass
          from conversation_votes group by statement_id`,
    );
    expect(read.statements.map(({ id, agree, disagree, pass }) => ({ id, agree, disagree, pass })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(counted.sort((a, b) => a.id.localeCompare(b.id)));
    expect(read.conversation).toMatchObject({ participants: 12, votes: 60 });
    // Who wrote what is nobody's business on the public page.
    expect(JSON.stringify(read)).not.toMatch(/bsy-talk|author/);
  });

  it('hides a statement with a public reason: it is no longer handed out or counted, and its votes stay on record', async () => {
    const written = await write(villagers[7]!, '某某干部收了好处');
    const id = written.json<{ id: string }>().id;
    expect((await villagers[8]!.post(`/api/statements/${id}/hide`, { reason: '无' })).statusCode).toBe(403);
    const hidden = await secretary.post(`/api/statements/${id}/hide`, { reason: '涉及未经核实的个人指控，请通过信访渠道反映' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((await villagers[8]!.get(`/api/conversations/${conversationId}/next`)).json()).toEqual({ statement: null, remaining: 0 });
    const cast = await villagers[8]!.post(`/api/statements/${id}/votes`, { value: 1 });
    expect([cast.statusCode, errorOf(cast).code]).toEqual([404, 'statement_not_found']);
    const read = await groups();
    expect(read.statements.find((s) => s.id === id)).toMatchObject({ hiddenReason: '涉及未经核实的个人指控，请通过信访渠道反映' });
    expect(read.conversation.statements).toBe(5);
    expect(await queryRows(t.deps.db, sql`select value from conversation_votes where statement_id = ${id}`)).toEqual([{ value: 1 }]);
  });

  it('keeps votes append-only in the database itself', async () => {
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/conversation_votes is append-only/) }) };
    await expect(t.deps.db.execute(sql`update conversation_votes set value = 1`)).rejects.toMatchObject(refused);
    await expect(t.deps.db.execute(sql`delete from conversation_votes`)).rejects.toMatchObject(refused);
  });

  it('closes: the groups stay readable, and no one writes or votes any more', async () => {
    const closed = await secretary.post(`/api/conversations/${conversationId}/close`, {});
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const late = await write(villagers[9]!, '还想再说一句');
    expect([late.statusCode, errorOf(late).code]).toEqual([409, 'conversation_closed']);
    expect((await vote(villagers[9]!, '晚上要有路灯', 1)).statusCode).toBe(409);
    expect((await groups()).consensus.map((s) => s.text)).toEqual(['晚上要有路灯']);
    expect((await anonymous.get(`/api/conversations/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });
});

describe('councils: a consultation on a draft decision, for a period', () => {
  let clock = new Date('2026-11-23T02:00:00Z');
  let t: TestApp;
  let secretary: Client, villager: Client;
  let councilId: string, motionId: string;

  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000' }, () => clock);
    const admin = await loginAs(t.app, 'admin');
    secretary = await loginAs(t.app, 'secretary');
    const village = await placeAt(t, '331000', '331082', 'BSY', 'BSY');
    councilId = (await secretary.post('/api/councils', { placeId: village.id, name: '白水洋村民主协商议事会', typeCode: 'linhai-village' })).json<{ id: string }>().id;
    const motion = await secretary.post(`/api/councils/${councilId}/motions`, {
      title: '村规民约修订草案',
      body: '第五条：红白喜事从简，宴席不超过十桌。',
      ballot: 'open',
      threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0 },
    });
    expect(motion.statusCode, motion.body).toBe(201);
    motionId = motion.json<{ id: string }>().id;
    await admin.post('/api/accounts', { username: 'bsy-consult', displayName: 'bsy-consult', password: PASSWORD, placeId: village.id, grants: [{ role: 'resident', placeId: village.id }] });
    villager = await loginAs(t.app, 'bsy-consult', PASSWORD);
  }, 120_000);
  afterAll(() => t.close());

  it('collects opinions on the draft until the period ends, then takes no more', async () => {
    const past = await secretary.post(`/api/councils/${councilId}/conversations`, { title: '村规民约修订意见征集', prompt: '对第五条有什么意见？', motionId, closesAt: '2026-11-22T00:00:00Z' });
    expect([past.statusCode, errorOf(past).code]).toEqual([400, 'conversation_period_invalid']);
    const opened = await secretary.post(`/api/councils/${councilId}/conversations`, { title: '村规民约修订意见征集', prompt: '对第五条有什么意见？', motionId, closesAt: '2026-11-23T10:00:00Z' });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json<{ id: string }>().id;
    expect(opened.json()).toMatchObject({ motionId, motion: { title: '村规民约修订草案', body: '第五条：红白喜事从简，宴席不超过十桌。' }, status: 'open', closesAt: '2026-11-23T10:00:00.000Z' });
    expect((await villager.post(`/api/conversations/${id}/statements`, { text: '十桌太多，建议六桌' })).statusCode).toBe(201);

    clock = new Date('2026-11-23T10:00:01Z');
    const late = await villager.post(`/api/conversations/${id}/statements`, { text: '晚到的意见' });
    expect([late.statusCode, errorOf(late).code]).toEqual([409, 'conversation_closed']);
    const listed = (await new Client(t.app).get(`/api/councils/${councilId}/conversations`)).json<{ items: { id: string; status: string; motionId: string | null }[] }>().items;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'closed', motionId })]);
    // What was said stays readable.
    expect((await new Client(t.app).get(`/api/conversations/${id}`)).json<{ statements: { text: string }[] }>().statements.map((s) => s.text)).toEqual(['十桌太多，建议六桌']);
  });

  it('opens a discussion later, on a democracy day, taking nothing before', async () => {
    // Hours, not days, apart: sessions end after 12 idle hours.
    clock = new Date('2026-11-23T10:30:00Z');
    const bad = await secretary.post(`/api/councils/${councilId}/conversations`, { title: '十二月民主日网上议事', prompt: '村道路灯怎么改？', opensAt: '2026-11-23T16:00:00Z', closesAt: '2026-11-23T15:00:00Z' });
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'conversation_period_invalid']);
    const made = await secretary.post(`/api/councils/${councilId}/conversations`, { title: '十二月民主日网上议事', prompt: '村道路灯怎么改？', opensAt: '2026-11-23T16:00:00Z', closesAt: '2026-11-24T04:00:00Z' });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: string }>().id;
    expect(made.json()).toMatchObject({ status: 'scheduled', opensAt: '2026-11-23T16:00:00.000Z' });
    const early = await villager.post(`/api/conversations/${id}/statements`, { text: '换成太阳能灯' });
    expect([early.statusCode, errorOf(early).code]).toEqual([409, 'conversation_not_open']);
    expect(errorOf(early).message).toContain('2026-11-23T16:00:00.000Z');

    clock = new Date('2026-11-23T16:00:00Z');
    expect((await villager.post(`/api/conversations/${id}/statements`, { text: '换成太阳能灯' })).statusCode).toBe(201);
    expect((await new Client(t.app).get(`/api/conversations/${id}`)).json<{ conversation: { status: string } }>().conversation.status).toBe('open');
  });

  it('consults only on a draft of the same council', async () => {
    expect((await secretary.post(`/api/motions/${motionId}/open`, {})).statusCode).toBe(409); // the council is still forming: the draft stays a draft
    const other = await secretary.post('/api/councils', { placeId: (await placeAt(t, '331000', '331082', 'BSY')).id, name: '白水洋镇议事会', typeCode: 'linhai-town' });
    const elsewhere = await secretary.post(`/api/councils/${other.json<{ id: string }>().id}/conversations`, { title: '征集', prompt: '意见？', motionId });
    expect([elsewhere.statusCode, errorOf(elsewhere).code]).toEqual([404, 'motion_not_found']);
  });
});
