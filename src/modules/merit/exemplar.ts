import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { conflictOfInterest } from './assessment.js';
import { bankFor, findBank, membershipsOf } from './banks.js';
import { type Contender, outstandingContributors, TIE_RULE } from './ranking.js';
import { meritExemplarConfirmations } from './schema.js';

export interface Exemplar {
  year: number;
  tieRule: typeof TIE_RULE;
  candidates: (Contender & { name: string })[];
  confirmations: { bodyId: string; bodyNameZh: string; bodyNameEn: string; residentId: string }[];
  /** Named once every body has confirmed the same candidate. */
  confirmed: { residentId: string; name: string } | null;
}

async function exemplarOf(db: Executor, placeId: string, year: number): Promise<Exemplar> {
  const contenders = await queryRows<Contender & { name: string }>(
    db,
    sql`select t.resident_id as "residentId", r.name, sum(t.points)::int as points, sum(t.deeds)::int as deeds, to_char(max(t.last_grant), 'YYYY-MM-DD') as "reachedOn"
        from merit_tallies t join residents r on r.id = t.resident_id where t.place_id = ${placeId} and t.year = ${year}
        group by t.resident_id, r.name`,
  );
  const top = outstandingContributors(contenders) as (Contender & { name: string })[];
  const confirmations = await queryRows<Exemplar['confirmations'][number]>(
    db,
    sql`select c.body_id as "bodyId", d.name_zh as "bodyNameZh", d.name_en as "bodyNameEn", c.resident_id as "residentId"
        from merit_exemplar_confirmations c join merit_bodies d on d.id = c.body_id where c.place_id = ${placeId} and c.year = ${year} order by d.position`,
  );
  const [bodies] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from merit_bodies where place_id = ${placeId}`);
  const chosen = new Set(confirmations.map((c) => c.residentId));
  const all = confirmations.length === bodies!.n && chosen.size === 1;
  const confirmed = all ? (top.find((c) => c.residentId === confirmations[0]!.residentId) ?? null) : null;
  return { year, tieRule: TIE_RULE, candidates: top, confirmations, confirmed: confirmed ? { residentId: confirmed.residentId, name: confirmed.name } : null };
}

/** The office reads the candidates; so do the members of the bank's bodies, who confirm one. */
export async function getExemplar(ctx: Ctx, placeId: string, year: number): Promise<Exemplar> {
  const seats = await membershipsOf(ctx.db, ctx.actor.accountId, placeId);
  if (seats.length === 0) await bankFor(ctx, ctx.db, placeId, 'merit.read');
  return exemplarOf(ctx.db, placeId, year);
}

/** One body confirms the Outstanding Contributor of the Year, by one of its members, among the candidates the points give. */
export async function confirmExemplar(ctx: Ctx, placeId: string, input: { year: number; bodyId: string; residentId: string }): Promise<Exemplar> {
  return ctx.db.transaction(async (tx) => {
    const bank = await findBank(tx, placeId, true);
    const seats = bank ? await membershipsOf(tx, ctx.actor.accountId, placeId) : [];
    // Only the members of the bank's bodies confirm; to anyone else the place is out of scope.
    if (!bank || seats.length === 0) return fail('out_of_scope');
    if (!seats.some((s) => s.id === input.bodyId)) fail('merit_not_body_member');
    const current = await exemplarOf(tx, placeId, input.year);
    if (!current.candidates.some((c) => c.residentId === input.residentId)) fail('merit_not_candidate');
    const [me] = ctx.actor.residentId ? await queryRows<{ householdId: string | null }>(tx, sql`select household_id as "householdId" from residents where id = ${ctx.actor.residentId}`) : [];
    const [them] = await queryRows<{ householdId: string | null }>(tx, sql`select household_id as "householdId" from residents where id = ${input.residentId}`);
    if (conflictOfInterest({ residentId: ctx.actor.residentId, householdId: me?.householdId ?? null }, { residentId: input.residentId, householdId: them?.householdId ?? null })) fail('merit_conflict_of_interest');
    await tx
      .insert(meritExemplarConfirmations)
      .values({ placeId, year: input.year, bodyId: input.bodyId, residentId: input.residentId, confirmedBy: ctx.actor.accountId, at: ctx.now() })
      .onConflictDoUpdate({ target: [meritExemplarConfirmations.placeId, meritExemplarConfirmations.year, meritExemplarConfirmations.bodyId], set: { residentId: input.residentId, confirmedBy: ctx.actor.accountId, at: ctx.now() } });
    await recordAudit(tx, ctx, { action: 'merit.exemplar.confirm', entityType: 'merit_bank', entityId: placeId, place: { id: placeId, path: bank.path }, after: input });
    return exemplarOf(tx, placeId, input.year);
  });
}
