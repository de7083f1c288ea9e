import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Text, Uuid } from '../../platform/http/schemas.js';
import { findPlace } from '../places/service.js';
import { authorizeFilter } from '../../platform/authorize.js';
import { fail } from '../../platform/errors.js';
import { COUNCIL_TYPES } from './council-types.js';
import { changeMembership, councilsOfPlace, createCouncil, getCouncil, listCouncils, publicCouncil } from './councils.js';
import { castVote, closeMotion, createMotion, getMotion, openMotion, verifyMotion } from './motions.js';
import { handOver, reportProgress } from './implementation.js';
import { addDemocracyDay, calendarFor, changeMeetingPlan, getMeeting, listMeetings, recordAttendance, recordMinutes, scheduleMeeting } from './meetings.js';
import { councilTrail } from './trail.js';
import { decideTopic, listTopics, proposeTopic, supportTopic, type TopicDecision } from './topics.js';
import { CalendarOut, ChainOut, CheckOut, CouncilBody, CouncilOut, CouncilTypeOut, DemocracyDayBody, MeetingBody, MeetingOut, MeetingPlanBody, MeetingSummaryOut, MembershipChange, MotionBody, MotionOut, ProgressBody, TaskBody, TaskOut, TopicDecisionBody, TopicOut } from './schemas.js';

const tags = ['councils'];
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));
const CouncilSummary = Type.Omit(CouncilOut, ['members', 'violations', 'motions']);
const PublicCouncilOut = Type.Object({ id: Uuid, name: Type.String(), placeNameZh: Type.String(), placeNameEn: Type.String(), status: Type.String() });

/**
 * Consultation councils: composition kept within the rules, motions and votes. Routes name a
 * permission; the use case checks the council's place, and a vote also that the caller is one
 * of the members the motion was put to.
 */
export const councilRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const read = { access: { permission: 'councils.read' as const } };
  const manage = { access: { permission: 'councils.manage' as const } };
  const vote = { access: { permission: 'councils.vote' as const } };

  app.get(
    '/api/council-types',
    { config: { access: 'public' }, schema: { tags, summary: 'The council types of the case records, with their composition rules and vote thresholds', response: { 200: Type.Object({ items: Type.Array(CouncilTypeOut) }) } } },
    async () => ({ items: COUNCIL_TYPES.map((t) => ({ ...t, rules: [...t.rules] })) }),
  );

  app.post(
    '/api/councils',
    { config: manage, schema: { tags, summary: 'Set up a council for a place, from a type or with its own rules', body: CouncilBody, response: { 201: CouncilOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await createCouncil(ctxOf(request, deps), request.body)),
  );

  app.get(
    '/api/councils',
    {
      config: read,
      schema: { tags, summary: 'Councils in the caller’s places, optionally below one place', querystring: Type.Object({ placeId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(CouncilSummary) }), ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const ctx = ctxOf(request, deps);
      let path: string | undefined;
      if (request.query.placeId) {
        path = (await findPlace(ctx.db, request.query.placeId))?.path ?? fail('place_not_found');
        authorizeFilter(ctx, 'councils.read', path);
      }
      return { items: await listCouncils(ctx, path) };
    },
  );

  app.get(
    '/api/public/councils',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The councils a resident of a place can bring topics to: of the place and of the places above it, nearest first',
        querystring: Type.Object({ placeId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(PublicCouncilOut) }), ...errors(400, 404) },
      },
    },
    async (request) => ({ items: await councilsOfPlace(deps.db, request.query.placeId) }),
  );

  app.get(
    '/api/public/councils/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'A council’s name and place, for its public page of topics and discussions', params: IdParams, response: { 200: PublicCouncilOut, ...errors(400, 404) } } },
    async (request) => publicCouncil(deps.db, request.params.id),
  );

  app.get(
    '/api/councils/:id',
    { config: read, schema: { tags, summary: 'A council with its current members and the rules they break', params: IdParams, response: { 200: CouncilOut, ...errors(400, 401, 403, 404) } } },
    async (request) => getCouncil(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/councils/:id/membership',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add, end and change seats in one step; an active council refuses a change that breaks a composition rule (409, each rule and why)',
        params: IdParams,
        body: MembershipChange,
        response: { 200: Type.Object({ ...CheckOut.properties, council: CouncilOut }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { council, ...result } = await changeMembership(ctxOf(request, deps), request.params.id, request.body, false);
      return { ...result, council: council! };
    },
  );

  app.post(
    '/api/councils/:id/membership/check',
    {
      config: manage,
      schema: { tags, summary: 'What a membership change would do, without saving it: the rules broken before and after', params: IdParams, body: MembershipChange, response: { 200: CheckOut, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const { council: _council, ...result } = await changeMembership(ctxOf(request, deps), request.params.id, request.body, true);
      return result;
    },
  );

  app.get(
    '/api/councils/:id/trail',
    {
      config: { access: { permission: 'audit.read' as const } },
      schema: {
        tags,
        summary: 'The supervision group’s record of everything done to the council and its business, newest first; pass the last id as `before` for more',
        params: IdParams,
        querystring: Type.Object({ before: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, at: Type.String(), actorName: Type.String(), action: Type.String(), entityType: Type.String(), entityId: Type.String(), after: Type.Unknown() })) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await councilTrail(ctxOf(request, deps), request.params.id, request.query.before, request.query.limit ?? 100) }),
  );

  app.post(
    '/api/councils/:id/motions',
    { config: manage, schema: { tags, summary: 'Put a motion before the council (a draft until the vote opens)', params: IdParams, body: MotionBody, response: { 201: MotionOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await createMotion(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.get(
    '/api/motions/:id',
    { config: read, schema: { tags, summary: 'A motion, its vote so far (names only for open ballots) and the result', params: IdParams, response: { 200: MotionOut, ...errors(400, 401, 403, 404) } } },
    async (request) => getMotion(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/motions/:id/open',
    { config: manage, schema: { tags, summary: 'Open the vote: the current members become its electorate', params: IdParams, body: Empty, response: { 200: MotionOut, ...errors(401, 403, 404, 409) } } },
    async (request) => openMotion(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/motions/:id/close',
    { config: manage, schema: { tags, summary: 'Close the vote and decide it by the threshold, with the reasoning', params: IdParams, body: Empty, response: { 200: MotionOut, ...errors(401, 403, 404, 409) } } },
    async (request) => closeMotion(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/motions/:id/votes',
    {
      config: vote,
      schema: {
        tags,
        summary: 'Vote yes, no or abstain, once, as a member of the council',
        params: IdParams,
        body: Type.Object({ choice: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('abstain')]) }, { additionalProperties: false }),
        response: { 201: Type.Object({ ok: Type.Literal(true), seq: Type.Integer() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await castVote(ctxOf(request, deps), request.params.id, request.body.choice)),
  );

  app.get(
    '/api/motions/:id/verify',
    { config: read, schema: { tags, summary: 'Recompute the hash chain over the ballots: is the stored vote as it was cast?', params: IdParams, response: { 200: ChainOut, ...errors(400, 401, 403, 404) } } },
    async (request) => verifyMotion(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/councils/:id/democracy-days',
    { config: manage, schema: { tags, summary: 'A recurring democracy day for the council’s place, as an iCalendar recurrence rule', params: IdParams, body: DemocracyDayBody, response: { 201: Type.Object({ id: Uuid, title: Type.String(), recurrence: Type.String() }), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await addDemocracyDay(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.get(
    '/api/calendar',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Democracy days and meetings for the residents of a place (its own councils and those above it), between two days',
        querystring: Type.Object({ placeId: Uuid, from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }, { additionalProperties: false }),
        response: { 200: CalendarOut, ...errors(400, 404) },
      },
    },
    async (request) => {
      const from = new Date(`${request.query.from}T00:00:00Z`);
      const to = new Date(`${request.query.to}T23:59:59Z`);
      if (!(to > from) || to.getTime() - from.getTime() > 400 * 86_400_000) fail('calendar_range_invalid');
      return { items: await calendarFor(deps.db, request.query.placeId, from, to) };
    },
  );

  app.post(
    '/api/councils/:id/meetings',
    { config: manage, schema: { tags, summary: 'Schedule a meeting of one of the three forms, with agenda and invitees (the members by default)', params: IdParams, body: MeetingBody, response: { 201: MeetingOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await scheduleMeeting(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.get(
    '/api/councils/:id/meetings',
    { config: read, schema: { tags, summary: 'The council’s meetings, the latest first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(MeetingSummaryOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await listMeetings(ctxOf(request, deps), request.params.id) }),
  );

  app.get(
    '/api/meetings/:id',
    { config: read, schema: { tags, summary: 'A meeting with its invitees, attendance, quorum and minutes', params: IdParams, response: { 200: MeetingOut, ...errors(400, 401, 403, 404) } } },
    async (request) => getMeeting(ctxOf(request, deps), request.params.id),
  );

  app.patch(
    '/api/meetings/:id',
    {
      config: manage,
      schema: { tags, summary: 'Change the plan of a meeting not yet held: title, time, place, participation, agenda', params: IdParams, body: MeetingPlanBody, response: { 200: MeetingOut, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => changeMeetingPlan(ctxOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/meetings/:id/attendance',
    {
      config: manage,
      schema: { tags, summary: 'Who attended (the others did not); sets whether a quorum of members was present', params: IdParams, body: Type.Object({ present: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }) }, { additionalProperties: false }), response: { 200: MeetingOut, ...errors(400, 401, 403, 404) } },
    },
    async (request) => recordAttendance(ctxOf(request, deps), request.params.id, request.body.present),
  );

  app.post(
    '/api/meetings/:id/minutes',
    {
      config: manage,
      schema: { tags, summary: 'The minutes, and how the outcome was made known; the meeting is then held', params: IdParams, body: Type.Object({ minutes: Text(20000), outcomeCommunication: Type.Optional(Text(1000)) }, { additionalProperties: false }), response: { 200: MeetingOut, ...errors(400, 401, 403, 404) } },
    },
    async (request) => recordMinutes(ctxOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/councils/:id/topics',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Propose a topic or suggestion to the council of one’s own place', params: IdParams, body: Type.Object({ title: Text(200), body: Text(5000) }, { additionalProperties: false }), response: { 201: TopicOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await proposeTopic(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.get(
    '/api/councils/:id/topics',
    { config: { access: 'public' }, schema: { tags, summary: 'The topics proposed to a council, their support and what the office decided, with its reasons', params: IdParams, response: { 200: Type.Object({ items: Type.Array(TopicOut) }), ...errors(400, 404) } } },
    async (request) => ({ items: await listTopics(deps.db, request.params.id) }),
  );

  app.post(
    '/api/topics/:id/support',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Support a topic, once', params: IdParams, body: Empty, response: { 200: Type.Object({ supporters: Type.Integer() }), ...errors(401, 403, 404, 409) } } },
    async (request) => supportTopic(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/topics/:id/decision',
    { config: manage, schema: { tags, summary: 'Accept a topic (onto a meeting’s agenda), merge it into another, or decline it, with a public reason', params: IdParams, body: TopicDecisionBody, response: { 200: TopicOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => {
      const { decision, reason, meetingId, intoId } = request.body;
      if (decision === 'merge' && !intoId) fail('topic_merge_target_invalid');
      const input: TopicDecision = decision === 'merge' ? { decision, reason, intoId: intoId! } : decision === 'accept' ? { decision, reason, meetingId } : { decision, reason };
      return decideTopic(ctxOf(request, deps), request.params.id, input);
    },
  );

  app.post(
    '/api/motions/:id/tasks',
    { config: manage, schema: { tags, summary: 'Hand a passed decision to who carries it out, optionally as a case for a department', params: IdParams, body: TaskBody, response: { 201: Type.Object({ items: Type.Array(TaskOut) }), ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send({ items: await handOver(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.post(
    '/api/tasks/:id/progress',
    { config: manage, schema: { tags, summary: 'Report progress on an implementation task', params: IdParams, body: ProgressBody, response: { 200: Type.Object({ items: Type.Array(TaskOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await reportProgress(ctxOf(request, deps), request.params.id, request.body) }),
  );
};
