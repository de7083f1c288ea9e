import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, Nullable, Uuid } from '../../platform/http/schemas.js';
import { overview } from './service.js';

const Counts = Type.Record(Type.String(), Type.Integer());
const Unit = Type.Object({
  placeId: Uuid,
  nameZh: Type.String(),
  nameEn: Type.String(),
  residents: Type.Integer(),
  established: Type.Integer(),
  new: Type.Integer(),
});

/** Aggregate figures for the home pages of staff: counts only, never a person. */
export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/stats/overview',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['stats'],
        summary: 'Residents and households of a place (or of all your places), with a breakdown one level down',
        querystring: Type.Object({ placeId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            place: Nullable(Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Type.String() })),
            places: Type.Integer(),
            households: Type.Integer(),
            residents: Type.Integer(),
            established: Type.Integer(),
            new: Type.Integer(),
            partyMembers: Type.Integer(),
            byAgeGroup: Counts,
            byVulnerableGroup: Counts,
            units: Type.Array(Unit),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => overview(ctxOf(request, app.deps), request.query.placeId),
  );
};
