import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { idCheckDigit } from '../src/modules/people/rules.js';
import { type Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

/** A valid resident ID number for someone born in Nanshan on the given day. */
const idNumber = (birth: string, serial: string) => {
  const first17 = `440305${birth}${serial}`;
  return first17 + idCheckDigit(first17);
};

interface ResidentOut {
  id: string;
  name: string;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  ageGroup: string | null;
  birthYear: number | null;
  gender: string | null;
  householdId: string | null;
  vulnerableGroups: string[];
}

describe('people: residents and households', () => {
  let t: TestApp;
  let admin: Client;
  let liaison: Client;
  let shuiwanId: string;
  beforeAll(async () => {
    t = await openTestApp('demo');
    admin = await loginAs(t.app, 'admin');
    liaison = await loginAs(t.app, 'liaison');
    shuiwanId = (await placeAt(t, '440300', '440305', 'ZS', 'SW')).id;
  });
  afterAll(() => t.close());

  it('registers a resident and shows phone and ID number only masked', async () => {
    // The 17th digit is even: a woman.
    const id = idNumber('19520314', '124');
    const response = await liaison.post('/api/residents', {
      placeId: shuiwanId,
      name: '林阿婆',
      phone: '138 1234 5678',
      idNumber: id,
      residency: 'established',
      vulnerableGroups: ['elderly-alone'],
    });
    expect(response.statusCode, response.body).toBe(201);
    const resident = response.json<{ resident: ResidentOut }>().resident;
    expect(resident.phoneMasked).toBe('138****5678');
    expect(resident.idNumberMasked).not.toContain('19520314');
    expect(resident).toMatchObject({ birthYear: 1952, gender: 'female', ageGroup: '60-79' });
    expect(JSON.stringify(response.json())).not.toContain('12345678');

    // Nothing readable in the database either: only ciphertext, a keyed hash and the mask.
    const [row] = await queryRows<Record<string, unknown>>(t.deps.db, sql`select * from residents where id = ${resident.id}`);
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(JSON.stringify(row)).not.toContain(id);
  });

  it('finds a resident by full phone or ID number through the blind index, and by name', async () => {
    const id = idNumber('19880708', '456');
    await liaison.post('/api/residents', { placeId: shuiwanId, name: '赵新民', phone: '13900001111', idNumber: id, residency: 'new' });
    const byPhone = (await liaison.get('/api/residents?q=13900001111')).json<{ items: ResidentOut[] }>();
    expect(byPhone.items.map((r) => r.name)).toEqual(['赵新民']);
    const byId = (await liaison.get(`/api/residents?q=${id}`)).json<{ items: ResidentOut[] }>();
    expect(byId.items.map((r) => r.name)).toEqual(['赵新民']);
    const byName = (await liaison.get(`/api/residents?q=${encodeURIComponent('赵新')}`)).json<{ items: ResidentOut[] }>();
    expect(byName.items.map((r) => r.name)).toContain('赵新民');
  });

  it('reveals a full phone number to a liaison and records who looked', async () => {
    const created = (await liaison.post('/api/residents', { placeId: shuiwanId, name: '钱多多', phone: '13711112222', residency: 'new' })).json<{ resident: ResidentOut }>();
    const reveal = await liaison.post(`/api/residents/${created.resident.id}/reveal`, { field: 'phone' });
    expect(reveal.json()).toEqual({ value: '13711112222' });
    const [entry] = await queryRows<{ action: string; actor_name: string; after: unknown }>(
      t.deps.db,
      sql`select action, actor_name, after from audit_log where entity_id = ${created.resident.id} and action like '%reveal%'`,
    );
    expect(entry).toMatchObject({ actor_name: 'liaison', after: { name: '钱*多' } });
    // The ID number is for administrators only.
    const idReveal = await liaison.post(`/api/residents/${created.resident.id}/reveal`, { field: 'idNumber' });
    expect(idReveal.statusCode).toBe(403);
  });

  it('refuses an ID number with a wrong check digit and a phone that is not a phone', async () => {
    const good = idNumber('19700101', '111');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const wrongId = await liaison.post('/api/residents', { placeId: shuiwanId, name: '错号', idNumber: bad, residency: 'established' });
    expect(wrongId.statusCode).toBe(400);
    expect(errorOf(wrongId).code).toBe('id_number_invalid');
    const wrongPhone = await liaison.post('/api/residents', { placeId: shuiwanId, name: '错号', phone: '12345', residency: 'established' });
    expect(errorOf(wrongPhone).code).toBe('phone_invalid');
  });

  it('refuses the same ID number twice', async () => {
    const id = idNumber('19650505', '222');
    expect((await liaison.post('/api/residents', { placeId: shuiwanId, name: '甲', idNumber: id, residency: 'established' })).statusCode).toBe(201);
    const again = await liaison.post('/api/residents', { placeId: shuiwanId, name: '乙', idNumber: id, residency: 'established' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('id_number_taken');
  });

  it('groups residents into households and keeps a household from being deleted while people live in it', async () => {
    const household = (await liaison.post('/api/households', { placeId: shuiwanId, number: 'SW-T-001', address: '水湾社区测试楼1号' })).json<{ household: { id: string } }>().household;
    const member = await liaison.post('/api/residents', { placeId: shuiwanId, householdId: household.id, householdRole: '户主', name: '孙家长', residency: 'new' });
    expect(member.statusCode).toBe(201);
    const view = (await liaison.get(`/api/households/${household.id}`)).json<{ household: { memberCount: number } }>();
    expect(view.household.memberCount).toBe(1);
    const removal = await liaison.delete(`/api/households/${household.id}`);
    expect(removal.statusCode).toBe(409);
    expect(errorOf(removal).code).toBe('household_not_empty');
    const duplicate = await liaison.post('/api/households', { placeId: shuiwanId, number: 'SW-T-001', address: '别处' });
    expect(errorOf(duplicate).code).toBe('household_number_taken');
  });

  it('keeps a liaison of Shuiwan out of residents elsewhere', async () => {
    const qingyuanVillage = await queryRows<{ id: string }>(
      t.deps.db,
      sql`select r.id from residents r join places p on p.id = r.place_id where p.path like ${(await placeAt(t, '331100')).path + '%'} limit 1`,
    );
    const outsider = qingyuanVillage[0]!.id;
    expect((await liaison.get(`/api/residents/${outsider}`)).statusCode).toBe(403);
    expect((await liaison.patch(`/api/residents/${outsider}`, { name: '改名' })).statusCode).toBe(403);
    expect((await liaison.delete(`/api/residents/${outsider}`)).statusCode).toBe(403);
    const list = (await liaison.get('/api/residents?limit=200')).json<{ items: { placeNameEn: string }[]; total: number }>();
    expect(list.total).toBeGreaterThan(0);
    expect(new Set(list.items.map((r) => r.placeNameEn))).toEqual(new Set(['Shuiwan Community']));
    const [still] = await queryRows<{ name: string }>(t.deps.db, sql`select name from residents where id = ${outsider}`);
    expect(still!.name).not.toBe('改名');
  });

  it('pages through residents with a total', async () => {
    const first = (await admin.get('/api/residents?limit=10&offset=0')).json<{ items: ResidentOut[]; total: number }>();
    const second = (await admin.get('/api/residents?limit=10&offset=10')).json<{ items: ResidentOut[]; total: number }>();
    expect(first.total).toBeGreaterThan(600);
    expect(first.items).toHaveLength(10);
    expect(second.items.map((r) => r.id)).not.toContain(first.items[0]!.id);
  });

  it('shows a logged-in resident their own household and nobody else’s records', async () => {
    const resident = await loginAs(t.app, 'resident');
    const own = await resident.get('/api/my/household');
    expect(own.statusCode).toBe(200);
    const body = own.json<{ mine: { me: ResidentOut; household: { placeNameEn: string } | null; members: ResidentOut[] } }>().mine;
    expect(body.me.name).toBeTruthy();
    expect(body.household?.placeNameEn).toBe('Shuiwan Community');
    expect(body.members.map((m) => m.id)).toContain(body.me.id);
    expect((await resident.get('/api/residents')).statusCode).toBe(403);
  });

  it('changes a resident record and logs before and after without the personal numbers', async () => {
    const created = (await liaison.post('/api/residents', { placeId: shuiwanId, name: '周改', phone: '13600001234', residency: 'new' })).json<{ resident: ResidentOut }>().resident;
    const changed = await liaison.patch(`/api/residents/${created.id}`, { residency: 'established', vulnerableGroups: ['disability'] });
    expect(changed.json()).toMatchObject({ resident: { vulnerableGroups: ['disability'] } });
    const entries = await queryRows<{ before: unknown; after: unknown }>(
      t.deps.db,
      sql`select before, after from audit_log where entity_id = ${created.id} and action = 'resident.update'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before).toMatchObject({ residency: 'new' });
    expect(entries[0]!.after).toMatchObject({ residency: 'established' });
    expect(JSON.stringify(entries)).not.toContain('13600001234');
  });
});
