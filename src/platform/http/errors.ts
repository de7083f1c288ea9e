import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { AppError } from '../errors.js';
import type { Locale } from '../../config.js';
import { negotiateLocale } from '../i18n.js';
import { message, type MessageCode } from '../messages.js';
import { describeValidation } from './validation.js';

/** The one error shape of the API: `{ error: { code, message, details } }`. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: MessageCode, details?: Record<string, unknown>) {
  return reply.status(status).send({ error: { code, message: message(code, request.locale, details), details: details ?? {} } });
}

/** What a client is told to wait before retrying while the database is away (a restart takes seconds). */
const RETRY_AFTER_SECONDS = 2;

const FRAMEWORK_CODES: Record<string, MessageCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_ERR_RATE_LIMITED: 'rate_limited',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.status, error.code, error.details);
    if (error.validation) {
      const errors = describeValidation(error.validation as never, error.validationContext ?? 'body', request.locale);
      return sendError(request, reply, 400, 'validation_failed', { errors });
    }
    const known = error.code ? FRAMEWORK_CODES[error.code] : undefined;
    if (known) return sendError(request, reply, error.statusCode ?? 400, known);
    // secure-json-parse refuses __proto__ and constructor.prototype with a plain SyntaxError.
    if (error instanceof SyntaxError || error.statusCode === 400) return sendError(request, reply, 400, 'malformed_json');
    if (error.statusCode === 429) return sendError(request, reply, 429, 'rate_limited');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode, error.statusCode === 404 ? 'not_found' : 'validation_failed');
    }
    if (isDatabaseUnavailable(error)) {
      // A restart or failover of the database: the client may retry the same request shortly.
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(request, reply.header('retry-after', String(RETRY_AFTER_SECONDS)), 503, 'service_unavailable');
    }
    request.log.error({ err: error }, 'unhandled error');
    // Never the stack, never the driver's message: it can quote data.
    return sendError(request, reply, 500, 'internal_error');
  });
}

/**
 * Errors the router raises before any hook runs (a path parameter longer than the router takes,
 * a malformed percent-encoding): the same error shape and language as every other answer.
 */
export const frameworkErrors = (defaultLocale: Locale) => (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  request.locale = negotiateLocale(request.headers['accept-language'], defaultLocale);
  return sendError(request, reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400, 'url_invalid');
};
