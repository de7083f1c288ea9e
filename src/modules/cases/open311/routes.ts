import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, statusOf } from '../../../platform/errors.js';
import { message, type MessageCode } from '../../../platform/messages.js';
import { contentType, type Format, render, renderErrors, splitFormat } from './format.js';
import { verifyOpen311Key } from './keys.js';
import { listArgument, type Problem, parseW3cDateTime, readStatusFilter, requestWindow } from './mapping.js';
import { catalogChangeset, cityFor, type City, getRequest, listRequests, listServices, Open311Failure, refuse, type RequestFilters, requestForToken, serviceDefinition, submitRequest } from './requests.js';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

type Params = { file: string };
type Fields = Record<string, unknown>;

/** Errors the framework raises before a handler runs, in the project's words. */
const FRAMEWORK_CODES: Record<string, MessageCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_RATE_LIMITED: 'rate_limited',
};

/** The format the path's extension names; JSON when it names none, so even that error gets an answer. */
function formatOf(request: FastifyRequest): Format {
  const file = (request.params as Partial<Params> | undefined)?.file ?? request.url.split('?')[0]!.split('/').pop() ?? '';
  return splitFormat(file)?.format ?? 'json';
}

function send(reply: FastifyReply, format: Format, root: string, item: string | null, body: unknown, status = 200) {
  return reply.status(status).header('content-type', contentType(format)).send(render(format, root, item, body));
}

function sendProblems(request: FastifyRequest, reply: FastifyReply, problems: Problem[]) {
  const status = statusOf(problems[0]!.code);
  const descriptions = problems.map((p) => message(p.code, request.locale, p.details));
  return reply.status(status).header('content-type', contentType(formatOf(request))).send(renderErrors(formatOf(request), status, descriptions));
}

/** The resource name of the path (`services` of services.xml); a 404 when the extension is neither json nor xml. */
function nameOf(request: FastifyRequest<{ Params: Params }>): string {
  return splitFormat(request.params.file)?.name ?? refuse({ code: 'open311_not_found' });
}

/** A query or body argument as one string; an empty one is not given (the specification's rule). */
const single = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * The Open311 GeoReport v2 endpoint over the one-number line, at /open311/v2, with the service
 * discovery document at /open311/discovery.{json,xml}. Outside /api on purpose: its clients are
 * other systems speaking the specification, not the web app, so it answers in the specification's
 * shapes (errors included) and does its own authentication: reading is public, posting needs an
 * API key of the city (`tongxin open311 key create`). `jurisdiction_id` is a city's code (440300);
 * it may be left out while the installation serves one city. The global rate limit applies, and
 * posting has a tighter one of its own.
 */
export async function open311Routes(app: FastifyInstance): Promise<void> {
  await app.register(
    async (scope) => {
      const { deps } = app;
      await scope.register(fastifyFormbody);

      scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
        if (error instanceof Open311Failure) return sendProblems(request, reply, error.problems);
        if (error instanceof AppError) return sendProblems(request, reply, [{ code: error.code, ...(error.details ? { details: error.details } : {}) }]);
        const known = error.code ? FRAMEWORK_CODES[error.code] : undefined;
        if (known) return sendProblems(request, reply, [{ code: known }]);
        if (error instanceof SyntaxError || error.statusCode === 400) return sendProblems(request, reply, [{ code: 'validation_failed' }]);
        if (error.statusCode === 429) return sendProblems(request, reply, [{ code: 'rate_limited' }]);
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendProblems(request, reply, [{ code: error.statusCode === 404 ? 'open311_not_found' : 'validation_failed' }]);
        request.log.error({ err: error }, 'open311 request failed');
        return sendProblems(request, reply, [{ code: 'internal_error' }]);
      });
      scope.setNotFoundHandler((request, reply) => sendProblems(request, reply, [{ code: 'open311_not_found' }]));

      const cityOf = async (fields: Fields): Promise<City> => {
        if (Array.isArray(fields.jurisdiction_id)) refuse({ code: 'open311_field_repeated', details: { field: 'jurisdiction_id' } });
        return cityFor(deps.db, single(fields.jurisdiction_id));
      };
      const dateArgument = (value: unknown, label: string): Date | null => {
        const raw = single(value);
        if (raw === null) return null;
        return parseW3cDateTime(raw) ?? refuse({ code: 'open311_date_invalid', details: { field: label } });
      };
      const tags = ['open311'];

      scope.get<{ Params: Params }>('/:file', { schema: { tags, summary: 'Open311 service discovery (discovery.json or discovery.xml)' } }, async (request, reply) => {
        if (nameOf(request) !== 'discovery') refuse({ code: 'open311_not_found' });
        const base = `${request.protocol}://${request.host}`;
        const changeset = await catalogChangeset(deps.db);
        return send(reply, formatOf(request), 'discovery', null, {
          changeset,
          contact: 'The one-number line (12345) of each city served here; this server’s administrators for the API. / 各城市 12345 热线；接口问题请联系本服务器管理员。',
          key_service: 'API keys are issued per city by its administrators (tongxin open311 key create). / API 密钥由各城市管理员签发。',
          endpoints: [{ specification: SPECIFICATION, url: `${base}/open311/v2`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
        });
      });

      scope.get<{ Params: Params; Querystring: Fields }>(
        '/v2/:file',
        { schema: { tags, summary: 'Open311 services.{json,xml}, or requests.{json,xml} (filters: service_request_id, service_code, start_date, end_date, status)' } },
        async (request, reply) => {
          const name = nameOf(request);
          if (name !== 'services' && name !== 'requests') refuse({ code: 'open311_not_found' });
          const city = await cityOf(request.query);
          const format = formatOf(request);
          if (name === 'services') return send(reply, format, 'services', 'service', await listServices(deps.db, city, request.locale));
          const q = request.query;
          const ids = listArgument(q.service_request_id);
          // service_request_id overrides every other argument, so the others are not even checked.
          let filters: RequestFilters;
          if (ids) filters = { ids };
          else {
            const status = readStatusFilter(q.status);
            if ('code' in status) return refuse(status);
            const window = requestWindow(dateArgument(q.start_date, 'start_date'), dateArgument(q.end_date, 'end_date'), deps.now());
            if ('code' in window) return refuse(window);
            filters = { ids: null, serviceCodes: listArgument(q.service_code), statuses: status.statuses, window };
          }
          return send(reply, format, 'service_requests', 'request', await listRequests(deps, city, filters, request.locale));
        },
      );

      scope.get<{ Params: Params; Querystring: Fields }>('/v2/services/:file', { schema: { tags, summary: 'Open311 service definition: the attributes of one service' } }, async (request, reply) => {
        const code = nameOf(request);
        return send(reply, formatOf(request), 'service_definition', null, await serviceDefinition(deps.db, await cityOf(request.query), code));
      });

      scope.get<{ Params: Params; Querystring: Fields }>('/v2/requests/:file', { schema: { tags, summary: 'One Open311 service request by its number' } }, async (request, reply) => {
        const id = nameOf(request);
        return send(reply, formatOf(request), 'service_requests', 'request', await getRequest(deps, await cityOf(request.query), id, request.locale));
      });

      scope.get<{ Params: Params; Querystring: Fields }>('/v2/tokens/:file', { schema: { tags, summary: 'The service request of a token (a token is the request’s own number here)' } }, async (request, reply) => {
        const token = nameOf(request);
        return send(reply, formatOf(request), 'service_requests', 'request', await requestForToken(deps, await cityOf(request.query), token));
      });

      scope.post<{ Params: Params; Body: Fields | undefined }>(
        '/v2/:file',
        // Clients are other systems with a key: a tighter limit per address than the API's.
        { config: { rateLimit: { max: 120, timeWindow: 60_000 } }, schema: { tags, summary: 'Create an Open311 service request (form-encoded or JSON; api_key required; Idempotency-Key honoured)' } },
        async (request, reply) => {
          if (nameOf(request) !== 'requests') refuse({ code: 'open311_not_found' });
          // Form fields or a JSON object; Fastify also reads text/plain, which is neither.
          const body: unknown = request.body;
          if (typeof body === 'string') refuse({ code: 'unsupported_media_type' });
          if (Array.isArray(body)) refuse({ code: 'validation_failed' });
          const fields: Fields = { ...(request.query as Fields), ...(body && typeof body === 'object' ? (body as Fields) : {}) };
          const city = await cityOf(fields);
          const apiKey = single(fields.api_key);
          const key = apiKey ? await verifyOpen311Key(deps.db, apiKey) : null;
          if (!key || key.cityId !== city.id) refuse({ code: 'open311_api_key_invalid' });
          const idempotencyKey = request.headers['idempotency-key'];
          const made = await submitRequest(deps, city, key!, fields, { idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined, requestId: request.id, locale: request.locale });
          // 201 when the case was made now; 200 when a retry is answered with the case made before.
          return send(reply, formatOf(request), 'service_requests', 'request', [made.answer], made.replayed ? 200 : 201);
        },
      );
    },
    { prefix: '/open311' },
  );
}
