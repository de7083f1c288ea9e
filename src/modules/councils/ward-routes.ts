import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { divideIntoWards, listWards, nominateForWard, proposeDivision, publicWards, recordWardElection } from './wards.js';

const tags = ['councils'];
const Unit = Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Type.String(), population: Type.Integer(), newResidents: Type.Integer() });
const Tally = Type.Array(Type.Object({ memberId: Uuid, votes: Type.Integer({ minimum: 0, maximum: 100000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 });
const WardOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  places: Type.Array(Unit),
  population: Type.Integer(),
  newResidents: Type.Integer(),
  nominees: Type.Array(Type.Object({ memberId: Uuid, name: Type.String() })),
  leader: Nullable(Type.Object({ memberId: Uuid, name: Type.String(), electedAt: Type.String(), tally: Type.Array(Type.Object({ memberId: Uuid, votes: Type.Integer() })) })),
});
const WardsOut = Type.Object({ items: Type.Array(WardOut) });

/**
 * Wards of a council's place and their leaders (Cixi): drawn by population from the places one
 * level below, leaders chosen by the members from those nominated. The office draws and records;
 * members and supervisors read.
 */
export const wardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const read = { access: { permission: 'councils.read' as const } };
  const manage = { access: { permission: 'councils.manage' as const } };

  app.get(
    '/api/councils/:id/wards',
    { config: read, schema: { tags, summary: 'The council’s wards: their places, population (new residents among it), nominees and leader', params: IdParams, response: { 200: WardsOut, ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await listWards(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/councils/:id/wards/proposal',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A division into wards of neighbouring places, as even in population as it can be; nothing is saved',
        params: IdParams,
        body: Type.Object({ count: Type.Integer({ minimum: 1, maximum: 50 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ wards: Type.Array(Type.Object({ name: Type.String(), places: Type.Array(Unit), population: Type.Integer(), newResidents: Type.Integer() })), spread: Type.Number() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => proposeDivision(ctxOf(request, deps), request.params.id, request.body.count, request.locale),
  );

  app.put(
    '/api/councils/:id/wards',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Draw the wards (every place one level below in exactly one); the wards before are retired, their records kept',
        params: IdParams,
        body: Type.Object({ wards: Type.Array(Type.Object({ name: Text(60), placeIds: Type.Array(Uuid, { maxItems: 500 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
        response: { 200: WardsOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await divideIntoWards(ctxOf(request, deps), request.params.id, request.body.wards) }),
  );

  app.post(
    '/api/wards/:id/nominations',
    { config: manage, schema: { tags, summary: 'Nominate a current member of the council to lead the ward', params: IdParams, body: Type.Object({ memberId: Uuid }, { additionalProperties: false }), response: { 201: WardsOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send({ items: await nominateForWard(ctxOf(request, deps), request.params.id, request.body.memberId) }),
  );

  app.post(
    '/api/wards/:id/elections',
    {
      config: manage,
      schema: { tags, summary: 'Record the count of the ward’s election among its nominees: the most votes leads; a tie is refused to vote again', params: IdParams, body: Type.Object({ tally: Tally, meetingId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 201: WardsOut, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => reply.status(201).send({ items: await recordWardElection(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.get(
    '/api/public/councils/:id/wards',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The council’s wards for anyone: places, population and leader', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Type.Object({ name: Type.String(), places: Type.Array(Type.String()), population: Type.Integer(), leader: Nullable(Type.String()) })) }), ...errors(400, 404) } },
    },
    async (request) => ({ items: await publicWards(deps.db, request.params.id) }),
  );
};
