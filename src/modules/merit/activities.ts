import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { can } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { maskName } from '../people/rules.js';
import { bankFor, bankOfResident } from './banks.js';
import { fileIn } from './claims.js';
import { creditedHours, localDay } from './criteria.js';
import { meritActivities, meritParticipants } from './schema.js';
import { and, eq } from 'drizzle-orm';

export interface ActivityView {
  id: string;
  placeId: string;
  title: string;
  organiser: string;
  criterionId: string;
  startsAt: string;
  endsAt: string;
  participants: { residentId: string; name: string; signedUpAt: string; checkedInAt: string | null; checkedOutAt: string | null; claimId: string | null }[];
}

async function readActivity(db: Executor, id: string): Promise<ActivityView | null> {
  const [row] = await queryRows<Omit<ActivityView, 'participants'> & { startsAt: string | Date; endsAt: string | Date }>(
    db,
    sql`select id, place_id as "placeId", title, organiser, criterion_id as "criterionId", starts_at as "startsAt", ends_at as "endsAt" from merit_activities where id = ${id}`,
  );
  if (!row) return null;
  const participants = await queryRows<ActivityView['participants'][number] & Record<string, unknown>>(
    db,
    sql`select p.resident_id as "residentId", r.name, p.signed_up_at as "signedUpAt", p.checked_in_at as "checkedInAt", p.checked_out_at as "checkedOutAt", p.claim_id as "claimId"
        from merit_participants p join residents r on r.id = p.resident_id where p.activity_id = ${id} order by p.signed_up_at`,
  );
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    ...row,
    startsAt: iso(row.startsAt)!,
    endsAt: iso(row.endsAt)!,
    participants: participants.map((p) => ({ ...p, signedUpAt: iso(p.signedUpAt)!, checkedInAt: iso(p.checkedInAt), checkedOutAt: iso(p.checkedOutAt) })),
  };
}

/** A volunteer activity organised by the community, a party branch or a social organisation, credited under an hourly criterion. */
export async function createActivity(ctx: Ctx, input: { placeId: string; title: string; organiser: string; criterionId: string; startsAt: Date; endsAt: Date }): Promise<ActivityView> {
  return ctx.db.transaction(async (tx) => {
    const bank = await bankFor(ctx, tx, input.placeId, 'merit.manage');
    if (!(input.endsAt > input.startsAt)) fail('merit_activity_invalid');
    const [criterion] = await queryRows(tx, sql`select 1 from merit_criteria where id = ${input.criterionId} and place_id = ${input.placeId}`);
    if (!criterion) return fail('merit_criterion_not_found');
    const id = newId();
    await tx.insert(meritActivities).values({ id, placeId: input.placeId, title: input.title.trim(), organiser: input.organiser.trim(), criterionId: input.criterionId, startsAt: input.startsAt, endsAt: input.endsAt, createdBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'merit.activity.create', entityType: 'merit_activity', entityId: id, place: { id: input.placeId, path: bank.path }, after: { title: input.title } });
    return (await readActivity(tx, id))!;
  });
}

/** The bank's staff see who signed up; a resident sees his own name and the others' masked (王*明). */
function seenBy(ctx: Ctx, path: string, activity: ActivityView): ActivityView {
  if (can(ctx.actor, 'merit.read', path)) return activity;
  return { ...activity, participants: activity.participants.map((p) => (p.residentId === ctx.actor.residentId ? p : { ...p, name: maskName(p.name) })) };
}

/** Activities of the caller's bank (residents) or of a bank he runs (staff). */
export async function listActivities(ctx: Ctx, placeId: string): Promise<ActivityView[]> {
  const mine = ctx.actor.residentId ? await bankOfResident(ctx.db, ctx.actor.residentId) : null;
  const bank = mine?.placeId === placeId ? mine : await bankFor(ctx, ctx.db, placeId, 'merit.read');
  const ids = await queryRows<{ id: string }>(ctx.db, sql`select id from merit_activities where place_id = ${placeId} order by starts_at desc limit 100`);
  return Promise.all(ids.map(async (r) => seenBy(ctx, bank.path, (await readActivity(ctx.db, r.id))!)));
}

async function activityFor(ctx: Ctx, db: Executor, id: string): Promise<{ activity: ActivityView; path: string }> {
  const activity = await readActivity(db, id);
  if (!activity) return fail('merit_activity_not_found');
  const [place] = await queryRows<{ path: string }>(db, sql`select path from places where id = ${activity.placeId}`);
  const mine = ctx.actor.residentId ? await bankOfResident(db, ctx.actor.residentId) : null;
  if (mine?.placeId !== activity.placeId && !can(ctx.actor, 'merit.read', place!.path)) return fail('merit_activity_not_found');
  return { activity, path: place!.path };
}

/** A resident of the bank signs himself up. */
export async function signUp(ctx: Ctx, activityId: string): Promise<ActivityView> {
  const residentId = ctx.actor.residentId;
  if (!residentId) return fail('merit_resident_required');
  return ctx.db.transaction(async (tx) => {
    const { activity, path } = await activityFor(ctx, tx, activityId);
    const mine = await bankOfResident(tx, residentId);
    if (mine?.placeId !== activity.placeId) return fail('merit_not_in_bank');
    await tx.insert(meritParticipants).values({ activityId, residentId, signedUpAt: ctx.now() }).onConflictDoNothing();
    return seenBy(ctx, path, (await readActivity(tx, activityId))!);
  });
}

/**
 * The organiser checks a participant in, or out. At check-out the hours become a claim under the
 * activity's criterion, with the attendance as its evidence, for the bodies to assess like any other.
 */
export async function checkParticipant(ctx: Ctx, activityId: string, residentId: string, step: 'in' | 'out'): Promise<ActivityView> {
  return ctx.db.transaction(async (tx) => {
    const { activity, path } = await activityFor(ctx, tx, activityId);
    if (!can(ctx.actor, 'merit.manage', path)) return fail('out_of_scope');
    const participant = activity.participants.find((p) => p.residentId === residentId);
    const where = and(eq(meritParticipants.activityId, activityId), eq(meritParticipants.residentId, residentId));
    if (step === 'in') {
      // Someone who turns up without signing up is signed up at the door.
      if (!participant) await tx.insert(meritParticipants).values({ activityId, residentId, signedUpAt: ctx.now(), checkedInAt: ctx.now() });
      else if (!participant.checkedInAt) await tx.update(meritParticipants).set({ checkedInAt: ctx.now() }).where(where);
    } else {
      if (!participant?.checkedInAt) return fail('merit_not_signed_up');
      if (participant.checkedOutAt) return fail('merit_already_checked_out');
      const hours = creditedHours(new Date(participant.checkedInAt), ctx.now(), { startsAt: new Date(activity.startsAt), endsAt: new Date(activity.endsAt) });
      const claimId =
        hours > 0
          ? await fileIn(
              tx,
              ctx,
              { residentId, criterionId: activity.criterionId, deedDate: localDay(new Date(participant.checkedInAt)), quantity: hours, description: `${activity.title}（${activity.organiser}）` },
              { filing: 'group', groupId: activityId, activityId, attendance: true },
            )
          : null;
      await tx.update(meritParticipants).set({ checkedOutAt: ctx.now(), claimId }).where(where);
    }
    await recordAudit(tx, ctx, { action: `merit.activity.check_${step}`, entityType: 'merit_activity', entityId: activityId, place: { id: activity.placeId, path }, after: { residentId } });
    return (await readActivity(tx, activityId))!;
  });
}
