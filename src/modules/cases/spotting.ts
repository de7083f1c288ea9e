import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { EVERYWHERE, scopesFor } from '../../platform/access.js';
import { fail } from '../../platform/errors.js';
import { requirePlace } from '../places/service.js';
import { isHotspot } from './indicators.js';
import { listCases } from './reading.js';
import { NEAR_ENOUGH_M, SIMILAR_ENOUGH, textSimilarity } from './similarity.js';
import type { CaseSummary } from './views.js';
import { haversineMeters } from './whistle.js';
import { OPEN_STATUSES } from './workflow.js';

export interface SimilarCase extends CaseSummary {
  similarity: number;
  distanceMeters: number | null;
}

/** How far back an open case still counts as a possible duplicate. */
const RECENT_DAYS = 60;
const CANDIDATES = 300;

/**
 * Open cases that may be the same problem as a request being taken: in the same community (the
 * place's parent when the place is a grid or building, so neighbours count) or within
 * NEAR_ENOUGH_M of its position, and alike in words. The operator decides whether to merge.
 */
export async function similarCases(ctx: Ctx, query: { placeId: string; text: string; lat?: number | undefined; lng?: number | undefined }): Promise<SimilarCase[]> {
  const place = await requirePlace(ctx.db, query.placeId);
  authorize(ctx, 'cases.intake', place.path);
  const [area] = await queryRows<{ path: string }>(
    ctx.db,
    sql`select p.path from places p where starts_with(${place.path}, p.path) and p.level in ('community', 'subdistrict') order by length(p.path) desc limit 1`,
  );
  const since = new Date(ctx.now().getTime() - RECENT_DAYS * 86_400_000);
  const near = query.lat !== undefined && query.lng !== undefined;
  // About 0.01 degree is a kilometre here: a box first, then the exact distance.
  const box = near ? sql`or (c.lat between ${query.lat! - 0.01} and ${query.lat! + 0.01} and c.lng between ${query.lng! - 0.01} and ${query.lng! + 0.01})` : sql``;
  const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
  const candidates = await queryRows<{ id: string; description: string; lat: number | null; lng: number | null }>(
    ctx.db,
    sql`select c.id, c.description, c.lat, c.lng from cases c join places p on p.id = c.place_id
        where c.status in (${open}) and c.received_at >= ${since.toISOString()}
          and (starts_with(p.path, ${area?.path ?? place.path}) ${box})
        order by c.received_at desc limit ${CANDIDATES}`,
  );
  const scored = candidates
    .map((c) => {
      const distance = near && c.lat !== null && c.lng !== null ? haversineMeters({ lat: query.lat!, lng: query.lng! }, { lat: c.lat, lng: c.lng }) : null;
      return { id: c.id, similarity: textSimilarity(query.text, c.description), distance };
    })
    .filter((c) => c.similarity >= SIMILAR_ENOUGH && (c.distance === null || c.distance <= NEAR_ENOUGH_M))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 10);
  if (scored.length === 0) return [];
  const { items } = await listCases(ctx, { ids: scored.map((s) => s.id), limit: scored.length, offset: 0 });
  const byId = new Map(items.map((i) => [i.id, i]));
  return scored
    .filter((s) => byId.has(s.id))
    .map((s) => ({ ...byId.get(s.id)!, similarity: Math.round(s.similarity * 100) / 100, distanceMeters: s.distance === null ? null : Math.round(s.distance) }));
}

export interface Hotspot {
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  departmentCode: string | null;
  departmentNameZh: string | null;
  departmentNameEn: string | null;
  thisWeek: number;
  /** Counts of the four weeks before, oldest first. */
  previousWeeks: number[];
}

/**
 * Places one level below the chosen one, and departments, whose count of requests in the last
 * seven days jumped against the four weeks before: where something is going wrong right now.
 */
export async function hotspots(ctx: Ctx, placeId: string | undefined): Promise<Hotspot[]> {
  let basePath = EVERYWHERE;
  if (placeId) {
    const place = await requirePlace(ctx.db, placeId);
    authorize(ctx, 'cases.evaluate', place.path);
    basePath = place.path;
  } else {
    const scopes = scopesFor(ctx.actor, 'cases.evaluate');
    if (scopes.length !== 1) fail('validation_failed', { errors: [{ in: 'querystring', path: '/placeId', rule: 'required', message: 'choose a place' }] });
    basePath = scopes[0]!;
  }
  const now = ctx.now().getTime();
  const start = new Date(now - 35 * 86_400_000).toISOString();
  const rows = await queryRows<{ unit: string; department_id: string | null; week: number; n: number }>(
    ctx.db,
    sql`select split_part(substr(p.path, ${basePath.length + 1}), '/', 1) as unit, c.department_id,
               floor(extract(epoch from (${new Date(now).toISOString()}::timestamptz - c.received_at)) / 604800)::int as week, count(*)::int as n
        from cases c join places p on p.id = c.place_id
        where c.received_at >= ${start} and starts_with(p.path, ${basePath}) and c.status <> 'merged'
        group by 1, 2, 3`,
  );
  const groups = new Map<string, { unit: string; departmentId: string | null; weeks: number[] }>();
  for (const r of rows) {
    if (!r.unit || r.week > 4) continue;
    const key = `${r.unit}|${r.department_id ?? ''}`;
    const group = groups.get(key) ?? { unit: r.unit, departmentId: r.department_id, weeks: [0, 0, 0, 0, 0] };
    group.weeks[r.week]! += r.n;
    groups.set(key, group);
  }
  const hot = [...groups.values()].filter((g) => isHotspot(g.weeks[0]!, g.weeks.slice(1).reverse()));
  if (hot.length === 0) return [];
  const names = await queryRows<{ id: string; name_zh: string; name_en: string; code: string | null }>(
    ctx.db,
    sql`select id, name_zh, name_en, null as code from places where id in (${sql.join(hot.map((h) => sql`${h.unit}`), sql`, `)})
        union all select id, name_zh, name_en, code from departments where id in (${sql.join(hot.map((h) => sql`${h.departmentId}`), sql`, `)})`,
  );
  const byId = new Map(names.map((n) => [n.id, n]));
  return hot
    .map((h) => {
      const placeName = byId.get(h.unit);
      const department = h.departmentId ? byId.get(h.departmentId) : undefined;
      return {
        placeId: h.unit,
        placeNameZh: placeName?.name_zh ?? '',
        placeNameEn: placeName?.name_en ?? '',
        departmentCode: department?.code ?? null,
        departmentNameZh: department?.name_zh ?? null,
        departmentNameEn: department?.name_en ?? null,
        thisWeek: h.weeks[0]!,
        previousWeeks: h.weeks.slice(1).reverse(),
      };
    })
    .sort((a, b) => b.thisWeek - a.thisWeek);
}
