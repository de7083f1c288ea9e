import { sql } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { createOpen311Key } from '../src/modules/cases/open311/keys.js';
import { systemContext } from '../src/platform/context.js';
import { type Client, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';
import { separateInstallation } from './support/installation.js';

/**
 * The GeoReport v2 endpoint as a client outside this project uses it, written from the
 * specification (wiki.open311.org/GeoReport_v2 and /Service_Discovery): resources by extension,
 * form-encoded posts, XML with the specification's element names, errors as a list of
 * { code, description } with the HTTP status.
 */

/** The elements that repeat in the specification's XML, so a parser gives them as lists. */
const LISTS = ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'];
const xml = new XMLParser({ isArray: (name) => LISTS.includes(name), parseTagValue: false });
/** Parses an XML answer after checking it is well-formed and declared as the specification says. */
function parseXml(body: string) {
  expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(body)).toBe(true);
  return xml.parse(body);
}
const keysOf = (o: object) => Object.keys(o).sort();

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
type ServiceRequest = Record<(typeof REQUEST_FIELDS)[number], unknown> & { service_request_id: string; status: string; service_code: string | null; requested_datetime: string };

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let key: string;
  let otherCityKey: string;
  const form = (fields: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(name, v);
    return params.toString();
  };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } });
  const count = async () => (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from cases`))[0]!.n;
  const list = async (query: string) => {
    const response = await get(`/open311/v2/requests.json?jurisdiction_id=440300&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ServiceRequest[]>();
  };
  /** A valid post: a street light out, located by coordinates and the address. */
  const light = (over: Record<string, string | string[]> = {}) => ({
    api_key: key,
    jurisdiction_id: '440300',
    service_code: 'urban-management.street-lights',
    lat: '22.4801',
    long: '113.9201',
    address_string: '深圳市南山区招商街道水湾社区 水湾路 8 号',
    description: '路灯不亮，晚上很黑',
    ...over,
  });

  beforeAll(async () => {
    t = await openTestApp('demo');
    const ctx = systemContext(t.deps, 'test');
    key = (await createOpen311Key(ctx, { jurisdiction: '440300', name: 'Street app' })).key;
    otherCityKey = (await createOpen311Key(ctx, { jurisdiction: '440100', name: 'Guangzhou app' })).key;
  });
  afterAll(() => t.close());

  it('publishes the service discovery document in both formats', async () => {
    const json = await get('/open311/discovery.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const discovery = json.json<{ changeset: string; contact: string; key_service: string; endpoints: Record<string, unknown>[] }>();
    expect(keysOf(discovery)).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(discovery.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/^http:\/\/[^/]+\/open311\/v2$/), changeset: discovery.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
    ]);
    const asXml = await get('/open311/discovery.xml');
    expect(asXml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const root = parseXml(asXml.body).discovery;
    expect(keysOf(root)).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(root.endpoints.endpoint[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: { format: ['text/xml', 'application/json'] } });
    // The endpoint it names is the one that answers.
    const endpoint = new URL(discovery.endpoints[0]!.url as string).pathname;
    expect((await get(`${endpoint}/services.json?jurisdiction_id=440300`)).statusCode).toBe(200);
  });

  it('follows the city’s catalog: a retired category is no longer a service, and discovery’s changeset moves', async () => {
    const before = (await get('/open311/discovery.json')).json<{ changeset: string }>().changeset;
    const [category] = await queryRows<{ id: string }>(
      t.deps.db,
      sql`select k.id from categories k join departments d on d.id = k.department_id join places p on p.id = k.place_id
          where p.code = '440300' and p.level = 'city' and d.code = 'traffic-police' and k.code = 'traffic-accidents'`,
    );
    const admin = await loginAs(t.app, 'admin');
    expect((await admin.patch(`/api/categories/${category!.id}`, { retired: true })).statusCode).toBe(200);
    const after = (await get('/open311/discovery.json')).json<{ changeset: string }>().changeset;
    expect(after > before).toBe(true);
    const codes = (await get('/open311/v2/services.json?jurisdiction_id=440300')).json<{ service_code: string }[]>().map((s) => s.service_code);
    expect(codes).not.toContain('traffic-police.traffic-accidents');
    expect(codes).toContain('traffic-police.illegal-parking');
    expect((await get('/open311/v2/services/traffic-police.traffic-accidents.json?jurisdiction_id=440300')).statusCode).toBe(404);
    expect((await post('/open311/v2/requests.json', light({ service_code: 'traffic-police.traffic-accidents' }))).statusCode).toBe(404);
  });

  it('lists a city’s services, grouped by department, in both formats', async () => {
    const response = await get('/open311/v2/services.json?jurisdiction_id=440300', { 'accept-language': 'en' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const services = response.json<Record<string, unknown>[]>();
    expect(services.length).toBeGreaterThanOrEqual(69); // the 23 departments' categories
    for (const service of services) expect(keysOf(service)).toEqual([...SERVICE_FIELDS].sort());
    const lights = services.find((s) => s.service_code === 'urban-management.street-lights')!;
    expect(lights).toMatchObject({ service_name: 'Street lights', metadata: true, type: 'realtime', group: expect.stringMatching(/Urban Management/) });
    expect(typeof lights.keywords).toBe('string');
    expect(lights.keywords).toContain('路灯');
    expect(new Set(services.map((s) => s.service_code)).size).toBe(services.length);

    const asXml = parseXml((await get('/open311/v2/services.xml?jurisdiction_id=440300')).body);
    expect(keysOf(asXml)).toEqual(['?xml', 'services']);
    expect(asXml.services.service).toHaveLength(services.length);
    for (const service of asXml.services.service) expect(keysOf(service)).toEqual([...SERVICE_FIELDS].sort());
    expect(asXml.services.service.find((s: { service_code: string }) => s.service_code === 'urban-management.street-lights')).toMatchObject({ service_name: '路灯', metadata: 'true', type: 'realtime' });
  });

  it('asks for the jurisdiction while it serves several cities, and knows which it does not serve', async () => {
    const missing = await get('/open311/v2/services.xml');
    expect(missing.statusCode).toBe(400);
    expect(parseXml(missing.body).errors.error).toEqual([{ code: '400', description: expect.stringContaining('jurisdiction_id') }]);
    const unknown = await get('/open311/v2/services.json?jurisdiction_id=999999', { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: 'No city has the jurisdiction_id 999999' }]);
    // Every city has its own catalog copy: Guangzhou's services are its own.
    expect((await get('/open311/v2/services.json?jurisdiction_id=440100')).json<unknown[]>().length).toBeGreaterThan(0);
  });

  it('defines each service with its attributes, and answers 404 for a service it does not have', async () => {
    const definition = (await get('/open311/v2/services/urban-management.street-lights.json?jurisdiction_id=440300')).json<{
      service_code: string;
      attributes: Record<string, unknown>[];
    }>();
    expect(definition.service_code).toBe('urban-management.street-lights');
    for (const attribute of definition.attributes) {
      expect(keysOf(attribute)).toEqual(['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable']);
    }
    expect(definition.attributes.find((a) => a.code === 'urgency')).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 1, values: [{ key: 'normal' }, { key: 'urgent' }] });

    const asXml = parseXml((await get('/open311/v2/services/urban-management.street-lights.xml?jurisdiction_id=440300')).body).service_definition;
    expect(asXml.service_code).toBe('urban-management.street-lights');
    const urgency = asXml.attributes.attribute.find((a: { code: string }) => a.code === 'urgency');
    expect(urgency).toMatchObject({ variable: 'true', datatype: 'singlevaluelist', required: 'false', order: '1' });
    expect(urgency.values.value.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent']);

    for (const format of ['json', 'xml'] as const) {
      const unknown = await get(`/open311/v2/services/urban-management.no-such-thing.${format}?jurisdiction_id=440300`, { 'accept-language': 'en' });
      expect(unknown.statusCode).toBe(404);
      const errors = format === 'json' ? unknown.json<{ code: number; description: string }[]>() : parseXml(unknown.body).errors.error;
      expect(errors).toEqual([{ code: format === 'json' ? 404 : '404', description: expect.stringContaining('urban-management.no-such-thing') }]);
    }
  });

  let made: string;

  it('takes a form-encoded request with a key: one case on the open311 channel, filed where the address says', async () => {
    const before = await count();
    const response = await post(
      '/open311/v2/requests.xml',
      light({
        'attribute[urgency]': 'urgent',
        'attribute[landmark]': '7-Eleven 门口',
        email: 'wang@example.com',
        device_id: 'device-1',
        account_id: 'acct-1',
        first_name: '小明',
        last_name: '王',
        phone: '13800138000',
        description: '路灯不亮，晚上很黑，联系我 13800138000',
        media_url: 'https://example.org/photo.jpg',
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const [answer] = parseXml(response.body).service_requests.request;
    expect(keysOf(answer)).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(answer.service_request_id).toMatch(/^NS-\d{4}-\d{6}$/);
    expect(answer.service_notice).toContain(answer.service_request_id);
    expect(answer.account_id).toBe('');
    made = answer.service_request_id;
    expect(await count()).toBe(before + 1);

    const [stored] = await queryRows<Record<string, unknown>>(
      t.deps.db,
      sql`select c.channel, c.priority, c.status, c.address, c.contact_name, c.contact_phone_masked, c.contact_phone_cipher is not null as sealed,
            p.name_en as place, k.code as category
          from cases c join places p on p.id = c.place_id join categories k on k.id = c.category_id
          where c.number = ${made}`,
    );
    expect(stored).toEqual({
      channel: 'open311',
      priority: 'urgent',
      status: 'received',
      address: '深圳市南山区招商街道水湾社区 水湾路 8 号 · 7-Eleven 门口',
      contact_name: '王小明',
      contact_phone_masked: '138****8000',
      sealed: true,
      place: 'Shuiwan Community',
      category: 'street-lights',
    });
    // The phone number is kept sealed, never in the clear.
    expect((await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from cases where contact_phone_cipher like ${'%13800138000%'}`))[0]!.n).toBe(0);
    // The audit log names the client, not the person.
    const [audit] = await queryRows<{ after: Record<string, unknown> }>(t.deps.db, sql`select after from audit_log where action = 'case.submit' and after->>'number' = ${made}`);
    expect(audit!.after).toMatchObject({ channel: 'open311', via: 'open311:Street app' });
  });

  it('shows the request to anyone, with the specification’s fields and no personal data', async () => {
    const one = await get(`/open311/v2/requests/${made}.json?jurisdiction_id=440300`, { 'accept-language': 'en' });
    expect(one.statusCode).toBe(200);
    const [request] = one.json<ServiceRequest[]>();
    expect(keysOf(request!)).toEqual([...REQUEST_FIELDS].sort());
    expect(request).toMatchObject({
      service_request_id: made,
      status: 'open',
      service_code: 'urban-management.street-lights',
      service_name: 'Street lights',
      description: '路灯不亮，晚上很黑，联系我 138****8000',
      lat: 22.4801,
      long: 113.9201,
      media_url: 'https://example.org/photo.jpg',
      agency_responsible: null,
      zipcode: null,
    });
    expect(Date.parse(request!.requested_datetime)).toBeGreaterThan(Date.now() - 60_000);
    const text = JSON.stringify(request) + (await get(`/open311/v2/requests/${made}.xml?jurisdiction_id=440300`)).body;
    for (const secret of ['13800138000', '小明', 'wang@example.com', 'device-1', 'acct-1', 'Street app']) expect(text).not.toContain(secret);

    const asXml = parseXml((await get(`/open311/v2/requests/${made}.xml?jurisdiction_id=440300`)).body);
    expect(keysOf(asXml)).toEqual(['?xml', 'service_requests']);
    expect(keysOf(asXml.service_requests.request[0])).toEqual([...REQUEST_FIELDS].sort());
    expect(asXml.service_requests.request[0]).toMatchObject({ service_request_id: made, status: 'open', zipcode: '', lat: '22.4801' });

    const missing = await get('/open311/v2/requests/NS-1999-000000.xml?jurisdiction_id=440300');
    expect(missing.statusCode).toBe(404);
    expect(parseXml(missing.body).errors.error[0].code).toBe('404');
    // A request of one city is not found through another.
    expect((await get(`/open311/v2/requests/${made}.json?jurisdiction_id=440100`)).statusCode).toBe(404);
  });

  it('tells the department, the deadline and the public reply once the line handles it', async () => {
    const [row] = await queryRows<{ id: string; department: string }>(
      t.deps.db,
      sql`select c.id, d.id as department from cases c join departments d on d.place_id = c.city_id and d.code = 'urban-management' where c.number = ${made}`,
    );
    const dispatcher: Client = await loginAs(t.app, 'dispatcher');
    const staff: Client = await loginAs(t.app, 'staff');
    expect((await dispatcher.post(`/api/cases/${row!.id}/dispatch`, { departmentId: row!.department })).statusCode).toBe(200);
    expect((await staff.post(`/api/cases/${row!.id}/accept`)).statusCode).toBe(200);
    expect((await staff.post(`/api/cases/${row!.id}/notes`, { body: '内部备注：明早派电工', public: false })).statusCode).toBe(200);
    expect((await staff.post(`/api/cases/${row!.id}/notes`, { body: '已安排电工明早维修，如有疑问请致电 13912345678', public: true })).statusCode).toBe(200);

    const [request] = (await get(`/open311/v2/requests/${made}.json?jurisdiction_id=440300`)).json<ServiceRequest[]>();
    expect(request).toMatchObject({ status: 'open', status_notes: '已安排电工明早维修，如有疑问请致电 139****5678', agency_responsible: expect.stringContaining('城市管理') });
    expect(Date.parse(request!.expected_datetime as string)).toBeGreaterThan(Date.now());

    expect((await staff.post(`/api/cases/${row!.id}/resolve`, { reply: '路灯已修复，感谢反映' })).statusCode).toBe(200);
    const [resolved] = (await get(`/open311/v2/requests/${made}.json?jurisdiction_id=440300`)).json<ServiceRequest[]>();
    expect(resolved).toMatchObject({ status: 'closed', status_notes: '路灯已修复，感谢反映' });
    expect(Date.parse(resolved!.updated_datetime as string)).toBeGreaterThanOrEqual(Date.parse(request!.updated_datetime as string));
  });

  it('answers a retry with the same Idempotency-Key with the same request, and makes nothing new', async () => {
    const before = await count();
    const first = await post('/open311/v2/requests.json', light({ description: '路灯一闪一闪' }), { 'idempotency-key': 'street-app-42' });
    expect(first.statusCode, first.body).toBe(201);
    const number = first.json<{ service_request_id: string }[]>()[0]!.service_request_id;
    const again = await post('/open311/v2/requests.json', light({ description: '路灯一闪一闪' }), { 'idempotency-key': 'street-app-42' });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ service_request_id: string }[]>()[0]!.service_request_id).toBe(number);
    expect(await count()).toBe(before + 1);
    const bad = await post('/open311/v2/requests.json', light(), { 'idempotency-key': 'has space' });
    expect(bad.statusCode).toBe(400);
    expect(await count()).toBe(before + 1);
  });

  it('makes one case when retries with the same Idempotency-Key race each other', async () => {
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/open311/v2/requests.json', light({ description: '路灯整晚不亮' }), { 'idempotency-key': 'street-app-race' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json<{ service_request_id: string }[]>()[0]!.service_request_id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a key once it is revoked', async () => {
    const ctx = systemContext(t.deps, 'test');
    const revoked = (await createOpen311Key(ctx, { jurisdiction: '440300', name: 'Old app' })).key;
    expect((await post('/open311/v2/requests.json', light({ api_key: revoked }))).statusCode).toBe(201);
    await t.deps.db.execute(sql`update open311_keys set revoked_at = now() where name = 'Old app'`);
    expect((await post('/open311/v2/requests.json', light({ api_key: revoked }))).statusCode).toBe(403);
  });

  it('answers a token with its request: requests are made at once, so a token is the request’s number', async () => {
    for (const format of ['json', 'xml'] as const) {
      const answer = await get(`/open311/v2/tokens/${made}.${format}?jurisdiction_id=440300`);
      expect(answer.statusCode).toBe(200);
      const items = format === 'json' ? answer.json() : parseXml(answer.body).service_requests.request;
      expect(items).toEqual([{ service_request_id: made, token: made }]);
    }
    const missing = await get('/open311/v2/tokens/nothing.json?jurisdiction_id=440300');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('nothing') }]);
  });

  it('filters requests by status, service and dates, as the specification lists', async () => {
    const all = await list('');
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(1000);
    // The default span is the most recent 90 days, newest first.
    const ninetyDaysAgo = Date.now() - 90 * 86_400_000 - 60_000;
    expect(all.every((r) => Date.parse(r.requested_datetime) >= ninetyDaysAgo)).toBe(true);
    expect(all.map((r) => r.requested_datetime)).toEqual([...all.map((r) => r.requested_datetime)].sort().reverse());

    const open = await list('status=open');
    const closed = await list('status=closed');
    expect(open.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    expect((await list('status=open,closed')).length).toBe(all.length);
    expect(open.length + closed.length).toBe(all.length);
    // Dispatchers filed most of the demo's requests under a category, so a client sees their service.
    const dispatched = all.filter((r) => r.agency_responsible);
    const withService = dispatched.filter((r) => typeof r.service_code === 'string' && r.service_code.includes('.'));
    expect(withService.length).toBeGreaterThan(dispatched.length / 2);

    const lights = await list('service_code=urban-management.street-lights');
    expect(lights.map((r) => r.service_request_id)).toContain(made);
    expect(lights.every((r) => r.service_code === 'urban-management.street-lights')).toBe(true);
    const waterBefore = await list('service_code=water.water-supply');
    const water = await post('/open311/v2/requests.json', light({ service_code: 'water.water-supply', description: '自来水发黄' }));
    expect(water.statusCode, water.body).toBe(201);
    const two = await list('service_code=urban-management.street-lights,water.water-supply');
    expect(new Set(two.map((r) => r.service_code))).toEqual(new Set(['urban-management.street-lights', 'water.water-supply']));
    expect(two.length).toBe(lights.length + waterBefore.length + 1);
    expect(await list('service_code=nothing.here')).toEqual([]);

    expect(await list('start_date=2001-01-01T00:00:00Z&end_date=2001-02-01T00:00:00Z')).toEqual([]);
    const newest = Date.parse(all[0]!.requested_datetime);
    const lastHour = await list(`start_date=${new Date(newest - 3_600_000).toISOString()}&end_date=${new Date(newest + 1000).toISOString()}`);
    expect(lastHour.length).toBeGreaterThan(0);
    expect(lastHour.every((r) => Date.parse(r.requested_datetime) >= newest - 3_600_000)).toBe(true);

    // service_request_id overrides every other argument.
    const ids = [made, open[0]!.service_request_id];
    const byId = await list(`service_request_id=${ids.join(',')}&status=closed&start_date=2001-01-01T00:00:00Z&service_code=x.y`);
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([...new Set(ids)].sort());

    for (const bad of ['status=maybe', 'start_date=yesterday', 'end_date=2026-01-01T08:00:00', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'start_date=2026-02-01&end_date=2026-01-01']) {
      const refused = await get(`/open311/v2/requests.xml?jurisdiction_id=440300&${bad}`);
      expect(refused.statusCode, bad).toBe(400);
      expect(parseXml(refused.body).errors.error[0].code).toBe('400');
    }
  });

  it('shows a merged request as closed, naming the request it was merged into', async () => {
    const numbers: string[] = [];
    for (const description of ['水湾路路灯不亮', '水湾路 8 号门口路灯坏了']) {
      const response = await post('/open311/v2/requests.json', light({ description }));
      numbers.push(response.json<{ service_request_id: string }[]>()[0]!.service_request_id);
    }
    const ids = await queryRows<{ id: string; number: string }>(t.deps.db, sql`select id, number from cases where number in (${numbers[0]}, ${numbers[1]})`);
    const idOf = (number: string) => ids.find((r) => r.number === number)!.id;
    const dispatcher = await loginAs(t.app, 'dispatcher');
    const merged = await dispatcher.post(`/api/cases/${idOf(numbers[1]!)}/merge`, { intoId: idOf(numbers[0]!) });
    expect(merged.statusCode, merged.body).toBe(200);
    const [request] = (await get(`/open311/v2/requests/${numbers[1]}.json?jurisdiction_id=440300`, { 'accept-language': 'en' })).json<ServiceRequest[]>();
    expect(request).toMatchObject({ status: 'closed', status_notes: `A duplicate of ${numbers[0]}, handled together with it` });
    expect((await list(`service_request_id=${numbers.join(',')}`)).map((r) => r.status).sort()).toEqual(['closed', 'open']);
  });

  it('refuses bad posts in the specification’s error format, in the caller’s language, and makes nothing', async () => {
    const before = await count();
    const cases: [string, Record<string, string | string[]>, number, RegExp][] = [
      ['no key', { ...light(), api_key: '' }, 403, /api_key/],
      ['a wrong key', light({ api_key: 'o311_wrong' }), 403, /api_key/],
      ['another city’s key', light({ api_key: otherCityKey }), 403, /api_key/],
      ['an unknown service', light({ service_code: 'water.nothing' }), 404, /water\.nothing/],
      ['no service', light({ service_code: '' }), 400, /service_code/],
      ['no location', light({ lat: '', long: '', address_string: '' }), 400, /location/],
      ['lat without long', light({ long: '' }), 400, /together/],
      ['a latitude off the earth', light({ lat: '200' }), 400, /lat must be a number from -90 to 90/],
      ['a phone that is no phone', light({ phone: '12345' }), 400, /phone/i],
      ['an urgency that is not on the list', light({ 'attribute[urgency]': 'yesterday' }), 400, /normal; urgent/],
      ['an attribute the service does not have', light({ 'attribute[colour]': 'red' }), 400, /attribute\[colour\]/],
      ['a script as media', light({ media_url: 'javascript:alert(1)' }), 400, /media_url/],
      ['a description of more than 4,000 characters', light({ description: '灯'.repeat(4001) }), 400, /4,000/],
      ['an address of another city', light({ lat: '', long: '', address_string: '', address_id: '00000000-0000-7000-8000-000000000000' }), 400, /address_id/],
      ['a field given twice', light({ service_code: ['urban-management.street-lights', 'water.water-supply'] }), 400, /service_code takes one value/],
      ['an unknown jurisdiction', light({ jurisdiction_id: '999999' }), 404, /999999/],
    ];
    for (const [label, fields, status, description] of cases) {
      const response = await post('/open311/v2/requests.xml', fields, { 'accept-language': 'en' });
      expect(response.statusCode, label).toBe(status);
      expect(response.headers['content-type'], label).toBe('text/xml; charset=utf-8');
      const errors = parseXml(response.body).errors.error;
      expect(errors[0].code, label).toBe(String(status));
      expect(errors.map((e: { description: string }) => e.description).join(' | '), label).toMatch(description);
    }
    // Several problems are answered together; JSON and Chinese alike.
    const several = await post('/open311/v2/requests.json', light({ lat: '200', 'attribute[urgency]': 'soon', media_url: 'ftp://x' }), { 'accept-language': 'zh-CN' });
    expect(several.statusCode).toBe(400);
    const errors = several.json<{ code: number; description: string }[]>();
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e.code === 400 && /[\u4e00-\u9fff]/.test(e.description))).toBe(true);

    const malformed = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: '{"api_key":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual([{ code: 400, description: expect.any(String) }]);
    const wrongType = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.statusCode).toBe(415);
    expect(parseXml(wrongType.body).errors.error[0].code).toBe('415');
    expect(await count()).toBe(before);
  });

  it('answers paths it does not have with the specification’s 404', async () => {
    for (const [url, format] of [
      ['/open311/v2/things.json', 'json'],
      ['/open311/v2/services.html', 'json'],
      ['/open311/v2/services/a/b.xml', 'xml'],
      ['/open311/v3/services.xml', 'xml'],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      const errors = format === 'json' ? response.json<{ code: number }[]>() : parseXml(response.body).errors.error;
      expect(String(errors[0]!.code), url).toBe('404');
    }
    expect((await t.app.inject({ method: 'POST', url: '/open311/v2/services.json', payload: form(light()), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);
  });

  it('takes JSON too, with the place given by address_id and attributes nested', async () => {
    const before = await count();
    const shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    const response = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: key, jurisdiction_id: '440300', service_code: 'greening.street-trees', address_id: shuiwan.id, description: 'A fallen tree blocks the pavement', attribute: { urgency: 'urgent' } },
    });
    expect(response.statusCode, response.body).toBe(201);
    const number = response.json<{ service_request_id: string }[]>()[0]!.service_request_id;
    const [request] = (await get(`/open311/v2/requests/${number}.json?jurisdiction_id=440300`)).json<ServiceRequest[]>();
    expect(request).toMatchObject({ address_id: shuiwan.id, service_code: 'greening.street-trees', lat: null, long: null, address: null });
    const [stored] = await queryRows<{ priority: string }>(t.deps.db, sql`select priority from cases where number = ${number}`);
    expect(stored!.priority).toBe('urgent');
    expect(await count()).toBe(before + 1);
  });

  // Last: it uses up this address's posting allowance for the minute.
  it('limits how often one address may post, and says so in the specification’s format', async () => {
    let response = await post('/open311/v2/requests.xml', light({ api_key: 'o311_wrong' }));
    for (let i = 0; i < 200 && response.statusCode !== 429; i++) response = await post('/open311/v2/requests.xml', light({ api_key: 'o311_wrong' }));
    expect(response.statusCode).toBe(429);
    expect(parseXml(response.body).errors.error).toEqual([{ code: '429', description: expect.any(String) }]);
    // Reading stays open to everyone.
    expect((await get('/open311/v2/services.json?jurisdiction_id=440300')).statusCode).toBe(200);
  });
});

describe('Open311 keys from the command line', () => {
  const { tongxin, serve } = separateInstallation('open311-cli');

  it('prints a key once, which a client then posts with, and refuses a city that does not exist', async () => {
    expect(tongxin('seed', '--demo').code).toBe(0);
    const issued = tongxin('open311', 'key', 'create', '--jurisdiction', '440300', '--name', 'CLI street app');
    expect(issued.code, issued.err).toBe(0);
    const key = /^(o311_[\w-]{20,})$/m.exec(issued.out)?.[1];
    expect(key, issued.out).toBeDefined();
    const nowhere = tongxin('open311', 'key', 'create', '--jurisdiction', '999999', '--name', 'nowhere');
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toContain('999999');

    const { server, base, exited } = await serve();
    try {
      const fields = { api_key: key!, jurisdiction_id: '440300', service_code: 'urban-management.street-lights', address_string: '水湾社区', description: '路灯坏了' };
      const made = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams(fields) });
      expect(made.status, await made.clone().text()).toBe(201);
      const [answer] = (await made.json()) as { service_request_id: string }[];
      const shown = await fetch(`${base}/open311/v2/requests/${answer!.service_request_id}.json?jurisdiction_id=440300`);
      expect(((await shown.json()) as { status: string }[])[0]!.status).toBe('open');
      const refused = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ ...fields, api_key: `${key}x` }) });
      expect(refused.status).toBe(403);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    // Four processes, each starting Node and opening the database, one of them loading the demo.
  }, 180_000);
});
