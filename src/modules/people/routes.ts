import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Limit, Nullable, Ok, Text, Uuid } from '../../platform/http/schemas.js';
import { AGE_GROUPS, GENDERS, RESIDENCY, VULNERABLE_GROUPS } from './rules.js';
import {
  createHousehold,
  createResident,
  deleteHousehold,
  deleteResident,
  getHousehold,
  getOwnHousehold,
  getResident,
  listHouseholds,
  listResidents,
  revealResident,
  updateHousehold,
  updateResident,
} from './service.js';

const Resident = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  householdId: Nullable(Uuid),
  householdNumber: Nullable(Type.String()),
  householdRole: Nullable(Type.String()),
  name: Type.String(),
  gender: Nullable(Type.Enum([...GENDERS])),
  birthYear: Nullable(Type.Integer()),
  ageGroup: Nullable(Type.Enum([...AGE_GROUPS])),
  phoneMasked: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  residency: Type.Enum([...RESIDENCY]),
  partyMember: Type.Boolean(),
  vulnerableGroups: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const ResidentFields = {
  placeId: Uuid,
  householdId: Type.Optional(Nullable(Uuid)),
  householdRole: Type.Optional(Nullable(Text(20))),
  name: Text(50),
  gender: Type.Optional(Nullable(Type.Enum([...GENDERS]))),
  birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1890, maximum: 2100 }))),
  phone: Type.Optional(Nullable(Text(20))),
  idNumber: Type.Optional(Nullable(Type.String({ pattern: '^\\s*[0-9]{17}[0-9Xx]\\s*$' }))),
  residency: Type.Enum([...RESIDENCY]),
  partyMember: Type.Optional(Type.Boolean()),
  vulnerableGroups: Type.Optional(Type.Array(Type.Enum([...VULNERABLE_GROUPS]), { maxItems: VULNERABLE_GROUPS.length, uniqueItems: true })),
};

const Household = Type.Object({
  id: Uuid,
  placeId: Uuid,
  placeNameZh: Type.String(),
  placeNameEn: Type.String(),
  number: Type.String(),
  address: Type.String(),
  memberCount: Type.Integer(),
});
const HouseholdFields = { placeId: Uuid, number: Text(40), address: Text(200) };

const Page = { limit: Limit(200, 50), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) };

/** Residents and households: seen by those who serve them, within their places; phone and ID numbers masked. */
export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const tags = ['people'];

  app.get(
    '/api/residents',
    {
      config: { access: { permission: 'people.read' } },
      schema: {
        tags,
        summary: 'Residents in your places; q is a name, a phone number or an ID number',
        querystring: Type.Object(
          {
            placeId: Type.Optional(Uuid),
            householdId: Type.Optional(Uuid),
            q: Type.Optional(Text(50)),
            residency: Type.Optional(Type.Enum([...RESIDENCY])),
            vulnerableGroup: Type.Optional(Type.Enum([...VULNERABLE_GROUPS])),
            partyMember: Type.Optional(Type.Boolean()),
            ...Page,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Resident), total: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listResidents(ctxOf(request, deps), request.query),
  );

  app.get(
    '/api/residents/:id',
    {
      config: { access: { permission: 'people.read' } },
      schema: { tags, summary: 'One resident', params: IdParams, response: { 200: Type.Object({ resident: Resident }), ...errors(401, 403, 404) } },
    },
    async (request) => ({ resident: await getResident(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/residents',
    {
      config: { access: { permission: 'people.write' } },
      schema: {
        tags,
        summary: 'Register a resident',
        body: Type.Object(ResidentFields, { additionalProperties: false }),
        response: { 201: Type.Object({ resident: Resident }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ resident: await createResident(ctxOf(request, deps), request.body) }),
  );

  app.patch(
    '/api/residents/:id',
    {
      config: { access: { permission: 'people.write' } },
      schema: {
        tags,
        summary: 'Change a resident’s record',
        params: IdParams,
        body: Type.Partial(Type.Object(ResidentFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Type.Object({ resident: Resident }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ resident: await updateResident(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.delete(
    '/api/residents/:id',
    {
      config: { access: { permission: 'people.write' } },
      schema: { tags, summary: 'Remove a resident’s record', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
    },
    async (request) => {
      await deleteResident(ctxOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/residents/:id/reveal',
    {
      // Everyone who may see an ID number may also see a phone; the use case checks the field asked for.
      config: { access: { permission: 'people.revealPhone' } },
      schema: {
        tags,
        summary: 'The full phone or ID number, for those whose work needs it; each look is audited',
        params: IdParams,
        body: Type.Object({ field: Type.Enum(['phone', 'idNumber']) }, { additionalProperties: false }),
        response: { 200: Type.Object({ value: Nullable(Type.String()) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => ({ value: await revealResident(ctxOf(request, deps), request.params.id, request.body.field) }),
  );

  app.get(
    '/api/households',
    {
      config: { access: { permission: 'people.read' } },
      schema: {
        tags,
        summary: 'Households in your places',
        querystring: Type.Object({ placeId: Type.Optional(Uuid), q: Type.Optional(Text(50)), ...Page }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Household), total: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listHouseholds(ctxOf(request, deps), request.query),
  );

  app.get(
    '/api/households/:id',
    {
      config: { access: { permission: 'people.read' } },
      schema: { tags, summary: 'One household', params: IdParams, response: { 200: Type.Object({ household: Household }), ...errors(401, 403, 404) } },
    },
    async (request) => ({ household: await getHousehold(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/households',
    {
      config: { access: { permission: 'people.write' } },
      schema: {
        tags,
        summary: 'Register a household',
        body: Type.Object(HouseholdFields, { additionalProperties: false }),
        response: { 201: Type.Object({ household: Household }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ household: await createHousehold(ctxOf(request, deps), request.body) }),
  );

  app.patch(
    '/api/households/:id',
    {
      config: { access: { permission: 'people.write' } },
      schema: {
        tags,
        summary: 'Change a household',
        params: IdParams,
        body: Type.Partial(Type.Object(HouseholdFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Type.Object({ household: Household }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ household: await updateHousehold(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.delete(
    '/api/households/:id',
    {
      config: { access: { permission: 'people.write' } },
      schema: { tags, summary: 'Remove an empty household', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } },
    },
    async (request) => {
      await deleteHousehold(ctxOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/my/household',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The logged-in resident’s own record and household (null for accounts that are not residents)',
        response: {
          200: Type.Object({
            mine: Nullable(Type.Object({ me: Resident, household: Nullable(Household), members: Type.Array(Resident) })),
          }),
        },
      },
    },
    async (request) => ({ mine: await getOwnHousehold(ctxOf(request, deps)) }),
  );
};
