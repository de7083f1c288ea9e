import ExcelJS from 'exceljs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../src/demo/seed.js';
import { Client, errorOf, loginAs, openTestApp, type TestApp } from './support/app.js';
import { idsUnder, sourceFor } from './support/objects.js';
import { fillPath, routeTable } from './support/openapi.js';

/** A mainland mobile number or an 18-character ID number written out in full (not inside a UUID's hex). */
const FULL_PHONE = /(?<![\dA-Za-z*-])1[3-9]\d{9}(?![\dA-Za-z*])/;
const FULL_ID_NUMBER = /(?<![\dA-Za-z*-])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![\dA-Za-z*])/;

describe('session cookies, security headers and password rules', () => {
  let clock = new Date('2026-11-23T09:00:00+08:00');
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('demo', { TRUST_PROXY: 'true', SESSION_MAX_DAYS: '2' }, () => clock);
  });
  afterAll(() => t.close());

  it('sends the session and CSRF cookies httpOnly, SameSite=Strict, signed, Secure over HTTPS, and the session no longer than its maximum', async () => {
    const overHttps = new Client(t.app);
    const csrf = await t.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { 'x-forwarded-proto': 'https' } });
    const csrfCookie = csrf.cookies.find((c) => c.name === 'tx_csrf')!;
    expect(csrfCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    const login = await overHttps.post('/api/auth/login', { username: 'liaison', password: DEMO_PASSWORD }, { 'x-forwarded-proto': 'https' });
    const session = login.cookies.find((c) => c.name === 'tx_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, maxAge: 2 * 86_400 });
    expect(session.value.split('.')).toHaveLength(2); // value.signature
    // Plain HTTP (a laptop trying it out): 'auto' leaves Secure off, or the browser would drop the cookie.
    const plain = await new Client(t.app).post('/api/auth/login', { username: 'liaison', password: DEMO_PASSWORD });
    expect(plain.cookies.find((c) => c.name === 'tx_session')!.secure).toBeFalsy();
  });

  it('refuses a session cookie whose signature was tampered with', async () => {
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'dispatcher', password: DEMO_PASSWORD });
    const [token, signature] = login.cookies.find((c) => c.name === 'tx_session')!.value.split('.');
    const forged = `${token!.slice(0, -2)}AA.${signature}`;
    const response = await t.app.inject({ method: 'GET', url: '/api/cases', cookies: { tx_session: forged } });
    expect(response.statusCode).toBe(401);
  });

  it('ends a session at its maximum age even while it is in use', async () => {
    const client = await loginAs(t.app, 'supervisor');
    for (let hour = 0; hour < 42; hour += 6) {
      clock = new Date(clock.getTime() + 6 * 3_600_000);
      expect((await client.get('/api/audit?limit=1')).statusCode, `after ${hour + 6} h`).toBe(200);
    }
    clock = new Date(clock.getTime() + 8 * 3_600_000); // 50 h in all, past two days
    expect((await client.get('/api/audit?limit=1')).statusCode).toBe(401);
  });

  it('needs the CSRF token for changes and deletions made with the session cookie, not only for posts', async () => {
    const admin = await loginAs(t.app, 'admin');
    const [resident] = await queryRows<{ id: string }>(t.deps.db, sql`select id from residents order by id limit 1`);
    const patch = await admin.patch(`/api/residents/${resident!.id}`, { name: '改名' }, { 'x-csrf-token': 'forged' });
    const remove = await admin.request('DELETE', `/api/residents/${resident!.id}`, undefined, { 'x-csrf-token': '' });
    for (const response of [patch, remove]) {
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).code).toBe('csrf_invalid');
    }
    expect((await admin.get(`/api/residents/${resident!.id}`)).statusCode).toBe(200);
  });

  it('sets the security headers on every kind of answer', async () => {
    const admin = await loginAs(t.app, 'admin');
    const answers = {
      json: await admin.get('/api/places'),
      error: await admin.get('/api/nothing-here'),
      refused: await new Client(t.app).get('/api/residents'),
      health: await t.app.inject({ method: 'GET', url: '/healthz' }),
    };
    for (const [kind, response] of Object.entries(answers)) {
      const h = response.headers;
      expect(h['strict-transport-security'], kind).toMatch(/max-age=\d{7,}/);
      expect(h['x-content-type-options'], kind).toBe('nosniff');
      expect(h['x-frame-options'], kind).toBe('SAMEORIGIN');
      expect(h['referrer-policy'], kind).toBe('no-referrer');
      expect(h['cross-origin-opener-policy'], kind).toBe('same-origin');
      expect(h['x-powered-by'], kind).toBeUndefined();
      const csp = String(h['content-security-policy']);
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'"]) expect(csp, kind).toContain(directive);
    }
  });

  it('holds every way of setting a password to the same rules', async () => {
    const admin = await loginAs(t.app, 'admin');
    const [other] = await queryRows<{ id: string }>(t.deps.db, sql`select id from accounts where username = 'member'`);
    const weak = { 'too short': 'Ab1!', 'one kind': 'abcdefghijkl', 'the username': 'Newcomer-2026!', common: 'Password123' };
    for (const [label, password] of Object.entries(weak)) {
      const created = await admin.post('/api/accounts', { username: 'newcomer', displayName: 'n', password });
      expect(errorOf(created).code, `create: ${label}`).toBe('password_too_weak');
      const reset = await admin.post(`/api/accounts/${other!.id}/password`, { password: password.replace('Newcomer', 'Member') });
      expect(errorOf(reset).code, `reset: ${label}`).toBe('password_too_weak');
    }
    expect((await admin.post('/api/accounts', { username: 'newcomer', displayName: 'n', password: 'Sturdy-Harbour-77' })).statusCode).toBe(201);
    const stored = await queryRows<{ password_hash: string }>(t.deps.db, sql`select password_hash from accounts where username = 'newcomer'`);
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('rate limit on logging in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_LOGIN_PER_MINUTE: '5', LOCKOUT_MAX_FAILURES: '100' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an address has tried too often, before checking the password', async () => {
    const client = new Client(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post('/api/auth/login', { username: 'official', password: `guess-${i}` })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await client.post('/api/auth/login', { username: 'official', password: DEMO_PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Per address and username: guessing one account's password does not keep a colleague out.
    expect((await client.post('/api/auth/login', { username: 'liaison', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});

describe('the general rate limit', () => {
  let t: TestApp;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(os.tmpdir(), 'tongxin-web-'));
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Tongxin</title>');
    await writeFile(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1);');
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '5' }, undefined, webRoot);
  });
  afterAll(async () => {
    await t.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('counts API calls but not the app’s script files, so loading pages does not use up an address’s budget', async () => {
    for (let i = 0; i < 20; i++) expect((await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' })).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/api/auth/csrf' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' })).statusCode).toBe(200);
  });
});

describe('personal data in answers and exports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => t.close());

  it('never shows a full phone or ID number on any GET route, to any role, unless revealed on purpose', { timeout: 120_000 }, async () => {
    // The demo holds full numbers, and the patterns find them when they are shown on purpose.
    const admin = await loginAs(t.app, 'admin');
    const [withBoth] = await queryRows<{ id: string }>(t.deps.db, sql`select id from residents where phone_cipher is not null and id_cipher is not null limit 1`);
    expect(withBoth).toBeDefined();
    expect((await admin.post(`/api/residents/${withBoth!.id}/reveal`, { field: 'phone' })).body).toMatch(FULL_PHONE);
    expect((await admin.post(`/api/residents/${withBoth!.id}/reveal`, { field: 'idNumber' })).body).toMatch(FULL_ID_NUMBER);

    const routes = (await routeTable(t.app)).filter((r) => r.method === 'GET' && r.path.startsWith('/api') && r.pathParams.every((p) => sourceFor(r.path, p)));
    const callers: [string, Client][] = [['anonymous', new Client(t.app)]];
    for (const login of DEMO_LOGINS) callers.push([login.username, login.username === 'admin' ? admin : await loginAs(t.app, login.username)]);
    const leaks: string[] = [];
    let answered = 0;
    for (const route of routes) {
      const ids = await Promise.all(route.pathParams.map(async (p) => [p, await idsUnder(t.deps.db, sourceFor(route.path, p)!, '/', undefined, 3)] as const));
      for (let n = 0; n < 3; n++) {
        const url = fillPath(route.path, Object.fromEntries(ids.map(([p, list]) => [p, list[n % Math.max(list.length, 1)] ?? '']))) + (route.path.endsWith('/residents') || route.path.endsWith('/cases') ? '?limit=200' : '');
        for (const [who, client] of callers) {
          const response = await client.get(url);
          if (response.statusCode !== 200) continue;
          answered++;
          const text = route.path.endsWith('.xlsx') ? await xlsxText(response.rawPayload) : response.body;
          if (FULL_PHONE.test(text) || FULL_ID_NUMBER.test(text)) { const m = (FULL_PHONE.exec(text) ?? FULL_ID_NUMBER.exec(text))!; leaks.push(`${route.key} as ${who}: ${text.slice(m.index - 60, m.index + 30)}`); }
        }
        if (route.pathParams.length === 0) break;
      }
    }
    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });

  it('never writes a full number into the audit log, even for a reveal', async () => {
    const rows = await queryRows<{ entry: string }>(t.deps.db, sql`select to_jsonb(a)::text as entry from audit_log a`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => FULL_PHONE.test(r.entry) || FULL_ID_NUMBER.test(r.entry)).map((r) => { const m = (FULL_PHONE.exec(r.entry) ?? FULL_ID_NUMBER.exec(r.entry))!; return r.entry.slice(m.index - 60, m.index + 30); })).toEqual([]);
  });
});

/** The text of every cell of a workbook, one cell per line. */
async function xlsxText(payload: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}
