import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { gathered } from '../../db/gathering.js';
import { places } from '../../modules/places/schema.js';
import { type Actor, EVERYWHERE } from '../access.js';
import { recordAudit } from '../audit/service.js';
import type { Ctx, Deps } from '../context.js';
import { fail } from '../errors.js';
import { decoyHash, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { accounts, apiTokens, roleGrants, sessions, type AccountRow } from './schema.js';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

const randomToken = (): string => randomBytes(32).toString('base64url');

/** API tokens carry a recognisable prefix so that secret scanners and people can spot them. */
export const API_TOKEN_PREFIX = 'txn_';

interface GrantRow {
  role: Actor['grants'][number]['role'];
  placeId: string | null;
  /** null for a grant on the whole installation. */
  placePath: string | null;
  departmentId: string | null;
}

const actorFrom = (account: Pick<AccountRow, 'id' | 'username' | 'displayName' | 'residentId'>, grants: GrantRow[], via: Actor['via']): Actor => ({
  accountId: account.id,
  username: account.username,
  displayName: account.displayName,
  residentId: account.residentId,
  grants: grants.map((g) => ({ role: g.role, placeId: g.placeId, placePath: g.placePath ?? EVERYWHERE, departmentId: g.departmentId })),
  via,
});

/**
 * An account's grants with each granted place's current path, as one JSON column of the
 * account's row: a request's session and roles then cost one query, not two. The outer row is
 * named in full, since Drizzle would write a bare "id" that the subquery takes as its own.
 */
const grantsOfAccount = sql<GrantRow[]>`coalesce((
  select json_agg(json_build_object('role', g.role, 'placeId', g.place_id, 'placePath', p.path, 'departmentId', g.department_id))
  from ${roleGrants} g left join ${places} p on p.id = g.place_id
  where g.account_id = "accounts"."id"), '[]'::json)`;

/** The actor for an account: its grants with the current path of each granted place. */
export async function loadActor(db: Executor, account: Pick<AccountRow, 'id' | 'username' | 'displayName' | 'residentId'>, via: Actor['via']): Promise<Actor> {
  const [row] = await db.select({ grants: grantsOfAccount }).from(accounts).where(eq(accounts.id, account.id));
  return actorFrom(account, row?.grants ?? [], via);
}

/** The audit place of an account: its home place, or the installation. */
export async function accountPlace(db: Executor, account: Pick<AccountRow, 'placeId'>): Promise<{ id: string; path: string } | null> {
  if (!account.placeId) return null;
  const [row] = await db.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, account.placeId));
  return row ?? null;
}

const selfContext = (deps: Deps, actor: Actor, requestId: string | null): Ctx => ({ ...deps, actor, requestId });

export interface LoginResult {
  token: string;
  actor: Actor;
  expiresAt: Date;
}

/**
 * Checks a password and opens a session. Failures count towards a lockout; while locked,
 * even the right password is refused, and the answer says until when.
 */
export async function login(deps: Deps, input: { username: string; password: string; requestId: string | null }): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.username, username));
  if (!account) {
    await verifyPassword(await decoyHash(), input.password);
    return fail('invalid_credentials');
  }
  const now = deps.now();
  const actor = await loadActor(deps.db, account, 'session');
  const ctx = selfContext(deps, actor, input.requestId);
  const place = await accountPlace(deps.db, account);
  if (account.disabledAt) return fail('account_disabled');
  if (account.lockedUntil && account.lockedUntil > now) return fail('account_locked', { until: account.lockedUntil.toISOString() });

  if (!(await verifyPassword(account.passwordHash, input.password))) {
    const { maxFailures, minutes } = deps.config.lockout;
    const lockedUntil = await deps.db.transaction(async (tx) => {
      const [counted] = await tx
        .update(accounts)
        .set({ failedLogins: sql`${accounts.failedLogins} + 1` })
        .where(eq(accounts.id, account.id))
        .returning({ failedLogins: accounts.failedLogins });
      const failures = counted?.failedLogins ?? 1;
      const until = failures >= maxFailures ? new Date(now.getTime() + minutes * 60_000) : null;
      if (until) await tx.update(accounts).set({ lockedUntil: until, failedLogins: 0 }).where(eq(accounts.id, account.id));
      await recordAudit(tx, ctx, {
        action: until ? 'auth.lockout' : 'auth.login_failed',
        entityType: 'account',
        entityId: account.id,
        place,
        after: { failedLogins: until ? 0 : failures, lockedUntil: until?.toISOString() ?? null },
      });
      return until;
    });
    return lockedUntil ? fail('account_locked', { until: lockedUntil.toISOString() }) : fail('invalid_credentials');
  }

  const token = randomToken();
  const expiresAt = new Date(now.getTime() + deps.config.session.idleMinutes * 60_000);
  await deps.db.transaction(async (tx) => {
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, account.id));
    await tx.insert(sessions).values({ tokenHash: sha256(token), accountId: account.id, createdAt: now, lastSeenAt: now, expiresAt });
    await recordAudit(tx, ctx, { action: 'auth.login', entityType: 'account', entityId: account.id, place });
  });
  return { token, actor, expiresAt };
}

const sessionQuery = (db: Executor) =>
  db
    .select({ session: sessions, account: accounts, grants: grantsOfAccount })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(sql`${sessions.tokenHash} in (select jsonb_array_elements_text(${sql.placeholder('tokenHashes')}::jsonb))`, isNull(accounts.disabledAt)))
    .prepare('sessions_by_token');
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];
const sessionQueries = new WeakMap<Executor, ReturnType<typeof sessionQuery>>();

/** Built once per database and kept prepared in PostgreSQL. */
function sessionLookup(db: Executor): ReturnType<typeof sessionQuery> {
  let query = sessionQueries.get(db);
  if (!query) sessionQueries.set(db, (query = sessionQuery(db)));
  return query;
}

/** Every request of a logged-in browser looks its session up; requests arriving together, in one query. */
const lookUpSession = gathered<string, SessionRow | undefined>(async (db, tokenHashes) => {
  const rows = await sessionLookup(db).execute({ tokenHashes: JSON.stringify(tokenHashes) });
  const byHash = new Map(rows.map((row) => [row.session.tokenHash, row]));
  return tokenHashes.map((tokenHash) => byHash.get(tokenHash));
});

/**
 * The actor behind a session cookie, or null when the session is unknown, expired or its
 * account disabled. Activity slides the idle expiry, never past the absolute maximum.
 */
export async function resolveSession(deps: Deps, token: string): Promise<Actor | null> {
  const now = deps.now();
  const tokenHash = sha256(token);
  const row = await lookUpSession(deps.db, tokenHash);
  if (!row || row.session.expiresAt <= now) return null;
  // Write at most once a minute per session, not on every request.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    const { idleMinutes, maxDays } = deps.config.session;
    const hardLimit = row.session.createdAt.getTime() + maxDays * 86_400_000;
    const expiresAt = new Date(Math.min(now.getTime() + idleMinutes * 60_000, hardLimit));
    await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return actorFrom(row.account, row.grants, 'session');
}

export async function logout(deps: Deps, token: string, actor: Actor, requestId: string | null): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    if (actor.accountId) {
      await recordAudit(tx, selfContext(deps, actor, requestId), {
        action: 'auth.logout',
        entityType: 'account',
        entityId: actor.accountId,
        place: null,
      });
    }
  });
}

export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const now = deps.now();
  const [row] = await deps.db
    .select({ token: apiTokens, account: accounts, grants: grantsOfAccount })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        isNull(accounts.disabledAt),
      ),
    );
  if (!row) return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return actorFrom(row.account, row.grants, 'token');
}

/** A new token for an account; the plain value is returned once and never stored. */
export async function issueApiToken(
  tx: Executor,
  accountId: string,
  input: { name: string; expiresAt: Date | null },
): Promise<{ id: string; token: string; prefix: string }> {
  const token = API_TOKEN_PREFIX + randomToken();
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const [row] = await tx
    .insert(apiTokens)
    .values({ accountId, name: input.name, tokenHash: sha256(token), prefix, expiresAt: input.expiresAt })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token, prefix };
}

export function assertPasswordAllowed(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) fail('password_too_weak', { problems });
}

/** Changing one's own password ends every other session of the account. */
export async function changeOwnPassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string; keepSessionToken: string | null },
): Promise<void> {
  const accountId = ctx.actor.accountId ?? fail('unauthenticated');
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) return fail('unauthenticated');
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) return fail('password_wrong');
  assertPasswordAllowed(input.newPassword, account.username);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(accounts.id, accountId));
    const keep = input.keepSessionToken ? sha256(input.keepSessionToken) : '';
    await tx.delete(sessions).where(and(eq(sessions.accountId, accountId), sql`${sessions.tokenHash} <> ${keep}`));
    await recordAudit(tx, ctx, {
      action: 'account.password_change',
      entityType: 'account',
      entityId: accountId,
      place: await accountPlace(tx, account),
    });
  });
}
