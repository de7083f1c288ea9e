import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../src/modules/cases/evaluation.js';
import { type Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

/** Monday 23 November 2026, 10:00 in Shenzhen. */
const NOW = new Date('2026-11-23T02:00:00Z');

describe('evaluation, duplicates and hotspots', () => {
  let t: TestApp;
  let dispatcher: Client, staff: Client, resident: Client, official: Client, head: Client;
  let shuiwan: { id: string };
  let zhaoshang: { id: string };
  let urbanId: string;

  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => NOW);
    [dispatcher, staff, resident, official, head] = [await loginAs(t.app, 'dispatcher'), await loginAs(t.app, 'staff'), await loginAs(t.app, 'resident'), await loginAs(t.app, 'official'), await loginAs(t.app, 'head')];
    shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const city = await placeAt(t, '440300');
    urbanId = (await dispatcher.get(`/api/departments?cityId=${city.id}`)).json<{ items: { id: string; code: string }[] }>().items.find((d) => d.code === 'urban-management')!.id;

    // Four handled and rated, one returned, one left open.
    const ratings = ['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const;
    for (const [i, rating] of ratings.entries()) {
      const { id } = (await resident.post('/api/cases', { placeId: shuiwan.id, description: `水湾路${i + 1}号门前垃圾堆放没人清理` })).json<{ id: string }>();
      await dispatcher.post(`/api/cases/${id}/dispatch`, { departmentId: urbanId });
      await staff.post(`/api/cases/${id}/accept`);
      await staff.post(`/api/cases/${id}/resolve`, { reply: '已清理' });
      await resident.post(`/api/cases/${id}/rate`, { rating });
    }
    const returned = (await resident.post('/api/cases', { placeId: shuiwan.id, description: '小区里的自来水管爆了一直在漏水' })).json<{ id: string }>();
    await dispatcher.post(`/api/cases/${returned.id}/dispatch`, { departmentId: urbanId });
    await staff.post(`/api/cases/${returned.id}/return`, { reason: '供水管道归水务局' });
  });
  afterAll(() => t.close());

  it('counts volume, timeliness, resolution and satisfaction by department and place', async () => {
    const response = await official.get(`/api/cases/dashboard?placeId=${zhaoshang.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const d = response.json<Dashboard>();
    // The dissatisfied case was reopened: it waits to be accepted and resolved again, so it counts as neither.
    expect(d.total).toMatchObject({ cases: 5, dispatched: 5, accepted: 3, acceptedOnTime: 3, resolved: 3, rated: 4, satisfied: 2, basicallySatisfied: 1, dissatisfied: 1, returned: 1, reopened: 1 });
    expect(d.total.satisfactionRate).toBe(0.75);
    expect(d.total.resolutionRate).toBe(0.6);
    expect(d.byDepartment.find((r) => r.labelEn === 'Urban Management and Law Enforcement Bureau' || r.key === urbanId)).toMatchObject({ cases: 4 });
    expect(d.byPlace.map((r) => r.labelEn)).toEqual(['Shuiwan Community']);
    expect(d.byWeek.map((r) => r.key)).toEqual(['2026-11-23']);
    expect(d.byMonth.map((r) => r.key)).toEqual(['2026-11-01']);
  });

  it('keeps each evaluator to their own area', async () => {
    const qingyuan = await placeAt(t, '331100', '331126');
    const refused = await official.get(`/api/cases/dashboard?placeId=${qingyuan.id}`);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('out_of_scope');
    expect((await staff.get('/api/cases/dashboard')).statusCode).toBe(403);
    expect((await head.get('/api/cases/dashboard')).statusCode).toBe(200);
  });

  it('exports the evaluation to Excel and CSV in the reader’s language', async () => {
    const xlsx = await official.get(`/api/cases/dashboard.xlsx?placeId=${zhaoshang.id}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'By department', 'By place', 'By week', 'By month']);
    expect(workbook.getWorksheet('Summary')!.getRow(2).getCell(2).value).toBe(5);
    const csv = await official.get(`/api/cases/dashboard.csv?placeId=${zhaoshang.id}&breakdown=place`, { 'accept-language': 'zh-CN' });
    expect(csv.body.startsWith('\ufeff名称,诉求量')).toBe(true);
    expect(csv.body).toContain('水湾社区,5');
  });

  it('shows an operator the open cases that may be the same problem', async () => {
    const { id, number } = (await resident.post('/api/cases', { placeId: shuiwan.id, description: '水湾路8号路灯不亮了，晚上很黑', lat: 22.48, lng: 113.92 })).json<{ id: string; number: string }>();
    const similar = await dispatcher.get(`/api/cases/similar?placeId=${shuiwan.id}&text=${encodeURIComponent('水湾路八号的路灯坏了不亮')}&lat=22.4802&lng=113.9201`);
    expect(similar.statusCode, similar.body).toBe(200);
    const items = similar.json<{ items: { id: string; number: string; similarity: number; distanceMeters: number }[] }>().items;
    expect(items[0]).toMatchObject({ id, number });
    expect(items[0]!.distanceMeters).toBeLessThan(50);
    expect(items.map((i) => i.id)).not.toContain(undefined);
    const unrelated = await dispatcher.get(`/api/cases/similar?placeId=${shuiwan.id}&text=${encodeURIComponent('楼上装修噪音太大')}`);
    expect(unrelated.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('flags a place and department whose requests jumped this week', async () => {
    const response = await official.get(`/api/cases/hotspots?placeId=${zhaoshang.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{ items: { placeNameEn: string; departmentCode: string | null; thisWeek: number; previousWeeks: number[] }[] }>().items;
    expect(items).toContainEqual(expect.objectContaining({ placeNameEn: 'Shuiwan Community', departmentCode: 'urban-management', thisWeek: 4, previousWeeks: [0, 0, 0, 0] }));
  });
});
