import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, authorizeFilter, containsPattern, inScope } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, fail } from '../../platform/errors.js';
import { isWithin } from '../places/rules.js';
import { places } from '../places/schema.js';
import { requirePlace } from '../places/service.js';
import {
  ageGroup,
  type Gender,
  isViolation,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizePhone,
  parseIdNumber,
  prepareResidentFacts,
  type Residency,
  type VulnerableGroup,
} from './rules.js';
import { households, residents, type ResidentRow } from './schema.js';
import type { ResidentView, HouseholdView } from './views.js';

export interface ResidentInput {
  placeId: string;
  householdId?: string | null | undefined;
  householdRole?: string | null | undefined;
  name: string;
  gender?: Gender | null | undefined;
  birthYear?: number | null | undefined;
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
  residency: Residency;
  partyMember?: boolean | undefined;
  vulnerableGroups?: VulnerableGroup[] | undefined;
}

const residentColumns = {
  resident: residents,
  placeNameZh: places.nameZh,
  placeNameEn: places.nameEn,
  placePath: places.path,
  householdNumber: households.number,
};

type ResidentJoined = { resident: ResidentRow; placeNameZh: string; placeNameEn: string; placePath: string; householdNumber: string | null };

function present(row: ResidentJoined, currentYear: number): ResidentView {
  const r = row.resident;
  return {
    id: r.id,
    placeId: r.placeId,
    placeNameZh: row.placeNameZh,
    placeNameEn: row.placeNameEn,
    householdId: r.householdId,
    householdNumber: row.householdNumber,
    householdRole: r.householdRole,
    name: r.name,
    gender: r.gender,
    birthYear: r.birthYear,
    ageGroup: r.birthYear ? ageGroup(r.birthYear, currentYear) : null,
    phoneMasked: r.phoneMasked,
    idNumberMasked: r.idMasked,
    residency: r.residency,
    partyMember: r.partyMember,
    vulnerableGroups: r.vulnerableGroups,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a resident: never the phone or ID number, only their masks. */
const auditView = (r: Partial<ResidentRow>) => ({
  placeId: r.placeId,
  householdId: r.householdId,
  householdRole: r.householdRole,
  name: r.name,
  gender: r.gender,
  birthYear: r.birthYear,
  phoneMasked: r.phoneMasked,
  idMasked: r.idMasked,
  residency: r.residency,
  partyMember: r.partyMember,
  vulnerableGroups: r.vulnerableGroups,
});

function selectResidents(db: Executor, where: SQL | undefined) {
  return db
    .select(residentColumns)
    .from(residents)
    .innerJoin(places, eq(places.id, residents.placeId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(where)
    .$dynamic();
}

async function loadResident(db: Executor, id: string): Promise<ResidentJoined> {
  const [row] = await selectResidents(db, eq(residents.id, id));
  return row ?? fail('resident_not_found', { id });
}

/** The encrypted, hashed and masked columns for a phone and an ID number. */
function protectedColumns(ctx: Ctx, phone: string | null, idNumber: string | null) {
  return {
    phoneCipher: phone ? ctx.vault.seal(phone) : null,
    phoneHash: phone ? ctx.vault.blindIndex(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    idCipher: idNumber ? ctx.vault.seal(idNumber) : null,
    idHash: idNumber ? ctx.vault.blindIndex(idNumber) : null,
    idMasked: idNumber ? maskIdNumber(idNumber) : null,
  };
}

/** The household must lie in the resident's place or a place above it (a household at a building, its members there). */
async function checkHousehold(tx: Executor, householdId: string | null | undefined, placePath: string): Promise<void> {
  if (!householdId) return;
  const [row] = await tx
    .select({ path: places.path })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(eq(households.id, householdId));
  if (!row) fail('household_not_found', { id: householdId });
  if (!isWithin(placePath, row!.path)) fail('household_elsewhere');
}

async function writeOrExplain<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'residents_id_hash')) return fail('id_number_taken');
    throw error;
  }
}

/** Creates a resident inside the caller's transaction (the importer puts thousands in one). */
export async function createResidentIn(tx: Executor, ctx: Ctx, input: ResidentInput): Promise<string> {
  const place = await requirePlace(tx, input.placeId);
  authorize(ctx, 'people.write', place.path);
  const facts = prepareResidentFacts(input, ctx.now().getFullYear());
  if (isViolation(facts)) throw new AppError(facts.code, 'details' in facts ? facts.details : undefined);
  await checkHousehold(tx, input.householdId, place.path);
  const values = {
    placeId: place.id,
    householdId: input.householdId ?? null,
    householdRole: input.householdRole ?? null,
    name: facts.name,
    gender: facts.gender,
    birthYear: facts.birthYear,
    ...protectedColumns(ctx, facts.phone, facts.idNumber),
    residency: input.residency,
    partyMember: input.partyMember ?? false,
    vulnerableGroups: [...new Set(input.vulnerableGroups ?? [])].sort(),
  };
  const [row] = await writeOrExplain(() => tx.insert(residents).values(values).returning({ id: residents.id }));
  await recordAudit(tx, ctx, {
    action: 'resident.create',
    entityType: 'resident',
    entityId: row!.id,
    place: { id: place.id, path: place.path },
    after: auditView(values),
  });
  return row!.id;
}

export async function createResident(ctx: Ctx, input: ResidentInput): Promise<ResidentView> {
  const id = await ctx.db.transaction((tx) => createResidentIn(tx, ctx, input));
  return getResident(ctx, id);
}

export async function getResident(ctx: Ctx, id: string): Promise<ResidentView> {
  const row = await loadResident(ctx.db, id);
  authorize(ctx, 'people.read', row.placePath);
  return present(row, ctx.now().getFullYear());
}

export type ResidentPatch = Partial<ResidentInput>;

export async function updateResident(ctx: Ctx, id: string, patch: ResidentPatch): Promise<ResidentView> {
  await ctx.db.transaction(async (tx) => {
    const current = await loadResident(tx, id);
    authorize(ctx, 'people.write', current.placePath);
    const place = patch.placeId && patch.placeId !== current.resident.placeId ? await requirePlace(tx, patch.placeId) : null;
    if (place) authorize(ctx, 'people.write', place.path);
    const r = current.resident;
    // Facts not in the patch keep their stored values, and a new birth year or gender is still
    // checked against the ID number on file; a new ID number supplies both unless they are given.
    const idNumber = patch.idNumber !== undefined ? patch.idNumber : r.idCipher ? ctx.vault.open(r.idCipher) : null;
    const facts = prepareResidentFacts(
      {
        name: patch.name ?? r.name,
        gender: patch.gender !== undefined ? patch.gender : patch.idNumber ? null : r.gender,
        birthYear: patch.birthYear !== undefined ? patch.birthYear : patch.idNumber ? null : r.birthYear,
        phone: patch.phone ?? null,
        idNumber,
      },
      ctx.now().getFullYear(),
    );
    if (isViolation(facts)) throw new AppError(facts.code, 'details' in facts ? facts.details : undefined);
    const householdId = patch.householdId !== undefined ? patch.householdId : r.householdId;
    await checkHousehold(tx, householdId, place?.path ?? current.placePath);
    const next = {
      placeId: place?.id ?? r.placeId,
      householdId,
      householdRole: patch.householdRole !== undefined ? patch.householdRole : r.householdRole,
      name: facts.name,
      gender: facts.gender,
      birthYear: facts.birthYear,
      residency: patch.residency ?? r.residency,
      partyMember: patch.partyMember ?? r.partyMember,
      vulnerableGroups: patch.vulnerableGroups ? [...new Set(patch.vulnerableGroups)].sort() : r.vulnerableGroups,
      updatedAt: ctx.now(),
    };
    const phone = patch.phone === undefined ? {} : pick(protectedColumns(ctx, facts.phone, null), 'phone');
    const idColumns = patch.idNumber === undefined ? {} : pick(protectedColumns(ctx, null, facts.idNumber), 'id');
    await writeOrExplain(() => tx.update(residents).set({ ...next, ...phone, ...idColumns }).where(eq(residents.id, id)));
    await recordAudit(tx, ctx, {
      action: 'resident.update',
      entityType: 'resident',
      entityId: id,
      place: { id: next.placeId, path: place?.path ?? current.placePath },
      before: auditView(r),
      after: auditView({ ...r, ...next, ...phone, ...idColumns }),
    });
  });
  return getResident(ctx, id);
}

function pick<T extends Record<string, unknown>>(columns: T, prefix: 'phone' | 'id'): Partial<T> {
  return Object.fromEntries(Object.entries(columns).filter(([key]) => key.startsWith(prefix))) as Partial<T>;
}

export async function deleteResident(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await loadResident(tx, id);
    authorize(ctx, 'people.write', current.placePath);
    await tx.delete(residents).where(eq(residents.id, id));
    await recordAudit(tx, ctx, {
      action: 'resident.delete',
      entityType: 'resident',
      entityId: id,
      place: { id: current.resident.placeId, path: current.placePath },
      before: auditView(current.resident),
    });
  });
}

/** The full phone or ID number for someone whose work needs it; every look is on the audit log. */
export async function revealResident(ctx: Ctx, id: string, field: 'phone' | 'idNumber'): Promise<string | null> {
  return ctx.db.transaction(async (tx) => {
    const current = await loadResident(tx, id);
    authorize(ctx, field === 'phone' ? 'people.revealPhone' : 'people.revealIdNumber', current.placePath);
    const cipher = field === 'phone' ? current.resident.phoneCipher : current.resident.idCipher;
    await recordAudit(tx, ctx, {
      action: `resident.reveal_${field === 'phone' ? 'phone' : 'id_number'}`,
      entityType: 'resident',
      entityId: id,
      place: { id: current.resident.placeId, path: current.placePath },
      // Whose number was looked at, readable in the log without a second lookup (the name masked).
      after: { name: maskName(current.resident.name) },
    });
    return cipher ? ctx.vault.open(cipher) : null;
  });
}

export interface ResidentQuery {
  placeId?: string | undefined;
  householdId?: string | undefined;
  q?: string | undefined;
  residency?: Residency | undefined;
  vulnerableGroup?: VulnerableGroup | undefined;
  partyMember?: boolean | undefined;
  limit: number;
  offset: number;
}

/**
 * Residents in the actor's scope. A search text that is a phone or ID number finds the
 * resident through its keyed hash; any other text matches names.
 */
/** The condition "in this place's subtree", for a list the caller narrowed to a place. */
async function underPlace(ctx: Ctx, placeId: string): Promise<SQL> {
  const place = await requirePlace(ctx.db, placeId);
  authorizeFilter(ctx, 'people.read', place.path);
  return like(places.path, `${place.path}%`);
}

export async function listResidents(ctx: Ctx, query: ResidentQuery): Promise<{ items: ResidentView[]; total: number }> {
  const conditions: (SQL | undefined)[] = [inScope(ctx, 'people.read', places.path)];
  if (query.placeId) conditions.push(await underPlace(ctx, query.placeId));
  if (query.householdId) conditions.push(eq(residents.householdId, query.householdId));
  if (query.residency) conditions.push(eq(residents.residency, query.residency));
  if (query.partyMember !== undefined) conditions.push(eq(residents.partyMember, query.partyMember));
  if (query.vulnerableGroup) conditions.push(sql`${query.vulnerableGroup} = any(${residents.vulnerableGroups})`);
  if (query.q) {
    const text = query.q.trim();
    const phone = normalizePhone(text);
    const idNumber = parseIdNumber(text);
    if (phone) conditions.push(eq(residents.phoneHash, ctx.vault.blindIndex(phone)));
    else if (idNumber) conditions.push(eq(residents.idHash, ctx.vault.blindIndex(idNumber.normalized)));
    else conditions.push(ilike(residents.name, containsPattern(text)));
  }
  const where = and(...conditions);
  const rows = await selectResidents(ctx.db, where)
    .orderBy(asc(places.path), asc(households.number), asc(residents.name), asc(residents.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(residents)
    .innerJoin(places, eq(places.id, residents.placeId))
    .where(where);
  const year = ctx.now().getFullYear();
  return { items: rows.map((r) => present(r, year)), total: total?.n ?? 0 };
}

// Households

const memberCount = sql<number>`(select count(*)::int from ${residents} where ${residents.householdId} = ${households.id})`;
const householdColumns = {
  id: households.id,
  placeId: households.placeId,
  placeNameZh: places.nameZh,
  placeNameEn: places.nameEn,
  placePath: places.path,
  number: households.number,
  address: households.address,
  memberCount,
};

async function loadHousehold(db: Executor, id: string) {
  const [row] = await db.select(householdColumns).from(households).innerJoin(places, eq(places.id, households.placeId)).where(eq(households.id, id));
  return row ?? fail('household_not_found', { id });
}

const withoutPath = <T extends { placePath: string }>({ placePath: _, ...rest }: T) => rest;

async function householdWrite<T>(number: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'households_number_in_place')) return fail('household_number_taken', { number });
    throw error;
  }
}

export interface HouseholdInput {
  placeId: string;
  number: string;
  address: string;
}

export async function createHouseholdIn(tx: Executor, ctx: Ctx, input: HouseholdInput): Promise<string> {
  const place = await requirePlace(tx, input.placeId);
  authorize(ctx, 'people.write', place.path);
  const values = { placeId: place.id, number: input.number.trim(), address: input.address.trim() };
  const [row] = await householdWrite(values.number, () => tx.insert(households).values(values).returning({ id: households.id }));
  await recordAudit(tx, ctx, { action: 'household.create', entityType: 'household', entityId: row!.id, place, after: values });
  return row!.id;
}

export async function createHousehold(ctx: Ctx, input: HouseholdInput): Promise<HouseholdView> {
  const id = await ctx.db.transaction((tx) => createHouseholdIn(tx, ctx, input));
  return getHousehold(ctx, id);
}

export async function getHousehold(ctx: Ctx, id: string): Promise<HouseholdView> {
  const row = await loadHousehold(ctx.db, id);
  authorize(ctx, 'people.read', row.placePath);
  return withoutPath(row);
}

export async function updateHousehold(ctx: Ctx, id: string, patch: Partial<HouseholdInput>): Promise<HouseholdView> {
  await ctx.db.transaction(async (tx) => {
    const current = await loadHousehold(tx, id);
    authorize(ctx, 'people.write', current.placePath);
    const place = patch.placeId && patch.placeId !== current.placeId ? await requirePlace(tx, patch.placeId) : null;
    if (place) {
      authorize(ctx, 'people.write', place.path);
      // Members must stay within the household's place.
      const outside = await tx
        .select({ n: count() })
        .from(residents)
        .innerJoin(places, eq(places.id, residents.placeId))
        .where(and(eq(residents.householdId, id), sql`not starts_with(${places.path}, ${place.path})`));
      if ((outside[0]?.n ?? 0) > 0) fail('household_elsewhere');
    }
    const next = {
      placeId: place?.id ?? current.placeId,
      number: patch.number?.trim() ?? current.number,
      address: patch.address?.trim() ?? current.address,
    };
    await householdWrite(next.number, () => tx.update(households).set({ ...next, updatedAt: ctx.now() }).where(eq(households.id, id)));
    await recordAudit(tx, ctx, {
      action: 'household.update',
      entityType: 'household',
      entityId: id,
      place: { id: next.placeId, path: place?.path ?? current.placePath },
      before: { placeId: current.placeId, number: current.number, address: current.address },
      after: next,
    });
  });
  return getHousehold(ctx, id);
}

export async function deleteHousehold(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await loadHousehold(tx, id);
    authorize(ctx, 'people.write', current.placePath);
    if (current.memberCount > 0) fail('household_not_empty');
    await tx.delete(households).where(eq(households.id, id));
    await recordAudit(tx, ctx, {
      action: 'household.delete',
      entityType: 'household',
      entityId: id,
      place: { id: current.placeId, path: current.placePath },
      before: { placeId: current.placeId, number: current.number, address: current.address },
    });
  });
}

export async function listHouseholds(
  ctx: Ctx,
  query: { placeId?: string | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ items: HouseholdView[]; total: number }> {
  const conditions: (SQL | undefined)[] = [inScope(ctx, 'people.read', places.path)];
  if (query.placeId) conditions.push(await underPlace(ctx, query.placeId));
  if (query.q) conditions.push(or(ilike(households.number, containsPattern(query.q)), ilike(households.address, containsPattern(query.q))));
  const where = and(...conditions);
  const rows = await ctx.db
    .select(householdColumns)
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(where)
    .orderBy(asc(places.path), asc(households.number))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await ctx.db.select({ n: count() }).from(households).innerJoin(places, eq(places.id, households.placeId)).where(where);
  return { items: rows.map(withoutPath), total: total?.n ?? 0 };
}

/**
 * A resident's own record and household, for the resident's home page. One's own data is
 * shown as the others see it (masked): the page may be open on a shared phone.
 */
export async function getOwnHousehold(ctx: Ctx): Promise<{ me: ResidentView; household: HouseholdView | null; members: ResidentView[] } | null> {
  if (!ctx.actor.residentId) return null;
  const year = ctx.now().getFullYear();
  const [me] = await selectResidents(ctx.db, eq(residents.id, ctx.actor.residentId));
  if (!me) return null;
  if (!me.resident.householdId) return { me: present(me, year), household: null, members: [] };
  const household = await loadHousehold(ctx.db, me.resident.householdId);
  const members = await selectResidents(ctx.db, eq(residents.householdId, household.id)).orderBy(asc(residents.birthYear));
  return { me: present(me, year), household: withoutPath(household), members: members.map((m) => present(m, year)) };
}

