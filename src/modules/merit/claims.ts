import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { can } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { type Bank, bankFor, findBank, membershipsOf } from './banks.js';
import { versionsOf, type VersionView } from './catalog.js';
import { filingVerdict, localDay, missingEvidence, quantityValid, versionInForce } from './criteria.js';
import { meritClaimEvents, meritClaims } from './schema.js';

export interface ClaimInput {
  residentId?: string | undefined;
  criterionId: string;
  deedDate: string;
  quantity: number;
  description: string;
  photos?: string[] | undefined;
  witnesses?: string[] | undefined;
}

export interface ClaimEvent {
  at: string;
  kind: string;
  bodyId: string | null;
  bodyNameZh: string | null;
  bodyNameEn: string | null;
  decision: string | null;
  reason: string | null;
  actorName: string;
}

export interface ClaimView {
  id: string;
  number: string;
  placeId: string;
  residentId: string;
  residentName: string;
  criterionId: string;
  criterionCode: string;
  version: number;
  nameZh: string;
  nameEn: string;
  unit: string;
  deedDate: string;
  quantity: number;
  description: string;
  photos: string[];
  witnesses: string[];
  filing: 'own' | 'behalf' | 'group';
  groupId: string | null;
  activityId: string | null;
  status: 'pending' | 'more_requested' | 'granted' | 'rejected';
  points: number | null;
  appeal: 'open' | 'upheld' | 'overturned' | null;
  createdAt: string;
  decidedAt: string | null;
  events: ClaimEvent[];
}

interface Subject {
  id: string;
  name: string;
  householdId: string | null;
  path: string;
}

async function subjectOf(db: Executor, residentId: string): Promise<Subject | null> {
  const [row] = await queryRows<Subject>(db, sql`select r.id, r.name, r.household_id as "householdId", p.path from residents r join places p on p.id = r.place_id where r.id = ${residentId}`);
  return row ?? null;
}

/** A criterion with its bank and versions, for someone who may file under it: a resident of the bank or its staff. */
async function criterionForFiling(ctx: Ctx, db: Executor, criterionId: string): Promise<{ bank: Bank; code: string; versions: VersionView[] }> {
  const [row] = await queryRows<{ placeId: string; code: string }>(db, sql`select place_id as "placeId", code from merit_criteria where id = ${criterionId}`);
  const bank = row ? await findBank(db, row.placeId, true) : null;
  if (!row || !bank) return fail('merit_criterion_not_found');
  const own = ctx.actor.residentId ? await subjectOf(db, ctx.actor.residentId) : null;
  const visible = (own !== null && own.path.startsWith(bank.path)) || can(ctx.actor, 'merit.manage', bank.path);
  if (!visible) return fail('merit_criterion_not_found');
  return { bank, code: row.code, versions: await versionsOf(db, criterionId) };
}

/** The next claim number of a bank, e.g. GD-2026-000012; the bank row is locked by the caller. */
async function nextNumber(db: Executor, placeId: string, year: number): Promise<string> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from merit_claims where place_id = ${placeId} and number like ${`GD-${year}-%`}`);
  return `GD-${year}-${String((row?.n ?? 0) + 1).padStart(6, '0')}`;
}

interface Filing {
  filing: 'own' | 'behalf' | 'group';
  groupId?: string | null;
  activityId?: string | null;
  attendance?: boolean;
}

/** Files one claim inside the caller's transaction, after every rule of the catalog and the bank. */
export async function fileIn(tx: Executor, ctx: Ctx, input: ClaimInput & { residentId: string }, how: Filing): Promise<string> {
  const { bank, versions } = await criterionForFiling(ctx, tx, input.criterionId);
  const subject = await subjectOf(tx, input.residentId);
  if (!subject) return fail('resident_not_found');
  if (!subject.path.startsWith(bank.path)) return fail('merit_not_in_bank');
  const today = localDay(ctx.now());
  const verdict = filingVerdict(input.deedDate, today, bank.retroWindowDays);
  if (verdict === 'future') fail('merit_claim_future');
  if (verdict === 'too_late') fail('merit_claim_too_late', { windowDays: bank.retroWindowDays });
  const version = versionInForce(versions, input.deedDate);
  if (!version) return fail('merit_no_version_in_force', { date: input.deedDate });
  if (!quantityValid(version.unit, input.quantity)) fail('merit_quantity_invalid');
  const missing = missingEvidence(version.evidence, { photos: input.photos?.length ?? 0, witnesses: input.witnesses?.length ?? 0, attendance: how.attendance ?? false });
  if (missing.length) fail('merit_evidence_missing', { evidence: missing });
  const duplicate = async (): Promise<never> => {
    const [dup] = await queryRows<{ number: string }>(
      tx,
      sql`select number from merit_claims where resident_id = ${input.residentId} and criterion_id = ${input.criterionId} and deed_date = ${input.deedDate} and status <> 'rejected'`,
    );
    return fail('merit_claim_duplicate', { number: dup?.number ?? '' });
  };
  const [existing] = await queryRows(tx, sql`select 1 from merit_claims where resident_id = ${input.residentId} and criterion_id = ${input.criterionId} and deed_date = ${input.deedDate} and status <> 'rejected'`);
  if (existing) await duplicate();
  const id = newId();
  const number = await nextNumber(tx, bank.placeId, Number(today.slice(0, 4)));
  try {
    await tx.insert(meritClaims).values({
      id,
      number,
      placeId: bank.placeId,
      residentId: input.residentId,
      criterionId: input.criterionId,
      versionId: version.id,
      deedDate: input.deedDate,
      quantity: input.quantity,
      description: input.description.trim(),
      photos: input.photos ?? [],
      witnesses: input.witnesses ?? [],
      filing: how.filing,
      filedBy: ctx.actor.accountId,
      groupId: how.groupId ?? null,
      activityId: how.activityId ?? null,
      createdAt: ctx.now(),
    });
  } catch (error) {
    if (isUniqueViolation(error, 'merit_claims_one_per_deed')) await duplicate();
    throw error;
  }
  await recordEvent(tx, ctx, id, { kind: 'filed', reason: how.filing });
  await recordAudit(tx, ctx, { action: 'merit.claim.file', entityType: 'merit_claim', entityId: id, place: { id: bank.placeId, path: bank.path }, after: { number, filing: how.filing, deedDate: input.deedDate, quantity: input.quantity } });
  return id;
}

export async function recordEvent(tx: Executor, ctx: Ctx, claimId: string, e: { kind: string; bodyId?: string | null; decision?: string | null; reason?: string | null }): Promise<void> {
  await tx.insert(meritClaimEvents).values({
    claimId,
    at: ctx.now(),
    kind: e.kind,
    bodyId: e.bodyId ?? null,
    decision: e.decision ?? null,
    reason: e.reason ?? null,
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.displayName,
  });
}

/**
 * A claim by the person who did the deed, or by another resident of the same bank (or its staff)
 * on that person's behalf.
 */
export async function fileClaim(ctx: Ctx, input: ClaimInput): Promise<ClaimView> {
  const residentId = input.residentId ?? ctx.actor.residentId;
  if (!residentId) return fail('merit_resident_required');
  const filing = residentId === ctx.actor.residentId ? 'own' : 'behalf';
  return ctx.db.transaction(async (tx) => {
    const id = await fileIn(tx, ctx, { ...input, residentId }, { filing });
    return (await readClaim(tx, id))!;
  });
}

/**
 * An organiser's claim for a whole group, from the attendance list of one event: one claim per
 * attendee, linked by a group id. Attendees who already hold a claim for the deed are reported,
 * not filed again; the others are filed.
 */
export async function fileGroupClaim(
  ctx: Ctx,
  input: Omit<ClaimInput, 'residentId'> & { residentIds: string[]; activityId?: string | null | undefined },
): Promise<{ groupId: string; claims: ClaimView[]; duplicates: { residentId: string; number: string }[] }> {
  return ctx.db.transaction(async (tx) => {
    const { bank } = await criterionForFiling(ctx, tx, input.criterionId);
    if (!can(ctx.actor, 'merit.manage', bank.path)) return fail('merit_criterion_not_found');
    const groupId = newId();
    const ids: string[] = [];
    const duplicates: { residentId: string; number: string }[] = [];
    for (const residentId of input.residentIds) {
      const [dup] = await queryRows<{ number: string }>(
        tx,
        sql`select number from merit_claims where resident_id = ${residentId} and criterion_id = ${input.criterionId} and deed_date = ${input.deedDate} and status <> 'rejected'`,
      );
      if (dup) duplicates.push({ residentId, number: dup.number });
      else ids.push(await fileIn(tx, ctx, { ...input, residentId }, { filing: 'group', groupId, activityId: input.activityId ?? null, attendance: true }));
    }
    return { groupId, claims: await Promise.all(ids.map(async (id) => (await readClaim(tx, id))!)), duplicates };
  });
}

export async function readClaim(db: Executor, id: string): Promise<ClaimView | null> {
  const [row] = await queryRows<Omit<ClaimView, 'events'> & { createdAt: string | Date; decidedAt: string | Date | null }>(
    db,
    sql`select c.id, c.number, c.place_id as "placeId", c.resident_id as "residentId", r.name as "residentName", c.criterion_id as "criterionId", k.code as "criterionCode",
          v.version, v.name_zh as "nameZh", v.name_en as "nameEn", v.unit, to_char(c.deed_date, 'YYYY-MM-DD') as "deedDate", c.quantity::float8 as quantity, c.description,
          c.photos, c.witnesses, c.filing, c.group_id as "groupId", c.activity_id as "activityId", c.status, c.points, c.appeal, c.created_at as "createdAt", c.decided_at as "decidedAt"
        from merit_claims c join residents r on r.id = c.resident_id join merit_criteria k on k.id = c.criterion_id join merit_criterion_versions v on v.id = c.version_id
        where c.id = ${id}`,
  );
  if (!row) return null;
  const events = await queryRows<ClaimEvent & { at: string | Date }>(
    db,
    sql`select e.at, e.kind, e.body_id as "bodyId", d.name_zh as "bodyNameZh", d.name_en as "bodyNameEn", e.decision, e.reason, e.actor_name as "actorName"
        from merit_claim_events e left join merit_bodies d on d.id = e.body_id where e.claim_id = ${id} order by e.at, e.id`,
  );
  return {
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
    events: events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}

/**
 * A claim for those who may see it: the person it is about and his household, whoever filed it,
 * the members of the bank's bodies, and the bank's staff. Others learn nothing of it.
 */
export async function claimFor(ctx: Ctx, db: Executor, id: string): Promise<{ claim: ClaimView; path: string; householdId: string | null }> {
  const [row] = await queryRows<{ path: string; householdId: string | null; filedBy: string | null; residentId: string; placeId: string }>(
    db,
    sql`select p.path, r.household_id as "householdId", c.filed_by as "filedBy", c.resident_id as "residentId", c.place_id as "placeId"
        from merit_claims c join places p on p.id = c.place_id join residents r on r.id = c.resident_id where c.id = ${id}`,
  );
  if (!row) return fail('merit_claim_not_found');
  let sees = can(ctx.actor, 'merit.read', row.path) || row.filedBy === ctx.actor.accountId || row.residentId === ctx.actor.residentId;
  if (!sees && ctx.actor.residentId && row.householdId) {
    const [same] = await queryRows(db, sql`select 1 from residents where id = ${ctx.actor.residentId} and household_id = ${row.householdId}`);
    sees = !!same;
  }
  if (!sees) sees = (await membershipsOf(db, ctx.actor.accountId, row.placeId)).length > 0;
  if (!sees) return fail('merit_claim_not_found');
  return { claim: (await readClaim(db, id))!, path: row.path, householdId: row.householdId };
}

export const getClaim = async (ctx: Ctx, id: string): Promise<ClaimView> => (await claimFor(ctx, ctx.db, id)).claim;

export interface ClaimQuery {
  placeId: string;
  status?: ClaimView['status'] | undefined;
  limit: number;
  offset: number;
}

export async function listClaims(ctx: Ctx, query: ClaimQuery): Promise<{ items: ClaimView[]; total: number }> {
  await bankFor(ctx, ctx.db, query.placeId, 'merit.read');
  const where = sql`c.place_id = ${query.placeId} ${query.status ? sql`and c.status = ${query.status}` : sql``}`;
  const [count] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from merit_claims c where ${where}`);
  const ids = await queryRows<{ id: string }>(ctx.db, sql`select c.id from merit_claims c where ${where} order by c.created_at desc, c.id desc limit ${query.limit} offset ${query.offset}`);
  return { items: await Promise.all(ids.map(async (r) => (await readClaim(ctx.db, r.id))!)), total: count?.n ?? 0 };
}

/** The claims of the caller and his household, newest first. */
export async function claimsOfResidents(db: Executor, residentIds: string[]): Promise<ClaimView[]> {
  if (residentIds.length === 0) return [];
  const ids = await queryRows<{ id: string }>(
    db,
    sql`select id from merit_claims where resident_id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(residentIds)}::jsonb) x) order by created_at desc limit 200`,
  );
  return Promise.all(ids.map(async (r) => (await readClaim(db, r.id))!));
}
