import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { DEMO_LOGINS } from '../src/demo/seed.js';
import type { Role } from '../src/platform/access.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

type Allowed = 'public' | 'authenticated' | Role[];

const ADMIN: Role[] = ['administrator'];
const PEOPLE_READERS: Role[] = ['liaison', 'dispatcher', 'supervisor', 'administrator'];
const PEOPLE_WRITERS: Role[] = ['liaison', 'administrator'];
const STAFF: Role[] = ['liaison', 'dispatcher', 'department_staff', 'department_head', 'deputy', 'council_member', 'council_secretary', 'supervisor', 'administrator', 'official'];
const CASE_READERS: Role[] = ['liaison', 'dispatcher', 'department_staff', 'department_head', 'deputy', 'official', 'supervisor', 'administrator'];
const DISPATCHERS: Role[] = ['dispatcher', 'administrator'];
const DEPARTMENTS: Role[] = ['department_staff', 'department_head'];
const WHISTLERS: Role[] = ['official', 'administrator'];
const EVALUATORS: Role[] = ['dispatcher', 'department_head', 'official', 'supervisor', 'administrator'];

/**
 * Who may call each route, written out by hand from the roles rather than read back
 * from the code: a route added without a line here fails the test.
 */
const MATRIX: Record<string, Allowed> = {
  'GET /healthz': 'public',
  'GET /api/auth/csrf': 'public',
  'GET /api/auth/me': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'authenticated',
  'POST /api/auth/password': 'authenticated',
  'GET /api/places': 'public',
  'GET /api/places/{id}': 'public',
  'POST /api/places': ADMIN,
  'PATCH /api/places/{id}': ADMIN,
  'DELETE /api/places/{id}': ADMIN,
  'GET /api/residents': PEOPLE_READERS,
  'GET /api/residents/{id}': PEOPLE_READERS,
  'POST /api/residents': PEOPLE_WRITERS,
  'PATCH /api/residents/{id}': PEOPLE_WRITERS,
  'DELETE /api/residents/{id}': PEOPLE_WRITERS,
  'POST /api/residents/{id}/reveal': ['liaison', 'dispatcher', 'administrator'],
  'GET /api/households': PEOPLE_READERS,
  'GET /api/households/{id}': PEOPLE_READERS,
  'POST /api/households': PEOPLE_WRITERS,
  'PATCH /api/households/{id}': PEOPLE_WRITERS,
  'DELETE /api/households/{id}': PEOPLE_WRITERS,
  'GET /api/my/household': 'authenticated',
  'GET /api/accounts': ['administrator', 'supervisor'],
  'GET /api/accounts/{id}': ['administrator', 'supervisor'],
  'POST /api/accounts': ADMIN,
  'PATCH /api/accounts/{id}': ADMIN,
  'POST /api/accounts/{id}/password': ADMIN,
  'POST /api/accounts/{id}/grants': ADMIN,
  'DELETE /api/accounts/{id}/grants/{grantId}': ADMIN,
  // Supervisors see which integrations exist and when they were last used, never a token's value.
  'GET /api/accounts/{id}/tokens': ['administrator', 'supervisor'],
  'POST /api/accounts/{id}/tokens': ADMIN,
  'DELETE /api/accounts/{id}/tokens/{tokenId}': ADMIN,
  'GET /api/audit': ['supervisor', 'administrator'],
  'GET /api/stats/overview': STAFF,
  'GET /api/departments': 'public',
  'POST /api/departments': ADMIN,
  'POST /api/departments/load-defaults': ADMIN,
  'PATCH /api/departments/{id}': ADMIN,
  'POST /api/departments/{id}/categories': ADMIN,
  'PATCH /api/categories/{id}': ADMIN,
  'POST /api/cases/classify': 'public',
  // Residents report with or without an account; what they may then see is checked case by case.
  'POST /api/cases': 'public',
  'POST /api/cases/router/retrain': ADMIN,
  'GET /api/cases': CASE_READERS,
  'GET /api/my/cases': 'authenticated',
  'GET /api/cases/{id}': 'authenticated',
  'POST /api/cases/{id}/dispatch': DISPATCHERS,
  'POST /api/cases/{id}/accept': DEPARTMENTS,
  'POST /api/cases/{id}/return': DEPARTMENTS,
  'POST /api/cases/{id}/arrive': DEPARTMENTS,
  'POST /api/cases/{id}/resolve': DEPARTMENTS,
  'POST /api/cases/{id}/suspend': DISPATCHERS,
  'POST /api/cases/{id}/resume': DISPATCHERS,
  'POST /api/cases/{id}/close': DISPATCHERS,
  'POST /api/cases/{id}/rate': 'authenticated',
  'POST /api/cases/{id}/merge': DISPATCHERS,
  'POST /api/cases/{id}/notes': CASE_READERS,
  'POST /api/cases/{id}/handoff': DEPARTMENTS,
  'POST /api/cases/{id}/handoff-decision': DISPATCHERS,
  'POST /api/cases/{id}/helpers': CASE_READERS,
  'POST /api/cases/{id}/whistle': WHISTLERS,
  'POST /api/cases/{id}/check-in': DEPARTMENTS,
  'POST /api/cases/{id}/whistle-evaluation': WHISTLERS,
  'GET /api/whistle': CASE_READERS,
  'POST /api/cases/{id}/reveal-contact': CASE_READERS,
  'GET /api/case-settings/{id}': CASE_READERS,
  'PATCH /api/case-settings/{id}': ADMIN,
  'GET /api/cases/similar': ['liaison', 'dispatcher', 'deputy', 'official', 'administrator'],
  'GET /api/cases/hotspots': EVALUATORS,
  'GET /api/cases/dashboard': EVALUATORS,
  'GET /api/cases/dashboard.xlsx': EVALUATORS,
  'GET /api/cases/dashboard.csv': EVALUATORS,
};

/** A well-formed id that names nothing. */
const NOTHING = '01900000-0000-7000-8000-000000000000';

describe('authorization: every role against every route', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];
  const clients = new Map<Role, Client>();
  beforeAll(async () => {
    t = await openTestApp('demo');
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })));
    for (const login of DEMO_LOGINS) clients.set(login.role, await loginAs(t.app, login.username));
  });
  afterAll(() => t.close());

  it('has a rule in the matrix for every route the API serves, and no stale ones', () => {
    const served = routes.filter((r) => r.path.startsWith('/api') || r.path === '/healthz').map((r) => `${r.method} ${r.path}`);
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers each role with 401, 403 or a real answer exactly as the matrix says', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [route, allowed] of Object.entries(MATRIX)) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'DELETE', string];
      // Logging out would end the session the rest of the walk needs; it has its own test.
      if (route === 'POST /api/auth/logout') continue;
      const url = path.replace(/\{[a-zA-Z]+\}/g, NOTHING);
      const callers: [string, Client][] = [['anonymous', new Client(t.app)], ...[...clients].map(([role, c]) => [role, c] as [string, Client])];
      for (const [who, client] of callers) {
        const response = await client.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
        const verdict = response.statusCode === 401 ? 'unauthenticated' : response.statusCode === 403 && errorOf(response).code === 'forbidden' ? 'forbidden' : 'let through';
        outcomes.push(`${route} as ${who}: ${verdict}`);
        const should =
          allowed === 'public' ? 'let through'
          : who === 'anonymous' ? 'unauthenticated'
          : allowed === 'authenticated' || allowed.includes(who as Role) ? 'let through'
          : 'forbidden';
        expected.push(`${route} as ${who}: ${should}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('keeps a dispatcher of Zhaoshang Subdistrict out of Qingyuan County entirely', async () => {
    const dispatcher = clients.get('dispatcher')!;
    const qingyuan = await placeAt(t, '331100', '331126');
    const [outsider] = await queryRows<{ id: string; household_id: string }>(
      t.deps.db,
      sql`select r.id, r.household_id from residents r join places p on p.id = r.place_id where p.path like ${qingyuan.path + '%'} limit 1`,
    );
    for (const url of [
      `/api/residents/${outsider!.id}`,
      `/api/residents?placeId=${qingyuan.id}`,
      `/api/households/${outsider!.household_id}`,
      `/api/households?placeId=${qingyuan.id}`,
      `/api/stats/overview?placeId=${qingyuan.id}`,
    ]) {
      const response = await dispatcher.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(errorOf(response).code, url).toBe('out_of_scope');
    }
    const reveal = await dispatcher.post(`/api/residents/${outsider!.id}/reveal`, { field: 'phone' });
    expect(reveal.statusCode).toBe(403);
    // Lists and figures hold Zhaoshang only.
    const all = (await dispatcher.get('/api/residents?limit=200')).json<{ items: { placeId: string }[] }>();
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const inZhaoshang = await queryRows<{ id: string }>(t.deps.db, sql`select id from places where path like ${zhaoshang.path + '%'}`);
    const allowedIds = new Set(inZhaoshang.map((p) => p.id));
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((r) => allowedIds.has(r.placeId))).toBe(true);
    const overview = (await dispatcher.get('/api/stats/overview')).json<{ units: { nameEn: string }[] }>();
    expect(overview.units.map((u) => u.nameEn)).toEqual(['Zhaoshang Subdistrict']);
  });

  it('shows a supervisor of Nanshan only the audit entries of Nanshan', async () => {
    const admin = clients.get('administrator')!;
    const qingyuan = await placeAt(t, '331100', '331126');
    await admin.post('/api/places', { parentId: qingyuan.id, level: 'subdistrict', code: 'AUD', nameZh: '审计镇', nameEn: 'Audit Town' });
    const all = (await admin.get('/api/audit?entityType=place&action=place.create&limit=5')).json<{ items: { placeId: string }[] }>();
    expect(all.items.length).toBeGreaterThan(0);
    const supervisor = clients.get('supervisor')!;
    const nanshan = await placeAt(t, '440300', '440305');
    const inNanshan = new Set((await queryRows<{ id: string }>(t.deps.db, sql`select id from places where path like ${nanshan.path + '%'}`)).map((p) => p.id));
    const seen = (await supervisor.get('/api/audit?limit=200')).json<{ items: { placeId: string | null }[] }>().items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.placeId !== null && inNanshan.has(e.placeId))).toBe(true);
  });

  it('does not let an administrator of one district grant roles elsewhere or above himself', async () => {
    const admin = clients.get('administrator')!;
    const nanshan = await placeAt(t, '440300', '440305');
    const linhai = await placeAt(t, '331000', '331082');
    await admin.post('/api/accounts', { username: 'ns-admin', displayName: '南山管理员', password: 'Nanshan-Admin-2026', placeId: nanshan.id, grants: [{ role: 'administrator', placeId: nanshan.id }] });
    const local = await loginAs(t.app, 'ns-admin', 'Nanshan-Admin-2026');
    const elsewhere = await local.post('/api/accounts', { username: 'lh-spy', displayName: 'spy', password: 'Linhai-Spy-20261', placeId: linhai.id, grants: [{ role: 'dispatcher', placeId: linhai.id }] });
    expect(elsewhere.statusCode).toBe(403);
    const everywhere = await local.post('/api/accounts', { username: 'global-x', displayName: 'x', password: 'Global-Admin-20261', placeId: nanshan.id, grants: [{ role: 'administrator', placeId: null }] });
    expect(everywhere.statusCode).toBe(403);
    expect(errorOf(everywhere).code).toBe('grant_outside_scope');
    const accounts = (await admin.get('/api/accounts?limit=200')).body;
    expect(accounts).not.toContain('lh-spy');
    expect(accounts).not.toContain('global-x');
  });
});
