import { asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { EVERYWHERE, scopesFor } from '../../platform/access.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { households, residents } from '../people/schema.js';
import { AGE_GROUPS, VULNERABLE_GROUPS } from '../people/rules.js';
import { places } from '../places/schema.js';
import { requirePlace } from '../places/service.js';
import type { Unit, Overview } from './views.js';

/** Counts over residents whose place path starts with one of `paths`. */
async function residentCounts(ctx: Ctx, paths: string[]) {
  const year = ctx.now().getFullYear();
  const age = sql`${year} - ${residents.birthYear}`;
  const ageGroup = sql<string>`case when ${residents.birthYear} is null then null
    when ${age} < 18 then '0-17' when ${age} < 35 then '18-34' when ${age} < 60 then '35-59'
    when ${age} < 80 then '60-79' else '80+' end`;
  const under = pathsCondition(paths);
  const [totals] = await ctx.db
    .select({
      residents: sql<number>`count(*)::int`,
      established: sql<number>`(count(*) filter (where ${residents.residency} = 'established'))::int`,
      new: sql<number>`(count(*) filter (where ${residents.residency} = 'new'))::int`,
      partyMembers: sql<number>`(count(*) filter (where ${residents.partyMember}))::int`,
    })
    .from(residents)
    .innerJoin(places, eq(places.id, residents.placeId))
    .where(under);
  const ages = await ctx.db
    .select({ group: ageGroup, n: sql<number>`count(*)::int` })
    .from(residents)
    .innerJoin(places, eq(places.id, residents.placeId))
    .where(under)
    // By position: repeating the expression would bind the year as new parameters, which
    // PostgreSQL does not recognise as the same expression.
    .groupBy(sql`1`);
  const vulnerable = await ctx.db
    .select({ group: sql<string>`g`, n: sql<number>`count(*)::int` })
    .from(sql`${residents} cross join lateral unnest(${residents.vulnerableGroups}) as g`)
    .innerJoin(places, eq(places.id, residents.placeId))
    .where(under)
    .groupBy(sql`g`);
  const [householdCount] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(under);
  const [placeCount] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(places).where(under);
  return {
    ...totals!,
    households: householdCount?.n ?? 0,
    places: placeCount?.n ?? 0,
    byAgeGroup: Object.fromEntries(AGE_GROUPS.map((g) => [g, ages.find((a) => a.group === g)?.n ?? 0])),
    byVulnerableGroup: Object.fromEntries(VULNERABLE_GROUPS.map((g) => [g, vulnerable.find((v) => v.group === g)?.n ?? 0])),
  };
}

function pathsCondition(paths: string[]): SQL | undefined {
  if (paths.includes(EVERYWHERE)) return undefined;
  return sql.join(
    paths.map((p) => sql`${places.path} like ${`${p}%`}`),
    sql` or `,
  );
}

/** Per-unit resident counts, each unit a subtree. */
async function unitCounts(ctx: Ctx, units: { id: string; nameZh: string; nameEn: string; path: string }[]): Promise<Unit[]> {
  if (units.length === 0) return [];
  const values = sql.join(
    units.map((u) => sql`(${u.id}::uuid, ${u.path})`),
    sql`, `,
  );
  const rows = await queryRows<{ id: string; residents: number; established: number; new: number }>(ctx.db, sql`
    select u.id,
           count(r.id)::int as residents,
           (count(r.id) filter (where r.residency = 'established'))::int as established,
           (count(r.id) filter (where r.residency = 'new'))::int as new
    from (values ${values}) as u(id, path)
    left join ${places} p on p.path like u.path || '%'
    left join ${residents} r on r.place_id = p.id
    group by u.id`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return units.map((u) => ({
    placeId: u.id,
    nameZh: u.nameZh,
    nameEn: u.nameEn,
    residents: byId.get(u.id)?.residents ?? 0,
    established: byId.get(u.id)?.established ?? 0,
    new: byId.get(u.id)?.new ?? 0,
  }));
}

export async function overview(ctx: Ctx, placeId: string | undefined): Promise<Overview> {
  const unitColumns = { id: places.id, nameZh: places.nameZh, nameEn: places.nameEn, path: places.path };
  if (placeId) {
    const place = await requirePlace(ctx.db, placeId);
    authorize(ctx, 'stats.read', place.path);
    const children = await ctx.db.select(unitColumns).from(places).where(eq(places.parentId, place.id)).orderBy(asc(places.code));
    return {
      place: { id: place.id, nameZh: place.nameZh, nameEn: place.nameEn },
      ...(await residentCounts(ctx, [place.path])),
      units: await unitCounts(ctx, children),
    };
  }
  const scopes = scopesFor(ctx.actor, 'stats.read');
  const units = scopes.includes(EVERYWHERE)
    ? await ctx.db.select(unitColumns).from(places).where(isNull(places.parentId)).orderBy(asc(places.code))
    : scopes.length
      ? await ctx.db.select(unitColumns).from(places).where(inArray(places.path, scopes)).orderBy(asc(places.path))
      : [];
  return { place: null, ...(await residentCounts(ctx, scopes.length ? scopes : ['/nowhere/'])), units: await unitCounts(ctx, units) };
}

