import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { type Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

describe('places: the jurisdiction tree', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await openTestApp('demo');
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => admin.post('/api/places', body);

  it('holds the demo tree from city to building with national codes', async () => {
    const roots = (await admin.get('/api/places')).json<{ items: { code: string; nameZh: string }[] }>().items;
    expect(roots.map((r) => r.code)).toEqual(expect.arrayContaining(['440300', '331100', '331000', '440100', '330700']));
    const shenzhen = (await admin.get('/api/places')).json<{ items: { code: string; childCount: number }[] }>().items.find((r) => r.code === '440300');
    expect(shenzhen?.childCount).toBe(1); // Nanshan District
    const nanshan = await placeAt(t, '440300', '440305');
    const view = (await admin.get(`/api/places/${nanshan.id}`)).json<{ place: { nameZh: string; nameEn: string }; ancestors: { code: string }[] }>();
    expect(view.place).toMatchObject({ nameZh: '南山区', nameEn: 'Nanshan District' });
    expect(view.ancestors.map((a) => a.code)).toEqual(['440300']);
  });

  it('finds everything under Nanshan District with one query on the indexed path', async () => {
    const nanshan = await placeAt(t, '440300', '440305');
    const under = await queryRows<{ code: string }>(t.deps.db, sql`select code from places where path like ${nanshan.path + '%'} and id <> ${nanshan.id}`);
    expect(under.map((p) => p.code)).toEqual(expect.arrayContaining(['ZS', 'NS', 'SW']));
    expect(under.map((p) => p.code)).not.toContain('331126');
    // The planner can answer the prefix test from the path index (it may still choose a scan on a small table).
    await t.deps.db.execute(sql`set enable_seqscan = off`);
    const plan = await queryRows<Record<string, string>>(t.deps.db, sql`explain select id from places where path like ${nanshan.path + '%'}`);
    await t.deps.db.execute(sql`reset enable_seqscan`);
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toMatch(/Index/);
  });

  it('creates, renames and deletes a place under a parent', async () => {
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const created = await create({ parentId: zhaoshang.id, level: 'community', code: 'TEST1', nameZh: '测试社区', nameEn: 'Test Community' });
    expect(created.statusCode).toBe(201);
    const place = created.json<{ place: { id: string; path: string } }>().place;
    expect(place.path).toBe(`${zhaoshang.path}${place.id}/`);

    const renamed = await admin.patch(`/api/places/${place.id}`, { nameZh: '新名社区' });
    expect(renamed.json()).toMatchObject({ place: { nameZh: '新名社区', code: 'TEST1' } });

    expect((await admin.delete(`/api/places/${place.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/places/${place.id}`)).statusCode).toBe(404);
  });

  it('refuses a code already used by a sibling, but allows it under another parent', async () => {
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const nanshanSub = await placeAt(t, '440300', '440305', 'NS');
    const taken = await create({ parentId: zhaoshang.id, level: 'community', code: 'SW', nameZh: '重复', nameEn: 'Duplicate' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('place_code_taken');
    const elsewhere = await create({ parentId: nanshanSub.id, level: 'community', code: 'SW', nameZh: '另一个水湾', nameEn: 'Another Shuiwan' });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('refuses an orphan: a parent that does not exist', async () => {
    const response = await create({ parentId: '0190a0a0-0000-7000-8000-000000000000', level: 'community', code: 'X1', nameZh: '孤儿', nameEn: 'Orphan' });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('place_not_found');
  });

  it('refuses a level that does not fit under the parent, and a malformed county code', async () => {
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const wrongLevel = await create({ parentId: zhaoshang.id, level: 'district', code: '440399', nameZh: '错级', nameEn: 'Wrong level' });
    expect(errorOf(wrongLevel).code).toBe('place_level_invalid');
    const shenzhen = await placeAt(t, '440300');
    const badCode = await create({ parentId: shenzhen.id, level: 'district', code: 'NANSHAN', nameZh: '坏码', nameEn: 'Bad code' });
    expect(errorOf(badCode).code).toBe('place_code_format');
  });

  it('refuses to move a place under itself or its own descendant', async () => {
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    const intoChild = await admin.patch(`/api/places/${zhaoshang.id}`, { parentId: shuiwan.id });
    expect(intoChild.statusCode).toBe(400);
    expect(errorOf(intoChild).code).toBe('place_cycle');
    const intoSelf = await admin.patch(`/api/places/${zhaoshang.id}`, { parentId: zhaoshang.id });
    expect(errorOf(intoSelf).code).toBe('place_cycle');
    expect((await placeAt(t, '440300', '440305', 'ZS')).path).toBe(zhaoshang.path);
  });

  it('moves a community with its whole subtree, and the people in it move too', async () => {
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const nanshanSub = await placeAt(t, '440300', '440305', 'NS');
    const community = (await create({ parentId: zhaoshang.id, level: 'community', code: 'MV', nameZh: '搬迁社区', nameEn: 'Moving' })).json<{ place: { id: string } }>().place;
    const grid = (await create({ parentId: community.id, level: 'grid', code: 'G1', nameZh: '一网格', nameEn: 'Grid 1' })).json<{ place: { id: string } }>().place;
    const moved = await admin.patch(`/api/places/${community.id}`, { parentId: nanshanSub.id });
    expect(moved.statusCode).toBe(200);
    const gridNow = (await admin.get(`/api/places/${grid.id}`)).json<{ ancestors: { code: string }[] }>();
    expect(gridNow.ancestors.map((a) => a.code)).toEqual(['440300', '440305', 'NS', 'MV']);
  });

  it('will not delete a place that still has children or people', async () => {
    const shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    const response = await admin.delete(`/api/places/${shuiwan.id}`);
    expect(response.statusCode).toBe(409);
    expect(['place_has_children', 'place_in_use']).toContain(errorOf(response).code);
    expect((await admin.get(`/api/places/${shuiwan.id}`)).statusCode).toBe(200);
  });

  it('will not delete a place where people are registered, and keeps them', async () => {
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const community = (await create({ parentId: zhaoshang.id, level: 'community', code: 'LIVED', nameZh: '有人社区', nameEn: 'Lived-in' })).json<{ place: { id: string } }>().place;
    expect((await admin.post('/api/residents', { placeId: community.id, name: '住户甲', residency: 'new' })).statusCode).toBe(201);
    const response = await admin.delete(`/api/places/${community.id}`);
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('place_in_use');
    expect((await admin.get(`/api/residents?placeId=${community.id}`)).json()).toMatchObject({ total: 1 });
  });

  it('lets an administrator of Nanshan write only inside Nanshan', async () => {
    const nanshan = await placeAt(t, '440300', '440305');
    const qingyuan = await placeAt(t, '331100', '331126');
    await admin.post('/api/accounts', {
      username: 'nsadmin',
      displayName: 'Nanshan admin',
      password: 'Correct-Horse-9',
      placeId: nanshan.id,
      grants: [{ role: 'administrator', placeId: nanshan.id }],
    });
    const local = await loginAs(t.app, 'nsadmin', 'Correct-Horse-9');
    const inside = await local.post('/api/places', { parentId: nanshan.id, level: 'subdistrict', code: 'NEW', nameZh: '新街道', nameEn: 'New Subdistrict' });
    expect(inside.statusCode).toBe(201);
    const outside = await local.post('/api/places', { parentId: qingyuan.id, level: 'subdistrict', code: 'NEW', nameZh: '新镇', nameEn: 'New Town' });
    expect(outside.statusCode, outside.body).toBe(403);
    expect(errorOf(outside).code).toBe('out_of_scope');
    const root = await local.post('/api/places', { parentId: null, level: 'city', code: '110100', nameZh: '北京市', nameEn: 'Beijing' });
    expect(root.statusCode).toBe(403);
  });
});
