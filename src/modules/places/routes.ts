import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Limit, Nullable, Ok, Text, Uuid } from '../../platform/http/schemas.js';
import { PLACE_LEVELS } from './rules.js';
import { createPlace, deletePlace, getPlace, listPlaces, updatePlace } from './service.js';

const Level = Type.Enum([...PLACE_LEVELS]);
const Code = Type.String({ minLength: 1, maxLength: 32 });
const Place = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  level: Level,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  path: Type.String(),
  childCount: Type.Integer(),
});

const PlaceFields = {
  parentId: Nullable(Uuid),
  level: Level,
  code: Code,
  nameZh: Text(100),
  nameEn: Text(200),
};

/** The jurisdiction tree. Reading is public (place names are public information); writing is for administrators of the subtree. */
export const placeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/api/places',
    {
      config: { access: 'public' },
      schema: {
        tags: ['places'],
        summary: 'Children of a place (roots without parentId), or places matching q under parentId',
        querystring: Type.Object(
          { parentId: Type.Optional(Uuid), q: Type.Optional(Text(50)), limit: Limit(500, 200) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Place) }), ...errors(400, 404) },
      },
    },
    async (request) => ({ items: await listPlaces(deps, request.query) }),
  );

  app.get(
    '/api/places/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['places'],
        summary: 'One place with its ancestors, root first',
        params: IdParams,
        response: { 200: Type.Object({ place: Place, ancestors: Type.Array(Place) }), ...errors(404) },
      },
    },
    async (request) => {
      const { ancestors, ...place } = await getPlace(deps, request.params.id);
      return { place, ancestors };
    },
  );

  app.post(
    '/api/places',
    {
      config: { access: { permission: 'places.write' } },
      schema: {
        tags: ['places'],
        summary: 'Create a place under a parent (a root needs an installation-wide administrator)',
        body: Type.Object(PlaceFields, { additionalProperties: false }),
        response: { 201: Type.Object({ place: Place }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const place = await createPlace(ctxOf(request, deps), request.body);
      return reply.status(201).send({ place });
    },
  );

  app.patch(
    '/api/places/:id',
    {
      config: { access: { permission: 'places.write' } },
      schema: {
        tags: ['places'],
        summary: 'Rename, recode, change level, or move (parentId) a place with its subtree',
        params: IdParams,
        body: Type.Partial(Type.Object(PlaceFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Type.Object({ place: Place }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ place: await updatePlace(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.delete(
    '/api/places/:id',
    {
      config: { access: { permission: 'places.write' } },
      schema: {
        tags: ['places'],
        summary: 'Delete a place that has no children and nothing attached',
        params: IdParams,
        response: { 200: Ok, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await deletePlace(ctxOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  );
};
