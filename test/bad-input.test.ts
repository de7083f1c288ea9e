import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { type Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

/** Rows in the tables a bad request could touch: a refused request must leave them alone. */
async function footprint(t: TestApp): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, number>>(
    t.deps.db,
    sql`select (select count(*)::int from places) as places, (select count(*)::int from residents) as residents,
               (select count(*)::int from households) as households, (select count(*)::int from accounts) as accounts,
               (select count(*)::int from audit_log where action not like 'auth.%') as audit`,
  );
  return row!;
}

describe('bad input gets a clear error and changes nothing', () => {
  let t: TestApp;
  let admin: Client;
  let parentId: string;
  beforeAll(async () => {
    t = await openTestApp('demo', { BODY_LIMIT_BYTES: '65536' });
    admin = await loginAs(t.app, 'admin');
    parentId = (await placeAt(t, '440300', '440305', 'ZS')).id;
  });
  afterAll(() => t.close());

  const place = (extra: Record<string, unknown> = {}) => ({ parentId, level: 'community', code: 'BAD1', nameZh: '坏社区', nameEn: 'Bad', ...extra });

  it('refuses malformed JSON, wrong types, unknown fields, missing fields and oversized bodies', async () => {
    const before = await footprint(t);
    const json = { 'content-type': 'application/json' };
    const cases: [string, Awaited<ReturnType<Client['post']>>, string][] = [
      ['malformed JSON', await admin.post('/api/places', '{"parentId": "x", ', json), 'malformed_json'],
      ['a prototype-polluting body', await admin.post('/api/places', '{"__proto__": {"admin": true}}', json), 'malformed_json'],
      ['a number as text', await admin.post('/api/places', place({ code: 12345 })), 'validation_failed'],
      ['a text as id', await admin.post('/api/places', place({ parentId: 'Robert' })), 'validation_failed'],
      ['an unknown field', await admin.post('/api/places', place({ isAdmin: true })), 'validation_failed'],
      ['a missing field', await admin.post('/api/places', { parentId, level: 'community', code: 'BAD2' }), 'validation_failed'],
      ['an unknown level', await admin.post('/api/places', place({ level: 'planet' })), 'validation_failed'],
      ['an empty name', await admin.post('/api/places', place({ nameZh: '' })), 'validation_failed'],
      ['a name too long', await admin.post('/api/places', place({ nameZh: '长'.repeat(101) })), 'validation_failed'],
      ['an oversized body', await admin.post('/api/places', place({ nameEn: 'x'.repeat(70_000) })), 'payload_too_large'],
      ['an array for an object', await admin.post('/api/places', [place()]), 'validation_failed'],
      ['a bad id in the path', await admin.patch('/api/places/not-a-uuid', { nameZh: '新' }), 'validation_failed'],
      ['a path part longer than the router takes', await admin.patch(`/api/places/${'x'.repeat(500)}`, { nameZh: '新' }), 'url_invalid'],
      ['an empty change', await admin.patch(`/api/places/${parentId}`, {}), 'validation_failed'],
      ['a query number out of range', await admin.get('/api/residents?limit=100000'), 'validation_failed'],
      ['an unknown query parameter', await admin.get('/api/residents?sort=name;drop'), 'validation_failed'],
      ['a form post', await admin.post('/api/places', 'parentId=x', { 'content-type': 'application/x-www-form-urlencoded' }), 'unsupported_media_type'],
    ];
    for (const [label, response, code] of cases) {
      expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, label).toBeLessThan(500);
      const error = errorOf(response);
      expect(error.code, `${label}: ${response.body}`).toBe(code);
      expect(error.message.length, label).toBeGreaterThan(5);
      expect(response.body, label).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
    }
    expect(await footprint(t)).toEqual(before);
  });

  it('says which field is wrong and why, in the caller’s language', async () => {
    const en = errorOf(await admin.post('/api/places', place({ code: 12345, extra: 1 })));
    expect(en.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/code', rule: 'type' }),
        expect.objectContaining({ path: '/extra', rule: 'additionalProperties' }),
      ]),
    );
    const zhAdmin = await loginAs(t.app, 'supervisor', undefined, 'zh-CN');
    const zh = errorOf(await zhAdmin.get('/api/residents?limit=0'));
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(zh.details)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('stores SQL and script injection strings as the literal text they are', async () => {
    const evil = [`'); drop table places; --`, `<script>alert("x")</script>`, `Robert'); DELETE FROM residents;--`, `\u0000-free ${'$'}{7*7} {{7*7}}`.replace('\u0000', '')];
    for (const [i, text] of evil.entries()) {
      const response = await admin.post('/api/places', place({ code: `INJ${i}`, nameZh: text, nameEn: text }));
      expect(response.statusCode, response.body).toBe(201);
      const stored = (await admin.get(`/api/places/${response.json<{ place: { id: string } }>().place.id}`)).json<{ place: { nameZh: string } }>();
      expect(stored.place.nameZh).toBe(text);
    }
    const search = await admin.get(`/api/residents?q=${encodeURIComponent("%' or '1'='1")}`);
    expect(search.statusCode).toBe(200);
    expect(search.json()).toMatchObject({ items: [], total: 0 });
    const wildcard = await admin.get(`/api/residents?q=${encodeURIComponent('%')}`);
    expect(wildcard.json()).toMatchObject({ total: 0 });
    expect((await footprint(t)).residents).toBeGreaterThan(600);
  });

  it('refuses a NUL character rather than failing inside the database', async () => {
    const response = await admin.post('/api/places', place({ code: 'NUL1', nameZh: 'a\u0000b' }));
    expect(response.statusCode).toBe(400);
  });

  it('refuses a dispatcher reaching outside its place, and changes nothing', async () => {
    const before = await footprint(t);
    const dispatcher = await loginAs(t.app, 'dispatcher');
    const qingyuan = await placeAt(t, '331100', '331126');
    const [outsider] = await queryRows<{ id: string }>(
      t.deps.db,
      sql`select r.id from residents r join places p on p.id = r.place_id where p.path like ${qingyuan.path + '%'} limit 1`,
    );
    expect((await dispatcher.patch(`/api/residents/${outsider!.id}`, { name: '改' })).statusCode).toBe(403);
    expect((await dispatcher.post('/api/residents', { placeId: qingyuan.id, name: '新', residency: 'new' })).statusCode).toBe(403);
    expect((await dispatcher.delete(`/api/places/${qingyuan.id}`)).statusCode).toBe(403);
    expect(await footprint(t)).toEqual(before);
  });
});
