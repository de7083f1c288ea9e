import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

describe('logging in, sessions, CSRF, lockout and API tokens', () => {
  let t: TestApp;
  let clock = new Date('2026-11-23T09:00:00+08:00');
  const later = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };
  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => clock);
  });
  afterAll(() => t.close());

  it('logs in with a signed, httpOnly, SameSite session cookie and says who is logged in', async () => {
    const client = new Client(t.app);
    const response = await client.post('/api/auth/login', { username: 'dispatcher', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tx_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value).toContain('.'); // signed
    const me = (await client.get('/api/auth/me')).json<{ me: { username: string; grants: { role: string; placeNameEn: string }[] } }>().me;
    expect(me.username).toBe('dispatcher');
    expect(me.grants).toEqual([expect.objectContaining({ role: 'dispatcher', placeNameEn: 'Zhaoshang Subdistrict' })]);
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const wrong = await new Client(t.app).post('/api/auth/login', { username: 'liaison', password: 'not-the-password' });
    const unknown = await new Client(t.app).post('/api/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
  });

  it('refuses a login form without its CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('csrf_invalid');
  });

  it('refuses a state-changing request with the session cookie but a missing or foreign CSRF token', async () => {
    const admin = await loginAs(t.app, 'admin');
    const shenzhen = await placeAt(t, '440300');
    const body = { parentId: shenzhen.id, level: 'district', code: '440399', nameZh: '伪造区', nameEn: 'Forged' };
    const missing = await admin.post('/api/places', body, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    const other = new Client(t.app);
    const foreign = await admin.post('/api/places', body, { 'x-csrf-token': await other.fetchCsrf() });
    expect(foreign.statusCode).toBe(403);
    expect(errorOf(foreign).code).toBe('csrf_invalid');
    expect((await admin.get(`/api/places?parentId=${shenzhen.id}`)).body).not.toContain('440399');
  });

  it('locks an account after five wrong passwords, even against the right one, then lets it in again', async () => {
    const client = new Client(t.app);
    for (let i = 0; i < 4; i++) {
      expect((await client.post('/api/auth/login', { username: 'deputy', password: `wrong-${i}` })).statusCode).toBe(401);
    }
    const fifth = await client.post('/api/auth/login', { username: 'deputy', password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(errorOf(fifth).code).toBe('account_locked');
    const right = await client.post('/api/auth/login', { username: 'deputy', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(errorOf(right).message).toMatch(/\d{1,2}:\d{2}/); // says until when
    later(16);
    expect((await client.post('/api/auth/login', { username: 'deputy', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('ends a session on logout, and the old cookie no longer works', async () => {
    const client = await loginAs(t.app, 'staff');
    expect((await client.get('/api/stats/overview')).statusCode).toBe(200);
    const saved = (client as unknown as { cookies: Map<string, string> }).cookies.get('tx_session')!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect(client.hasSession()).toBe(false);
    const replay = await t.app.inject({ method: 'GET', url: '/api/stats/overview', cookies: { tx_session: saved } });
    expect(replay.statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const client = await loginAs(t.app, 'head');
    later(t.config.session.idleMinutes + 1);
    const response = await client.get('/api/stats/overview');
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('unauthenticated');
  });

  it('changes one’s own password only with the current one and a strong new one', async () => {
    const client = await loginAs(t.app, 'member');
    const weak = await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'member123' });
    expect(errorOf(weak).code).toBe('password_too_weak');
    const wrongCurrent = await client.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Long-enough-Pass1' });
    expect(errorOf(wrongCurrent).code).toBe('password_wrong');
    expect((await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Long-enough-Pass1' })).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ me: { username: 'member' } });
    await expect(loginAs(t.app, 'member')).rejects.toThrow(/401/);
    await loginAs(t.app, 'member', 'Long-enough-Pass1');
  });

  it('issues an API token that works as a Bearer credential without CSRF, until revoked', async () => {
    const admin = await loginAs(t.app, 'admin');
    const accounts = (await admin.get('/api/accounts?q=dispatcher')).json<{ items: { id: string; username: string }[] }>().items;
    const dispatcher = accounts.find((a) => a.username === 'dispatcher')!;
    const issued = await admin.post(`/api/accounts/${dispatcher.id}/tokens`, { name: 'hotline integration' });
    expect(issued.statusCode).toBe(201);
    const { id, token } = issued.json<{ id: string; token: string }>();
    expect(token).toMatch(/^txn_/);
    const listed = (await admin.get(`/api/accounts/${dispatcher.id}/tokens`)).body;
    expect(listed).not.toContain(token);

    const asToken = { authorization: `Bearer ${token}` };
    const stats = await t.app.inject({ method: 'GET', url: '/api/stats/overview', headers: asToken });
    expect(stats.statusCode).toBe(200);
    const zhaoshang = await placeAt(t, '440300', '440305', 'ZS');
    const reveal = await t.app.inject({ method: 'GET', url: `/api/residents?placeId=${zhaoshang.id}&limit=1`, headers: asToken });
    expect(reveal.statusCode).toBe(200);

    expect((await admin.delete(`/api/accounts/${dispatcher.id}/tokens/${id}`)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/stats/overview', headers: asToken });
    expect(after.statusCode).toBe(401);
  });

  it('keeps a disabled account out, including its open sessions', async () => {
    const admin = await loginAs(t.app, 'admin');
    const secretary = await loginAs(t.app, 'secretary');
    const id = (await admin.get('/api/accounts?q=secretary')).json<{ items: { id: string }[] }>().items[0]!.id;
    expect((await admin.patch(`/api/accounts/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await secretary.get('/api/stats/overview')).statusCode).toBe(401);
    const again = await new Client(t.app).post('/api/auth/login', { username: 'secretary', password: DEMO_PASSWORD });
    expect(errorOf(again).code).toBe('account_disabled');
  });
});
