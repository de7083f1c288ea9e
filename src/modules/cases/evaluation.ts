import { inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { EVERYWHERE, scopesFor } from '../../platform/access.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { departments } from '../departments/schema.js';
import { places } from '../places/schema.js';
import { requirePlace } from '../places/service.js';
import { type CaseCounts, COUNT_KEYS, type Indicators, indicatorsOf } from './indicators.js';
import { dueAtSqlOf } from './reading.js';
import { TALLY_COLUMNS } from './tallies.js';
import { OPEN_STATUSES } from './workflow.js';

export interface DashboardRow extends CaseCounts, Indicators {
  /** A department id, a place id, or the first day of a week or month. */
  key: string;
  labelZh: string;
  labelEn: string;
}

export interface Dashboard {
  place: { id: string; nameZh: string; nameEn: string } | null;
  from: string;
  to: string;
  total: DashboardRow;
  byDepartment: DashboardRow[];
  /** By the places one level below the chosen one (communities of a subdistrict, districts of a city). */
  byPlace: DashboardRow[];
  byWeek: DashboardRow[];
  byMonth: DashboardRow[];
}

export interface DashboardQuery {
  placeId?: string | undefined;
  departmentId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Weeks and months are those of the hotlines' own calendar. */
const LOCAL_ZONE = 'Asia/Shanghai';
const DEFAULT_DAYS = 182;

const snakeOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface Grouped extends Record<(typeof COUNT_KEYS)[number], number> {
  department_id: string | null;
  unit: string | null;
  week: string | null;
  month: string | null;
  g_department: number;
  g_unit: number;
  g_week: number;
  g_month: number;
}

/**
 * The evaluation of departments and places over a period: volume, timeliness of acceptance, of
 * arrival on the scene and of resolution, resolution and satisfaction rates, returns and
 * reopenings, by department, by place and by week and month. One pass with grouping sets over
 * the daily tallies (see tallies.ts), so that a million cases cost a few thousand rows, not a scan.
 */
export async function caseDashboard(ctx: Ctx, query: DashboardQuery): Promise<Dashboard> {
  const scopes = scopesFor(ctx.actor, 'cases.evaluate');
  if (scopes.length === 0) return fail('forbidden');
  let basePath: string;
  let place: Dashboard['place'] = null;
  if (query.placeId) {
    const row = await requirePlace(ctx.db, query.placeId);
    // Figures are for a whole place: one above the caller's area would mix in what they may not see.
    authorize(ctx, 'cases.evaluate', row.path);
    basePath = row.path;
    place = { id: row.id, nameZh: row.nameZh, nameEn: row.nameEn };
  } else {
    if (scopes.length > 1) fail('validation_failed', { errors: [{ in: 'querystring', path: '/placeId', rule: 'required', message: 'choose a place' }] });
    basePath = scopes[0]!;
    if (basePath !== EVERYWHERE) {
      const [row] = await ctx.db.select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn }).from(places).where(sql`${places.path} = ${basePath}`);
      place = row ?? null;
    }
  }
  const now = ctx.now();
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
  const scope = basePath === EVERYWHERE ? sql`true` : sql`starts_with(p.path, ${basePath})`;
  const department = query.departmentId ? sql`r.department_id = ${query.departmentId}` : sql`true`;
  const fromAt = sql`${from.toISOString()}::timestamptz`;
  const toAt = sql`${to.toISOString()}::timestamptz`;
  const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
  const zeros = sql.raw(TALLY_COLUMNS.map(() => '0').join(', '));
  // Whole local days come from the tallies; the cases of the partial days at either end of the
  // window, and the open cases now overdue (which change with the clock), from the cases. The
  // day bounds are worked out first so that the planner sees them as constants and reads only
  // the edges' cases through the index.
  const [bounds] = await queryRows<{ lo: string; hi: string; lo_at: string; hi_at: string }>(
    ctx.db,
    sql`select lo::text, hi::text, (lo::timestamp at time zone ${LOCAL_ZONE})::text as lo_at, (hi::timestamp at time zone ${LOCAL_ZONE})::text as hi_at
        from (select (${fromAt} at time zone ${LOCAL_ZONE})::date + ((${fromAt} at time zone ${LOCAL_ZONE})::time <> time '00:00')::int as lo,
                     (${toAt} at time zone ${LOCAL_ZONE})::date as hi) d`,
  );
  const { lo, hi, lo_at: loAt, hi_at: hiAt } = bounds!;
  // Two simple ranges, each read through the index; one when the window holds no whole day.
  const edges =
    lo <= hi
      ? [sql`c.received_at >= ${fromAt} and c.received_at < ${loAt}::timestamptz`, sql`c.received_at >= ${hiAt}::timestamptz and c.received_at <= ${toAt}`]
      : [sql`c.received_at >= ${fromAt} and c.received_at <= ${toAt}`];
  const rows = await queryRows<Grouped>(
    ctx.db,
    sql`
    with scoped as (select p.id, split_part(substr(p.path, ${basePath.length + 1}), '/', 1) as unit from places p where ${scope}),
    counted as (
      select t.*, 0 as overdue_open from case_tallies t where t.day >= ${lo}::date and t.day < ${hi}::date
      union all
      ${sql.join(edges.map((range) => sql`select t.*, 0 from scoped s join cases c on c.place_id = s.id cross join lateral case_tally(c, 1) t where ${range}`), sql` union all `)}
      union all
      select c.place_id, c.department_id, (c.received_at at time zone ${LOCAL_ZONE})::date, ${zeros}, 1
      from scoped s join cases c on c.place_id = s.id
      where c.status in (${open}) and c.received_at >= ${fromAt} and c.received_at <= ${toAt} and ${dueAtSqlOf('c')} < ${now.toISOString()}::timestamptz),
    r as (
      select counted.*, s.unit,
             counted.day - (extract(isodow from counted.day)::int - 1) as week,
             counted.day - (extract(day from counted.day)::int - 1) as month
      from counted join scoped s on s.id = counted.place_id)
    select department_id, unit, to_char(week, 'YYYY-MM-DD') as week, to_char(month, 'YYYY-MM-DD') as month,
      grouping(department_id)::int as g_department, grouping(unit)::int as g_unit, grouping(week)::int as g_week, grouping(month)::int as g_month,
      ${sql.raw(COUNT_KEYS.map((k) => `sum(${k === 'overdueOpen' ? 'overdue_open' : snakeOf(k)})::int as "${k}"`).join(',\n      '))}
    from r
    where ${department}
    group by grouping sets ((), (department_id), (unit), (week), (month))`,
  );

  const departmentIds = rows.filter((r) => r.g_department === 0 && r.department_id).map((r) => r.department_id!);
  const unitIds = rows.filter((r) => r.g_unit === 0 && r.unit).map((r) => r.unit!);
  const [departmentNames, unitNames] = await Promise.all([
    departmentIds.length ? ctx.db.select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments).where(inArray(departments.id, departmentIds)) : [],
    unitIds.length ? ctx.db.select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn }).from(places).where(inArray(places.id, unitIds)) : [],
  ]);
  const names = new Map([...departmentNames, ...unitNames].map((n) => [n.id, n]));
  const toRow = (r: Grouped, key: string | null, fallback: { nameZh: string; nameEn: string }): DashboardRow => {
    const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(r[k])])) as unknown as CaseCounts;
    const name = (key && names.get(key)) || fallback;
    return { key: key ?? '', labelZh: name.nameZh, labelEn: name.nameEn, ...counts, ...indicatorsOf(counts) };
  };
  const only = (g: keyof Pick<Grouped, 'g_department' | 'g_unit' | 'g_week' | 'g_month'>) =>
    rows.filter((r) => r.g_department + r.g_unit + r.g_week + r.g_month === 3 && r[g] === 0);
  const totalRow = rows.find((r) => r.g_department + r.g_unit + r.g_week + r.g_month === 4);
  const empty = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Grouped;
  const byVolume = (a: DashboardRow, b: DashboardRow) => b.cases - a.cases || a.key.localeCompare(b.key);
  return {
    place,
    from: from.toISOString(),
    to: to.toISOString(),
    total: toRow(totalRow ?? empty, null, { nameZh: '合计', nameEn: 'Total' }),
    byDepartment: only('g_department').map((r) => toRow(r, r.department_id, { nameZh: '未派单', nameEn: 'Not yet dispatched' })).sort(byVolume),
    byPlace: only('g_unit').map((r) => toRow(r, r.unit || null, { nameZh: place?.nameZh ?? '本级', nameEn: place?.nameEn ?? 'This level' })).sort(byVolume),
    byWeek: only('g_week').map((r) => toRow(r, r.week, { nameZh: r.week!, nameEn: r.week! })).sort((a, b) => a.key.localeCompare(b.key)),
    byMonth: only('g_month').map((r) => toRow(r, r.month, { nameZh: r.month!.slice(0, 7), nameEn: r.month!.slice(0, 7) })).sort((a, b) => a.key.localeCompare(b.key)),
  };
}
