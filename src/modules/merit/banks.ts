import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { can, type Permission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, containsPattern, inScope } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { places } from '../places/schema.js';
import { DEFAULT_BODIES, type GrantRule } from './assessment.js';
import type { Privacy } from './ranking.js';
import { meritBanks, meritBodies, meritBodyMembers } from './schema.js';
import { eq } from 'drizzle-orm';

export interface Bank {
  placeId: string;
  path: string;
  placeNameZh: string;
  placeNameEn: string;
  grantRule: GrantRule;
  retroWindowDays: number;
  expiryMonths: number | null;
  privacy: Privacy;
  headSeq: number;
  headHash: string;
}

export interface Body {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  supervisory: boolean;
  members: { accountId: string; displayName: string }[];
}

const BANK_COLUMNS = sql`b.place_id as "placeId", p.path, p.name_zh as "placeNameZh", p.name_en as "placeNameEn", b.grant_rule as "grantRule",
  b.retro_window_days as "retroWindowDays", b.expiry_months as "expiryMonths", b.privacy, b.head_seq::int as "headSeq", b.head_hash as "headHash"`;

/** The bank of a place, or null. `lock` holds its row (and so its chain head) to the end of the transaction. */
export async function findBank(db: Executor, placeId: string, lock = false): Promise<Bank | null> {
  const [row] = await queryRows<Bank>(
    db,
    sql`select ${BANK_COLUMNS} from merit_banks b join places p on p.id = b.place_id where b.place_id = ${placeId} ${lock ? sql`for update of b` : sql``}`,
  );
  return row ?? null;
}

/** The bank for a caller who holds the permission there; others learn only that there is none. */
export async function bankFor(ctx: Ctx, db: Executor, placeId: string, permission: Permission, lock = false): Promise<Bank> {
  const bank = await findBank(db, placeId, lock);
  if (!bank) {
    const [place] = await db.select({ path: places.path }).from(places).where(eq(places.id, placeId));
    if (!place) return fail('place_not_found');
    authorize(ctx, permission, place.path);
    return fail('merit_bank_not_found');
  }
  authorize(ctx, permission, bank.path);
  return bank;
}

export async function bodiesOf(db: Executor, placeId: string): Promise<Body[]> {
  return queryRows<Body>(
    db,
    sql`select d.id, d.code, d.name_zh as "nameZh", d.name_en as "nameEn", d.supervisory,
          coalesce((select json_agg(json_build_object('accountId', a.id, 'displayName', a.display_name) order by a.display_name)
                    from merit_body_members m join accounts a on a.id = m.account_id where m.body_id = d.id), '[]'::json) as members
        from merit_bodies d where d.place_id = ${placeId} order by d.position`,
  );
}

export interface BankSettings {
  grantRule?: GrantRule | undefined;
  retroWindowDays?: number | undefined;
  expiryMonths?: number | null | undefined;
  privacy?: Privacy | undefined;
}

/**
 * Opens a bank at a place, with the four default bodies, or changes its rules. Rules apply to what
 * comes next: points already in the ledger are never touched by a change here.
 */
export async function configureBank(ctx: Ctx, placeId: string, settings: BankSettings): Promise<Bank & { bodies: Body[] }> {
  return ctx.db.transaction(async (tx) => {
    const [place] = await tx.select({ id: places.id, path: places.path, level: places.level }).from(places).where(eq(places.id, placeId));
    if (!place) return fail('place_not_found');
    authorize(ctx, 'merit.manage', place.path);
    const existing = await findBank(tx, placeId, true);
    const values = {
      ...(settings.grantRule ? { grantRule: settings.grantRule } : {}),
      ...(settings.retroWindowDays !== undefined ? { retroWindowDays: settings.retroWindowDays } : {}),
      ...(settings.expiryMonths !== undefined ? { expiryMonths: settings.expiryMonths } : {}),
      ...(settings.privacy ? { privacy: settings.privacy } : {}),
    };
    if (!existing) {
      await tx.insert(meritBanks).values({ placeId, ...values });
      await tx.insert(meritBodies).values(DEFAULT_BODIES.map((b, i) => ({ placeId, ...b, position: i })));
    } else if (Object.keys(values).length > 0) {
      await tx.update(meritBanks).set(values).where(eq(meritBanks.placeId, placeId));
    }
    await recordAudit(tx, ctx, { action: existing ? 'merit.bank.configure' : 'merit.bank.open', entityType: 'merit_bank', entityId: placeId, place, after: values });
    return { ...(await findBank(tx, placeId))!, bodies: await bodiesOf(tx, placeId) };
  });
}

export interface BankSummary {
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  headSeq: number;
  /** Claims still before the bodies: what the office looks at first. */
  openClaims: number;
}

/** The banks in the caller's places, for the bank office's list. */
export async function listBanks(ctx: Ctx): Promise<BankSummary[]> {
  const scope = inScope(ctx, 'merit.read', sql`p.path`);
  return queryRows<BankSummary>(
    ctx.db,
    sql`select b.place_id as "placeId", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", b.head_seq::int as "headSeq",
          (select count(*) from merit_claims c where c.place_id = b.place_id and c.status in ('pending', 'more_requested'))::int as "openClaims"
        from merit_banks b join places p on p.id = b.place_id
        where ${scope ?? sql`true`} order by p.path`,
  );
}

/** Accounts whose home is in the bank's place, by name: whom the office can seat on a body. */
export async function seatCandidates(ctx: Ctx, placeId: string, q: string | undefined): Promise<{ accountId: string; displayName: string; username: string }[]> {
  const bank = await bankFor(ctx, ctx.db, placeId, 'merit.manage');
  const pattern = q?.trim() ? containsPattern(q.trim()) : null;
  return queryRows(
    ctx.db,
    sql`select a.id as "accountId", a.display_name as "displayName", a.username from accounts a join places p on p.id = a.place_id
        where a.disabled_at is null and starts_with(p.path, ${bank.path}) ${pattern ? sql`and (a.display_name ilike ${pattern} or a.username ilike ${pattern})` : sql``}
        order by a.display_name, a.username limit 20`,
  );
}

/** Residents of the bank's place found by name: the office checks in someone who came to an activity without signing up. */
export async function findBankResidents(ctx: Ctx, placeId: string, q: string): Promise<{ residentId: string; name: string; birthYear: number | null; household: string | null }[]> {
  const bank = await bankFor(ctx, ctx.db, placeId, 'merit.manage');
  if (!q.trim()) return [];
  return queryRows(
    ctx.db,
    sql`select r.id as "residentId", r.name, r.birth_year as "birthYear", h.number as household
        from residents r join places p on p.id = r.place_id left join households h on h.id = r.household_id
        where starts_with(p.path, ${bank.path}) and r.name ilike ${containsPattern(q.trim())}
        order by r.name, r.birth_year, r.id limit 20`,
  );
}

export async function getBank(ctx: Ctx, placeId: string): Promise<Bank & { bodies: Body[] }> {
  const bank = await bankFor(ctx, ctx.db, placeId, 'merit.read');
  return { ...bank, bodies: await bodiesOf(ctx.db, placeId) };
}

/** Who sits on a body: accounts, each of whom may then assess the bank's claims for that body. */
export async function setBodyMembers(ctx: Ctx, bodyId: string, accountIds: string[]): Promise<Body> {
  return ctx.db.transaction(async (tx) => {
    const [body] = await queryRows<{ placeId: string; path: string }>(
      tx,
      sql`select d.place_id as "placeId", p.path from merit_bodies d join places p on p.id = d.place_id where d.id = ${bodyId}`,
    );
    if (!body || !can(ctx.actor, 'merit.manage', body.path)) return fail('merit_body_not_found');
    const found = await queryRows<{ id: string }>(tx, sql`select id from accounts where id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(accountIds)}::jsonb) x)`);
    if (found.length !== accountIds.length) return fail('not_found');
    await tx.delete(meritBodyMembers).where(eq(meritBodyMembers.bodyId, bodyId));
    if (accountIds.length) await tx.insert(meritBodyMembers).values(accountIds.map((accountId) => ({ bodyId, accountId })));
    await recordAudit(tx, ctx, { action: 'merit.body.members', entityType: 'merit_body', entityId: bodyId, place: { id: body.placeId, path: body.path }, after: { accountIds } });
    return (await bodiesOf(tx, body.placeId)).find((b) => b.id === bodyId)!;
  });
}

/** The bodies of the bank the caller sits on. */
export async function membershipsOf(db: Executor, accountId: string | null, placeId: string): Promise<{ id: string; supervisory: boolean }[]> {
  if (!accountId) return [];
  return queryRows(db, sql`select d.id, d.supervisory from merit_bodies d join merit_body_members m on m.body_id = d.id where d.place_id = ${placeId} and m.account_id = ${accountId}`);
}

/** The bank a resident belongs to: the nearest place above (or at) his own that runs one. */
export async function bankOfResident(db: Executor, residentId: string): Promise<{ placeId: string; path: string } | null> {
  const [row] = await queryRows<{ placeId: string; path: string }>(
    db,
    sql`select b.place_id as "placeId", bp.path from residents r join places rp on rp.id = r.place_id
        join merit_banks b on true join places bp on bp.id = b.place_id
        where r.id = ${residentId} and starts_with(rp.path, bp.path) order by length(bp.path) desc limit 1`,
  );
  return row ?? null;
}
