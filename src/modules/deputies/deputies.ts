import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { can, EVERYWHERE, scopesFor, type Permission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { places } from '../places/schema.js';
import { createPoll, type PollInput, type PollView } from '../polls/polls.js';
import { checkReception } from './schedule.js';
import { deputies, receptions, workstations } from './schema.js';

/**
 * Deputies with their constituency, the workstations where they meet residents, and the
 * reception schedule. Each is seen by those who read deputies' work where it is, and changed by
 * those who run the workstations there.
 */

export type DeputyLevel = 'municipal' | 'district' | 'township';

export interface DeputyView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  accountId: string | null;
  name: string;
  level: DeputyLevel;
  /** Whether the caller is this deputy. */
  mine: boolean;
}

export interface WorkstationView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  name: string;
  address: string;
  kind: 'workstation' | 'workshop';
}

export interface ReceptionView {
  id: string;
  workstationId: string;
  workstationName: string;
  deputyId: string;
  deputyName: string;
  startsAt: string;
  endsAt: string;
  topic: string;
  cancelledAt: string | null;
  cancelReason: string | null;
}

async function placeOf(ctx: Ctx, placeId: string): Promise<{ id: string; path: string }> {
  const [place] = await ctx.db.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, placeId));
  return place ?? fail('place_not_found');
}

/** Rows under the caller's scopes for a permission, as an SQL condition on a place path column. */
function inScope(ctx: Ctx, permission: Permission, path: ReturnType<typeof sql.raw>) {
  const scopes = scopesFor(ctx.actor, permission);
  if (scopes.length === 0) return sql`false`;
  if (scopes.includes(EVERYWHERE)) return sql`true`;
  return sql`(${sql.join(scopes.map((s) => sql`starts_with(${path}, ${s})`), sql` or `)})`;
}

/**
 * Rows whose place and the caller's scopes overlap, either way: a liaison of a community sees the
 * district deputy whose constituency includes it, as the deputy holds receptions there.
 */
function overlapsScope(ctx: Ctx, permission: Permission, path: ReturnType<typeof sql.raw>) {
  const scopes = scopesFor(ctx.actor, permission);
  if (scopes.length === 0) return sql`false`;
  if (scopes.includes(EVERYWHERE)) return sql`true`;
  return sql`(${sql.join(scopes.map((s) => sql`(starts_with(${path}, ${s}) or starts_with(${s}, ${path}))`), sql` or `)})`;
}

const reaches = (ctx: Ctx, permission: Permission, path: string) => scopesFor(ctx.actor, permission).some((s) => s === EVERYWHERE || path.startsWith(s) || s.startsWith(path));

const iso = (d: string | Date) => new Date(d).toISOString();

async function readDeputies(ctx: Ctx, where: ReturnType<typeof sql>): Promise<(DeputyView & { path: string })[]> {
  const rows = await queryRows<Omit<DeputyView, 'mine'> & { path: string }>(
    ctx.db,
    sql`select d.id, d.place_id as "placeId", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", d.account_id as "accountId", d.name, d.level, p.path
        from deputies d join places p on p.id = d.place_id where ${where} order by d.name, d.id`,
  );
  return rows.map((r) => ({ ...r, mine: r.accountId !== null && r.accountId === ctx.actor.accountId }));
}

export async function createDeputy(ctx: Ctx, input: { placeId: string; name: string; level: DeputyLevel; accountId?: string | undefined }): Promise<DeputyView> {
  const place = await placeOf(ctx, input.placeId);
  authorize(ctx, 'deputies.manage', place.path);
  if (input.accountId) {
    const [account] = await queryRows<{ deputy: boolean }>(
      ctx.db,
      sql`select exists (select 1 from role_grants g where g.account_id = a.id and g.role = 'deputy') as deputy from accounts a where a.id = ${input.accountId}`,
    );
    // The account a deputy logs in with holds the deputy role: that is what lets him run polls and see his work.
    if (!account?.deputy) fail('deputy_account_invalid');
    const [taken] = await queryRows<{ x: number }>(ctx.db, sql`select 1 as x from deputies where account_id = ${input.accountId}`);
    if (taken) fail('deputy_account_invalid');
  }
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(deputies).values({ id, placeId: place.id, accountId: input.accountId ?? null, name: input.name.trim(), level: input.level });
    await recordAudit(tx, ctx, { action: 'deputy.create', entityType: 'deputy', entityId: id, place, after: { name: input.name.trim(), level: input.level } });
  });
  return getDeputy(ctx, id);
}

/** Deputies whose constituency lies in the caller's places, or the caller himself. */
export async function listDeputies(ctx: Ctx): Promise<DeputyView[]> {
  const rows = await readDeputies(ctx, sql`(${overlapsScope(ctx, 'deputies.read', sql.raw('p.path'))} or d.account_id = ${ctx.actor.accountId})`);
  return rows.map(({ path: _path, ...view }) => view);
}

export async function loadDeputy(ctx: Ctx, id: string): Promise<DeputyView & { path: string }> {
  const [row] = await readDeputies(ctx, sql`d.id = ${id}`);
  if (!row || !(row.mine || reaches(ctx, 'deputies.read', row.path))) return fail('deputy_not_found');
  return row;
}

export async function getDeputy(ctx: Ctx, id: string): Promise<DeputyView> {
  const { path: _path, ...view } = await loadDeputy(ctx, id);
  return view;
}

/** A poll among the deputy's constituents: the target is the constituency, whatever else is asked. */
export async function createDeputyPoll(ctx: Ctx, deputyId: string, input: Omit<PollInput, 'placeId'>): Promise<PollView> {
  const deputy = await loadDeputy(ctx, deputyId);
  return createPoll(ctx, { ...input, placeId: deputy.placeId });
}

export async function createWorkstation(ctx: Ctx, input: { placeId: string; name: string; address?: string | undefined; kind: 'workstation' | 'workshop' }): Promise<WorkstationView> {
  const place = await placeOf(ctx, input.placeId);
  authorize(ctx, 'deputies.manage', place.path);
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(workstations).values({ id, placeId: place.id, name: input.name.trim(), address: input.address?.trim() ?? '', kind: input.kind });
    await recordAudit(tx, ctx, { action: 'workstation.create', entityType: 'workstation', entityId: id, place, after: { name: input.name.trim(), kind: input.kind } });
  });
  return (await readWorkstations(ctx, sql`w.id = ${id}`))[0]!;
}

async function readWorkstations(ctx: Ctx, where: ReturnType<typeof sql>): Promise<(WorkstationView & { path: string })[]> {
  return queryRows<WorkstationView & { path: string }>(
    ctx.db,
    sql`select w.id, w.place_id as "placeId", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", w.name, w.address, w.kind, p.path
        from workstations w join places p on p.id = w.place_id where ${where} order by p.path, w.name`,
  );
}

/** Workstations in the caller's places. */
export async function listWorkstations(ctx: Ctx): Promise<WorkstationView[]> {
  const rows = await readWorkstations(ctx, inScope(ctx, 'deputies.read', sql.raw('p.path')));
  return rows.map(({ path: _path, ...view }) => view);
}

/** One workstation for someone holding the permission where it is; others learn nothing of it. */
export async function loadWorkstation(ctx: Ctx, id: string, permission: Permission): Promise<WorkstationView & { path: string }> {
  const [row] = await readWorkstations(ctx, sql`w.id = ${id}`);
  if (!row || !can(ctx.actor, permission, row.path)) return fail('workstation_not_found');
  return row;
}

/**
 * Checks a period against the deputy's other receptions, read under a lock on the deputy so that
 * two bookings made at once cannot both overlap the same hours. Cancelled ones leave the time free.
 */
async function checkDeputyFree(tx: Executor, deputyId: string, period: { startsAt: Date; endsAt: Date }, except: string | null): Promise<void> {
  await queryRows(tx, sql`select id from deputies where id = ${deputyId} for update`);
  const booked = await queryRows<{ startsAt: string; endsAt: string }>(
    tx,
    sql`select starts_at as "startsAt", ends_at as "endsAt" from receptions where deputy_id = ${deputyId} and cancelled_at is null
        and id is distinct from ${except}::uuid
        and ends_at > ${period.startsAt.toISOString()}::timestamptz - interval '1 day' and starts_at < ${period.endsAt.toISOString()}::timestamptz + interval '1 day'`,
  );
  const problem = checkReception(period, booked.map((b) => ({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) })));
  if (problem === 'overlaps') fail('reception_overlaps');
  if (problem) fail('reception_period_invalid');
}

/** Puts a deputy on the schedule of a workstation. */
export async function addReception(ctx: Ctx, workstationId: string, input: { deputyId: string; startsAt: Date; endsAt: Date; topic?: string | undefined }): Promise<ReceptionView> {
  const workstation = await loadWorkstation(ctx, workstationId, 'deputies.manage');
  await loadDeputy(ctx, input.deputyId);
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    await checkDeputyFree(tx, input.deputyId, input, null);
    await tx.insert(receptions).values({ id, workstationId, deputyId: input.deputyId, startsAt: input.startsAt, endsAt: input.endsAt, topic: input.topic?.trim() ?? '', createdBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'reception.create', entityType: 'workstation', entityId: workstationId, place: { id: workstation.placeId, path: workstation.path }, after: { deputy: input.deputyId, startsAt: input.startsAt.toISOString() } });
  });
  return (await readReceptions(ctx, sql`r.id = ${id}`))[0]!;
}

/** A reception still to come, for its workstation's staff; a past or cancelled one cannot change. */
async function changeableReception(ctx: Ctx, id: string): Promise<ReceptionView & { placeId: string; path: string }> {
  const [reception] = await readReceptions(ctx, sql`r.id = ${id}`);
  if (!reception) return fail('reception_not_found');
  const workstation = await loadWorkstation(ctx, reception.workstationId, 'deputies.manage').catch(() => fail('reception_not_found'));
  if (reception.cancelledAt !== null) fail('reception_cancelled');
  if (new Date(reception.endsAt) <= ctx.now()) fail('reception_over');
  return { ...reception, placeId: workstation.placeId, path: workstation.path };
}

/** Moves a reception to other hours, checked against the deputy's other receptions like a new one. */
export async function moveReception(ctx: Ctx, id: string, period: { startsAt: Date; endsAt: Date }): Promise<ReceptionView> {
  const reception = await changeableReception(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await checkDeputyFree(tx, reception.deputyId, period, id);
    await tx.update(receptions).set({ startsAt: period.startsAt, endsAt: period.endsAt }).where(eq(receptions.id, id));
    await recordAudit(tx, ctx, {
      action: 'reception.move',
      entityType: 'workstation',
      entityId: reception.workstationId,
      place: { id: reception.placeId, path: reception.path },
      before: { reception: id, startsAt: reception.startsAt, endsAt: reception.endsAt },
      after: { reception: id, startsAt: period.startsAt.toISOString(), endsAt: period.endsAt.toISOString() },
    });
  });
  return (await readReceptions(ctx, sql`r.id = ${id}`))[0]!;
}

/** Cancels a reception with a reason the schedule shows. */
export async function cancelReception(ctx: Ctx, id: string, reason: string): Promise<ReceptionView> {
  const reception = await changeableReception(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.update(receptions).set({ cancelledAt: ctx.now(), cancelReason: reason.trim() }).where(eq(receptions.id, id));
    await recordAudit(tx, ctx, { action: 'reception.cancel', entityType: 'workstation', entityId: reception.workstationId, place: { id: reception.placeId, path: reception.path }, after: { reception: id, reason } });
  });
  return (await readReceptions(ctx, sql`r.id = ${id}`))[0]!;
}

async function readReceptions(ctx: Ctx, where: ReturnType<typeof sql>): Promise<ReceptionView[]> {
  const rows = await queryRows<ReceptionView>(
    ctx.db,
    sql`select r.id, r.workstation_id as "workstationId", w.name as "workstationName", r.deputy_id as "deputyId", d.name as "deputyName",
          r.starts_at as "startsAt", r.ends_at as "endsAt", r.topic, r.cancelled_at as "cancelledAt", r.cancel_reason as "cancelReason"
        from receptions r join workstations w on w.id = r.workstation_id join deputies d on d.id = r.deputy_id
        where ${where} order by r.starts_at, r.id limit 200`,
  );
  return rows.map((r) => ({ ...r, startsAt: iso(r.startsAt), endsAt: iso(r.endsAt), cancelledAt: r.cancelledAt ? iso(r.cancelledAt) : null }));
}

/** A workstation's schedule from a moment on (from today by default), earliest first. */
export async function workstationSchedule(ctx: Ctx, workstationId: string, from?: Date): Promise<ReceptionView[]> {
  await loadWorkstation(ctx, workstationId, 'deputies.read');
  const since = from ?? new Date(ctx.now().getTime() - 24 * 3_600_000);
  return readReceptions(ctx, sql`r.workstation_id = ${workstationId} and r.ends_at >= ${since.toISOString()}::timestamptz`);
}

/** A deputy's schedule from today on, across workstations. */
export async function deputySchedule(ctx: Ctx, deputyId: string): Promise<ReceptionView[]> {
  await loadDeputy(ctx, deputyId);
  return readReceptions(ctx, sql`r.deputy_id = ${deputyId} and r.ends_at >= ${new Date(ctx.now().getTime() - 24 * 3_600_000).toISOString()}::timestamptz`);
}
