import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../http/access.js';
import { DateTime, errors, Limit, Nullable, Text, Uuid } from '../http/schemas.js';
import { listAudit } from './service.js';

const Entry = Type.Object({
  id: Uuid,
  at: Type.String(),
  actorId: Nullable(Uuid),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  placeId: Nullable(Uuid),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
});

/** The audit log, read by supervisors within their places; nothing here writes. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit entries in your places, newest first; pass the last id as `before` for the next page',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Text(40)),
            entityId: Type.Optional(Text(64)),
            action: Type.Optional(Text(60)),
            since: Type.Optional(DateTime),
            before: Type.Optional(Uuid),
            limit: Limit(200, 50),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Entry) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { since, ...rest } = request.query;
      const rows = await listAudit(ctxOf(request, app.deps), { ...rest, since: since ? new Date(since) : undefined });
      return { items: rows.map(({ placePath: _, at, ...r }) => ({ ...r, at: at.toISOString() })) };
    },
  );
};
