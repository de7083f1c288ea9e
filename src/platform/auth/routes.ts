import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import { places } from '../../modules/places/schema.js';
import { ROLES, type Actor } from '../access.js';
import { ctxOf, SESSION_COOKIE } from '../http/access.js';
import { errors, Nullable, Ok, Text, Uuid } from '../http/schemas.js';
import { changeOwnPassword, login, logout } from './service.js';
import type { Deps } from '../context.js';

const Grant = Type.Object({
  role: Type.Enum([...ROLES]),
  placeId: Nullable(Uuid),
  placePath: Type.String(),
  placeNameZh: Nullable(Type.String()),
  placeNameEn: Nullable(Type.String()),
});
const Me = Type.Object({
  accountId: Nullable(Uuid),
  username: Type.String(),
  displayName: Type.String(),
  residentId: Nullable(Uuid),
  grants: Type.Array(Grant),
});

/** The logged-in account as the web app needs it: roles with the names of their places. */
async function describe(deps: Deps, actor: Actor) {
  const ids = actor.grants.map((g) => g.placeId).filter((id): id is string => id !== null);
  const names = ids.length
    ? await deps.db.select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn }).from(places).where(inArray(places.id, ids))
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  return {
    accountId: actor.accountId,
    username: actor.username,
    displayName: actor.displayName,
    residentId: actor.residentId,
    grants: actor.grants.map((g) => ({
      ...g,
      placeNameZh: g.placeId ? (byId.get(g.placeId)?.nameZh ?? null) : null,
      placeNameEn: g.placeId ? (byId.get(g.placeId)?.nameEn ?? null) : null,
    })),
  };
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const cookieOptions = {
    signed: true,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.config.cookieSecure,
    path: '/',
  };

  app.get(
    '/api/auth/csrf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'A CSRF token to send as x-csrf-token with every state-changing browser request',
        response: { 200: Type.Object({ token: Type.String() }) },
      },
    },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Who is logged in (null when nobody)', response: { 200: Type.Object({ me: Nullable(Me) }) } },
    },
    async (request) => ({ me: request.actor ? await describe(deps, request.actor) : null }),
  );

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        csrfWithoutSession: true,
        rateLimit: {
          max: deps.config.rateLimit.loginPerMinute,
          timeWindow: 60_000,
          // After the body is parsed, so the key can name the username.
          hook: 'preValidation',
          // Per address and username: one attacker cannot lock everybody out of logging in from an office NAT.
          keyGenerator: (request) => `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '')}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie',
        body: Type.Object({ username: Text(64), password: Text(256) }, { additionalProperties: false }),
        response: { 200: Type.Object({ me: Me }), ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const result = await login(deps, { ...request.body, requestId: request.id });
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: deps.config.session.maxDays * 86_400 });
      return { me: await describe(deps, result.actor) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End this session', response: { 200: Ok } },
    },
    async (request, reply) => {
      if (request.sessionToken) await logout(deps, request.sessionToken, request.actor!, request.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password; other sessions end',
        body: Type.Object({ currentPassword: Text(256), newPassword: Text(256) }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400) },
      },
    },
    async (request) => {
      await changeOwnPassword(ctxOf(request, deps), { ...request.body, keepSessionToken: request.sessionToken });
      return { ok: true as const };
    },
  );
};
