import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { dueAtOf } from '../src/modules/cases/escalation.js';
import type { Dashboard, DashboardRow } from '../src/modules/cases/evaluation.js';
import type { CaseCounts } from '../src/modules/cases/indicators.js';
import { compactCaseTallies } from '../src/modules/cases/tallies.js';
import { isOpen, type CaseStatus } from '../src/modules/cases/workflow.js';
import { type Client, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

interface StoredCase {
  status: CaseStatus;
  unit: string;
  department_id: string | null;
  received_at: Date;
  dispatched_at: Date | null;
  accepted_at: Date | null;
  accept_by: Date | null;
  on_scene_at: Date | null;
  on_scene_by: Date | null;
  resolved_at: Date | null;
  resolve_by: Date | null;
  rating: string | null;
  return_count: number;
  reopen_count: number;
}

const DAY = 86_400_000;
const ZONE_OFFSET = 8 * 3_600_000;
const at = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());
const before = (a: Date | null, b: Date | null) => a !== null && b !== null && at(a)! <= at(b)!;

/**
 * The evaluation's counting rules written out again case by case, from the rows themselves, so
 * the dashboard's tallies and its edge days are checked against something they did not produce.
 */
function expectedCounts(rows: StoredCase[], now: Date): CaseCounts {
  const counts = (test: (c: StoredCase) => boolean) => rows.filter(test).length;
  return {
    cases: rows.length,
    dispatched: counts((c) => c.dispatched_at !== null || c.resolved_at !== null),
    accepted: counts((c) => c.accepted_at !== null),
    acceptedOnTime: counts((c) => before(c.accepted_at, c.accept_by)),
    onScene: counts((c) => c.on_scene_at !== null && c.on_scene_by !== null),
    onSceneOnTime: counts((c) => before(c.on_scene_at, c.on_scene_by)),
    resolved: counts((c) => c.resolved_at !== null),
    resolvedOnTime: counts((c) => before(c.resolved_at, c.resolve_by)),
    rated: counts((c) => c.rating !== null),
    satisfied: counts((c) => c.rating === 'satisfied'),
    basicallySatisfied: counts((c) => c.rating === 'basically_satisfied'),
    dissatisfied: counts((c) => c.rating === 'dissatisfied'),
    returned: counts((c) => c.return_count > 0),
    reopened: counts((c) => c.reopen_count > 0),
    overdueOpen: counts((c) => {
      const due = dueAtOf({ status: c.status, acceptBy: c.accept_by && new Date(c.accept_by), onSceneBy: c.on_scene_by && new Date(c.on_scene_by), onSceneAt: c.on_scene_at && new Date(c.on_scene_at), resolveBy: c.resolve_by && new Date(c.resolve_by) });
      return isOpen(c.status) && due !== null && due < now;
    }),
  };
}

const countsOf = (row: DashboardRow | undefined): CaseCounts | undefined => {
  if (!row) return undefined;
  const { key: _k, labelZh: _z, labelEn: _e, acceptanceTimeliness: _a, onSceneTimeliness: _o, resolutionRate: _r, resolutionTimeliness: _t, satisfactionRate: _s, returnRate: _re, reopenRate: _ro, ...counts } = row;
  return counts;
};

describe('the dashboard over daily tallies', () => {
  let t: TestApp;
  let admin: Client, resident: Client;
  let nanshan: { id: string };
  let now = new Date();
  let earliest = 0;

  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => now);
    [admin, resident] = [await loginAs(t.app, 'admin'), await loginAs(t.app, 'resident')];
    nanshan = await placeAt(t, '440300', '440305', 'NS');
    const [range] = await queryRows<{ first: string; last: string }>(t.deps.db, sql`select min(received_at) as first, max(received_at) as last from cases`);
    earliest = new Date(range!.first).getTime();
    now = new Date(new Date(range!.last).getTime() + 3_600_000);
  });
  afterAll(() => t.close());

  /** Every stored case under Nanshan Subdistrict received in the window, with the community it is in. */
  async function casesIn(from: Date, to: Date): Promise<StoredCase[]> {
    return queryRows<StoredCase>(
      t.deps.db,
      sql`select c.*, split_part(substr(p.path, length(n.path) + 1), '/', 1) as unit
          from cases c join places p on p.id = c.place_id join places n on n.id = ${nanshan.id}
          where starts_with(p.path, n.path) and c.status <> 'merged' and c.received_at between ${from.toISOString()} and ${to.toISOString()}`,
    );
  }

  async function expectDashboardToMatchCases(from: Date, to: Date) {
    const response = await admin.get(`/api/cases/dashboard?placeId=${nanshan.id}&from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(response.statusCode, response.body).toBe(200);
    const d = response.json<Dashboard>();
    const rows = await casesIn(from, to);
    expect(countsOf(d.total)).toEqual(expectedCounts(rows, now));
    for (const department of new Set(rows.map((r) => r.department_id))) {
      const row = d.byDepartment.find((r) => r.key === (department ?? ''));
      expect(countsOf(row), `department ${department}`).toEqual(expectedCounts(rows.filter((r) => r.department_id === department), now));
    }
    for (const unit of new Set(rows.map((r) => r.unit))) {
      expect(countsOf(d.byPlace.find((r) => r.key === unit))).toEqual(expectedCounts(rows.filter((r) => r.unit === unit), now));
    }
    // Weeks start on Monday in Shenzhen.
    const weekOf = (r: StoredCase) => {
      const local = new Date(at(r.received_at)! + ZONE_OFFSET);
      const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - ((local.getUTCDay() + 6) % 7) * DAY;
      return new Date(monday).toISOString().slice(0, 10);
    };
    for (const week of new Set(rows.map(weekOf))) {
      expect(d.byWeek.find((r) => r.key === week)?.cases, `week ${week}`).toBe(rows.filter((r) => weekOf(r) === week).length);
    }
    return rows.length;
  }

  it('counts exactly what the cases say, also for windows that start and end inside a local day', async () => {
    const span = now.getTime() - earliest;
    const windows = fc.tuple(fc.integer({ min: -DAY, max: span }), fc.integer({ min: 0, max: span + DAY }));
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(windows, async ([start, length]) => {
        const from = new Date(earliest + start);
        seen += await expectDashboardToMatchCases(from, new Date(from.getTime() + length));
      }),
      { numRuns: 12, examples: [[[-DAY, span + DAY]], [[0, 0]], [[DAY / 3, DAY / 2]]] },
    );
    expect(seen, 'the windows held demo cases').toBeGreaterThan(100);
  });

  it('keeps the counts when the tallies are folded, also while cases come in and are handled', async () => {
    const [before] = await queryRows<{ rows: number }>(t.deps.db, sql`select count(*)::int as rows from case_tallies`);
    const liwan = await placeAt(t, '440300', '440305', 'NS', 'LW');
    const city = await placeAt(t, '440300');
    const urban = (await admin.get(`/api/departments?cityId=${city.id}`)).json<{ items: { id: string; code: string }[] }>().items.find((d) => d.code === 'urban-management')!;
    const submit = (i: number) => resident.post('/api/cases', { placeId: liwan.id, description: `荔湾路${i}号井盖松动，车一过就响` }).then((r) => r.json<{ id: string }>().id);
    const [ids] = await Promise.all([Promise.all(Array.from({ length: 12 }, (_, i) => submit(i))), compactCaseTallies(t.deps.db), compactCaseTallies(t.deps.db)]);
    const [dispatched, folded] = await Promise.all([
      Promise.all(ids.map((id) => admin.post(`/api/cases/${id}/dispatch`, { departmentId: urban.id }).then((r) => r.statusCode))),
      compactCaseTallies(t.deps.db),
      compactCaseTallies(t.deps.db),
    ]);
    expect(dispatched.every((s) => s === 200)).toBe(true);
    await compactCaseTallies(t.deps.db);
    const [after] = await queryRows<{ rows: number; keys: number }>(t.deps.db, sql`select count(*)::int as rows, count(distinct (place_id, department_id, day))::int as keys from case_tallies`);
    expect(folded.folded + after!.rows).toBeGreaterThan(0);
    expect(after!.rows).toBeLessThan(before!.rows);
    expect(after!.rows).toBe(after!.keys);
    expect(await expectDashboardToMatchCases(new Date(earliest - DAY), new Date(now.getTime() + DAY))).toBeGreaterThan(100);
  });
});
