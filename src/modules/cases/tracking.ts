import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { normalizePhone } from '../people/rules.js';
import { places } from '../places/schema.js';
import { caseView } from './reading.js';
import { cases } from './schema.js';
import type { CaseView } from './views.js';

/**
 * A request followed without an account: its number and the phone number given when it was made,
 * as a parcel is tracked. The answer is what the requester sees (public timeline entries, no staff
 * names), and a wrong number and a wrong phone get the same answer, so neither can be probed
 * alone. A case merged into another is followed in the one it joined. Rating stays with the
 * operator's callback: the page only shows.
 */
export async function trackCase(ctx: Ctx, number: string, phone: string): Promise<CaseView> {
  const normalized = normalizePhone(phone);
  if (!normalized) return fail('case_not_found');
  const [found] = await ctx.db.select({ row: cases, placePath: places.path }).from(cases).innerJoin(places, eq(places.id, cases.placeId)).where(eq(cases.number, number.trim().toUpperCase()));
  if (!found || found.row.contactPhoneHash !== ctx.vault.blindIndex(normalized)) return fail('case_not_found');
  let shown = found;
  if (found.row.mergedIntoId) {
    const [joined] = await ctx.db.select({ row: cases, placePath: places.path }).from(cases).innerJoin(places, eq(places.id, cases.placeId)).where(eq(cases.id, found.row.mergedIntoId));
    if (joined) shown = joined;
  }
  const standing = { dispatcher: false, department: null, departmentId: null, requester: true, whistle: false, reader: true };
  const view = await caseView(ctx.db, ctx, { ...shown, involved: [], standing });
  return { ...view, actions: [] };
}
