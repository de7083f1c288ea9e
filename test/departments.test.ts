import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { type Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

interface Department {
  id: string;
  code: string;
  nameZh: string;
  retired: boolean;
  categories: { id: string; code: string; nameEn: string; retired: boolean }[];
}

describe('departments and categories of the one-number line', () => {
  let t: TestApp;
  let admin: Client;
  let shenzhenId: string;
  beforeAll(async () => {
    t = await openTestApp('demo');
    admin = await loginAs(t.app, 'admin');
    shenzhenId = (await placeAt(t, '440300')).id;
  });
  afterAll(() => t.close());

  const catalogOf = async (client: Client, cityId: string, includeRetired = false) =>
    (await client.get(`/api/departments?cityId=${cityId}${includeRetired ? '&includeRetired=true' : ''}`)).json<{ items: Department[] }>().items;

  it('gives every demo city the 23 default departments, readable by anyone', async () => {
    const anonymous = (await t.app.inject({ method: 'GET', url: `/api/departments?cityId=${shenzhenId}` })).json<{ items: Department[] }>().items;
    expect(anonymous).toHaveLength(23);
    expect(anonymous.find((d) => d.code === 'water')).toMatchObject({ nameZh: '水务局', categories: expect.arrayContaining([expect.objectContaining({ code: 'water-supply' })]) });
    const [cities] = await queryRows<{ n: number }>(t.deps.db, sql`select count(distinct place_id)::int as n from departments`);
    expect(cities!.n).toBe(5);
  });

  it('lets an administrator add a department and a category, and refuses a code twice', async () => {
    const created = await admin.post('/api/departments', { cityId: shenzhenId, code: 'metro', nameZh: '地铁集团', nameEn: 'Metro Group', handles: 'metro stations, trains' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ department: Department }>().department.id;
    const again = await admin.post('/api/departments', { cityId: shenzhenId, code: 'metro', nameZh: '又一个', nameEn: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('department_code_taken');

    const withCategory = await admin.post(`/api/departments/${id}/categories`, { code: 'station-safety', nameZh: '车站安全', nameEn: 'Station safety' });
    expect(withCategory.json<{ department: Department }>().department.categories.map((c) => c.code)).toEqual(['station-safety']);
    const sameCategory = await admin.post(`/api/departments/${id}/categories`, { code: 'station-safety', nameZh: '重复', nameEn: 'Duplicate' });
    expect(errorOf(sameCategory).code).toBe('category_code_taken');
  });

  it('renames and retires without losing anything; retired entries leave the default list', async () => {
    const water = (await catalogOf(admin, shenzhenId)).find((d) => d.code === 'water')!;
    const renamed = await admin.patch(`/api/departments/${water.id}`, { nameZh: '深圳市水务局' });
    expect(renamed.json()).toMatchObject({ department: { nameZh: '深圳市水务局' } });
    const flooding = water.categories.find((c) => c.code === 'flooding')!;
    expect((await admin.patch(`/api/categories/${flooding.id}`, { retired: true })).statusCode).toBe(200);
    expect((await catalogOf(admin, shenzhenId)).find((d) => d.code === 'water')!.categories.map((c) => c.code)).not.toContain('flooding');
    expect((await catalogOf(admin, shenzhenId, true)).find((d) => d.code === 'water')!.categories.find((c) => c.code === 'flooding')).toMatchObject({ retired: true });

    // Loading the defaults again adds nothing back and undoes no change.
    const reload = await admin.post('/api/departments/load-defaults', { cityId: shenzhenId });
    expect(reload.json()).toEqual({ departments: 0, categories: 0 });
    expect((await catalogOf(admin, shenzhenId)).find((d) => d.code === 'water')!.nameZh).toBe('深圳市水务局');
  });

  it('keeps the catalog per city and refuses one on a district', async () => {
    const nanshan = await placeAt(t, '440300', '440305');
    const refused = await admin.post('/api/departments', { cityId: nanshan.id, code: 'local', nameZh: '区属', nameEn: 'Local' });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('place_not_city');
  });

  it('refuses bad codes, and administrators of another city', async () => {
    const badCode = await admin.post('/api/departments', { cityId: shenzhenId, code: 'Bad Code', nameZh: '坏', nameEn: 'Bad' });
    expect(errorOf(badCode).code).toBe('catalog_code_format');
    const lishui = await placeAt(t, '331100');
    await admin.post('/api/accounts', { username: 'ls-admin', displayName: '丽水管理员', password: 'Lishui-Admin-2026', placeId: lishui.id, grants: [{ role: 'administrator', placeId: lishui.id }] });
    const lishuiAdmin = await loginAs(t.app, 'ls-admin', 'Lishui-Admin-2026');
    const water = (await catalogOf(admin, shenzhenId)).find((d) => d.code === 'water')!;
    const outside = await lishuiAdmin.patch(`/api/departments/${water.id}`, { nameZh: '改' });
    expect(outside.statusCode).toBe(403);
    expect(errorOf(outside).code).toBe('out_of_scope');
  });

  it('suggests the department for a request as a resident types it, to anyone', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/cases/classify', payload: { text: '楼下的路灯坏了好几天，晚上很黑' } });
    expect(response.statusCode).toBe(200);
    const suggestion = response.json<{ department: string; category: string; confidence: number; alternatives: { department: string }[] }>();
    expect(suggestion).toMatchObject({ department: 'urban-management', category: 'street-lights' });
    expect(suggestion.alternatives).toHaveLength(3);
    const departments = new Set((await catalogOf(admin, shenzhenId)).map((d) => d.code));
    expect(suggestion.alternatives.every((a) => departments.has(a.department))).toBe(true);
    const empty = await t.app.inject({ method: 'POST', url: '/api/cases/classify', payload: { text: '' } });
    expect(empty.statusCode).toBe(400);
  });

  it('will not delete a city that still has departments', async () => {
    const newCity = (await admin.post('/api/places', { parentId: null, level: 'city', code: '110100', nameZh: '北京市', nameEn: 'Beijing' })).json<{ place: { id: string } }>().place;
    expect((await admin.post('/api/departments/load-defaults', { cityId: newCity.id })).json()).toEqual({ departments: 23, categories: 70 });
    const removal = await admin.delete(`/api/places/${newCity.id}`);
    expect(removal.statusCode).toBe(409);
    expect(errorOf(removal).code).toBe('place_in_use');
  });
});
