import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type Static, type TObject, type TProperties, Type } from 'typebox';
import { holdsAnywhere, type Permission } from '../../platform/access.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type Access, ctxOf } from '../../platform/http/access.js';
import { DateTime, errors, IdParams, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { type Breakdown, dashboardCsv, dashboardWorkbook } from './dashboard-export.js';
import { caseDashboard } from './evaluation.js';
import { hotspots, similarCases } from './spotting.js';
import {
  acceptCase,
  addNote,
  arriveOnScene,
  closeCase,
  decideHandoff,
  dispatchCase,
  mergeCase,
  rateCase,
  requestHandoff,
  requestHelp,
  resolveCase,
  resumeCase,
  returnCase,
  revealContact,
  suspendCase,
} from './handling.js';
import { readCaseSettings, type SettingsPatch, updateCaseSettings } from './configuration.js';
import { anonymousCtx, submitCase } from './intake.js';
import { getCase, listCases, listMyCases } from './reading.js';
import { retrainFromHistory } from './retraining.js';
import { trackCase } from './tracking.js';
import { suggestDepartment } from './routing.js';
import { ActionOut, CaseInputBody, CaseSummary, Dashboard, CaseList, CaseListQuery, CaseOut, Position, Priority, Rating, Submitted } from './schemas.js';
import { blowWhistle, checkInOnScene, evaluateWhistleResponse, whistleBoard, whistleStandings } from './whistling.js';

const Confidence = Type.Number({ minimum: 0, maximum: 1 });
const Reason = Text(2000);
const tags = ['cases'];

/** The caller's context, or the anonymous portal's when nobody is logged in. */
const ctxOrAnonymous = (request: FastifyRequest, deps: Deps) => (request.actor ? ctxOf(request, deps) : anonymousCtx(deps, request.id));

/**
 * The one-number line's requests: intake from every channel, queues, the workflow actions,
 * the whistle. Each action route opens to the roles that could ever take it; the service then
 * checks the caller's standing on that very case (dispatcher of its place, its department, its requester).
 */
export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const access = (permission: Permission) => ({ access: { permission } });

  app.post(
    '/api/cases/classify',
    {
      // Open to anyone, so the report form can suggest while the resident types; limited per address.
      config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'The department (and category) a request’s text most likely belongs to, with alternatives',
        body: Type.Object({ text: Text(2000) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            department: Type.String(),
            category: Nullable(Type.String()),
            confidence: Confidence,
            alternatives: Type.Array(Type.Object({ department: Type.String(), confidence: Confidence })),
          }),
          ...errors(400, 429),
        },
      },
    },
    async (request) => suggestDepartment(request.body.text),
  );

  app.post(
    '/api/cases/router/retrain',
    {
      config: access('cases.configure'),
      schema: {
        tags,
        summary: 'Retrain this server’s department router now from the cases dispatchers have settled',
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Type.Object({ examples: Type.Integer() }), ...errors(401, 403) },
      },
    },
    async (request) => {
      // Anyone who configures some place may ask: the model is the installation's, trained on every city's history.
      ctxOf(request, deps);
      return retrainFromHistory(deps);
    },
  );

  app.post(
    '/api/cases',
    {
      // Residents report without logging in too (with a phone number); limited per address.
      config: {
        access: 'public',
        // Per person, not per address: an operator centre behind one gateway must not be throttled as one resident.
        rateLimit: {
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => (request.actor?.accountId ? `account:${request.actor.accountId}` : request.ip),
          max: (request: FastifyRequest) => (request.actor && holdsAnywhere(request.actor, 'cases.intake') ? deps.config.rateLimit.globalPerMinute : deps.config.rateLimit.submitPerMinute),
        },
      },
      schema: {
        tags,
        summary: 'Submit a request. Send an Idempotency-Key header so that a retry never makes a second case.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CaseInputBody,
        response: { 201: Submitted, 200: Submitted, ...errors(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const submitted = await submitCase(ctxOrAnonymous(request, deps), request.body, request.headers['idempotency-key']);
      return reply.status(submitted.replayed ? 200 : 201).send(submitted);
    },
  );

  app.get(
    '/api/cases',
    {
      config: access('cases.read'),
      schema: { tags, summary: 'Cases the caller may see: a queue ordered by deadline, or a search', querystring: CaseListQuery, response: { 200: CaseList, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const { receivedFrom, receivedTo, limit, offset, ...rest } = request.query;
      return listCases(ctxOf(request, deps), {
        ...rest,
        receivedFrom: receivedFrom ? new Date(receivedFrom) : undefined,
        receivedTo: receivedTo ? new Date(receivedTo) : undefined,
        limit: limit ?? 50,
        offset: offset ?? 0,
      });
    },
  );

  app.get(
    '/api/my/cases',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The requests the caller made, newest first',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) }, { additionalProperties: false }),
        response: { 200: CaseList, ...errors(400, 401) },
      },
    },
    async (request) => listMyCases(ctxOf(request, deps), request.query.limit ?? 20, request.query.offset ?? 0),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'One case with its timeline, as the caller may see it', params: IdParams, response: { 200: CaseOut, ...errors(400, 401, 404) } },
    },
    async (request) => ({ case: await getCase(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/cases/track',
    {
      // A number and a phone number are a weak secret together: few tries per address.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Follow a request without an account: its number and the phone number given with it (a POST, so the phone stays out of addresses and logs)',
        body: Type.Object({ number: Text(40), phone: Text(20) }, { additionalProperties: false }),
        response: { 200: CaseOut, ...errors(400, 404, 429) },
      },
    },
    async (request) => ({ case: await trackCase(ctxOrAnonymous(request, deps), request.body.number, request.body.phone) }),
  );

  /** A workflow action on one case: it answers the case as it stands afterwards. */
  const action = <P extends TProperties>(name: string, permission: Permission | 'authenticated', summary: string, props: P, run: (ctx: Ctx, id: string, body: Static<TObject<P>>) => Promise<void>) =>
    app.post(
      `/api/cases/:id/${name}`,
      {
        config: { access: (permission === 'authenticated' ? 'authenticated' : { permission }) as Access },
        schema: { tags, summary, params: IdParams, body: Type.Object(props, { additionalProperties: false }), response: { 200: ActionOut, ...errors(400, 401, 403, 404, 409) } },
      },
      async (request) => {
        const ctx = ctxOf(request, deps);
        await run(ctx, request.params.id, request.body as Static<TObject<P>>);
        // A department that returned or handed over a case no longer sees it: it gets null.
        return { case: await getCase(ctx, request.params.id).catch((error: unknown) => (error instanceof AppError && error.code === 'case_not_found' ? null : Promise.reject(error))) };
      },
    );

  const dispatchBody = { departmentId: Uuid, categoryId: Type.Optional(Nullable(Uuid)), priority: Type.Optional(Priority), note: Type.Optional(Text(2000)) };
  action('dispatch', 'cases.dispatch', 'Send the case to a department (confirming or changing the proposal)', dispatchBody, (ctx, id, b) => dispatchCase(ctx, id, b));
  action('accept', 'cases.handle', 'The department takes the case on', {}, (ctx, id) => acceptCase(ctx, id));
  action('return', 'cases.handle', '“Not ours”: back to the dispatcher with a reason', { reason: Reason }, (ctx, id, b) => returnCase(ctx, id, b.reason));
  action('arrive', 'cases.handle', 'Staff are on the scene', { position: Type.Optional(Position) }, (ctx, id, b) => arriveOnScene(ctx, id, b.position ?? null));
  action('resolve', 'cases.handle', 'Resolved, with the reply to the requester', { reply: Reason }, (ctx, id, b) => resolveCase(ctx, id, b.reply));
  action('suspend', 'cases.dispatch', 'Put the case on hold, with a reason', { reason: Reason }, (ctx, id, b) => suspendCase(ctx, id, b.reason));
  action('resume', 'cases.dispatch', 'Take the case off hold', {}, (ctx, id) => resumeCase(ctx, id));
  action('close', 'cases.dispatch', 'Close a resolved case without a rating', { note: Type.Optional(Text(2000)) }, (ctx, id, b) => closeCase(ctx, id, b.note));
  action('rate', 'authenticated', 'The requester’s rating (or the operator’s callback); dissatisfied reopens once', { rating: Rating, comment: Type.Optional(Text(2000)) }, (ctx, id, b) =>
    rateCase(ctx, id, b.rating, b.comment),
  );
  action('merge', 'cases.dispatch', 'Join this case into another open case about the same problem', { intoId: Uuid }, (ctx, id, b) => mergeCase(ctx, id, b.intoId));
  action('notes', 'cases.read', 'Add an internal note or a public reply to the timeline', { body: Reason, public: Type.Boolean() }, (ctx, id, b) => addNote(ctx, id, b.body, b.public));
  action('handoff', 'cases.handle', 'Ask to hand the case to another department (the dispatcher decides)', { departmentId: Uuid, reason: Reason }, (ctx, id, b) =>
    requestHandoff(ctx, id, b.departmentId, b.reason),
  );
  action('handoff-decision', 'cases.dispatch', 'Agree to or refuse a handover', { approve: Type.Boolean(), reason: Type.Optional(Text(2000)) }, (ctx, id, b) =>
    decideHandoff(ctx, id, b.approve, b.reason),
  );
  action('helpers', 'cases.read', 'Ask a second department to help (joint handling)', { departmentId: Uuid, reason: Reason }, (ctx, id, b) => requestHelp(ctx, id, b.departmentId, b.reason));
  const whistleBody = { departmentIds: Type.Array(Uuid, { minItems: 1, maxItems: 23, uniqueItems: true }), note: Type.Optional(Text(2000)) };
  action('whistle', 'cases.whistle', 'Blow the whistle: the named departments must report on the scene in time', whistleBody, (ctx, id, b) => blowWhistle(ctx, id, b.departmentIds, b.note));
  action('check-in', 'cases.handle', 'Report for duty on the scene after a whistle, with the position', { position: Position }, (ctx, id, b) => checkInOnScene(ctx, id, b.position));
  const evaluationBody = { callId: Uuid, evaluation: Type.Enum(['good', 'adequate', 'poor']), comment: Type.Optional(Text(2000)) };
  action('whistle-evaluation', 'cases.whistle', 'Evaluate one department’s response to the whistle', evaluationBody, (ctx, id, b) =>
    evaluateWhistleResponse(ctx, id, b.callId, b.evaluation as 'good' | 'adequate' | 'poor', b.comment),
  );

  app.get(
    '/api/cases/similar',
    {
      config: access('cases.intake'),
      schema: {
        tags,
        summary: 'Open cases near a new request and alike in words: possible duplicates to merge',
        querystring: Type.Object(
          { placeId: Uuid, text: Text(4000), lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...CaseSummary.properties, similarity: Type.Number(), distanceMeters: Nullable(Type.Integer()) })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await similarCases(ctxOf(request, deps), request.query) }),
  );

  app.get(
    '/api/cases/hotspots',
    {
      config: access('cases.evaluate'),
      schema: {
        tags,
        summary: 'Places and departments whose requests jumped this week against the four weeks before',
        querystring: Type.Object({ placeId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                placeId: Uuid,
                placeNameZh: Type.String(),
                placeNameEn: Type.String(),
                departmentCode: Nullable(Type.String()),
                departmentNameZh: Nullable(Type.String()),
                departmentNameEn: Nullable(Type.String()),
                thisWeek: Type.Integer(),
                previousWeeks: Type.Array(Type.Integer()),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await hotspots(ctxOf(request, deps), request.query.placeId) }),
  );

  const DashboardQuery = Type.Object(
    { placeId: Type.Optional(Uuid), departmentId: Type.Optional(Uuid), from: Type.Optional(DateTime), to: Type.Optional(DateTime) },
    { additionalProperties: false },
  );
  const dashboardOf = (request: FastifyRequest, query: Static<typeof DashboardQuery>) => {
    const { from, to, ...rest } = query;
    return caseDashboard(ctxOf(request, deps), { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined });
  };

  app.get(
    '/api/cases/dashboard',
    {
      config: access('cases.evaluate'),
      schema: { tags, summary: 'The evaluation: volume, timeliness, resolution, satisfaction, returns and reopenings, by department, place, week and month', querystring: DashboardQuery, response: { 200: Dashboard, ...errors(400, 401, 403, 404) } },
    },
    async (request) => dashboardOf(request, request.query),
  );

  app.get(
    '/api/cases/dashboard.xlsx',
    {
      config: access('cases.evaluate'),
      schema: { tags, summary: 'The evaluation as an Excel workbook, one sheet per breakdown', querystring: DashboardQuery, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    },
    async (request, reply) => {
      const workbook = await dashboardWorkbook(await dashboardOf(request, request.query), request.locale);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="tongxin-evaluation.xlsx"')
        .send(workbook);
    },
  );

  app.get(
    '/api/cases/dashboard.csv',
    {
      config: access('cases.evaluate'),
      schema: {
        tags,
        summary: 'One breakdown of the evaluation as CSV',
        querystring: Type.Object({ ...DashboardQuery.properties, breakdown: Type.Optional(Type.Enum(['department', 'place', 'week', 'month'])) }, { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { breakdown, ...query } = request.query;
      const csv = dashboardCsv(await dashboardOf(request, query), (breakdown ?? 'department') as Breakdown, request.locale);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="tongxin-evaluation-${breakdown ?? 'department'}.csv"`).send(csv);
    },
  );

  app.post(
    '/api/cases/:id/reveal-contact',
    {
      config: access('cases.read'),
      schema: { tags, summary: 'The requester’s full phone number for a callback (audited)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Type.Object({ phone: Nullable(Type.String()) }), ...errors(401, 403, 404) } },
    },
    async (request) => revealContact(ctxOf(request, deps), request.params.id),
  );

  const Hours = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
  const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  const Calendar = Type.Object(
    {
      timeZone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone, e.g. Asia/Shanghai; takes precedence over the offset' })),
      utcOffsetMinutes: Type.Integer({ minimum: -720, maximum: 840 }),
      workdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, uniqueItems: true }),
      hours: Type.Array(Type.Object({ start: Hours, end: Hours }, { additionalProperties: false }), { maxItems: 6 }),
      holidays: Type.Array(LocalDate, { maxItems: 400 }),
      extraWorkdays: Type.Array(LocalDate, { maxItems: 100 }),
    },
    { additionalProperties: false },
  );
  const Minutes = Type.Integer({ minimum: 1, maximum: 525_600 });
  const Policy = Type.Object(
    { categoryCode: Nullable(Type.String({ maxLength: 40 })), priority: Nullable(Priority), acceptMinutes: Minutes, onSceneMinutes: Nullable(Minutes), resolveMinutes: Minutes, clock: Type.Enum(['working', 'calendar']) },
    { additionalProperties: false },
  );
  const SettingsFields = { numberPrefix: Nullable(Type.String({ maxLength: 8 })), calendar: Nullable(Calendar), policies: Nullable(Type.Array(Policy, { maxItems: 500 })), whistleMinutes: Nullable(Type.Integer({ minimum: 5, maximum: 24 * 60 })) };
  const SettingsOut = Type.Object({
    effective: Type.Object({ numberPrefix: Type.String(), calendar: Calendar, policies: Type.Array(Policy), whistleMinutes: Type.Integer() }),
    own: Type.Partial(Type.Object(SettingsFields)),
  });

  app.get(
    '/api/case-settings/:id',
    {
      config: access('cases.read'),
      schema: { tags, summary: 'Numbering, work calendar, deadlines and whistle window in force at a place', params: IdParams, response: { 200: SettingsOut, ...errors(400, 401, 403, 404) } },
    },
    async (request) => readCaseSettings(ctxOf(request, deps), request.params.id),
  );

  app.patch(
    '/api/case-settings/:id',
    {
      config: access('cases.configure'),
      schema: {
        tags,
        summary: 'Set a place’s numbering prefix, work calendar and holidays, deadline policies or whistle window (null: inherit)',
        params: IdParams,
        body: Type.Partial(Type.Object(SettingsFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: SettingsOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateCaseSettings(ctxOf(request, deps), request.params.id, request.body as SettingsPatch),
  );

  app.get(
    '/api/whistle',
    {
      config: access('cases.read'),
      schema: {
        tags,
        summary: 'The whistle board: every department called, who reported on time, late, or never',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                callId: Uuid,
                caseId: Uuid,
                caseNumber: Type.String(),
                description: Type.String(),
                placeNameZh: Type.String(),
                placeNameEn: Type.String(),
                department: Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
                calledAt: Type.String(),
                dueAt: Type.String(),
                checkedInAt: Nullable(Type.String()),
                duty: Type.Enum(['waiting', 'on_time', 'late', 'absent']),
                evaluation: Nullable(Type.String()),
              }),
            ),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => ({ items: await whistleBoard(ctxOf(request, deps), request.query.limit ?? 100) }),
  );

  const DutyCounts = Type.Object({ waiting: Type.Integer(), on_time: Type.Integer(), late: Type.Integer(), absent: Type.Integer() });
  app.get(
    '/api/whistle/standings',
    {
      config: access('cases.evaluate'),
      schema: {
        tags,
        summary: 'How each department answered the whistle over the last days: calls, on time, late, absent, average minutes to the scene',
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, default: 90 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            counts: DutyCounts,
            departments: Type.Array(
              Type.Object({
                department: Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
                departmentCode: Type.String(),
                calls: Type.Integer(),
                counts: DutyCounts,
                averageMinutesTaken: Nullable(Type.Number()),
              }),
            ),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => whistleStandings(ctxOf(request, deps), request.query.days ?? 90),
  );
};
