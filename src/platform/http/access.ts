import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Locale } from '../../config.js';
import { type Actor, holdsAnywhere, type Permission } from '../access.js';
import { resolveApiToken, resolveSession } from '../auth/service.js';
import type { Ctx, Deps } from '../context.js';
import { negotiateLocale } from '../i18n.js';
import { AppError } from '../errors.js';
import { sendError } from './errors.js';

/**
 * Every API route states who may call it, in its options: `config: { access: … }`.
 * - 'public': anyone, logged in or not;
 * - 'authenticated': any logged-in account;
 * - { permission }: an account holding the permission on some place; which place the call
 *   touches is then checked by the use case against the same permission.
 * A route under /api without a rule stops the server from starting.
 */
export type Access = 'public' | 'authenticated' | { permission: Permission };

export const SESSION_COOKIE = 'tx_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Login: no session yet, but a browser form must still prove it came from our page. */
    csrfWithoutSession?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const needsRule = (url: string): boolean => url.startsWith('/api/') || url === '/api';

/** The use-case context of a request; refuses when nobody is logged in. */
export function ctxOf(request: FastifyRequest, deps: Deps): Ctx {
  if (!request.actor) throw new AppError('unauthenticated');
  return { ...deps, actor: request.actor, requestId: request.id };
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value : null;
}

async function identify(request: FastifyRequest, reply: FastifyReply, deps: Deps): Promise<void> {
  const token = bearer(request);
  if (token) {
    request.actor = await resolveApiToken(deps, token);
    return;
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return;
  const unsigned = reply.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return;
  request.actor = await resolveSession(deps, unsigned.value);
  if (request.actor) request.sessionToken = unsigned.value;
}

export const accessPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionToken', null);

  app.addHook('onRoute', (route) => {
    if (needsRule(route.url) && route.config?.access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language'], app.deps.config.defaultLocale);
    if (request.routeOptions.config.access === undefined) return; // not an API route: web pages, docs, health
    await identify(request, reply, app.deps);
    if (request.headers.authorization && !request.actor) return sendError(request, reply, 401, 'unauthenticated');
  });

  // Browsers send the session cookie by themselves: state changes made with it need the CSRF token too.
  app.addHook('onRequest', (request, reply, done) => {
    const cookieAuthenticated = request.sessionToken !== null;
    if (UNSAFE.has(request.method) && (cookieAuthenticated || request.routeOptions.config.csrfWithoutSession)) {
      app.csrfProtection(request, reply, done); // on failure it answers with an error and never calls done
    } else {
      done();
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const rule = request.routeOptions.config.access;
    if (rule === undefined || rule === 'public') return;
    if (!request.actor) return sendError(request, reply, 401, 'unauthenticated');
    if (rule !== 'authenticated' && !holdsAnywhere(request.actor, rule.permission)) return sendError(request, reply, 403, 'forbidden');
  });
});
