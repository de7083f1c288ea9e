import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, fail } from '../../platform/errors.js';
import { categories, departments } from '../departments/schema.js';
import { type LoadedCase, loadCase } from './loading.js';
import { levelAfter, planEscalation } from './escalation.js';
import { caseEvents, caseHelpers, type CaseRow, cases } from './schema.js';
import { settingsFor } from './settings.js';
import { deadlinesFor, pickPolicy } from './deadlines.js';
import { ACTIONS, type Action, type ActionInput, checkAction, mergeProblem, type Priority, type Rating } from './workflow.js';

/** Runs a use case on one case, locked for the transaction, and answers the case as it now stands. */
async function onCase(ctx: Ctx, id: string, work: (tx: Executor, loaded: LoadedCase) => Promise<void>): Promise<void> {
  await ctx.db.transaction(async (tx) => work(tx, await loadCase(tx, ctx, id, { lock: true })));
}

/** The party an action needs must be the caller's standing on the case. */
function requireParty(loaded: LoadedCase, action: Action): void {
  const { standing } = loaded;
  const by = ACTIONS[action].by;
  if (by === 'dispatcher' && !standing.dispatcher) fail('out_of_scope');
  if (by === 'department' && standing.department !== 'holder') fail('case_not_your_department');
  if (by === 'requester' && !standing.requester && !standing.dispatcher) fail('case_not_requester');
}

interface EventInput {
  kind: string;
  public: boolean;
  body?: string | null | undefined;
  data?: Record<string, unknown> | undefined;
  departmentId?: string | null | undefined;
  fromStatus?: CaseRow['status'] | null;
  toStatus?: CaseRow['status'] | null;
}

export async function appendEvent(tx: Executor, ctx: Ctx, row: Pick<CaseRow, 'id' | 'cityId'>, event: EventInput): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId: row.id,
    cityId: row.cityId,
    at: ctx.now(),
    kind: event.kind,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.username,
    departmentId: event.departmentId ?? null,
    public: event.public,
    body: event.body ?? null,
    data: event.data ?? null,
  });
}

/**
 * Moves a case by one action: checks it against the workflow, applies the changes, writes the
 * timeline entry and the audit entry, and plans the next deadline check.
 */
async function transition(tx: Executor, ctx: Ctx, loaded: LoadedCase, action: Action, input: ActionInput, changes: Partial<CaseRow> = {}, event: Partial<EventInput> = {}): Promise<CaseRow> {
  requireParty(loaded, action);
  const checked = checkAction(loaded.row, action, input);
  if ('problem' in checked) throw new AppError(checked.problem, { status: loaded.row.status, action });
  const now = ctx.now();
  const next: CaseRow = { ...loaded.row, ...changes, status: checked.to, updatedAt: now };
  next.escalationLevel = changes.escalationLevel ?? levelAfter(loaded.row, next);
  const { calendar } = await settingsFor(tx, loaded.placePath, '');
  next.nextEscalationAt = changes.nextEscalationAt === null ? null : planEscalation(next, calendar);
  await tx
    .update(cases)
    .set({ ...changes, status: checked.to, updatedAt: now, escalationLevel: next.escalationLevel, nextEscalationAt: next.nextEscalationAt })
    .where(eq(cases.id, loaded.row.id));
  await appendEvent(tx, ctx, loaded.row, {
    kind: action,
    public: true,
    fromStatus: loaded.row.status,
    toStatus: checked.to,
    body: input.reply ?? input.reason ?? null,
    departmentId: loaded.standing.department ? loaded.standing.departmentId : null,
    ...event,
  });
  await recordAudit(tx, ctx, {
    action: `case.${action}`,
    entityType: 'case',
    entityId: loaded.row.id,
    place: { id: loaded.row.placeId, path: loaded.placePath },
    before: { status: loaded.row.status },
    after: { status: checked.to, ...event.data },
  });
  return next;
}

async function requireCityDepartment(tx: Executor, cityId: string, departmentId: string) {
  const [row] = await tx
    .select({ id: departments.id, code: departments.code })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.placeId, cityId), isNull(departments.retiredAt)));
  return row ?? fail('case_department_invalid');
}

export interface DispatchInput {
  departmentId: string;
  categoryId?: string | null | undefined;
  priority?: Priority | undefined;
  note?: string | undefined;
}

/**
 * Sends a case to a department: the dispatcher confirms the router's proposal or changes it
 * (the timeline keeps which, for retraining). Deadlines start now, by the policy for the
 * category and priority, in the calendar of the place.
 */
export async function dispatchCase(ctx: Ctx, id: string, input: DispatchInput): Promise<void> {
  await onCase(ctx, id, async (tx, loaded) => {
    const department = await requireCityDepartment(tx, loaded.row.cityId, input.departmentId);
    let categoryCode: string | null = null;
    const categoryId = input.categoryId === undefined ? loaded.row.categoryId : input.categoryId;
    if (categoryId) {
      const [category] = await tx
        .select({ code: categories.code })
        .from(categories)
        .where(and(eq(categories.id, categoryId), eq(categories.departmentId, department.id), isNull(categories.retiredAt)));
      if (!category) fail('case_category_invalid');
      categoryCode = category!.code;
    }
    const priority = input.priority ?? loaded.row.priority;
    const settings = await settingsFor(tx, loaded.placePath, '');
    const now = ctx.now();
    const policy = pickPolicy(settings.policies, categoryCode, priority);
    const deadlines = deadlinesFor(now, policy, settings.calendar);
    const suggested = loaded.row.suggestedDepartmentId;
    await transition(
      tx,
      ctx,
      loaded,
      'dispatch',
      {},
      {
        departmentId: department.id,
        categoryId: categoryId ?? null,
        priority,
        handoffToId: null,
        dispatchedAt: now,
        acceptBy: deadlines.acceptBy,
        onSceneBy: deadlines.onSceneBy,
        resolveBy: deadlines.resolveBy,
        slaClock: policy.clock,
        escalationLevel: 0,
      },
      {
        departmentId: department.id,
        body: input.note ?? null,
        data: { department: department.code, category: categoryCode, priority, corrected: suggested !== null && suggested !== department.id },
      },
    );
  });
}

export const acceptCase = (ctx: Ctx, id: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'accept', {}, { acceptedAt: ctx.now() });
  });

/** "Not ours": back to the dispatcher's queue with the reason; deadlines stop until it is sent again. */
export const returnCase = (ctx: Ctx, id: string, reason: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'return', { reason }, { departmentId: null, acceptBy: null, onSceneBy: null, resolveBy: null, escalationLevel: 0, returnCount: loaded.row.returnCount + 1 }, {
      departmentId: loaded.row.departmentId,
    });
  });

export const arriveOnScene = (ctx: Ctx, id: string, position: { lat: number; lng: number } | null) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'arrive', {}, { onSceneAt: ctx.now() }, { data: position ? { position } : undefined });
  });

export const resolveCase = (ctx: Ctx, id: string, reply: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'resolve', { reply }, { resolvedAt: ctx.now() });
  });

export const suspendCase = (ctx: Ctx, id: string, reason: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'suspend', { reason }, { statusBeforeSuspend: loaded.row.status });
  });

export const resumeCase = (ctx: Ctx, id: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'resume', {}, { statusBeforeSuspend: null });
  });

export const closeCase = (ctx: Ctx, id: string, note: string | undefined) =>
  onCase(ctx, id, async (tx, loaded) => {
    await transition(tx, ctx, loaded, 'close', { reason: note }, { closedAt: ctx.now() });
  });

/**
 * The requester's rating (on the web, or taken by an operator on the callback). A dissatisfied
 * rating reopens the case once, back to the same department; after that it closes as rated.
 */
export const rateCase = (ctx: Ctx, id: string, rating: Rating, comment: string | undefined) =>
  onCase(ctx, id, async (tx, loaded) => {
    const checked = checkAction(loaded.row, 'rate', { rating });
    const reopening = 'to' in checked && checked.to === 'reopened';
    const now = ctx.now();
    let reopenDeadlines = {};
    if (reopening) {
      const settings = await settingsFor(tx, loaded.placePath, '');
      const policy = pickPolicy(settings.policies, null, loaded.row.priority);
      const d = deadlinesFor(now, policy, settings.calendar);
      // The reopened stage runs from now: the department gets a fresh set of deadlines.
      reopenDeadlines = { acceptBy: d.acceptBy, onSceneBy: d.onSceneBy, resolveBy: d.resolveBy, slaClock: policy.clock, dispatchedAt: now, escalationLevel: 0, acceptedAt: null, onSceneAt: null, resolvedAt: null };
    }
    await transition(
      tx,
      ctx,
      loaded,
      'rate',
      { rating },
      { rating, ratingComment: comment?.trim() || null, ...(reopening ? { reopenCount: loaded.row.reopenCount + 1, ...reopenDeadlines } : { closedAt: now }) },
      { body: comment ?? null, data: { rating, by: loaded.standing.requester ? 'requester' : 'callback' } },
    );
  });

/** Joins a case into another open case of the same city; the requesters of both follow the one that stays. */
export const mergeCase = (ctx: Ctx, id: string, intoId: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    const target = await loadCase(tx, ctx, intoId, { lock: true });
    if (!target.standing.dispatcher) fail('out_of_scope');
    const problem = mergeProblem(loaded.row, target.row);
    if (problem) fail(problem);
    await transition(tx, ctx, loaded, 'merge', {}, { mergedIntoId: target.row.id, nextEscalationAt: null }, { data: { into: target.row.number } });
    await appendEvent(tx, ctx, target.row, { kind: 'merged_in', public: true, data: { from: loaded.row.number } });
  });

/** A note on the timeline: internal (staff only) or a public reply the requester reads. */
export const addNote = (ctx: Ctx, id: string, body: string, isPublic: boolean) =>
  onCase(ctx, id, async (tx, loaded) => {
    const { standing } = loaded;
    if (!standing.dispatcher && standing.department === null) fail('case_not_your_department');
    await appendEvent(tx, ctx, loaded.row, { kind: isPublic ? 'reply' : 'note', public: isPublic, body, departmentId: standing.departmentId });
  });

/** The holding department asks to hand the case to another; the dispatcher decides. */
export const requestHandoff = (ctx: Ctx, id: string, departmentId: string, reason: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    if (loaded.standing.department !== 'holder') fail('case_not_your_department');
    if (!['dispatched', 'accepted', 'on_scene'].includes(loaded.row.status)) throw new AppError('case_transition_invalid', { status: loaded.row.status, action: 'handoff' });
    const target = await requireCityDepartment(tx, loaded.row.cityId, departmentId);
    if (target.id === loaded.row.departmentId) fail('case_helper_invalid');
    await tx.update(cases).set({ handoffToId: target.id, updatedAt: ctx.now() }).where(eq(cases.id, id));
    await appendEvent(tx, ctx, loaded.row, { kind: 'handoff_requested', public: false, body: reason, departmentId: loaded.standing.departmentId, data: { to: target.code } });
  });

export const decideHandoff = (ctx: Ctx, id: string, approve: boolean, reason: string | undefined) =>
  onCase(ctx, id, async (tx, loaded) => {
    if (!loaded.standing.dispatcher) fail('out_of_scope');
    const to = loaded.row.handoffToId ?? fail('case_handoff_none');
    if (!approve) {
      await tx.update(cases).set({ handoffToId: null, updatedAt: ctx.now() }).where(eq(cases.id, id));
      await appendEvent(tx, ctx, loaded.row, { kind: 'handoff_refused', public: false, body: reason ?? null, departmentId: to });
      return;
    }
    // Agreed: the case goes to the new department as a fresh dispatch, with fresh deadlines.
    await appendEvent(tx, ctx, loaded.row, { kind: 'handoff_agreed', public: false, body: reason ?? null, departmentId: to });
    const settings = await settingsFor(tx, loaded.placePath, '');
    const now = ctx.now();
    const policy = pickPolicy(settings.policies, null, loaded.row.priority);
    const d = deadlinesFor(now, policy, settings.calendar);
    const changes = { departmentId: to, handoffToId: null, categoryId: null, dispatchedAt: now, acceptBy: d.acceptBy, onSceneBy: d.onSceneBy, resolveBy: d.resolveBy, slaClock: policy.clock, escalationLevel: 0, acceptedAt: null, onSceneAt: null };
    const next = { ...loaded.row, ...changes, status: 'dispatched' as const };
    await tx.update(cases).set({ ...changes, status: 'dispatched', nextEscalationAt: planEscalation(next, settings.calendar), updatedAt: now }).where(eq(cases.id, id));
    await appendEvent(tx, ctx, loaded.row, { kind: 'dispatch', public: true, fromStatus: loaded.row.status, toStatus: 'dispatched', departmentId: to, data: { handoff: true } });
    await recordAudit(tx, ctx, { action: 'case.handoff', entityType: 'case', entityId: id, place: { id: loaded.row.placeId, path: loaded.placePath }, before: { departmentId: loaded.row.departmentId }, after: { departmentId: to } });
  });

/** Joint handling: the holding department (or the dispatcher) asks a second department to help. */
export const requestHelp = (ctx: Ctx, id: string, departmentId: string, reason: string) =>
  onCase(ctx, id, async (tx, loaded) => {
    if (loaded.standing.department !== 'holder' && !loaded.standing.dispatcher) fail('case_not_your_department');
    const helper = await requireCityDepartment(tx, loaded.row.cityId, departmentId);
    if (helper.id === loaded.row.departmentId) fail('case_helper_invalid');
    await tx.insert(caseHelpers).values({ caseId: id, departmentId: helper.id, cityId: loaded.row.cityId, requestedAt: ctx.now() }).onConflictDoNothing();
    await appendEvent(tx, ctx, loaded.row, { kind: 'help_requested', public: true, body: reason, departmentId: helper.id, data: { helper: helper.code } });
  });

/**
 * The requester's full number, for a callback: dispatchers, and the holding department when the
 * requester agreed to be contacted and is not anonymous. Every look is in the audit log.
 */
export async function revealContact(ctx: Ctx, id: string): Promise<{ phone: string | null }> {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, ctx, id);
    const { row, standing } = loaded;
    const allowed = standing.dispatcher || (standing.department === 'holder' && row.mayContact && !row.anonymous);
    if (!allowed) fail('forbidden');
    await recordAudit(tx, ctx, { action: 'case.reveal_contact', entityType: 'case', entityId: id, place: { id: row.placeId, path: loaded.placePath }, after: { number: row.number } });
    return { phone: row.contactPhoneCipher ? ctx.vault.open(row.contactPhoneCipher) : null };
  });
}
