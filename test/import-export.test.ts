import { sql } from 'drizzle-orm';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { exportResidents } from '../src/modules/people/export.js';
import { importResidents } from '../src/modules/people/import.js';
import { idCheckDigit } from '../src/modules/people/rules.js';
import { readSheet, type Sheet, writeSheet } from '../src/modules/people/spreadsheet.js';
import { type Ctx, systemContext } from '../src/platform/context.js';
import { openTestDatabase, type TestDatabase } from './support/db.js';
import { tempDir } from './support/env.js';
import { placeAt } from './support/app.js';

const validId = (first17: string) => first17 + idCheckDigit(first17);
const SW = '440300/440305/ZS/SW';
const HEADERS = ['place', 'household', 'address', 'relation', 'name', 'gender', 'birth_year', 'phone', 'id_number', 'residency', 'party_member', 'vulnerable'];

const count = async (t: TestDatabase, table: 'residents' | 'households') =>
  (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

describe('importing and exporting residents', () => {
  let t: TestDatabase;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await openTestDatabase('demo');
    ctx = systemContext(t.deps, 'test');
  });
  afterAll(() => t.close());

  const newcomers = (): Sheet => ({
    headers: HEADERS,
    rows: [
      [SW, 'SW-IMP-1', '水湾社区导入楼1号', '户主', '韩立新', '男', '1975', '13512340001', validId('44030519750101301'), '新居民', '否', ''],
      [SW, 'SW-IMP-1', '', '配偶', '许丽', '女', '1978', '', '', '新居民', '否', ''],
      [SW, 'SW-IMP-2', '水湾社区导入楼2号', '户主', '曹爷爷', 'male', '1938', '', '', 'established', 'yes', 'elderly-alone'],
    ],
  });

  it('imports a clean sheet: every row, with its households', async () => {
    const before = await count(t, 'residents');
    const report = await importResidents(ctx, newcomers(), { locale: 'en' });
    expect(report).toMatchObject({ rows: 3, imported: 3, householdsCreated: 2, problems: [] });
    expect(await count(t, 'residents')).toBe(before + 3);
    const [family] = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from residents r join households h on h.id = r.household_id where h.number = 'SW-IMP-1'`);
    expect(family!.n).toBe(2);
  });

  it('imports nothing when any row is wrong, and names every problem by line and column', async () => {
    const sheet: Sheet = {
      headers: HEADERS,
      rows: [
        [SW, 'SW-IMP-3', '导入楼3号', '户主', '好人甲', '男', '1980', '', '', '新居民', '否', ''],
        [SW, 'SW-IMP-3', '', '子女', '', '男', '两千年', '123', validId('44030519900101001').slice(0, 17) + 'Y', '外星人', '也许', '富豪'],
        ['440300/440305/NOPE', 'X-1', '', '', '无处人', '', '', '', '', '新居民', '', ''],
        [SW, 'SW-IMP-4', '导入楼4号', '户主', '重号人', '男', '1975', '', validId('44030519750101301'), '新居民', '否', ''],
      ],
    };
    const residentsBefore = await count(t, 'residents');
    const householdsBefore = await count(t, 'households');
    const report = await importResidents(ctx, sheet, { locale: 'en' });
    expect(report.imported).toBe(0);
    const where = report.problems.map((p) => `${p.line}:${p.column}`);
    expect(where).toEqual(expect.arrayContaining(['3:name', '3:birth_year', '3:residency', '3:party_member', '3:vulnerable', '4:place', '5:id_number']));
    expect(where.some((w) => w.startsWith('2:'))).toBe(false);
    expect(await count(t, 'residents')).toBe(residentsBefore);
    expect(await count(t, 'households')).toBe(householdsBefore);
  });

  it('checks without keeping anything on a dry run', async () => {
    const sheet = newcomers();
    sheet.rows = sheet.rows.map((r) => r.map((cell, i) => (i === 1 ? cell.replace('IMP', 'DRY') : i === 8 && cell ? validId('44030519750101303') : cell)));
    const before = await count(t, 'residents');
    const report = await importResidents(ctx, sheet, { locale: 'zh-CN', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, imported: 3, problems: [] });
    expect(await count(t, 'residents')).toBe(before);
  });

  it('reports a missing or unknown column in the caller’s language', async () => {
    const report = await importResidents(ctx, { headers: ['地区', '姓名', '爱好'], rows: [[SW, '某人', '下棋']] }, { locale: 'zh-CN' });
    expect(report.imported).toBe(0);
    expect(report.problems.map((p) => p.message).join(' ')).toMatch(/居住类型|residency/);
    expect(report.problems.map((p) => p.message).join(' ')).toContain('爱好');
  });

  it('exports masked by default, unmasked on request, and an unmasked export imports again', async () => {
    const shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    const masked = await exportResidents(ctx, { placeId: shuiwan.id, unmasked: false, locale: 'zh-CN' });
    expect(masked.headers[0]).toBe('地区');
    const phoneColumn = masked.headers.indexOf('电话');
    expect(masked.rows.every((r) => r[phoneColumn] === '' || r[phoneColumn]!.includes('****'))).toBe(true);

    const full = await exportResidents(ctx, { placeId: shuiwan.id, unmasked: true, locale: 'en' });
    expect(full.rows.some((r) => /^1\d{10}$/.test(r[7]!))).toBe(true);
    const entries = await queryRows<{ after: { unmasked: boolean } }>(t.deps.db, sql`select after from audit_log where action = 'resident.export'`);
    expect(entries.map((e) => e.after.unmasked)).toEqual(expect.arrayContaining([true, false]));

    // Through a real .xlsx file and back, into a database that has the places but none of these people.
    const file = path.join(tempDir('export'), 'shuiwan.xlsx');
    await writeSheet(file, full, 'residents');
    const reread = await readSheet(file);
    expect(reread.rows).toEqual(full.rows);
    const again = await importResidents(ctx, reread, { locale: 'en' });
    expect(again.imported).toBe(0); // they are all here already: the ID numbers say so
    expect(again.problems.length).toBeGreaterThan(0);
    expect(again.problems.every((p) => p.column === 'id_number' || p.column === 'household' || p.column === 'name' || p.column === 'phone')).toBe(true);

    const other = await openTestDatabase('demo');
    try {
      await other.deps.db.execute(sql`delete from accounts where resident_id is not null`);
      await other.deps.db.execute(sql`delete from residents`);
      await other.deps.db.execute(sql`delete from households`);
      const report = await importResidents(systemContext(other.deps, 'test'), reread, { locale: 'en' });
      expect(report.problems).toEqual([]);
      expect(report.imported).toBe(full.rows.length);
      const back = await exportResidents(systemContext(other.deps, 'test'), { placeId: (await placeAt(other, '440300', '440305', 'ZS', 'SW')).id, unmasked: true, locale: 'en' });
      expect(back.rows).toEqual(full.rows);
    } finally {
      await other.close();
    }
  });
});
