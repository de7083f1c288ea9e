import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { inScope } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { departments } from '../departments/schema.js';
import { places } from '../places/schema.js';
import { appendEvent } from './handling.js';
import { loadCase } from './loading.js';
import { cases, whistleCalls } from './schema.js';
import { settingsFor } from './settings.js';
import { departmentsOf } from './standing.js';
import { checkInProblem, dutyStatus, summarizeWhistle, type WhistleDepartmentRow, type WhistleSummary } from './whistle.js';
import { isOpen } from './workflow.js';

/**
 * "The town blows the whistle, departments report for duty": an official calls departments to a
 * case; each must check in on the scene within the window (30 minutes unless the place sets another).
 */
export async function blowWhistle(ctx: Ctx, caseId: string, departmentIds: string[], note: string | undefined): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, ctx, caseId, { lock: true });
    if (!loaded.standing.whistle) fail('out_of_scope');
    if (!isOpen(loaded.row.status)) fail('case_transition_invalid', { status: loaded.row.status, action: 'whistle' });
    const called = await tx
      .select({ id: departments.id, code: departments.code })
      .from(departments)
      .where(and(inArray(departments.id, departmentIds), eq(departments.placeId, loaded.row.cityId), isNull(departments.retiredAt)));
    if (called.length !== new Set(departmentIds).size) fail('case_department_invalid');
    const already = await tx.select({ departmentId: whistleCalls.departmentId }).from(whistleCalls).where(eq(whistleCalls.caseId, caseId));
    if (already.some((a) => departmentIds.includes(a.departmentId))) fail('whistle_already_called');
    const { whistleMinutes } = await settingsFor(tx, loaded.placePath, '');
    const now = ctx.now();
    await tx.insert(whistleCalls).values(called.map((d) => ({ caseId, cityId: loaded.row.cityId, departmentId: d.id, calledAt: now, calledBy: ctx.actor.accountId, windowMinutes: whistleMinutes })));
    await appendEvent(tx, ctx, loaded.row, { kind: 'whistle', public: true, body: note ?? null, data: { departments: called.map((d) => d.code), windowMinutes: whistleMinutes } });
    await recordAudit(tx, ctx, { action: 'case.whistle', entityType: 'case', entityId: caseId, place: { id: loaded.row.placeId, path: loaded.placePath }, after: { departments: called.map((d) => d.code) } });
  });
}

/** A called department reports for duty on the scene, with the time and its position. */
export async function checkInOnScene(ctx: Ctx, caseId: string, position: { lat: number; lng: number }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, ctx, caseId, { lock: true });
    const mine = departmentsOf(ctx.actor, loaded.placePath);
    const [call] = await tx.select().from(whistleCalls).where(and(eq(whistleCalls.caseId, caseId), inArray(whistleCalls.departmentId, mine.length ? mine : ['00000000-0000-0000-0000-000000000000'])));
    if (!call) return fail('whistle_not_called');
    const now = ctx.now();
    const scene = loaded.row.lat !== null && loaded.row.lng !== null ? { lat: loaded.row.lat, lng: loaded.row.lng } : undefined;
    const problem = checkInProblem(call, now, position, scene ?? null);
    if (problem) fail(problem.code, 'details' in problem ? problem.details : undefined);
    await tx.update(whistleCalls).set({ checkedInAt: now, checkedInBy: ctx.actor.accountId, lat: position.lat, lng: position.lng }).where(eq(whistleCalls.id, call.id));
    const duty = dutyStatus({ ...call, checkedInAt: now }, now);
    await appendEvent(tx, ctx, loaded.row, { kind: 'checked_in', public: true, departmentId: call.departmentId, data: { position, duty } });
  });
}

/** The case-by-case evaluation of one department's response to the whistle. */
export async function evaluateWhistleResponse(ctx: Ctx, caseId: string, callId: string, evaluation: 'good' | 'adequate' | 'poor', comment: string | undefined): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, ctx, caseId, { lock: true });
    if (!loaded.standing.whistle) fail('out_of_scope');
    const [call] = await tx.select().from(whistleCalls).where(and(eq(whistleCalls.id, callId), eq(whistleCalls.caseId, caseId)));
    if (!call) return fail('not_found');
    await tx.update(whistleCalls).set({ evaluation, evaluationComment: comment?.trim() || null }).where(eq(whistleCalls.id, callId));
    await appendEvent(tx, ctx, loaded.row, { kind: 'whistle_evaluated', public: false, departmentId: call.departmentId, body: comment ?? null, data: { evaluation } });
  });
}

export interface WhistleBoardRow {
  callId: string;
  caseId: string;
  caseNumber: string;
  description: string;
  placeNameZh: string;
  placeNameEn: string;
  department: { id: string; code: string; nameZh: string; nameEn: string };
  calledAt: string;
  dueAt: string;
  checkedInAt: string | null;
  duty: 'waiting' | 'on_time' | 'late' | 'absent';
  evaluation: string | null;
}

/** Every whistle in the caller's area, newest first: who reported for duty, who was late, who never came. */
export async function whistleBoard(ctx: Ctx, limit: number): Promise<WhistleBoardRow[]> {
  const rows = await ctx.db
    .select({ call: whistleCalls, number: cases.number, description: cases.description, nameZh: places.nameZh, nameEn: places.nameEn, department: { id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn } })
    .from(whistleCalls)
    .innerJoin(cases, eq(cases.id, whistleCalls.caseId))
    .innerJoin(places, eq(places.id, cases.placeId))
    .innerJoin(departments, eq(departments.id, whistleCalls.departmentId))
    .where(inScope(ctx, 'cases.read', places.path))
    .orderBy(sql`${whistleCalls.calledAt} desc`, asc(departments.code))
    .limit(limit);
  const now = ctx.now();
  return rows.map((r) => ({
    callId: r.call.id,
    caseId: r.call.caseId,
    caseNumber: r.number,
    description: r.description,
    placeNameZh: r.nameZh,
    placeNameEn: r.nameEn,
    department: r.department,
    calledAt: r.call.calledAt.toISOString(),
    dueAt: new Date(r.call.calledAt.getTime() + r.call.windowMinutes * 60_000).toISOString(),
    checkedInAt: r.call.checkedInAt?.toISOString() ?? null,
    duty: dutyStatus(r.call, now),
    evaluation: r.call.evaluation,
  }));
}

export interface WhistleStanding extends Omit<WhistleDepartmentRow, 'minutesTaken'> {
  department: { id: string; code: string; nameZh: string; nameEn: string };
}

/**
 * How each department answered the whistle over the last `days` in the caller's area — calls,
 * on time, late, absent, average minutes to the scene — so a leader compares departments
 * instead of reading call after call.
 */
export async function whistleStandings(ctx: Ctx, days: number): Promise<{ counts: WhistleSummary['counts']; departments: WhistleStanding[] }> {
  const now = ctx.now();
  const rows = await ctx.db
    .select({ call: whistleCalls, department: { id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn } })
    .from(whistleCalls)
    .innerJoin(cases, eq(cases.id, whistleCalls.caseId))
    .innerJoin(places, eq(places.id, cases.placeId))
    .innerJoin(departments, eq(departments.id, whistleCalls.departmentId))
    .where(and(inScope(ctx, 'cases.evaluate', places.path), gte(whistleCalls.calledAt, new Date(now.getTime() - days * 86_400_000))));
  const named = new Map(rows.map((r) => [r.department.code, r.department]));
  const summary = summarizeWhistle(
    rows.map((r) => ({ departmentCode: r.department.code, calledAt: r.call.calledAt, windowMinutes: r.call.windowMinutes, checkedInAt: r.call.checkedInAt, position: null })),
    now,
  );
  return {
    counts: summary.counts,
    departments: summary.departments.map(({ minutesTaken: _, ...row }) => ({ ...row, department: named.get(row.departmentCode)! })),
  };
}
