import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { Client, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';
import { databaseFingerprint, nextTransactionId } from './support/fingerprint.js';
import { idsUnder, sourceFor } from './support/objects.js';
import { fillPath, isApiRoute, queryString, type RouteSpec, routeTable } from './support/openapi.js';
import { fuzzBody, HOSTILE_TEXT, hostileValue, validValue } from './support/schema-values.js';

/** Requests per route; FUZZ_RUNS=500 for a long hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** A fixed seed in CI so a failure can be replayed; FUZZ_SEED=random for a new one each run. */
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261123);

/** Bodies that are not JSON at all, or JSON that parsers choke on. */
const RAW_BODIES = ['{"a":', '[', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '['.repeat(5000) + ']'.repeat(5000), '\u0000', 'null', '"text"', '1e999', '{"a":1,"a":2}'];

const STACK = /\bat .*\.(ts|js|mjs|cjs):\d+|node_modules|\/src\/|Error: /;

/**
 * Every API route, called with bodies, queries and path ids generated from its own schema
 * (valid, spoiled and hostile): no answer is a 500 or shows a stack, every refusal has the one
 * error shape, and a refused request leaves every table as it was.
 */
describe('fuzzing every route from its schema', () => {
  let t: TestApp;
  let routes: RouteSpec[];
  const callers = new Map<string, Client>();
  const realIds = new Map<string, string[]>();
  /** The tables as the last accepted change left them. */
  let known: Record<string, string>;

  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_LOGIN_PER_MINUTE: '10000', RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000', BODY_LIMIT_BYTES: '65536' });
    // Logging out, or fuzzing the administrator's own account, would end the walk rather than test anything.
    routes = (await routeTable(t.app)).filter((r) => isApiRoute(r) && r.key !== 'POST /api/auth/logout');
    callers.set('administrator', await loginAs(t.app, 'admin'));
    callers.set('dispatcher', await loginAs(t.app, 'dispatcher'));
    callers.set('resident', await loginAs(t.app, 'resident'));
    callers.set('anonymous', new Client(t.app));
    const [self] = await queryRows<{ id: string }>(t.deps.db, sql`select id from accounts where username = 'admin'`);
    for (const route of routes) {
      for (const param of route.pathParams) {
        const source = sourceFor(route.path, param);
        const key = `${route.path}:${param}`;
        if (!source || realIds.has(key)) continue;
        const notAdmin = source.table === 'accounts' ? sql`t.id <> ${self!.id}` : source.table === 'role_grants' || source.table === 'api_tokens' ? sql`t.account_id <> ${self!.id}` : undefined;
        realIds.set(key, await idsUnder(t.deps.db, source, '/', notAdmin, 10));
      }
    }
    known = await databaseFingerprint(t.deps.db);
  });
  afterAll(() => t.close());

  function requestArbitrary(route: RouteSpec) {
    const params = fc.record(
      Object.fromEntries(
        route.pathParams.map((p) => {
          const real = realIds.get(`${route.path}:${p}`) ?? [];
          return [p, fc.oneof(...(real.length ? [{ weight: 4, arbitrary: fc.constantFrom(...real) }] : []), { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT.filter((s) => s !== '')) })];
        }),
      ),
    );
    const query = fc.oneof(
      fc.record(Object.fromEntries(Object.entries(route.query).map(([name, schema]) => [name, validValue(schema)])), { requiredKeys: route.requiredQuery }),
      fc.dictionary(fc.constantFrom(...Object.keys(route.query), 'extra', '__proto__'), hostileValue, { maxKeys: 3 }),
    );
    const body = route.body
      ? fc.oneof({ weight: 6, arbitrary: fuzzBody(route.body).map((json) => ({ json })) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ raw })) })
      : fc.constant({ json: undefined as unknown });
    const caller = fc.constantFrom('administrator', 'administrator', 'administrator', 'dispatcher', 'resident', 'anonymous');
    return fc.record({ params, query, body, caller });
  }

  async function send(route: RouteSpec, request: { params: Record<string, string>; query: Record<string, unknown>; body: { json?: unknown; raw?: string }; caller: string }) {
    const client = callers.get(request.caller)!;
    const url = fillPath(route.path, request.params) + queryString(request.query);
    const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
    const headers = { 'idempotency-key': `fuzz-${Math.random()}`, ...(request.body.raw !== undefined ? { 'content-type': 'application/json' } : {}) };
    const payload = request.body.raw ?? (request.body.json === undefined ? {} : JSON.stringify(request.body.json));
    return client.request(route.method, url, hasBody ? payload : undefined, hasBody && request.body.raw === undefined ? { ...headers, 'content-type': 'application/json' } : headers);
  }

  function assertSafe(route: RouteSpec, response: LightMyRequestResponse) {
    const where = `${route.key} → ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, where).toBeLessThan(500);
    expect(response.body, where).not.toMatch(STACK);
    if (response.statusCode >= 400) {
      const { error } = response.json<{ error: { code: string; message: string } }>();
      expect(error.code, where).toMatch(/^[a-z0-9_]+$/);
      expect(error.message.length, where).toBeGreaterThan(3);
    }
  }

  /** Answers by route and code, to show the fuzzing gets past validation into the use cases. */
  const answers = new Map<string, Set<string>>();

  it('covers every route the API serves, and notices a change when there is one', async () => {
    expect(routes.length).toBeGreaterThan(60);
    const xid = await nextTransactionId(t.deps.db);
    const admin = callers.get('administrator')!;
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const made = await admin.post('/api/places', { parentId: zhaoshang.id, level: 'community', code: 'PROBE', nameZh: '探针社区', nameEn: 'Probe' });
    expect(made.statusCode, made.body).toBe(201);
    expect(await nextTransactionId(t.deps.db)).not.toBe(xid);
    const now = await databaseFingerprint(t.deps.db);
    expect(Object.keys(now).filter((table) => now[table] !== known[table]).sort()).toEqual(['audit_log', 'places']);
    known = now;
  });

  it.each([0, 1, 2, 3])('answers random and hostile requests without a 500 or a stack, and changes nothing when refusing (part %i)', { timeout: 120_000 }, async (part) => {
    // Four parts so that a slow engine still reports progress; each takes every fourth route.
    for (const route of routes.filter((_, i) => i % 4 === part)) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route), async (request) => {
          const xid = await nextTransactionId(t.deps.db);
          const response = await send(route, request);
          assertSafe(route, response);
          const code = response.statusCode >= 400 ? response.json<{ error: { code: string } }>().error.code : String(response.statusCode);
          answers.set(route.key, (answers.get(route.key) ?? new Set()).add(code));
          if (response.statusCode >= 400) {
            if ((await nextTransactionId(t.deps.db)) !== xid) {
              const now = await databaseFingerprint(t.deps.db);
              const changed = Object.keys(now).filter((table) => now[table] !== known[table]);
              expect(changed, `${route.key} refused (${response.statusCode} ${response.body.slice(0, 200)}) yet changed`).toEqual([]);
            }
          } else if (route.method !== 'GET') {
            known = await databaseFingerprint(t.deps.db); // an accepted change is the new normal
          }
        }),
        { numRuns: RUNS, seed: SEED + route.key.length, endOnFailure: true },
      );
    }
  });

  it('got past validation on most routes: some requests were accepted or refused by the use case itself', () => {
    const reached = [...answers].filter(([, codes]) => [...codes].some((c) => !['validation_failed', 'malformed_json', 'unauthenticated', 'forbidden', 'csrf_invalid', 'url_invalid', 'payload_too_large', 'unsupported_media_type'].includes(c)));
    expect(reached.length / answers.size).toBeGreaterThan(0.6);
  });
});
