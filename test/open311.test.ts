import { XMLParser } from 'fast-xml-parser';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { createOpen311Key } from '../src/modules/cases/open311/keys.js';
import { systemContext } from '../src/platform/context.js';
import { openTestApp, placeAt, type TestApp } from './support/app.js';

/**
 * The GeoReport v2 endpoint as a client outside this project uses it, written from the
 * specification (wiki.open311.org/GeoReport_v2): resources by extension, form-encoded posts,
 * errors as a list of { code, description }.
 */
describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let key: string;
  let otherCityKey: string;
  const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const caseCount = async () => (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from cases where channel = 'open311'`))[0]!.n;

  beforeAll(async () => {
    t = await openTestApp('demo');
    const ctx = systemContext(t.deps, 'test');
    key = (await createOpen311Key(ctx, { jurisdiction: '440300', name: 'Street app' })).key;
    otherCityKey = (await createOpen311Key(ctx, { jurisdiction: '440100', name: 'Guangzhou app' })).key;
  });
  afterAll(() => t.close());

  it('publishes the discovery document in both formats', async () => {
    const json = (await get('/open311/discovery.json')).json<{ endpoints: { specification: string; url: string; formats: string[] }[] }>();
    expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] });
    expect(json.endpoints[0]!.url).toMatch(/\/open311\/v2$/);
    const asXml = await get('/open311/discovery.xml');
    expect(asXml.headers['content-type']).toContain('text/xml');
    expect(asXml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml.parse(asXml.body).discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists a city’s services and defines each with its attributes', async () => {
    const services = (await get('/open311/v2/services.json?jurisdiction_id=440300')).json<{ service_code: string; metadata: boolean; type: string; group: string }[]>();
    expect(services.length).toBeGreaterThanOrEqual(69);
    expect(services).toContainEqual(expect.objectContaining({ service_code: 'urban-management.street-lights', metadata: true, type: 'realtime' }));
    const asXml = xml.parse((await get('/open311/v2/services.xml?jurisdiction_id=440300')).body);
    expect(asXml.services.service.length).toBe(services.length);
    const definition = (await get('/open311/v2/services/urban-management.street-lights.json?jurisdiction_id=440300')).json<{ service_code: string; attributes: { code: string; datatype: string; values: { key: string }[] }[] }>();
    expect(definition.attributes.find((a) => a.code === 'urgency')).toMatchObject({ datatype: 'singlevaluelist', values: [{ key: 'normal' }, { key: 'urgent' }] });
    const definitionXml = xml.parse((await get('/open311/v2/services/urban-management.street-lights.xml?jurisdiction_id=440300')).body);
    expect(definitionXml.service_definition.attributes.attribute[0].values.value.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent']);
    const unknown = await get('/open311/v2/services/no-such.service.json?jurisdiction_id=440300');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('no-such.service') }]);
    expect((await get('/open311/v2/services.json')).statusCode).toBe(400); // several cities: jurisdiction_id needed
  });

  it('takes a form-encoded request with a key, once, and tells its progress without personal data', async () => {
    const before = await caseCount();
    const fields = {
      api_key: key,
      jurisdiction_id: '440300',
      service_code: 'urban-management.street-lights',
      lat: '22.4801',
      long: '113.9201',
      address_string: '深圳市南山区招商街道水湾社区 水湾路 8 号',
      description: '路灯不亮，联系我 13800138000',
      first_name: '小明',
      last_name: '王',
      phone: '13800138000',
      'attribute[urgency]': 'urgent',
      media_url: 'https://example.org/photo.jpg',
    };
    const made = await post('/open311/v2/requests.json', fields, { 'idempotency-key': 'o311-1' });
    expect(made.statusCode, made.body).toBe(201);
    const number = made.json<{ service_request_id: string }[]>()[0]!.service_request_id;
    expect(number).toMatch(/^NS-\d{4}-\d{6}$/);
    const again = await post('/open311/v2/requests.json', fields, { 'idempotency-key': 'o311-1' });
    expect(again.json<{ service_request_id: string }[]>()[0]!.service_request_id).toBe(number);
    expect(await caseCount()).toBe(before + 1);

    const [stored] = await queryRows<{ channel: string; priority: string; place: string }>(
      t.deps.db,
      sql`select c.channel, c.priority, p.name_en as place from cases c join places p on p.id = c.place_id where c.number = ${number}`,
    );
    // Filed at the most specific place the address names, as urgent as the client said.
    expect(stored).toEqual({ channel: 'open311', priority: 'urgent', place: 'Shuiwan Community' });

    const one = await get(`/open311/v2/requests/${number}.json?jurisdiction_id=440300`);
    const [request] = one.json<Record<string, unknown>[]>();
    expect(request).toMatchObject({ service_request_id: number, status: 'open', service_code: 'urban-management.street-lights', lat: 22.4801, long: 113.9201, media_url: 'https://example.org/photo.jpg' });
    expect(JSON.stringify(request)).not.toContain('13800138000');
    expect(JSON.stringify(request)).not.toContain('小明');
    const asXml = xml.parse((await get(`/open311/v2/requests/${number}.xml?jurisdiction_id=440300`)).body);
    expect(asXml.service_requests.request[0].service_request_id).toBe(number);
  });

  it('filters requests by status, service and date, as the specification lists', async () => {
    const list = async (query: string) => (await get(`/open311/v2/requests.json?jurisdiction_id=440300&${query}`)).json<{ service_request_id: string; status: string; service_code: string }[]>();
    const open = await list('status=open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    expect((await list('status=closed')).every((r) => r.status === 'closed')).toBe(true);
    const lights = await list('service_code=urban-management.street-lights');
    expect(lights.length).toBeGreaterThan(0);
    expect(lights.every((r) => r.service_code === 'urban-management.street-lights')).toBe(true);
    expect(await list('start_date=2001-01-01T00:00:00Z&end_date=2001-02-01T00:00:00Z')).toEqual([]);
    const ids = open.slice(0, 2).map((r) => r.service_request_id);
    expect((await list(`service_request_id=${ids.join(',')}`)).map((r) => r.service_request_id).sort()).toEqual(ids.sort());
    expect((await get('/open311/v2/requests.json?jurisdiction_id=440300&status=maybe')).statusCode).toBe(400);
  });

  it('refuses bad posts in the specification’s error format and makes nothing', async () => {
    const before = await caseCount();
    const base = { api_key: key, jurisdiction_id: '440300', service_code: 'water.water-supply', lat: '22.5', long: '113.9', description: '水管爆了' };
    const cases: [Record<string, string>, number][] = [
      [{ ...base, api_key: 'o311_wrong' }, 403],
      [{ ...base, api_key: otherCityKey }, 403],
      [{ ...base, service_code: 'water.nothing' }, 404],
      [{ ...base, lat: '', long: '' }, 400],
      [{ ...base, lat: '200' }, 400],
      [{ ...base, phone: '12345' }, 400],
      [{ ...base, 'attribute[urgency]': 'yesterday' }, 400],
      [{ ...base, media_url: 'javascript:alert(1)' }, 400],
    ];
    for (const [fields, status] of cases) {
      const response = await post('/open311/v2/requests.xml', fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(status);
      const errors = xml.parse(response.body).errors.error;
      expect(errors[0].code).toBe(status);
      expect(errors[0].description).toBeTruthy();
    }
    const malformed = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: '{"api_key":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual([{ code: 400, description: expect.any(String) }]);
    expect(await caseCount()).toBe(before);
  });

  it('answers a token with its request', async () => {
    const [row] = await queryRows<{ id: string; number: string }>(t.deps.db, sql`select id, number from cases where channel = 'open311' limit 1`);
    expect((await get(`/open311/v2/tokens/${row!.id}.json?jurisdiction_id=440300`)).json()).toEqual([{ service_request_id: row!.number, token: row!.id }]);
    expect((await get('/open311/v2/tokens/nothing.json?jurisdiction_id=440300')).statusCode).toBe(404);
  });

  it('takes JSON too, with the place given by address_id', async () => {
    const city = await placeAt(t, '440300');
    const made = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: key, jurisdiction_id: '440300', service_code: 'greening.street-trees', address_id: city.id, description: 'A fallen tree blocks the pavement' },
    });
    expect(made.statusCode, made.body).toBe(201);
  });
});
