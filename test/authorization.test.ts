import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { DEMO_LOGINS } from '../src/demo/seed.js';
import type { Role } from '../src/platform/access.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';
import { placeMatrixWalk } from './support/place-walk.js';

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
const POLL_MANAGERS: Role[] = ['liaison', 'deputy', 'administrator'];
const POLL_READERS: Role[] = ['liaison', 'deputy', 'official', 'supervisor', 'administrator'];
const MERIT_MANAGERS: Role[] = ['liaison', 'administrator'];
const MERIT_READERS: Role[] = ['liaison', 'official', 'supervisor', 'administrator'];
const COUNCIL_READERS: Role[] = ['council_member', 'council_secretary', 'supervisor', 'official', 'liaison', 'administrator'];
const COUNCIL_OFFICE: Role[] = ['council_secretary', 'administrator'];
const DEPUTY_READERS: Role[] = ['liaison', 'deputy', 'official', 'supervisor', 'administrator'];
const WORKSTATION_STAFF: Role[] = ['liaison', 'administrator'];
const VISIT_RECORDERS: Role[] = ['liaison', 'deputy', 'administrator'];

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
  'POST /api/cases/track': 'public',
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
  'GET /api/whistle/standings': EVALUATORS,
  'POST /api/cases/{id}/reveal-contact': CASE_READERS,
  'GET /api/case-settings/{id}': CASE_READERS,
  'PATCH /api/case-settings/{id}': ADMIN,
  'GET /api/cases/similar': ['liaison', 'dispatcher', 'deputy', 'official', 'administrator'],
  'GET /api/cases/hotspots': EVALUATORS,
  'GET /api/cases/dashboard': EVALUATORS,
  'GET /api/cases/dashboard.xlsx': EVALUATORS,
  'GET /api/cases/dashboard.csv': EVALUATORS,
  'POST /api/questionnaires': POLL_MANAGERS,
  'GET /api/questionnaires': 'authenticated',
  // Anyone logged in may ask; only those who run or read polls where it belongs get more than 404.
  'GET /api/questionnaires/{id}': 'authenticated',
  'PUT /api/questionnaires/{id}': POLL_MANAGERS,
  'POST /api/polls': POLL_MANAGERS,
  'GET /api/polls': 'authenticated',
  'GET /api/my/polls': 'authenticated',
  'GET /api/polls/{id}': POLL_READERS,
  'POST /api/polls/{id}/close': POLL_MANAGERS,
  'POST /api/polls/{id}/codes': ['liaison', 'administrator'],
  // Answering needs no account with a one-time code; who answers is decided by the use case.
  'POST /api/polls/{id}/questionnaire': 'public',
  'POST /api/polls/{id}/responses': 'public',
  'PUT /api/polls/{id}/draft': 'public',
  'POST /api/polls/{id}/draft': 'public',
  'GET /api/polls/{id}/results': POLL_READERS,
  'GET /api/polls/{id}/free-text': POLL_READERS,
  'GET /api/polls/{id}/trend': POLL_READERS,
  'GET /api/polls/{id}/results.csv': POLL_READERS,
  'GET /api/polls/{id}/results.xlsx': POLL_READERS,
  'GET /api/polls/{id}/results.pdf': POLL_READERS,
  'PUT /api/merit-banks/{id}': MERIT_MANAGERS,
  'GET /api/merit-banks/{id}': MERIT_READERS,
  'GET /api/merit-banks': MERIT_READERS,
  'GET /api/merit-banks/{id}/candidates': MERIT_MANAGERS,
  'GET /api/merit-banks/{id}/residents': MERIT_MANAGERS,
  'PUT /api/merit-bodies/{id}/members': MERIT_MANAGERS,
  'GET /api/merit-criteria': MERIT_READERS,
  'POST /api/merit-criteria': MERIT_MANAGERS,
  'POST /api/merit-criteria/{id}/versions': MERIT_MANAGERS,
  // Residents claim for themselves and their neighbours; the use case checks the village.
  'POST /api/merit-claims': 'authenticated',
  'POST /api/merit-claims/group': MERIT_MANAGERS,
  'GET /api/merit-claims': MERIT_READERS,
  // Seen by the person, his household, the filer, the bodies' members and the bank's staff; others get 404.
  'GET /api/merit-claims/{id}': 'authenticated',
  // Body members are residents with no staff role: membership of the body is checked per claim.
  'POST /api/merit-claims/{id}/decisions': 'authenticated',
  'POST /api/merit-claims/{id}/supplement': 'authenticated',
  'POST /api/merit-claims/{id}/appeal': 'authenticated',
  'POST /api/merit-claims/{id}/appeal-decision': 'authenticated',
  'GET /api/my/merit': 'authenticated',
  'GET /api/my/merit-assessments': 'authenticated',
  'GET /api/merit-banks/{id}/ledger': MERIT_READERS,
  'POST /api/merit-banks/{id}/corrections': MERIT_MANAGERS,
  'POST /api/merit-banks/{id}/expire': MERIT_MANAGERS,
  'GET /api/merit-banks/{id}/verify': MERIT_READERS,
  'POST /api/merit-banks/{id}/reports': MERIT_MANAGERS,
  // Published reports are the village notice board: public.
  'GET /api/merit-reports': 'public',
  'GET /api/merit-reports/{id}': 'public',
  'GET /api/merit-reports/{id}/report.pdf': 'public',
  'GET /api/merit-banks/{id}/exemplar': 'authenticated',
  // Confirmed by members of the bodies, who need no staff role.
  'POST /api/merit-banks/{id}/exemplar': 'authenticated',
  'POST /api/my/merit/extracts': 'authenticated',
  // A bank clerk with the code checks an extract without an account.
  'POST /api/merit-extracts/verify': 'public',
  'POST /api/merit-activities': MERIT_MANAGERS,
  // Residents of the bank see its activities and sign up; the use case checks the village.
  'GET /api/merit-activities': 'authenticated',
  'POST /api/merit-activities/{id}/sign-up': 'authenticated',
  'POST /api/merit-activities/{id}/check-in': MERIT_MANAGERS,
  'POST /api/merit-activities/{id}/check-out': MERIT_MANAGERS,
  'GET /api/council-types': 'public',
  'POST /api/councils': COUNCIL_OFFICE,
  'GET /api/councils': COUNCIL_READERS,
  'GET /api/councils/{id}': COUNCIL_READERS,
  'POST /api/councils/{id}/membership': COUNCIL_OFFICE,
  'POST /api/councils/{id}/membership/check': COUNCIL_OFFICE,
  'POST /api/councils/{id}/motions': COUNCIL_OFFICE,
  'GET /api/motions/{id}': COUNCIL_READERS,
  'POST /api/motions/{id}/open': COUNCIL_OFFICE,
  'POST /api/motions/{id}/close': COUNCIL_OFFICE,
  // Only members vote, and then only on motions put to their own council (the use case checks the seat).
  'POST /api/motions/{id}/votes': ['council_member', 'council_secretary'],
  'GET /api/motions/{id}/verify': COUNCIL_READERS,
  'POST /api/councils/{id}/democracy-days': COUNCIL_OFFICE,
  'GET /api/calendar': 'public',
  'GET /api/public/councils': 'public',
  'GET /api/public/councils/{id}': 'public',
  'GET /api/public/places/{id}/deliberation': 'public',
  'GET /api/public/places/{id}/deliberation/report.pdf': 'public',
  'GET /api/councils/{id}/meetings': COUNCIL_READERS,
  'GET /api/public/meetings/{id}': 'public',
  'GET /api/public/meetings/{id}/report.pdf': 'public',
  'GET /api/councils/{id}/wards': COUNCIL_READERS,
  'GET /api/councils/{id}/trail': ['supervisor', 'administrator'],
  'POST /api/councils/{id}/wards/proposal': COUNCIL_OFFICE,
  'PUT /api/councils/{id}/wards': COUNCIL_OFFICE,
  'POST /api/wards/{id}/nominations': COUNCIL_OFFICE,
  'POST /api/wards/{id}/elections': COUNCIL_OFFICE,
  'GET /api/public/councils/{id}/wards': 'public',
  'POST /api/councils/{id}/meetings': COUNCIL_OFFICE,
  'GET /api/meetings/{id}': COUNCIL_READERS,
  'PATCH /api/meetings/{id}': COUNCIL_OFFICE,
  'POST /api/meetings/{id}/attendance': COUNCIL_OFFICE,
  'POST /api/meetings/{id}/minutes': COUNCIL_OFFICE,
  // Residents propose and support topics in their own place: the use case checks where they live.
  'POST /api/councils/{id}/topics': 'authenticated',
  'GET /api/councils/{id}/topics': 'public',
  'POST /api/councils/{id}/conversations': COUNCIL_OFFICE,
  'GET /api/councils/{id}/conversations': 'public',
  'GET /api/conversations/{id}': 'public',
  'POST /api/conversations/{id}/close': COUNCIL_OFFICE,
  // People of the council's place take part; the use case checks the place.
  'POST /api/conversations/{id}/statements': 'authenticated',
  'GET /api/conversations/{id}/next': 'authenticated',
  'POST /api/statements/{id}/votes': 'authenticated',
  'POST /api/statements/{id}/hide': COUNCIL_OFFICE,
  'POST /api/topics/{id}/support': 'authenticated',
  'POST /api/topics/{id}/decision': COUNCIL_OFFICE,
  'POST /api/motions/{id}/tasks': COUNCIL_OFFICE,
  'POST /api/tasks/{id}/progress': COUNCIL_OFFICE,
  'GET /api/public/motions/{id}': 'public',
  'POST /api/polls/{id}/cases': POLL_MANAGERS,
  'GET /api/polls/{id}/cases': POLL_READERS,
  'PUT /api/polls/{id}/case-ratings': POLL_MANAGERS,
  'GET /api/polls/{id}/councils': POLL_MANAGERS,
  'POST /api/polls/{id}/topics': POLL_MANAGERS,
  'GET /api/polls/{id}/topics': POLL_READERS,
  // What the poll's staff put before a council is public with the council's topics.
  'GET /api/councils/{id}/poll-results': 'public',
  'POST /api/deputies': WORKSTATION_STAFF,
  // Anyone logged in may ask: a deputy always sees himself, others the deputies of their places.
  'GET /api/deputies': 'authenticated',
  'GET /api/deputies/{id}': 'authenticated',
  'POST /api/deputies/{id}/polls': POLL_MANAGERS,
  'POST /api/workstations': WORKSTATION_STAFF,
  'GET /api/workstations': DEPUTY_READERS,
  'POST /api/workstations/{id}/receptions': WORKSTATION_STAFF,
  'GET /api/workstations/{id}/receptions': DEPUTY_READERS,
  'PATCH /api/receptions/{id}': WORKSTATION_STAFF,
  'POST /api/receptions/{id}/cancel': WORKSTATION_STAFF,
  'POST /api/workstations/{id}/visits': VISIT_RECORDERS,
  'GET /api/workstations/{id}/visits': DEPUTY_READERS,
  'POST /api/visits/{id}/forward': VISIT_RECORDERS,
  'GET /api/public/motions/{id}/report.pdf': 'public',
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
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string];
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
    // Every route × every role: it grows with the API and passed 30 s on a loaded machine.
  }, 120_000);

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

describe('authorization: every route inside and outside the caller’s place', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_SUBMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => t.close());

  it('refuses each role outside its place, changing nothing, and lets it through inside, on every route that takes a place', { timeout: 120_000 }, async () => {
    const walk = await placeMatrixWalk(t, MATRIX);
    expect(walk.outsideChanged, 'a refused call outside the place changed data').toEqual({});
    expect(walk.outcomes).toEqual(walk.expected);
    // The walk proves something only if it reaches the routes: most of the API takes a place.
    expect(walk.checkedRoutes).toBeGreaterThan(Object.keys(MATRIX).length / 2);
  });
});
