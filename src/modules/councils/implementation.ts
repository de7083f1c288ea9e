import { asc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { submitCase } from '../cases/intake.js';
import { implementationTasks, taskProgress } from './schema.js';
import type { Decision } from './threshold.js';

export type TaskStatus = 'pending' | 'in_progress' | 'done';

export interface TaskView {
  id: string;
  title: string;
  assignee: string;
  status: TaskStatus;
  caseNumber: string | null;
  progress: { status: TaskStatus; note: string; at: string }[];
}

interface PassedMotion {
  id: string;
  placeId: string;
  path: string;
  status: string;
  result: Decision | null;
}

async function passedMotion(db: Executor, id: string): Promise<PassedMotion> {
  const [row] = await queryRows<PassedMotion>(db, sql`select m.id, m.place_id as "placeId", p.path, m.status, m.result from motions m join places p on p.id = m.place_id where m.id = ${id}`);
  return row ?? fail('motion_not_found');
}

export async function tasksOf(db: Executor, motionId: string): Promise<TaskView[]> {
  const tasks = await db.select().from(implementationTasks).where(eq(implementationTasks.motionId, motionId)).orderBy(asc(implementationTasks.createdAt), asc(implementationTasks.id));
  const progress = tasks.length
    ? await db.select().from(taskProgress).where(inArray(taskProgress.taskId, tasks.map((t) => t.id))).orderBy(asc(taskProgress.at), asc(taskProgress.id))
    : [];
  return tasks.map((t) => ({
    id: t.id,
    title: t.title,
    assignee: t.assignee,
    status: t.status,
    caseNumber: t.caseNumber,
    progress: progress.filter((p) => p.taskId === t.id).map((p) => ({ status: p.status, note: p.note, at: p.at.toISOString() })),
  }));
}

export interface TaskInput {
  title: string;
  assignee: string;
  /** Hand the work to a department through the cases module (unified requests). */
  case?: { description: string; categoryId?: string | undefined } | undefined;
}

/**
 * Hands a passed decision to who carries it out. With `case`, a case is opened through the cases
 * module's own intake (its routing, deadlines and timeline), and the task keeps its number.
 */
export async function handOver(ctx: Ctx, motionId: string, input: TaskInput): Promise<TaskView[]> {
  const motion = await passedMotion(ctx.db, motionId);
  authorize(ctx, 'councils.manage', motion.path);
  if (motion.status !== 'closed' || !motion.result?.passed) fail('motion_not_passed');
  const opened = input.case ? await submitCase(ctx, { placeId: motion.placeId, description: input.case.description, categoryId: input.case.categoryId, channel: 'phone' }) : null;
  await ctx.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(implementationTasks).values({ id, motionId: motion.id, placeId: motion.placeId, title: input.title.trim(), assignee: input.assignee.trim(), caseId: opened?.id ?? null, caseNumber: opened?.number ?? null });
    await recordAudit(tx, ctx, { action: 'motion.handover', entityType: 'motion', entityId: motion.id, place: { id: motion.placeId, path: motion.path }, after: { task: id, assignee: input.assignee, case: opened?.number ?? null } });
  });
  return tasksOf(ctx.db, motion.id);
}

/** A progress report on a task; reports are append-only and set the task's status. */
export async function reportProgress(ctx: Ctx, taskId: string, input: { status: TaskStatus; note: string }): Promise<TaskView[]> {
  return ctx.db.transaction(async (tx) => {
    const [task] = await queryRows<{ id: string; motionId: string; placeId: string; path: string }>(
      tx,
      sql`select t.id, t.motion_id as "motionId", t.place_id as "placeId", p.path from implementation_tasks t join places p on p.id = t.place_id where t.id = ${taskId}`,
    );
    if (!task) return fail('task_not_found');
    authorize(ctx, 'councils.manage', task.path);
    await tx.insert(taskProgress).values({ id: newId(), taskId: task.id, placeId: task.placeId, status: input.status, note: input.note.trim(), at: ctx.now() });
    await tx.update(implementationTasks).set({ status: input.status }).where(eq(implementationTasks.id, task.id));
    await recordAudit(tx, ctx, { action: 'task.progress', entityType: 'motion', entityId: task.motionId, place: { id: task.placeId, path: task.path }, after: { task: task.id, status: input.status } });
    return tasksOf(tx, task.motionId);
  });
}
