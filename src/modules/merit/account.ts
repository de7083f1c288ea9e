import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { type Bank, bankOfResident, type Body, bodiesOf, findBank } from './banks.js';
import { criteriaOf, type CriterionView } from './catalog.js';
import { claimsOfResidents, type ClaimView } from './claims.js';
import { localDay } from './criteria.js';
import { type AccountSummary, accountsOf } from './ledger.js';

export interface MyMerit {
  bank: Bank & { bodies: Body[] };
  criteria: CriterionView[];
  /** The caller's account first, then the other members of the household. */
  accounts: AccountSummary[];
  claims: ClaimView[];
  /** Residents of the household, for claims filed on their behalf. */
  household: { residentId: string; name: string }[];
}

/** A resident's own account and those of his household, with the bank's criteria and bodies. */
export async function myMerit(ctx: Ctx): Promise<MyMerit> {
  const me = ctx.actor.residentId;
  if (!me) return fail('merit_resident_required');
  const found = await bankOfResident(ctx.db, me);
  if (!found) return fail('merit_bank_not_found');
  const bank = (await findBank(ctx.db, found.placeId))!;
  const household = await queryRows<{ residentId: string; name: string }>(
    ctx.db,
    sql`select r.id as "residentId", r.name from residents r
        where r.id = ${me} or (r.household_id is not null and r.household_id = (select household_id from residents where id = ${me}))
        order by r.id = ${me} desc, r.name`,
  );
  const ids = household.map((h) => h.residentId);
  return {
    bank: { ...bank, bodies: await bodiesOf(ctx.db, bank.placeId) },
    criteria: await criteriaOf(ctx.db, bank.placeId),
    accounts: await accountsOf(ctx.db, bank.placeId, ids, Number(localDay(ctx.now()).slice(0, 4)), 100),
    claims: await claimsOfResidents(ctx.db, ids),
    household,
  };
}
