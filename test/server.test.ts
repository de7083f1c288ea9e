import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorOf, openTestApp, type TestApp } from './support/app.js';

describe('the HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('demo');
  });
  afterAll(() => t.close());

  it('answers /healthz once the database is ready', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3 document listing every API route, and Swagger UI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/places', '/api/residents', '/api/accounts', '/api/audit', '/healthz']));
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown address with the one error shape, in the caller’s language', async () => {
    const en = await new Client(t.app, 'en').get('/api/nothing-here');
    expect(en.statusCode).toBe(404);
    expect(errorOf(en)).toMatchObject({ code: 'route_not_found', details: {} });
    const zh = await new Client(t.app, 'zh-CN').get('/api/nothing-here');
    expect(errorOf(zh).code).toBe('route_not_found');
    expect(errorOf(zh).message).toMatch(/[\u4e00-\u9fff]/);
    expect(errorOf(en).message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('prefers Chinese when the caller names no language', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/residents' });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('sets security headers on every answer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
