import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { type BodyDecision, conflictOfInterest, type Decision, isFinal, standing } from './assessment.js';
import { findBank } from './banks.js';
import { claimFor, type ClaimView, readClaim, recordEvent } from './claims.js';
import { quarterOf, valueDeed } from './criteria.js';
import { appendEntries } from './ledger.js';
import { meritClaims } from './schema.js';
import { eq } from 'drizzle-orm';

/** The caller as an assessor: his resident record and household, for the conflict-of-interest rule. */
async function assessorOf(db: Executor, ctx: Ctx): Promise<{ residentId: string | null; householdId: string | null }> {
  if (!ctx.actor.residentId) return { residentId: null, householdId: null };
  const [row] = await queryRows<{ householdId: string | null }>(db, sql`select household_id as "householdId" from residents where id = ${ctx.actor.residentId}`);
  return { residentId: ctx.actor.residentId, householdId: row?.householdId ?? null };
}

/** The body, if it is one of the bank's and the caller sits on it. */
async function seatOn(db: Executor, ctx: Ctx, placeId: string, bodyId: string): Promise<{ supervisory: boolean }> {
  const [body] = await queryRows<{ supervisory: boolean; member: boolean }>(
    db,
    sql`select d.supervisory, exists (select 1 from merit_body_members m where m.body_id = d.id and m.account_id = ${ctx.actor.accountId}) as member
        from merit_bodies d where d.id = ${bodyId} and d.place_id = ${placeId}`,
  );
  if (!body) return fail('merit_body_not_found');
  if (!body.member) return fail('merit_not_body_member');
  return body;
}

/**
 * Grants a claim: values the deed under the version in force on its day, within the day's and
 * quarter's limits given what the person already holds under the same criterion, and writes the
 * points to the ledger.
 */
async function grant(tx: Executor, ctx: Ctx, claim: ClaimView): Promise<number> {
  const bank = (await findBank(tx, claim.placeId))!;
  const [v] = await queryRows<{ pointsPerUnit: number; dailyLimit: number | null; quarterlyLimit: number | null; deedType: string }>(
    tx,
    sql`select v.points_per_unit as "pointsPerUnit", v.daily_limit as "dailyLimit", v.quarterly_limit as "quarterlyLimit", v.deed_type as "deedType"
        from merit_claims c join merit_criterion_versions v on v.id = c.version_id where c.id = ${claim.id}`,
  );
  const q = quarterOf(claim.deedDate);
  const [held] = await queryRows<{ day: number; quarter: number }>(
    tx,
    sql`select coalesce(sum(points) filter (where deed_date = ${claim.deedDate}::date), 0)::int as day, coalesce(sum(points), 0)::int as quarter
        from merit_claims where resident_id = ${claim.residentId} and criterion_id = ${claim.criterionId} and status = 'granted'
          and deed_date between ${q.first}::date and ${q.last}::date`,
  );
  const value = valueDeed(v!, claim.quantity, held!);
  const expiresOn = bank.expiryMonths === null ? null : addMonths(claim.deedDate, bank.expiryMonths);
  await appendEntries(tx, ctx, claim.placeId, [{ residentId: claim.residentId, kind: 'grant', points: value.points, deedType: v!.deedType, deedDate: claim.deedDate, claimId: claim.id, expiresOn }]);
  await tx.update(meritClaims).set({ status: 'granted', points: value.points, decidedAt: ctx.now() }).where(eq(meritClaims.id, claim.id));
  await recordEvent(tx, ctx, claim.id, { kind: 'granted', decision: String(value.points), reason: value.cappedBy ? `limit:${value.cappedBy}` : null });
  return value.points;
}

export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** Each body's word, with requests for more that the claimant has since answered left out. */
async function decisionsOf(tx: Executor, claimId: string): Promise<BodyDecision[]> {
  const rows = await queryRows<{ bodyId: string; decision: Decision; n: number; answered: boolean }>(
    tx,
    sql`select e.body_id as "bodyId", e.decision, row_number() over (order by e.at, e.id)::int as n,
          exists (select 1 from merit_claim_events s where s.claim_id = e.claim_id and s.kind = 'supplemented' and (s.at, s.id) > (e.at, e.id)) as answered
        from merit_claim_events e where e.claim_id = ${claimId} and e.kind = 'decision' order by e.at, e.id`,
  );
  return rows.filter((r) => !(r.decision === 'more' && r.answered)).map((r) => ({ bodyId: r.bodyId, decision: r.decision, at: r.n }));
}

/** Applies the bank's rule after a step, and settles the claim when the rule is met. */
async function settle(tx: Executor, ctx: Ctx, claimId: string): Promise<void> {
  const claim = (await readClaim(tx, claimId))!;
  const bank = (await findBank(tx, claim.placeId))!;
  const bodies = await queryRows<{ id: string }>(tx, sql`select id from merit_bodies where place_id = ${claim.placeId} order by position`);
  const s = standing(bodies.map((b) => b.id), bank.grantRule, await decisionsOf(tx, claimId));
  if (s.status === 'granted') await grant(tx, ctx, claim);
  else if (s.status === 'rejected') {
    await tx.update(meritClaims).set({ status: 'rejected', decidedAt: ctx.now() }).where(eq(meritClaims.id, claimId));
    await recordEvent(tx, ctx, claimId, { kind: 'rejected' });
  } else if (s.status !== claim.status) await tx.update(meritClaims).set({ status: s.status }).where(eq(meritClaims.id, claimId));
}

/**
 * One body's word on a claim, given by one of its members: approve, reject or ask for more, with a
 * reason (required to reject or ask for more). A member may not assess a claim about himself or his
 * household.
 */
export async function decideClaim(ctx: Ctx, claimId: string, input: { bodyId: string; decision: Decision; reason?: string | undefined }): Promise<ClaimView> {
  const reason = input.reason?.trim() ?? '';
  if (input.decision !== 'approve' && !reason) fail('merit_reason_required');
  return ctx.db.transaction(async (tx) => {
    // The bank row is locked first, as every append does, so two bodies deciding at once settle one after the other.
    const [place] = await queryRows<{ placeId: string }>(tx, sql`select place_id as "placeId" from merit_claims where id = ${claimId}`);
    if (place) await findBank(tx, place.placeId, true);
    const { claim, path, householdId } = await claimFor(ctx, tx, claimId);
    await seatOn(tx, ctx, claim.placeId, input.bodyId);
    if (conflictOfInterest(await assessorOf(tx, ctx), { residentId: claim.residentId, householdId })) fail('merit_conflict_of_interest');
    if (isFinal(claim.status)) fail('merit_claim_decided', { status: claim.status });
    await recordEvent(tx, ctx, claimId, { kind: 'decision', bodyId: input.bodyId, decision: input.decision, reason: reason || null });
    await settle(tx, ctx, claimId);
    await recordAudit(tx, ctx, { action: 'merit.claim.decide', entityType: 'merit_claim', entityId: claimId, place: { id: claim.placeId, path }, after: { bodyId: input.bodyId, decision: input.decision } });
    return (await readClaim(tx, claimId))!;
  });
}

/** The claimant (or whoever filed) answers a request for more: a note, photos, witnesses. */
export async function supplementClaim(ctx: Ctx, claimId: string, input: { note: string; photos?: string[] | undefined; witnesses?: string[] | undefined }): Promise<ClaimView> {
  return ctx.db.transaction(async (tx) => {
    const { claim, path } = await claimFor(ctx, tx, claimId);
    const [own] = await queryRows(tx, sql`select 1 from merit_claims where id = ${claimId} and (filed_by = ${ctx.actor.accountId} or resident_id = ${ctx.actor.residentId})`);
    if (!own) return fail('forbidden');
    if (claim.status !== 'more_requested') fail('merit_claim_decided', { status: claim.status });
    await tx
      .update(meritClaims)
      .set({ photos: [...claim.photos, ...(input.photos ?? [])], witnesses: [...claim.witnesses, ...(input.witnesses ?? [])] })
      .where(eq(meritClaims.id, claimId));
    await recordEvent(tx, ctx, claimId, { kind: 'supplemented', reason: input.note.trim() });
    await settle(tx, ctx, claimId);
    await recordAudit(tx, ctx, { action: 'merit.claim.supplement', entityType: 'merit_claim', entityId: claimId, place: { id: claim.placeId, path } });
    return (await readClaim(tx, claimId))!;
  });
}

/** The person a rejected claim is about (or its filer) appeals, once, to the supervisory body. */
export async function appealClaim(ctx: Ctx, claimId: string, reason: string): Promise<ClaimView> {
  if (!reason.trim()) fail('merit_reason_required');
  return ctx.db.transaction(async (tx) => {
    const { claim, path } = await claimFor(ctx, tx, claimId);
    const [own] = await queryRows(tx, sql`select 1 from merit_claims where id = ${claimId} and (filed_by = ${ctx.actor.accountId} or resident_id = ${ctx.actor.residentId})`);
    if (!own) return fail('forbidden');
    if (claim.status !== 'rejected' || claim.appeal !== null) fail('merit_appeal_not_allowed');
    await tx.update(meritClaims).set({ appeal: 'open' }).where(eq(meritClaims.id, claimId));
    await recordEvent(tx, ctx, claimId, { kind: 'appealed', reason: reason.trim() });
    await recordAudit(tx, ctx, { action: 'merit.claim.appeal', entityType: 'merit_claim', entityId: claimId, place: { id: claim.placeId, path } });
    return (await readClaim(tx, claimId))!;
  });
}

/** A member of the supervisory body decides an appeal: uphold the rejection, or overturn it and grant. */
export async function decideAppeal(ctx: Ctx, claimId: string, input: { bodyId: string; outcome: 'upheld' | 'overturned'; reason: string }): Promise<ClaimView> {
  if (!input.reason.trim()) fail('merit_reason_required');
  return ctx.db.transaction(async (tx) => {
    const [place] = await queryRows<{ placeId: string }>(tx, sql`select place_id as "placeId" from merit_claims where id = ${claimId}`);
    if (place) await findBank(tx, place.placeId, true);
    const { claim, path, householdId } = await claimFor(ctx, tx, claimId);
    const seat = await seatOn(tx, ctx, claim.placeId, input.bodyId);
    if (!seat.supervisory) fail('merit_not_body_member');
    if (conflictOfInterest(await assessorOf(tx, ctx), { residentId: claim.residentId, householdId })) fail('merit_conflict_of_interest');
    if (claim.appeal !== 'open') fail('merit_appeal_not_open');
    await tx.update(meritClaims).set({ appeal: input.outcome }).where(eq(meritClaims.id, claimId));
    await recordEvent(tx, ctx, claimId, { kind: 'appeal_decided', bodyId: input.bodyId, decision: input.outcome, reason: input.reason.trim() });
    if (input.outcome === 'overturned') await grant(tx, ctx, (await readClaim(tx, claimId))!);
    await recordAudit(tx, ctx, { action: 'merit.appeal.decide', entityType: 'merit_claim', entityId: claimId, place: { id: claim.placeId, path }, after: { outcome: input.outcome } });
    return (await readClaim(tx, claimId))!;
  });
}

/** Claims waiting on the word of a body the caller sits on, that he may assess (not his own or his household's). */
export async function myAssessments(ctx: Ctx): Promise<{ claim: ClaimView; bodyIds: string[] }[]> {
  const me = await assessorOf(ctx.db, ctx);
  const rows = await queryRows<{ id: string; bodyIds: string[] }>(
    ctx.db,
    sql`select c.id, array_agg(d.id order by d.position) as "bodyIds"
        from merit_claims c join residents r on r.id = c.resident_id
        join merit_bodies d on d.place_id = c.place_id join merit_body_members m on m.body_id = d.id and m.account_id = ${ctx.actor.accountId}
        where ((c.status in ('pending', 'more_requested')
                and not exists (select 1 from merit_claim_events e where e.claim_id = c.id and e.body_id = d.id and e.kind = 'decision' and e.decision in ('approve', 'reject')))
               or (c.appeal = 'open' and d.supervisory))
          and c.resident_id is distinct from ${me.residentId}::uuid and (r.household_id is null or r.household_id is distinct from ${me.householdId}::uuid)
        group by c.id, c.created_at order by c.created_at limit 200`,
  );
  return Promise.all(rows.map(async (r) => ({ claim: (await readClaim(ctx.db, r.id))!, bodyIds: r.bodyIds })));
}
