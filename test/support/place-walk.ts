import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/client.js';
import { DEMO_LOGINS } from '../../src/demo/seed.js';
import type { Role } from '../../src/platform/access.js';
import { type Client, errorOf, loginAs, placeAt, type TestApp } from './app.js';
import { databaseFingerprint } from './fingerprint.js';
import { idsUnder, sourceFor } from './objects.js';
import { fillPath, queryString, type RouteSpec, routeTable } from './openapi.js';
import { minimalValue } from './schema-values.js';

export type Allowed = 'public' | 'authenticated' | Role[];

interface Caller {
  name: string;
  role: Role;
  client: Client;
  /** Path of the place the role is granted on. */
  home: string;
  /** For department roles: the department named on the grant. */
  departmentId: string | null;
}

/** A property that names the place a call is about. */
const PLACE_FIELDS = ['placeId', 'cityId'];
const STRONG_PASSWORD = 'Walk-Strong-Pass-2026';

/**
 * Calls every route that takes a place (a path id of a known table, or a placeId/cityId in the
 * query or body) as every role the matrix concerns, once on an object outside the role's place
 * and once on one inside it, with the smallest body the route's schema accepts. Outside calls
 * come first, and must all be refused and change nothing; inside calls must get past the
 * authorization (whatever the use case then says about the request itself).
 */
export async function placeMatrixWalk(t: TestApp, matrix: Record<string, Allowed>) {
  const admin = await loginAs(t.app, 'admin');
  const shenzhen = await placeAt(t, '440300');
  // Lishui, whose city catalog and Qingyuan County no demo role holds a grant on, is "outside" for all.
  const lishui = await placeAt(t, '331100');
  const qingyuan = await placeAt(t, '331100', '331126');
  const qingyuanTown = (await queryRows<{ id: string }>(t.deps.db, sql`select id from places where parent_id = ${qingyuan.id} order by code limit 1`))[0]!.id;

  // Objects of every kind outside and inside.
  const cityAdmin = { username: 'city-admin', password: STRONG_PASSWORD };
  await admin.post('/api/accounts', { ...cityAdmin, displayName: '深圳市管理员', placeId: shenzhen.id, grants: [{ role: 'administrator', placeId: shenzhen.id }] });
  for (const [username, placeId] of [['walk-outside', qingyuan.id], ['walk-inside', (await placeAt(t, '440300', '440305', 'ZS', 'SW')).id]] as const) {
    const created = await admin.post('/api/accounts', { username, displayName: username, password: STRONG_PASSWORD, placeId, grants: [{ role: 'liaison', placeId }] });
    await admin.post(`/api/accounts/${created.json<{ account: { id: string } }>().account.id}/tokens`, { name: 'walk' });
  }
  const outsideCase = await admin.post('/api/cases', { placeId: qingyuanTown, description: '青田县的路灯坏了，晚上看不见路', channel: 'phone' }, { 'idempotency-key': 'walk-outside-case' });
  if (outsideCase.statusCode !== 201) throw new Error(`could not make a case outside: ${outsideCase.body}`);
  // A council with a motion outside every role's place, and one in Baishuiyang where the demo council office works.
  for (const placeId of [qingyuanTown, (await placeAt(t, '331000', '331082', 'BSY')).id]) {
    const council = await admin.post('/api/councils', { placeId, name: 'walk council', typeCode: 'linhai-village' });
    if (council.statusCode !== 201) throw new Error(`could not make a council: ${council.body}`);
    const councilId = council.json<{ id: string }>().id;
    const motion = await admin.post(`/api/councils/${councilId}/motions`, { title: 'walk motion', body: 'walk', ballot: 'open' });
    if (motion.statusCode !== 201) throw new Error(`could not make a motion: ${motion.body}`);
    const meeting = await admin.post(`/api/councils/${councilId}/meetings`, { form: 'topical', title: 'walk meeting', startsAt: '2026-12-01T01:00:00Z', mode: 'online' });
    const topic = await admin.post(`/api/councils/${councilId}/topics`, { title: 'walk topic', body: 'walk' });
    if (meeting.statusCode !== 201 || topic.statusCode !== 201) throw new Error(`could not make a meeting or topic: ${meeting.body} ${topic.body}`);
    // A task needs a passed decision: a council of one member (its own rules) votes on it.
    const small = await admin.post('/api/councils', { placeId, name: 'walk committee', rules: [{ kind: 'size', min: 1 }], threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0 } });
    const smallId = small.json<{ id: string }>().id;
    const voterName = `walk-voter-${placeId.slice(-6)}`;
    const voter = await admin.post('/api/accounts', { username: voterName, displayName: voterName, password: STRONG_PASSWORD, placeId, grants: [{ role: 'council_member', placeId }] });
    await admin.post(`/api/councils/${smallId}/membership`, { add: [{ name: 'walk', role: 'chair', partyMember: false, kind: 'resident', termStart: '2026-01-01', accountId: voter.json<{ account: { id: string } }>().account.id }] });
    const decided = (await admin.post(`/api/councils/${smallId}/motions`, { title: 'walk decision', body: 'walk', ballot: 'open' })).json<{ id: string }>().id;
    await admin.post(`/api/motions/${decided}/open`);
    await (await loginAs(t.app, voterName, STRONG_PASSWORD)).post(`/api/motions/${decided}/votes`, { choice: 'yes' });
    await admin.post(`/api/motions/${decided}/close`);
    const task = await admin.post(`/api/motions/${decided}/tasks`, { title: 'walk task', assignee: 'walk' });
    if (task.statusCode !== 201) throw new Error(`could not make a task: ${task.body}`);
  }
  const outsideQuestionnaire = await admin.post('/api/questionnaires', {
    placeId: qingyuan.id,
    title: '青田县民意调查',
    definition: { sections: [{ id: 's', title: '', questions: [{ id: 'q', type: 'rating', text: '满意吗？', options: [{ id: 'y', label: '满意' }, { id: 'n', label: '不满意' }] }] }] },
  });
  const outsidePoll = await admin.post('/api/polls', {
    questionnaireId: outsideQuestionnaire.json<{ id: string }>().id,
    placeId: qingyuan.id,
    title: '青田县民意调查',
    opensAt: new Date(t.deps.now().getTime() - 3_600_000).toISOString(),
    closesAt: new Date(t.deps.now().getTime() + 86_400_000).toISOString(),
  });
  if (outsidePoll.statusCode !== 201) throw new Error(`could not make a poll outside: ${outsidePoll.body}`);
  const outsideDeputy = await admin.post('/api/deputies', { placeId: qingyuan.id, name: '青田县代表', level: 'district' });
  const outsideWorkstation = await admin.post('/api/workstations', { placeId: qingyuanTown, name: '鹤城代表联络站', kind: 'workstation' });
  const outsideVisit = await admin.post(`/api/workstations/${outsideWorkstation.json<{ id: string }>().id}/visits`, {
    visitorName: '来访者',
    deputyId: outsideDeputy.json<{ id: string }>().id,
    issue: '村道路灯坏了',
  });
  if (outsideVisit.statusCode !== 201) throw new Error(`could not record a visit outside: ${outsideVisit.body}`);

  const callers: Caller[] = [];
  for (const login of DEMO_LOGINS.filter((l) => l.place !== null)) {
    const [grant] = await queryRows<{ path: string; department_id: string | null }>(
      t.deps.db,
      sql`select p.path, g.department_id from role_grants g join accounts a on a.id = g.account_id join places p on p.id = g.place_id where a.username = ${login.username}`,
    );
    callers.push({ name: login.username, role: login.role, client: await loginAs(t.app, login.username), home: grant!.path, departmentId: grant!.department_id });
  }
  callers.push({ name: 'city-admin', role: 'administrator', client: await loginAs(t.app, cityAdmin.username, cityAdmin.password), home: shenzhen.path, departmentId: null });

  const routes = (await routeTable(t.app)).filter((r) => matrix[r.key] !== undefined && matrix[r.key] !== 'public' && r.key !== 'POST /api/auth/logout');
  const takesPlace = (r: RouteSpec) =>
    (r.pathParams.length > 0 && r.pathParams.every((p) => sourceFor(r.path, p))) ||
    PLACE_FIELDS.some((f) => f in r.query || f in (r.body?.properties ?? {}));
  const concerned = (allowed: Allowed, caller: Caller) => allowed === 'authenticated' || (Array.isArray(allowed) && allowed.includes(caller.role));

  /** One call of a route as a caller, aimed at objects under `scope`; null when there is none. */
  async function call(route: RouteSpec, caller: Caller, scope: string, nth: number): Promise<LightMyRequestResponse | null> {
    const params: Record<string, string> = {};
    for (const param of route.pathParams) {
      const source = sourceFor(route.path, param)!;
      const own = source.table === 'cases' && caller.departmentId && scope === caller.home ? sql`t.department_id = ${caller.departmentId}` : undefined;
      const parent = param !== 'id' && params.id ? sql`t.account_id = ${params.id}` : undefined;
      const ids = await idsUnder(t.deps.db, source, scope, own ?? parent);
      if (ids.length === 0) return null;
      params[param] = ids[nth % ids.length]!;
    }
    const [place] = await queryRows<{ id: string; city: string }>(
      t.deps.db,
      sql`select p.id, split_part(p.path, '/', 2) as city from places p where p.path = ${scope}`,
    );
    // Changing a place keeps its parent: a move would change the paths the other calls aim at.
    const [ownParent] = params.id && sourceFor(route.path, 'id')?.table === 'places'
      ? await queryRows<{ parent_id: string | null }>(t.deps.db, sql`select parent_id from places where id = ${params.id}`)
      : [];
    const otherCase = (await idsUnder(t.deps.db, sourceFor('/api/cases', 'id')!, scope)).find((id) => id !== params.id);
    const fill = (name: string): unknown => {
      if (!place) throw new Error(`no place at ${scope}`);
      if (name === 'parentId' && ownParent) return ownParent.parent_id;
      if (name === 'placeId' || name === 'parentId') return place.id;
      if (name === 'intoId') return otherCase;
      if (name === 'code') return `walk-${nth}`;
      if (name === 'cityId') return place.city;
      if (name === 'password' || name === 'newPassword') return STRONG_PASSWORD;
      if (name === 'username') return `walk-${caller.name}-${nth}-${scope.length}`;
      return undefined;
    };
    const query = Object.fromEntries([
      ...route.requiredQuery.map((name) => [name, fill(name) ?? minimalValue(route.query[name]!, fill)]),
      ...PLACE_FIELDS.filter((f) => f in route.query).map((f) => [f, fill(f)]),
    ]);
    let body: unknown;
    if (route.body) {
      body = minimalValue(route.body, fill);
      for (const f of PLACE_FIELDS) if (f in (route.body.properties ?? {})) (body as Record<string, unknown>)[f] = fill(f);
    }
    const url = fillPath(route.path, params) + queryString(query);
    return caller.client.request(route.method, url, route.method === 'GET' || route.method === 'DELETE' ? undefined : (body ?? {}), { 'idempotency-key': `walk-${nth}-${route.key}` });
  }

  /**
   * Refused for the place: out of scope, or the object the path names is not there for the
   * caller. Other refusals (a state the case is not in, a department that is not the caller's)
   * come from the use case after the place was let through.
   */
  const verdict = (route: RouteSpec, response: LightMyRequestResponse | null): string => {
    if (response === null) return 'no object there';
    if (response.statusCode >= 500) return `failed ${response.statusCode}`;
    if (response.statusCode === 401) return 'unauthenticated';
    const code = response.statusCode === 403 || response.statusCode === 404 ? errorOf(response).code : null;
    const missing = route.pathParams.map((p) => sourceFor(route.path, p)!.missing);
    return code === 'out_of_scope' || code === 'grant_outside_scope' || (code !== null && missing.includes(code)) ? 'refused' : 'let through';
  };

  const outcomes: string[] = [];
  const expected: string[] = [];
  const checkedRoutes = new Set<string>();
  const before = await databaseFingerprint(t.deps.db);
  for (const route of routes.filter(takesPlace)) {
    for (const [i, caller] of callers.entries()) {
      if (!concerned(matrix[route.key]!, caller)) continue;
      const response = await call(route, caller, lishui.path, i);
      outcomes.push(`${route.key} as ${caller.name} outside: ${verdict(route, response)}${detail(response)}`);
      expected.push(`${route.key} as ${caller.name} outside: refused${detail(response)}`);
      checkedRoutes.add(route.key);
    }
  }
  const after = await databaseFingerprint(t.deps.db);
  const outsideChanged = Object.fromEntries(Object.entries(after).filter(([table, print]) => before[table] !== print));

  // Inside: deletions last, so that they do not take away what the other calls aim at.
  const insideOrder = routes.filter(takesPlace).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  for (const route of insideOrder) {
    const allowed = matrix[route.key]!;
    if (!Array.isArray(allowed)) continue; // 'authenticated' routes decide per object (a resident's own case)
    for (const [i, caller] of callers.entries()) {
      if (!allowed.includes(caller.role)) continue;
      const response = await call(route, caller, caller.home, i);
      if (response === null) continue; // nothing of that kind inside this caller's place
      outcomes.push(`${route.key} as ${caller.name} inside: ${verdict(route, response)}${detail(response)}`);
      expected.push(`${route.key} as ${caller.name} inside: let through${detail(response)}`);
    }
  }
  return { outcomes, expected, outsideChanged, checkedRoutes: checkedRoutes.size };
}

/** The answer's code, so a failing line says what the server said. */
function detail(response: LightMyRequestResponse | null): string {
  if (!response || response.statusCode < 400) return '';
  try {
    return ` (${response.statusCode} ${errorOf(response).code})`;
  } catch {
    return ` (${response.statusCode})`;
  }
}
