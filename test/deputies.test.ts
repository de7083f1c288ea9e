import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { SATISFACTION } from '../src/modules/polls/fixtures.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR).toISOString();

describe('deputies’ workstations: constituency, schedule, visitors, forwarding, polls among constituents', () => {
  let t: TestApp;
  let admin: Client, liaison: Client, deputy: Client, official: Client, dispatcher: Client;
  let shuiwan: { id: string }, nanshanSubdistrict: { id: string }, zhaoshang: { id: string };
  let wang: { id: string }, li: { id: string };
  let nanshanStation: { id: string }, shuiwanStation: { id: string };

  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => NOW);
    [admin, liaison, official, dispatcher] = (await Promise.all(['admin', 'liaison', 'official', 'dispatcher'].map((u) => loginAs(t.app, u)))) as [Client, Client, Client, Client];
    shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    nanshanSubdistrict = await placeAt(t, '440300', '440305', 'NS');
    // A deputy of its own (the demo's deputy login is the demo's 王建国), so the demo's schedule stays out of the way.
    const account = await admin.post('/api/accounts', {
      username: 'deputy-wang',
      displayName: '王代表',
      password: 'Renda-Daibiao-2026',
      placeId: nanshanSubdistrict.id,
      grants: [{ role: 'deputy', placeId: nanshanSubdistrict.id }],
    });
    expect(account.statusCode, account.body).toBe(201);
    deputy = await loginAs(t.app, 'deputy-wang', 'Renda-Daibiao-2026');
    const made = await admin.post('/api/deputies', { placeId: nanshanSubdistrict.id, name: '王代表', level: 'district', accountId: account.json<{ account: { id: string } }>().account.id });
    expect(made.statusCode, made.body).toBe(201);
    wang = made.json();
    nanshanStation = (await admin.post('/api/workstations', { placeId: nanshanSubdistrict.id, name: '南山街道人大代表工作站', address: '南山大道 1 号', kind: 'workstation' })).json();
  });
  afterAll(() => t.close());

  it('gives the demo’s deputy login his constituency, his schedule and the visitors of his last reception', async () => {
    const demoDeputy = await loginAs(t.app, 'deputy');
    const himself = (await demoDeputy.get('/api/deputies')).json<{ items: { id: string; name: string; mine: boolean; placeId: string }[] }>().items.find((d) => d.mine);
    expect(himself).toMatchObject({ name: '王建国', placeId: nanshanSubdistrict.id });
    const page = (await demoDeputy.get(`/api/deputies/${himself!.id}`)).json<{ receptions: { topic: string; workstationName: string }[] }>();
    // The demo was loaded at the machine's time, this app runs at NOW: the reception to come is on the schedule either way.
    expect(page.receptions.map((r) => [r.workstationName, r.topic])).toContainEqual(['南园社区代表联络站', '社区停车难']);
    const station = (await demoDeputy.get('/api/workstations')).json<{ items: { id: string; name: string }[] }>().items.find((w) => w.name === '南山街道人大代表工作站');
    const visits = (await demoDeputy.get(`/api/workstations/${station!.id}/visits`)).json<{ items: { deputyName: string; issue: string; phoneMasked: string | null; caseId: string | null }[] }>().items;
    expect(visits).toHaveLength(3);
    expect(visits.every((v) => v.deputyName === '王建国' && v.caseId === null)).toBe(true);
    expect(visits.map((v) => v.phoneMasked)).toContain('138****8000');
  });

  it('registers deputies and workstations only where the caller runs them, and an account only if it is a deputy’s', async () => {
    const [liaisonAccount] = await queryRows<{ id: string }>(t.deps.db, sql`select id from accounts where username = 'liaison'`);
    const notDeputy = await admin.post('/api/deputies', { placeId: shuiwan.id, name: '某代表', level: 'township', accountId: liaisonAccount!.id });
    expect([notDeputy.statusCode, errorOf(notDeputy).code]).toEqual([400, 'deputy_account_invalid']);
    expect((await liaison.post('/api/deputies', { placeId: zhaoshang.id, name: '赵代表', level: 'district' })).statusCode).toBe(403);
    expect((await dispatcher.post('/api/workstations', { placeId: shuiwan.id, name: 'x', kind: 'workshop' })).statusCode).toBe(403);
    const mine = await liaison.post('/api/deputies', { placeId: shuiwan.id, name: '李代表', level: 'township' });
    expect(mine.statusCode, mine.body).toBe(201);
    li = mine.json();
    const station = await liaison.post('/api/workstations', { placeId: shuiwan.id, name: '水湾社区代表联络站', kind: 'workshop' });
    expect(station.statusCode, station.body).toBe(201);
    shuiwanStation = station.json();
    // The liaison sees the Shuiwan deputy and workstation, not Nanshan Subdistrict's; the deputy sees himself.
    const seen = (await liaison.get('/api/deputies')).json<{ items: { id: string }[] }>().items.map((d) => d.id);
    expect(seen).toContain(li.id);
    expect(seen).not.toContain(wang.id);
    expect((await liaison.get('/api/workstations')).json<{ items: { id: string }[] }>().items.map((w) => w.id)).toEqual([shuiwanStation.id]);
    expect((await deputy.get('/api/deputies')).json<{ items: { id: string; mine: boolean }[] }>().items.find((d) => d.id === wang.id)).toMatchObject({ mine: true });
    // An official of Zhaoshang Subdistrict sees the Shuiwan deputy (his constituency is inside the official's places).
    expect((await official.get('/api/deputies')).json<{ items: { id: string }[] }>().items.map((d) => d.id)).toContain(li.id);
  });

  it('keeps a reception schedule where a deputy is at one workstation at a time', async () => {
    const first = await admin.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(24), endsAt: at(26), topic: '老旧小区加装电梯' });
    expect(first.statusCode, first.body).toBe(201);
    const zh = await loginAs(t.app, 'admin', undefined, 'zh-CN');
    const overlapping = await zh.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(25), endsAt: at(27) });
    expect([overlapping.statusCode, errorOf(overlapping).code, errorOf(overlapping).message]).toEqual([409, 'reception_overlaps', '该代表在这段时间已有其他接待安排']);
    expect((await admin.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(26), endsAt: at(27) })).statusCode).toBe(201);
    const long = await admin.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(30), endsAt: at(43) });
    expect(errorOf(long).code).toBe('reception_period_invalid');
    const schedule = (await deputy.get(`/api/deputies/${wang.id}`)).json<{ receptions: { startsAt: string; topic: string; workstationName: string }[] }>().receptions;
    expect(schedule.map((r) => r.startsAt)).toEqual([at(24), at(26)]);
    expect(schedule[0]).toMatchObject({ topic: '老旧小区加装电梯', workstationName: '南山街道人大代表工作站' });
    // The Shuiwan liaison neither sees Wang nor books him.
    const foreign = await liaison.post(`/api/workstations/${shuiwanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(48), endsAt: at(50) });
    expect(errorOf(foreign).code).toBe('deputy_not_found');
    expect((await liaison.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: li.id, startsAt: at(48), endsAt: at(50) })).statusCode).toBe(404);
    expect((await liaison.post(`/api/workstations/${shuiwanStation.id}/receptions`, { deputyId: li.id, startsAt: at(48), endsAt: at(50) })).statusCode).toBe(201);
    expect((await liaison.get(`/api/workstations/${shuiwanStation.id}/receptions`)).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('records a visitor and the issue raised, masks what readers need not see, and keeps the record unchangeable', async () => {
    const recorded = await liaison.post(`/api/workstations/${shuiwanStation.id}/visits`, { visitorName: '张三丰', visitorPhone: '13800138000', deputyId: li.id, issue: '小区门口的路灯坏了好几天，晚上很黑' });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ visitorName: '张三丰', phoneMasked: '138****8000', deputyName: '李代表', caseNumber: null });
    expect(recorded.body).not.toContain('13800138000');
    // An official reads the record with the name masked; a deputy of elsewhere does not find the workstation.
    const read = (await official.get(`/api/workstations/${shuiwanStation.id}/visits`)).json<{ items: { visitorName: string; phoneMasked: string }[] }>().items;
    expect(read[0]).toMatchObject({ visitorName: '张*丰', phoneMasked: '138****8000' });
    expect(errorOf(await deputy.get(`/api/workstations/${shuiwanStation.id}/visits`)).code).toBe('workstation_not_found');
    expect((await deputy.post(`/api/workstations/${shuiwanStation.id}/visits`, { visitorName: '某人', issue: '某事' })).statusCode).toBe(404);
    // Nothing about the visitor in the audit log.
    const audit = await queryRows<{ after: unknown }>(t.deps.db, sql`select after from audit_log where action = 'visit.record' and entity_id = ${shuiwanStation.id}`);
    expect(JSON.stringify(audit)).not.toContain('张三丰');
    await expect(t.deps.db.execute(sql`update visits set issue = 'x' where workstation_id = ${shuiwanStation.id}`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from visits where workstation_id = ${shuiwanStation.id}`)).rejects.toThrow();
  });

  it('forwards a visitor’s issue once, as a request on the deputy channel with the visitor to call back', async () => {
    const visit = (await liaison.post(`/api/workstations/${shuiwanStation.id}/visits`, { visitorName: '陈阿姨', visitorPhone: '13912345678', issue: '楼道里堆满杂物，存在消防隐患，请物业清理' })).json<{ id: string }>();
    const forwarded = await liaison.post(`/api/visits/${visit.id}/forward`, {});
    expect(forwarded.statusCode, forwarded.body).toBe(201);
    const { caseId, number } = forwarded.json<{ caseId: string; number: string }>();
    const [made] = await queryRows<{ channel: string; description: string; contact_name: string; contact_phone_masked: string; place_id: string }>(
      t.deps.db,
      sql`select channel::text, description, contact_name, contact_phone_masked, place_id from cases where id = ${caseId}`,
    );
    expect(made).toEqual({ channel: 'deputy', description: '楼道里堆满杂物，存在消防隐患，请物业清理', contact_name: '陈阿姨', contact_phone_masked: '139****5678', place_id: shuiwan.id });
    const listed = (await liaison.get(`/api/workstations/${shuiwanStation.id}/visits`)).json<{ items: { id: string; caseNumber: string | null }[] }>().items;
    expect(listed.find((v) => v.id === visit.id)!.caseNumber).toBe(number);
    const again = await liaison.post(`/api/visits/${visit.id}/forward`, {});
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'visit_already_forwarded']);
    expect((await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from visit_cases where visit_id = ${visit.id}`))[0]!.n).toBe(1);
    // An official reads but does not forward; a deputy of elsewhere does not find the visit.
    expect((await official.post(`/api/visits/${visit.id}/forward`, {})).statusCode).toBe(403);
    expect(errorOf(await deputy.post(`/api/visits/${visit.id}/forward`, {})).code).toBe('visit_not_found');
  });

  it('runs a deputy’s poll among his constituents: the constituency is the target, whatever is asked', async () => {
    const questionnaire = (await deputy.post('/api/questionnaires', { placeId: nanshanSubdistrict.id, title: '选区民意调查', definition: SATISFACTION })).json<{ id: string }>();
    const body = { questionnaireId: questionnaire.id, title: '王代表选区民意调查', opensAt: at(-1), closesAt: at(24 * 7) };
    const made = await deputy.post(`/api/deputies/${wang.id}/polls`, body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ placeId: nanshanSubdistrict.id, title: '王代表选区民意调查' });
    const [{ n: constituents }] = (await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from residents r join places p on p.id = r.place_id where starts_with(p.path, (select path from places where id = ${nanshanSubdistrict.id}))`,
    )) as [{ n: number }];
    expect(made.json<{ population: number }>().population).toBe(constituents);
    expect((await deputy.post(`/api/deputies/${wang.id}/polls`, { ...body, placeId: shuiwan.id })).statusCode).toBe(400);
    const page = (await deputy.get(`/api/deputies/${wang.id}`)).json<{ polls: { id: string }[] }>();
    expect(page.polls.map((p) => p.id)).toContain(made.json<{ id: string }>().id);
    // Not the deputy of Shuiwan's poll: he does not see that deputy.
    expect(errorOf(await deputy.post(`/api/deputies/${li.id}/polls`, body)).code).toBe('deputy_not_found');
  });

  it('moves a reception to free hours and cancels one with a reason the schedule shows; the hours it held are free again', async () => {
    const schedule = async () => (await deputy.get(`/api/deputies/${wang.id}`)).json<{ receptions: { id: string; startsAt: string; endsAt: string; cancelledAt: string | null; cancelReason: string | null }[] }>().receptions;
    const first = (await schedule()).find((r) => r.startsAt === at(24))!;
    const second = (await schedule()).find((r) => r.startsAt === at(26))!;
    const clash = await admin.request('PATCH', `/api/receptions/${first.id}`, { startsAt: at(25), endsAt: at(27) });
    expect([clash.statusCode, errorOf(clash).code]).toEqual([409, 'reception_overlaps']);
    // Moving within its own hours clashes with nothing but itself.
    expect((await admin.request('PATCH', `/api/receptions/${first.id}`, { startsAt: at(24.5), endsAt: at(26) })).statusCode).toBe(200);
    const moved = await admin.request('PATCH', `/api/receptions/${first.id}`, { startsAt: at(20), endsAt: at(22) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: at(20), endsAt: at(22), cancelledAt: null });
    expect((await liaison.request('PATCH', `/api/receptions/${first.id}`, { startsAt: at(30), endsAt: at(31) })).statusCode).toBe(404);

    const cancelled = await admin.post(`/api/receptions/${second.id}/cancel`, { reason: '王代表参加区人代会，改期另行通知' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await schedule()).find((r) => r.id === second.id)).toMatchObject({ cancelledAt: NOW.toISOString(), cancelReason: '王代表参加区人代会，改期另行通知' });
    expect((await admin.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(26), endsAt: at(27) })).statusCode).toBe(201);
    const again = await admin.request('PATCH', `/api/receptions/${second.id}`, { startsAt: at(40), endsAt: at(41) });
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'reception_cancelled']);

    const past = (await admin.post(`/api/workstations/${nanshanStation.id}/receptions`, { deputyId: wang.id, startsAt: at(-5), endsAt: at(-3) })).json<{ id: string }>();
    const late = await admin.post(`/api/receptions/${past.id}/cancel`, { reason: '太晚了' });
    expect([late.statusCode, errorOf(late).code]).toEqual([409, 'reception_over']);
    expect((await admin.post(`/api/receptions/${first.id}/cancel`, { reason: '' })).statusCode).toBe(400);

    const audit = await queryRows<{ action: string; before: unknown; after: unknown }>(t.deps.db, sql`select action, before, after from audit_log where action in ('reception.move', 'reception.cancel') order by id`);
    expect(audit.map((a) => a.action)).toEqual(['reception.move', 'reception.move', 'reception.cancel']);
    expect(audit[1]).toMatchObject({ before: { startsAt: at(24.5), endsAt: at(26) }, after: { startsAt: at(20), endsAt: at(22) } });
  });
});
