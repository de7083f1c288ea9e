import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Text } from '../../platform/http/schemas.js';
import { listPolls } from '../polls/polls.js';
import { PollBody, PollOut } from '../polls/schemas.js';
import { addReception, cancelReception, createDeputy, createDeputyPoll, createWorkstation, deputySchedule, getDeputy, listDeputies, listWorkstations, loadDeputy, moveReception, workstationSchedule } from './deputies.js';
import { DeputyBody, DeputyOut, ReceptionBody, ReceptionCancelBody, ReceptionMoveBody, ReceptionOut, VisitBody, VisitOut, WorkstationBody, WorkstationOut } from './schemas.js';
import { forwardVisit, listVisits, recordVisit } from './visits.js';

const tags = ['deputies'];

/**
 * Deputies' workstations: deputies and their constituency, workstations and their reception
 * schedule, visitor records and their forwarding as requests, and polls among constituents.
 * Routes name a permission; the use cases check the place.
 */
export const deputyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const read = { access: { permission: 'deputies.read' as const } };
  const manage = { access: { permission: 'deputies.manage' as const } };
  const visiting = { access: { permission: 'deputies.visits' as const } };

  app.post(
    '/api/deputies',
    { config: manage, schema: { tags, summary: 'Register a deputy with a constituency (a place and all under it)', body: DeputyBody, response: { 201: DeputyOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await createDeputy(ctxOf(request, deps), request.body)),
  );

  app.get(
    '/api/deputies',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Deputies whose constituency meets the caller’s places, and the caller if a deputy', response: { 200: Type.Object({ items: Type.Array(DeputyOut) }), ...errors(401) } } },
    async (request) => ({ items: await listDeputies(ctxOf(request, deps)) }),
  );

  app.get(
    '/api/deputies/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A deputy with the reception schedule and the polls of the constituency',
        params: IdParams,
        response: { 200: Type.Object({ deputy: DeputyOut, receptions: Type.Array(ReceptionOut), polls: Type.Array(PollOut) }), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const ctx = ctxOf(request, deps);
      const deputy = await loadDeputy(ctx, request.params.id);
      const polls = (await listPolls(ctx)).filter((p) => p.placeId === deputy.placeId);
      return { deputy: await getDeputy(ctx, deputy.id), receptions: await deputySchedule(ctx, deputy.id), polls };
    },
  );

  app.post(
    '/api/deputies/:id/polls',
    {
      config: { access: { permission: 'polls.manage' as const } },
      schema: { tags, summary: 'A poll among the deputy’s constituents: the constituency is the target', params: IdParams, body: Type.Omit(PollBody, ['placeId'], { additionalProperties: false }), response: { 201: PollOut, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const { opensAt, closesAt, ...rest } = request.body;
      return reply.status(201).send(await createDeputyPoll(ctxOf(request, deps), request.params.id, { ...rest, opensAt: new Date(opensAt), closesAt: new Date(closesAt) }));
    },
  );

  app.post(
    '/api/workstations',
    { config: manage, schema: { tags, summary: 'Open a deputies’ workstation or liaison workshop', body: WorkstationBody, response: { 201: WorkstationOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await createWorkstation(ctxOf(request, deps), request.body)),
  );

  app.get(
    '/api/workstations',
    { config: read, schema: { tags, summary: 'Workstations in the caller’s places', response: { 200: Type.Object({ items: Type.Array(WorkstationOut) }), ...errors(401, 403) } } },
    async (request) => ({ items: await listWorkstations(ctxOf(request, deps)) }),
  );

  app.post(
    '/api/workstations/:id/receptions',
    { config: manage, schema: { tags, summary: 'Put a deputy on the workstation’s reception schedule', params: IdParams, body: ReceptionBody, response: { 201: ReceptionOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addReception(ctxOf(request, deps), request.params.id, { ...request.body, startsAt: new Date(request.body.startsAt), endsAt: new Date(request.body.endsAt) })),
  );

  app.patch(
    '/api/receptions/:id',
    { config: manage, schema: { tags, summary: 'Move a reception still to come to other hours', params: IdParams, body: ReceptionMoveBody, response: { 200: ReceptionOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => moveReception(ctxOf(request, deps), request.params.id, { startsAt: new Date(request.body.startsAt), endsAt: new Date(request.body.endsAt) }),
  );

  app.post(
    '/api/receptions/:id/cancel',
    { config: manage, schema: { tags, summary: 'Cancel a reception still to come, with a reason the schedule shows', params: IdParams, body: ReceptionCancelBody, response: { 200: ReceptionOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => cancelReception(ctxOf(request, deps), request.params.id, request.body.reason),
  );

  app.get(
    '/api/workstations/:id/receptions',
    { config: read, schema: { tags, summary: 'The reception schedule from today on', params: IdParams, response: { 200: Type.Object({ items: Type.Array(ReceptionOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await workstationSchedule(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/workstations/:id/visits',
    { config: visiting, schema: { tags, summary: 'Record a visitor and the issue raised', params: IdParams, body: VisitBody, response: { 201: VisitOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { visitedAt, ...rest } = request.body;
      return reply.status(201).send(await recordVisit(ctxOf(request, deps), request.params.id, { ...rest, visitedAt: visitedAt ? new Date(visitedAt) : undefined }));
    },
  );

  app.get(
    '/api/workstations/:id/visits',
    { config: read, schema: { tags, summary: 'Visitors and their issues, newest first (names in full only to those who record them)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(VisitOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await listVisits(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/visits/:id/forward',
    {
      config: visiting,
      schema: {
        tags,
        summary: 'Forward the visitor’s issue as a request to a department (once)',
        params: IdParams,
        body: Type.Object({ description: Type.Optional(Text(2000, 4)) }, { additionalProperties: false }),
        response: { 201: Type.Object({ caseId: Type.String(), number: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await forwardVisit(ctxOf(request, deps), request.params.id, request.body)),
  );
};
