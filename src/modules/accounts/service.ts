import { and, asc, count, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { canGrantAt, EVERYWHERE, isDepartmentRole, type Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { accounts, apiTokens, roleGrants, sessions } from '../../platform/auth/schema.js';
import { assertPasswordAllowed, issueApiToken } from '../../platform/auth/service.js';
import { authorize, authorizeFilter, containsPattern, inScope } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { residents } from '../people/schema.js';
import { places } from '../places/schema.js';
import { departments } from '../departments/schema.js';
import { requirePlace } from '../places/service.js';
import { isValidUsername, normalizeUsername } from './rules.js';
import type { AccountView } from './views.js';

const grantPlaces = alias(places, 'grant_places');

/** Where an account belongs for its administrators: its home place, or the installation. */
const homePath = sql<string>`coalesce(${places.path}, ${EVERYWHERE})`;

async function loadAccounts(db: Executor, where: SQL | undefined, page?: { limit: number; offset: number }): Promise<(AccountView & { homePath: string })[]> {
  let query = db
    .select({ account: accounts, placeNameZh: places.nameZh, placeNameEn: places.nameEn, homePath, residentName: residents.name })
    .from(accounts)
    .leftJoin(places, eq(places.id, accounts.placeId))
    .leftJoin(residents, eq(residents.id, accounts.residentId))
    .where(where)
    .orderBy(asc(accounts.username))
    .$dynamic();
  if (page) query = query.limit(page.limit).offset(page.offset);
  const rows = await query;
  const ids = rows.map((r) => r.account.id);
  const grants = ids.length
    ? await db
        .select({ grant: roleGrants, placeNameZh: grantPlaces.nameZh, placeNameEn: grantPlaces.nameEn, departmentCode: departments.code })
        .from(roleGrants)
        .leftJoin(grantPlaces, eq(grantPlaces.id, roleGrants.placeId))
        .leftJoin(departments, eq(departments.id, roleGrants.departmentId))
        .where(inArray(roleGrants.accountId, ids))
        .orderBy(asc(roleGrants.createdAt))
    : [];
  return rows.map(({ account: a, ...r }) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    placeId: a.placeId,
    placeNameZh: r.placeNameZh,
    placeNameEn: r.placeNameEn,
    residentId: a.residentId,
    residentName: r.residentName,
    disabled: a.disabledAt !== null,
    lockedUntil: a.lockedUntil?.toISOString() ?? null,
    failedLogins: a.failedLogins,
    createdAt: a.createdAt.toISOString(),
    homePath: r.homePath,
    grants: grants
      .filter((g) => g.grant.accountId === a.id)
      .map((g) => ({
        id: g.grant.id,
        role: g.grant.role,
        placeId: g.grant.placeId,
        placeNameZh: g.placeNameZh,
        placeNameEn: g.placeNameEn,
        departmentId: g.grant.departmentId,
        departmentCode: g.departmentCode,
      })),
  }));
}

async function loadAccount(db: Executor, id: string) {
  const [row] = await loadAccounts(db, eq(accounts.id, id));
  return row ?? fail('not_found', { id });
}

const withoutHome = <T extends { homePath: string }>({ homePath: _, ...rest }: T) => rest;
const auditPlace = (a: { placeId: string | null; homePath: string }) => (a.placeId ? { id: a.placeId, path: a.homePath } : null);

export async function getAccount(ctx: Ctx, id: string): Promise<AccountView> {
  const account = await loadAccount(ctx.db, id);
  authorize(ctx, 'accounts.read', account.homePath);
  return withoutHome(account);
}

export async function listAccounts(
  ctx: Ctx,
  query: { q?: string | undefined; placeId?: string | undefined; role?: Role | undefined; limit: number; offset: number },
): Promise<{ items: AccountView[]; total: number }> {
  const conditions: (SQL | undefined)[] = [inScope(ctx, 'accounts.read', homePath)];
  if (query.q) conditions.push(or(ilike(accounts.username, containsPattern(query.q)), ilike(accounts.displayName, containsPattern(query.q))));
  if (query.placeId) {
    const place = await requirePlace(ctx.db, query.placeId);
    authorizeFilter(ctx, 'accounts.read', place.path); // another county is an error, as for residents, not an empty page
    conditions.push(like(places.path, `${place.path}%`));
  }
  if (query.role) {
    conditions.push(sql`exists (select 1 from ${roleGrants} where ${roleGrants.accountId} = ${accounts.id} and ${roleGrants.role} = ${query.role})`);
  }
  const where = and(...conditions);
  const items = await loadAccounts(ctx.db, where, query);
  const [total] = await ctx.db.select({ n: count() }).from(accounts).leftJoin(places, eq(places.id, accounts.placeId)).where(where);
  return { items: items.map(withoutHome), total: total?.n ?? 0 };
}

export interface AccountInput {
  username: string;
  displayName: string;
  password: string;
  placeId?: string | null | undefined;
  residentId?: string | null | undefined;
  grants?: GrantInput[] | undefined;
}

async function placePathOf(tx: Executor, placeId: string | null | undefined): Promise<{ id: string; path: string } | null> {
  if (!placeId) return null;
  const place = await requirePlace(tx, placeId);
  return { id: place.id, path: place.path };
}

/** A resident linked to an account must be one the administrator may see. */
async function checkResident(tx: Executor, ctx: Ctx, residentId: string | null | undefined): Promise<void> {
  if (!residentId) return;
  const [row] = await tx
    .select({ path: places.path })
    .from(residents)
    .innerJoin(places, eq(places.id, residents.placeId))
    .where(eq(residents.id, residentId));
  if (!row) fail('resident_not_found', { id: residentId });
  authorize(ctx, 'accounts.write', row!.path);
}

export async function createAccountIn(tx: Executor, ctx: Ctx, input: AccountInput): Promise<string> {
  const username = normalizeUsername(input.username);
  if (!isValidUsername(username)) fail('validation_failed', { errors: [{ in: 'body', path: '/username', rule: 'pattern', message: 'username' }] });
  const home = await placePathOf(tx, input.placeId);
  authorize(ctx, 'accounts.write', home?.path ?? EVERYWHERE);
  await checkResident(tx, ctx, input.residentId);
  assertPasswordAllowed(input.password, username);
  const values = {
    username,
    displayName: input.displayName.trim(),
    placeId: home?.id ?? null,
    residentId: input.residentId ?? null,
    passwordHash: await hashPassword(input.password),
  };
  let id: string;
  try {
    // A savepoint: on PostgreSQL a failed insert would otherwise spoil the caller's transaction.
    const [row] = await tx.transaction((inner) => inner.insert(accounts).values(values).returning({ id: accounts.id }));
    id = row!.id;
  } catch (error) {
    if (isUniqueViolation(error, 'accounts_username_unique')) return fail('username_taken');
    if (isUniqueViolation(error, 'accounts_residentId_unique')) return fail('conflict', { field: 'residentId' });
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: 'account.create',
    entityType: 'account',
    entityId: id,
    place: home,
    after: { username, displayName: values.displayName, placeId: values.placeId, residentId: values.residentId },
  });
  for (const grant of input.grants ?? []) await grantRoleIn(tx, ctx, id, grant);
  return id;
}

export async function createAccount(ctx: Ctx, input: AccountInput): Promise<AccountView> {
  const id = await ctx.db.transaction((tx) => createAccountIn(tx, ctx, input));
  return getAccount(ctx, id);
}

export interface AccountPatch {
  displayName?: string | undefined;
  placeId?: string | null | undefined;
  residentId?: string | null | undefined;
  disabled?: boolean | undefined;
  /** Clears a lockout after failed logins. */
  unlock?: boolean | undefined;
}

export async function updateAccount(ctx: Ctx, id: string, patch: AccountPatch): Promise<AccountView> {
  await ctx.db.transaction(async (tx) => {
    const current = await loadAccount(tx, id);
    authorize(ctx, 'accounts.write', current.homePath);
    const home = patch.placeId !== undefined ? await placePathOf(tx, patch.placeId) : auditPlace(current);
    if (patch.placeId !== undefined) authorize(ctx, 'accounts.write', home?.path ?? EVERYWHERE);
    if (patch.residentId !== undefined) await checkResident(tx, ctx, patch.residentId);
    if (patch.disabled && id === ctx.actor.accountId) fail('forbidden', { reason: 'self' });
    const set: Partial<typeof accounts.$inferInsert> = { updatedAt: ctx.now() };
    if (patch.displayName !== undefined) set.displayName = patch.displayName.trim();
    if (patch.placeId !== undefined) set.placeId = home?.id ?? null;
    if (patch.residentId !== undefined) set.residentId = patch.residentId;
    if (patch.disabled !== undefined) set.disabledAt = patch.disabled ? ctx.now() : null;
    if (patch.unlock) Object.assign(set, { lockedUntil: null, failedLogins: 0 });
    try {
      await tx.transaction((inner) => inner.update(accounts).set(set).where(eq(accounts.id, id)));
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_residentId_unique')) return fail('conflict', { field: 'residentId' });
      throw error;
    }
    if (patch.disabled) await tx.delete(sessions).where(eq(sessions.accountId, id));
    await recordAudit(tx, ctx, {
      action: 'account.update',
      entityType: 'account',
      entityId: id,
      place: home,
      before: { displayName: current.displayName, placeId: current.placeId, residentId: current.residentId, disabled: current.disabled, lockedUntil: current.lockedUntil },
      after: { ...patch },
    });
  });
  return getAccount(ctx, id);
}

/** An administrator sets a new password; every session of the account ends. */
export async function resetPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await loadAccount(tx, id);
    authorize(ctx, 'accounts.write', current.homePath);
    assertPasswordAllowed(password, current.username);
    await tx
      .update(accounts)
      .set({ passwordHash: await hashPassword(password), passwordChangedAt: ctx.now(), lockedUntil: null, failedLogins: 0, updatedAt: ctx.now() })
      .where(eq(accounts.id, id));
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await recordAudit(tx, ctx, { action: 'account.password_reset', entityType: 'account', entityId: id, place: auditPlace(current) });
  });
}

export interface GrantInput {
  role: Role;
  placeId: string | null;
  /** Department staff and heads work for one department of the city the grant lies in. */
  departmentId?: string | null | undefined;
}

async function checkGrantDepartment(tx: Executor, grant: GrantInput, placePath: string): Promise<void> {
  if (!grant.departmentId) return;
  if (!isDepartmentRole(grant.role)) fail('grant_department_invalid');
  const [row] = await tx
    .select({ cityPath: places.path })
    .from(departments)
    .innerJoin(places, eq(places.id, departments.placeId))
    .where(eq(departments.id, grant.departmentId));
  if (!row) fail('department_not_found');
  // The department's city must contain the granted place: a Shenzhen bureau's staff work in Shenzhen.
  if (!placePath.startsWith(row!.cityPath)) fail('grant_department_invalid');
}

async function grantRoleIn(tx: Executor, ctx: Ctx, accountId: string, grant: GrantInput): Promise<string> {
  const place = await placePathOf(tx, grant.placeId);
  if (!canGrantAt(ctx.actor, place?.path ?? EVERYWHERE)) fail('grant_outside_scope');
  await checkGrantDepartment(tx, grant, place?.path ?? EVERYWHERE);
  const [existing] = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.accountId, accountId), eq(roleGrants.role, grant.role), grant.placeId ? eq(roleGrants.placeId, grant.placeId) : isNull(roleGrants.placeId)));
  if (existing) return existing.id;
  const [row] = await tx
    .insert(roleGrants)
    .values({ accountId, role: grant.role, placeId: grant.placeId, departmentId: grant.departmentId ?? null, grantedBy: ctx.actor.accountId })
    .returning({ id: roleGrants.id });
  await recordAudit(tx, ctx, { action: 'account.grant', entityType: 'account', entityId: accountId, place, after: grant });
  return row!.id;
}

export async function grantRole(ctx: Ctx, accountId: string, grant: GrantInput): Promise<AccountView> {
  await ctx.db.transaction(async (tx) => {
    const account = await loadAccount(tx, accountId);
    authorize(ctx, 'accounts.write', account.homePath);
    await grantRoleIn(tx, ctx, accountId, grant);
  });
  return getAccount(ctx, accountId);
}

export async function revokeGrant(ctx: Ctx, accountId: string, grantId: string): Promise<AccountView> {
  await ctx.db.transaction(async (tx) => {
    const account = await loadAccount(tx, accountId);
    authorize(ctx, 'accounts.write', account.homePath);
    const grant = account.grants.find((g) => g.id === grantId) ?? fail('grant_not_found', { id: grantId });
    const place = await placePathOf(tx, grant.placeId);
    if (!canGrantAt(ctx.actor, place?.path ?? EVERYWHERE)) fail('grant_outside_scope');
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await recordAudit(tx, ctx, { action: 'account.revoke', entityType: 'account', entityId: accountId, place, before: { role: grant.role, placeId: grant.placeId } });
  });
  return getAccount(ctx, accountId);
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revoked: boolean;
}

export async function listTokens(ctx: Ctx, accountId: string): Promise<TokenView[]> {
  const account = await loadAccount(ctx.db, accountId);
  authorize(ctx, 'accounts.read', account.homePath);
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, accountId)).orderBy(asc(apiTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revoked: t.revokedAt !== null,
  }));
}

export async function createToken(ctx: Ctx, accountId: string, input: { name: string; expiresInDays?: number | undefined }): Promise<{ id: string; token: string }> {
  return ctx.db.transaction(async (tx) => {
    const account = await loadAccount(tx, accountId);
    authorize(ctx, 'accounts.write', account.homePath);
    const expiresAt = input.expiresInDays ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000) : null;
    const issued = await issueApiToken(tx, accountId, { name: input.name.trim(), expiresAt });
    await recordAudit(tx, ctx, {
      action: 'account.token_create',
      entityType: 'account',
      entityId: accountId,
      place: auditPlace(account),
      after: { tokenId: issued.id, name: input.name, prefix: issued.prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id: issued.id, token: issued.token };
  });
}

export async function revokeToken(ctx: Ctx, accountId: string, tokenId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const account = await loadAccount(tx, accountId);
    authorize(ctx, 'accounts.write', account.homePath);
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) fail('token_not_found', { id: tokenId });
    await recordAudit(tx, ctx, { action: 'account.token_revoke', entityType: 'account', entityId: accountId, place: auditPlace(account), after: { tokenId } });
  });
}
