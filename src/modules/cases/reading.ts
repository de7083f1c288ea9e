import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { grantsFor, isDepartmentRole } from '../../platform/access.js';
import { authorizeFilter, containsPattern } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { categories, departments } from '../departments/schema.js';
import { maskName } from '../people/rules.js';
import { places } from '../places/schema.js';
import { requirePlace } from '../places/service.js';
import { dueAtOf } from './escalation.js';
import { type LoadedCase, loadCase } from './loading.js';
import { looksLikeCaseNumber } from './numbering.js';
import { caseEvents, caseHelpers, type CaseRow, cases, whistleCalls } from './schema.js';
import type { CaseEventView, CaseSummary, CaseView, DepartmentRef, WhistleCallView } from './views.js';
import { dutyStatus } from './whistle.js';
import { ACTIONS, type Action, availableActions, type CaseStatus, OPEN_STATUSES } from './workflow.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function departmentRefs(db: Executor, ids: (string | null)[]): Promise<Map<string, DepartmentRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments).where(inArray(departments.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

const ref = (map: Map<string, DepartmentRef>, id: string | null) => (id ? (map.get(id) ?? null) : null);

/** The actions the caller could take now, as buttons: by the dispatcher, the holding department, or the requester. */
function actionsFor(loaded: LoadedCase): Action[] {
  const state = loaded.row;
  const out: Action[] = [];
  if (loaded.standing.dispatcher) out.push(...availableActions(state, 'dispatcher'));
  if (loaded.standing.department === 'holder') out.push(...availableActions(state, 'department'));
  if ((loaded.standing.requester || loaded.standing.dispatcher) && (ACTIONS.rate.from as readonly CaseStatus[]).includes(state.status)) out.push('rate');
  return [...new Set(out)];
}

/** Who sees the requester's name and number: masked by default, hidden from departments when anonymous. */
function contactFor(loaded: LoadedCase): { contactName: string | null; contactPhone: string | null } {
  const { row, standing } = loaded;
  const needs = standing.dispatcher || standing.requester || (standing.department === 'holder' && !row.anonymous && row.mayContact);
  if (needs) return { contactName: row.contactName, contactPhone: row.contactPhoneMasked };
  if (row.anonymous) return { contactName: null, contactPhone: null };
  return { contactName: row.contactName ? maskName(row.contactName) : null, contactPhone: null };
}

/** One case as the caller may see it: requesters get the public timeline in plain words, staff all of it. */
export async function getCase(ctx: Ctx, id: string): Promise<CaseView> {
  return caseView(ctx.db, ctx, await loadCase(ctx.db, ctx, id));
}

export async function caseView(db: Executor, ctx: Ctx, loaded: LoadedCase): Promise<CaseView> {
  const { row, standing } = loaded;
  const staff = standing.dispatcher || standing.department !== null || standing.whistle || !standing.requester;
  const [place, events, calls, helpers, category, mergedFrom, mergedInto] = await Promise.all([
    db.select({ nameZh: places.nameZh, nameEn: places.nameEn }).from(places).where(eq(places.id, row.placeId)),
    db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, row.id), staff ? undefined : eq(caseEvents.public, true)))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id)),
    db.select().from(whistleCalls).where(eq(whistleCalls.caseId, row.id)).orderBy(asc(whistleCalls.calledAt)),
    db.select({ departmentId: caseHelpers.departmentId }).from(caseHelpers).where(eq(caseHelpers.caseId, row.id)),
    row.categoryId ? db.select({ id: categories.id, code: categories.code, nameZh: categories.nameZh, nameEn: categories.nameEn }).from(categories).where(eq(categories.id, row.categoryId)) : Promise.resolve([]),
    db.select({ number: cases.number }).from(cases).where(eq(cases.mergedIntoId, row.id)),
    row.mergedIntoId ? db.select({ number: cases.number }).from(cases).where(eq(cases.id, row.mergedIntoId)) : Promise.resolve([]),
  ]);
  const refs = await departmentRefs(db, [
    row.departmentId,
    row.suggestedDepartmentId,
    row.handoffToId,
    ...events.map((e) => e.departmentId),
    ...calls.map((c) => c.departmentId),
    ...helpers.map((h) => h.departmentId),
  ]);
  const now = ctx.now();
  const timeline: CaseEventView[] = events.map((e) => {
    const department = ref(refs, e.departmentId);
    // Requesters learn which department acted (the web app names it), not which person's account.
    const actorName = staff ? e.actorName : '';
    return { id: e.id, at: e.at.toISOString(), kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, actorName, department, public: e.public, body: e.body, data: staff ? (e.data as Record<string, unknown> | null) : null };
  });
  const whistle: WhistleCallView[] = calls.map((c) => {
    const duty = dutyStatus(c, now);
    return {
      id: c.id,
      department: ref(refs, c.departmentId)!,
      calledAt: c.calledAt.toISOString(),
      windowMinutes: c.windowMinutes,
      dueAt: new Date(c.calledAt.getTime() + c.windowMinutes * 60_000).toISOString(),
      checkedInAt: iso(c.checkedInAt),
      position: c.lat !== null && c.lng !== null ? { lat: c.lat, lng: c.lng } : null,
      duty,
      minutesTaken: c.checkedInAt ? Math.round((c.checkedInAt.getTime() - c.calledAt.getTime()) / 60_000) : null,
      evaluation: c.evaluation,
      evaluationComment: c.evaluationComment,
    };
  });
  return {
    ...summaryOf(row, place[0]!, refs, mergedInto[0]?.number ?? null),
    cityId: row.cityId,
    lat: row.lat,
    lng: row.lng,
    photos: row.photos,
    category: category[0] ?? null,
    handoffTo: ref(refs, row.handoffToId),
    helpers: helpers.map((h) => ref(refs, h.departmentId)!),
    ...contactFor(loaded),
    anonymous: row.anonymous,
    mayContact: row.mayContact,
    acceptBy: iso(row.acceptBy),
    onSceneBy: iso(row.onSceneBy),
    resolveBy: iso(row.resolveBy),
    acceptedAt: iso(row.acceptedAt),
    onSceneAt: iso(row.onSceneAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    reopenCount: row.reopenCount,
    rating: row.rating,
    ratingComment: row.ratingComment,
    mergedFrom: mergedFrom.map((m) => m.number),
    timeline,
    whistle,
    role: { dispatcher: standing.dispatcher, department: standing.department, requester: standing.requester, whistle: standing.whistle },
    actions: actionsFor(loaded),
  };
}

function summaryOf(row: CaseRow, place: { nameZh: string; nameEn: string }, refs: Map<string, DepartmentRef>, mergedIntoNumber: string | null): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    description: row.description,
    placeId: row.placeId,
    placeNameZh: place.nameZh,
    placeNameEn: place.nameEn,
    address: row.address,
    department: ref(refs, row.departmentId),
    suggestedDepartment: ref(refs, row.suggestedDepartmentId),
    suggestedConfidence: row.suggestedConfidence,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: iso(dueAtOf(row)),
    escalationLevel: row.escalationLevel,
    mergedIntoNumber,
    mergedIntoId: row.mergedIntoId,
  };
}

export interface CaseQuery {
  ids?: string[] | undefined;
  placeId?: string | undefined;
  status?: CaseStatus[] | undefined;
  departmentId?: string | undefined;
  /** Only the caller's own department's cases (and those it helps with). */
  mine?: boolean | undefined;
  open?: boolean | undefined;
  /** Only cases whose present deadline falls before this many minutes from now (overdue included). */
  dueWithinMinutes?: number | undefined;
  q?: string | undefined;
  receivedFrom?: Date | undefined;
  receivedTo?: Date | undefined;
  /** Deadline first (queues) or newest first. */
  /** `due` (the default): nearest deadline first; `oldest`: the one waiting longest first, as a dispatch queue is worked. */
  order?: 'due' | 'newest' | 'oldest' | undefined;
  limit: number;
  offset: number;
}

/** The present deadline, in SQL, as dueAtOf says, for the cases table under the given name. */
export const dueAtSqlOf = (table: string) =>
  sql.raw(`case
  when ${table}.status in ('dispatched', 'reopened') then ${table}.accept_by
  when ${table}.status = 'accepted' then coalesce(case when ${table}.on_scene_at is null then ${table}.on_scene_by end, ${table}.resolve_by)
  when ${table}.status = 'on_scene' then ${table}.resolve_by end`);
const dueAtSql = dueAtSqlOf('"cases"');

/**
 * Which cases the caller may list: by place for dispatchers, liaisons, officials and the like;
 * by department (in the grant's subtree) for department staff, including the cases their
 * department helps with or was whistled to.
 */
function readable(ctx: Ctx, onlyDepartment: boolean): SQL {
  const placeGrants = onlyDepartment ? [] : grantsFor(ctx.actor, 'cases.read').filter((g) => !isDepartmentRole(g.role));
  const departmentGrants = grantsFor(ctx.actor, 'cases.handle').filter((g) => g.departmentId);
  const parts: SQL[] = [];
  if (placeGrants.some((g) => g.placePath === '/')) return sql`true`;
  for (const g of placeGrants) parts.push(sql`starts_with(${places.path}, ${g.placePath})`);
  for (const g of departmentGrants) {
    parts.push(sql`(starts_with(${places.path}, ${g.placePath}) and (${cases.departmentId} = ${g.departmentId}
      or ${cases.handoffToId} = ${g.departmentId}
      or exists (select 1 from ${caseHelpers} h where h.case_id = ${cases.id} and h.department_id = ${g.departmentId})
      or exists (select 1 from ${whistleCalls} w where w.case_id = ${cases.id} and w.department_id = ${g.departmentId})))`);
  }
  if (ctx.actor.accountId) parts.push(sql`${cases.requesterAccountId} = ${ctx.actor.accountId}`);
  return parts.length ? or(...parts)! : sql`false`;
}

const mergedInto = alias(cases, 'merged_into');

export async function listCases(ctx: Ctx, query: CaseQuery): Promise<{ items: CaseSummary[]; total: number }> {
  const conditions: (SQL | undefined)[] = [readable(ctx, query.mine === true)];
  if (query.placeId) {
    const place = await requirePlace(ctx.db, query.placeId);
    authorizeFilter(ctx, 'cases.read', place.path);
    conditions.push(sql`starts_with(${places.path}, ${place.path})`);
  }
  if (query.ids) conditions.push(inArray(cases.id, query.ids));
  if (query.status?.length) conditions.push(inArray(cases.status, query.status));
  if (query.open) conditions.push(inArray(cases.status, [...OPEN_STATUSES]));
  if (query.departmentId) conditions.push(eq(cases.departmentId, query.departmentId));
  if (query.receivedFrom) conditions.push(gte(cases.receivedAt, query.receivedFrom));
  if (query.receivedTo) conditions.push(lt(cases.receivedAt, query.receivedTo));
  if (query.dueWithinMinutes !== undefined) conditions.push(lte(dueAtSql, new Date(ctx.now().getTime() + query.dueWithinMinutes * 60_000)));
  if (query.q) {
    const q = query.q.trim();
    conditions.push(looksLikeCaseNumber(q) ? eq(cases.number, q.toUpperCase()) : sql`${cases.description} ilike ${containsPattern(q)}`);
  }
  const where = and(...conditions);
  const order =
    query.order === 'newest' ? [desc(cases.receivedAt), desc(cases.id)]
    : query.order === 'oldest' ? [asc(cases.receivedAt), asc(cases.id)]
    : [sql`${dueAtSql} asc nulls last`, desc(cases.receivedAt), desc(cases.id)];
  const [rows, totals] = await Promise.all([
    ctx.db
      .select({ row: cases, nameZh: places.nameZh, nameEn: places.nameEn, mergedIntoNumber: mergedInto.number })
      .from(cases)
      .innerJoin(places, eq(places.id, cases.placeId))
      .leftJoin(mergedInto, eq(mergedInto.id, cases.mergedIntoId))
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(cases).innerJoin(places, eq(places.id, cases.placeId)).where(where),
  ]);
  const refs = await departmentRefs(ctx.db, rows.flatMap((r) => [r.row.departmentId, r.row.suggestedDepartmentId]));
  return { items: rows.map((r) => summaryOf(r.row, r, refs, r.mergedIntoNumber)), total: totals[0]?.n ?? 0 };
}

/** A resident's own requests, newest first, whichever way they came in while logged in. */
export async function listMyCases(ctx: Ctx, limit: number, offset: number) {
  if (!ctx.actor.accountId) return { items: [], total: 0 };
  return listCases({ ...ctx, actor: { ...ctx.actor, grants: [] } }, { order: 'newest', limit, offset });
}
