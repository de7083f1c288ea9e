import fastifyFormbody from '@fastify/formbody';
import { eq } from 'drizzle-orm';
import { places } from '../../places/schema.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentType, type Format, splitFormat, toXml } from './format.js';
import { jurisdiction, verifyOpen311Key } from './keys.js';
import { getRequest, listRequests, listServices, Open311Failure, requestForToken, serviceDefinition, submitRequest } from './requests.js';

/** When this endpoint's description last changed, for the discovery document. */
const CHANGESET = '2026-11-23T00:00:00Z';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

type Params = { file: string };
type Fields = Record<string, unknown>;

/** The format named by the path's extension; json when it names none, so errors still get an answer. */
const formatOf = (request: FastifyRequest) => splitFormat(((request.params as Partial<Params>).file ?? '').split('?')[0]!)?.format ?? 'json';

function send(reply: FastifyReply, format: Format, root: string, item: string | null, body: unknown, status = 200) {
  return reply
    .status(status)
    .header('content-type', contentType(format))
    .send(format === 'xml' ? toXml(root, item, body) : JSON.stringify(body));
}

/** The path's resource name, or a 404 in the specification's format when the extension is neither json nor xml. */
function nameOf(request: FastifyRequest<{ Params: Params }>): string {
  const split = splitFormat(request.params.file);
  if (!split) throw new Open311Failure(404, 'use a .json or .xml resource');
  return split.name;
}

/**
 * The Open311 GeoReport v2 endpoint over the one-number line, at /open311/v2, with the service
 * discovery document at /open311/discovery.{json,xml}. `jurisdiction_id` is a city's code; it may be
 * left out while the installation serves one city. Posting needs an API key of that city
 * (`tongxin open311 key create`). Errors come in the specification's shape.
 */
export async function open311Routes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  await app.register(fastifyFormbody);

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const format = formatOf(request);
    if (error instanceof Open311Failure) return send(reply, format, 'errors', 'error', [{ code: error.status, description: error.description }], error.status);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'open311 request failed');
    const description = status === 429 ? 'too many requests; try again later' : status === 500 ? 'the server could not answer; try again later' : 'the request is not valid';
    return send(reply, format, 'errors', 'error', [{ code: status, description }], status);
  });

  const cityOf = async (fields: Fields) => {
    const code = typeof fields.jurisdiction_id === 'string' ? fields.jurisdiction_id.trim() : '';
    if (code) return (await jurisdiction(deps.db, code)) ?? Promise.reject(new Open311Failure(404, `jurisdiction_id ${code} not found`));
    const cities = await deps.db.select({ id: places.id, path: places.path, code: places.code }).from(places).where(eq(places.level, 'city')).limit(2);
    if (cities.length !== 1) throw new Open311Failure(400, 'jurisdiction_id is required: this server serves several cities (e.g. 440300)');
    return cities[0]!;
  };
  const tags = ['open311'];

  app.get<{ Params: Params }>('/open311/:file', { schema: { tags, summary: 'Open311 service discovery (discovery.json or discovery.xml)' } }, async (request, reply) => {
    if (nameOf(request) !== 'discovery') throw new Open311Failure(404, 'not found');
    const base = `${request.protocol}://${request.host}`;
    return send(reply, formatOf(request), 'discovery', null, {
      changeset: CHANGESET,
      contact: 'The one-number line of each city; API keys from its administrators.',
      key_service: 'Ask the city’s administrators for a key (they issue it with `tongxin open311 key create`).',
      endpoints: [{ specification: SPECIFICATION, url: `${base}/open311/v2`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    });
  });

  app.get<{ Params: Params; Querystring: Fields }>('/open311/v2/:file', { schema: { tags, summary: 'Open311 services.{json,xml} or requests.{json,xml} (filters: service_request_id, service_code, start_date, end_date, status)' } }, async (request, reply) => {
    const name = nameOf(request);
    const city = await cityOf(request.query);
    const format = formatOf(request);
    if (name === 'services') return send(reply, format, 'services', 'service', await listServices(deps.db, city, request.locale));
    if (name !== 'requests') throw new Open311Failure(404, 'not found');
    const q = request.query;
    const date = (value: unknown, label: string) => {
      if (typeof value !== 'string' || value === '') return null;
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? Promise.reject(new Open311Failure(400, `${label} must be a w3c date-time`)) : parsed;
    };
    const status = typeof q.status === 'string' && q.status !== '' ? q.status : null;
    if (status && status !== 'open' && status !== 'closed') throw new Open311Failure(400, 'status must be open or closed');
    const ids = typeof q.service_request_id === 'string' && q.service_request_id.trim() ? q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean) : null;
    const items = await listRequests(
      deps,
      city,
      { ids, serviceCode: typeof q.service_code === 'string' && q.service_code ? q.service_code : null, start: await date(q.start_date, 'start_date'), end: await date(q.end_date, 'end_date'), status: status as 'open' | 'closed' | null },
      request.locale,
    );
    return send(reply, format, 'service_requests', 'request', items);
  });

  app.get<{ Params: Params; Querystring: Fields }>('/open311/v2/services/:file', { schema: { tags, summary: 'Open311 service definition with its attributes' } }, async (request, reply) =>
    send(reply, formatOf(request), 'service_definition', null, await serviceDefinition(deps.db, await cityOf(request.query), nameOf(request))),
  );

  app.get<{ Params: Params; Querystring: Fields }>('/open311/v2/requests/:file', { schema: { tags, summary: 'One Open311 service request by its number' } }, async (request, reply) =>
    send(reply, formatOf(request), 'service_requests', 'request', await getRequest(deps, await cityOf(request.query), nameOf(request), request.locale)),
  );

  app.get<{ Params: Params; Querystring: Fields }>('/open311/v2/tokens/:file', { schema: { tags, summary: 'The service request made for a token' } }, async (request, reply) =>
    send(reply, formatOf(request), 'service_requests', 'request', await requestForToken(deps, await cityOf(request.query), nameOf(request))),
  );

  app.post<{ Params: Params; Body: Fields | undefined }>(
    '/open311/v2/:file',
    // Clients are other systems with a key: a tighter limit per address than the API's.
    { config: { rateLimit: { max: 120, timeWindow: 60_000 } }, schema: { tags, summary: 'Create an Open311 service request (form-encoded or JSON; api_key required)' } },
    async (request, reply) => {
      if (nameOf(request) !== 'requests') throw new Open311Failure(404, 'not found');
      const fields: Fields = { ...(request.query as Fields), ...(request.body ?? {}) };
      const city = await cityOf(fields);
      const apiKey = typeof fields.api_key === 'string' ? fields.api_key : '';
      const key = apiKey ? await verifyOpen311Key(deps.db, apiKey) : null;
      if (!key || key.cityId !== city.id) throw new Open311Failure(403, 'api_key is missing or not valid for this jurisdiction');
      const idempotencyKey = request.headers['idempotency-key'];
      const made = await submitRequest(deps, city, key, fields, typeof idempotencyKey === 'string' ? idempotencyKey : undefined, request.id);
      return send(reply, formatOf(request), 'service_requests', 'request', [made], 201);
    },
  );
}
