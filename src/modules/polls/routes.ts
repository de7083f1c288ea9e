import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { holdsAnywhere } from '../../platform/access.js';
import type { Deps } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Limit, Text, Uuid } from '../../platform/http/schemas.js';
import { anonymousCtx } from '../cases/intake.js';
import { openForRespondent, readDraft, type Respondent, saveDraft, submitResponse } from './answering.js';
import type { Breakdown } from './attributes.js';
import { closePoll, createPoll, issueCodes, listPolls, loadPollForStaff, pollsForResident } from './polls.js';
import { createQuestionnaire, getQuestionnaire, listQuestionnaires, reviseQuestionnaire } from './questionnaires.js';
import { resultsCsv, resultsWorkbook } from './export.js';
import { freeTextAnswers, pollResults, questionTrend } from './results.js';
import { AnswerBody, Answers, CouncilChoiceOut, Definition, Opened, PollBody, PollCaseBody, PollCaseOut, PollOut, PollTopicBody, PollTopicOut, QuestionnaireOut, QuestionnaireSummaryOut, RatingLinkBody, ResultsOut, ResultsQuery, TrendOut } from './schemas.js';
import { caseFromPoll, casesOfPoll, linkCaseRatings } from './actions.js';
import { attachToTopic, councilsForPoll, resultsBeforeCouncil, topicsOfPoll } from './topics.js';

const tags = ['polls'];

/** The caller's context, or the anonymous one of a resident answering with a one-time code. */
const ctxOrAnonymous = (request: FastifyRequest, deps: Deps) => (request.actor ? ctxOf(request, deps) : anonymousCtx(deps, request.id));

const respondentOf = (body: { code?: string | undefined; residentId?: string | undefined }): Respondent =>
  body.code ? { kind: 'code', code: body.code } : body.residentId ? { kind: 'proxy', residentId: body.residentId } : { kind: 'account' };

/**
 * Questionnaires, polls, answering and results. Staff routes name a permission and the use case
 * checks the place; answering is open (a one-time code needs no account) and the use case decides
 * who the respondent is and whether the poll asks them.
 */
export const pollRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const manage = { access: { permission: 'polls.manage' as const } };
  const results = { access: { permission: 'polls.results' as const } };
  // Codes are guessed by trying: answering is limited per account or, without one, per address;
  // a liaison entering interviews works at the pace of staff.
  const answering = {
    access: 'public' as const,
    rateLimit: {
      timeWindow: 60_000,
      keyGenerator: (r: FastifyRequest) => (r.actor?.accountId ? `account:${r.actor.accountId}` : r.ip),
      max: (r: FastifyRequest) => (r.actor && holdsAnywhere(r.actor, 'polls.proxy') ? deps.config.rateLimit.globalPerMinute : deps.config.rateLimit.submitPerMinute * 2),
    },
  };

  app.post(
    '/api/questionnaires',
    {
      config: manage,
      schema: { tags, summary: 'Build a questionnaire (version 1)', body: Type.Object({ placeId: Uuid, title: Text(200), definition: Definition }, { additionalProperties: false }), response: { 201: QuestionnaireOut, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(201).send(await createQuestionnaire(ctxOf(request, deps), request.body)),
  );

  app.get(
    '/api/questionnaires',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Questionnaires of the places where the caller builds polls', response: { 200: Type.Object({ items: Type.Array(QuestionnaireSummaryOut) }), ...errors(401) } } },
    async (request) => ({ items: await listQuestionnaires(ctxOf(request, deps)) }),
  );

  app.get(
    '/api/questionnaires/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'A questionnaire with its latest version', params: IdParams, response: { 200: QuestionnaireOut, ...errors(400, 401, 404) } } },
    async (request) => getQuestionnaire(ctxOf(request, deps), request.params.id),
  );

  app.put(
    '/api/questionnaires/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the questions: in place while unanswered, else as the next version',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Text(200)), definition: Definition }, { additionalProperties: false }),
        response: { 200: QuestionnaireOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => reviseQuestionnaire(ctxOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/polls',
    { config: manage, schema: { tags, summary: 'Start a poll: target, sample, period, anonymity', body: PollBody, response: { 201: PollOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { opensAt, closesAt, ...rest } = request.body;
      return reply.status(201).send(await createPoll(ctxOf(request, deps), { ...rest, opensAt: new Date(opensAt), closesAt: new Date(closesAt) }));
    },
  );

  app.get(
    '/api/polls',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Polls the caller runs or reads (staff)', response: { 200: Type.Object({ items: Type.Array(PollOut) }), ...errors(401) } } },
    async (request) => ({ items: await listPolls(ctxOf(request, deps)) }),
  );

  app.get(
    '/api/my/polls',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Open polls that ask the logged-in resident', response: { 200: Type.Object({ items: Type.Array(PollOut) }), ...errors(401) } } },
    async (request) => {
      const ctx = ctxOf(request, deps);
      return { items: ctx.actor.residentId ? await pollsForResident(ctx, ctx.actor.residentId) : [] };
    },
  );

  app.get(
    '/api/polls/:id',
    { config: results, schema: { tags, summary: 'One poll, for its staff', params: IdParams, response: { 200: PollOut, ...errors(400, 401, 403, 404) } } },
    async (request) => (await loadPollForStaff(ctxOf(request, deps), request.params.id, 'polls.results')).poll,
  );

  app.post(
    '/api/polls/:id/close',
    { config: manage, schema: { tags, summary: 'Close the poll before its end', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: PollOut, ...errors(401, 403, 404) } } },
    async (request) => closePoll(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/polls/:id/codes',
    {
      config: { access: { permission: 'polls.proxy' as const } },
      schema: {
        tags,
        summary: 'One-time answer codes for residents without an account (shown once)',
        params: IdParams,
        body: Type.Object({ residentIds: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ codes: Type.Array(Type.Object({ residentId: Uuid, code: Type.String() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ codes: await issueCodes(ctxOf(request, deps), request.params.id, request.body.residentIds) }),
  );

  app.post(
    '/api/polls/:id/questionnaire',
    {
      config: answering,
      schema: {
        tags,
        summary: 'The questions to answer, for the logged-in resident, a code holder, or a liaison for a resident',
        params: IdParams,
        body: Type.Object({ code: Type.Optional(Type.String({ minLength: 4, maxLength: 20 })), residentId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Opened, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => openForRespondent(ctxOrAnonymous(request, deps), request.params.id, respondentOf(request.body)),
  );

  app.post(
    '/api/polls/:id/responses',
    {
      config: answering,
      schema: {
        tags,
        summary: 'Answer the poll, once per resident: as the logged-in resident, with a one-time code, or by proxy for a resident (liaison)',
        params: IdParams,
        body: AnswerBody,
        response: { 201: Type.Object({ version: Type.Integer() }), ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await submitResponse(ctxOrAnonymous(request, deps), request.params.id, respondentOf(request.body), request.body.answers)),
  );

  app.put(
    '/api/polls/:id/draft',
    {
      config: answering,
      schema: {
        tags,
        summary: 'Keep partial answers as a draft',
        params: IdParams,
        body: Type.Object({ answers: Answers, code: Type.Optional(Type.String({ minLength: 4, maxLength: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      await saveDraft(ctxOrAnonymous(request, deps), request.params.id, respondentOf(request.body), request.body.answers);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/polls/:id/draft',
    {
      config: answering,
      schema: {
        tags,
        summary: 'The draft kept so far (a code travels in the body, not the address)',
        params: IdParams,
        body: Type.Object({ code: Type.Optional(Type.String({ minLength: 4, maxLength: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ draft: Type.Union([Type.Object({ answers: Answers, updatedAt: Type.String() }), Type.Null()]) }), ...errors(400, 401, 429) },
      },
    },
    async (request) => ({ draft: await readDraft(ctxOrAnonymous(request, deps), request.params.id, request.body.code ? { kind: 'code', code: request.body.code } : { kind: 'account' }) }),
  );

  app.get(
    '/api/polls/:id/results',
    { config: results, schema: { tags, summary: 'Counts, shares, margins and a breakdown by up to two attributes (small cells suppressed)', params: IdParams, querystring: ResultsQuery, response: { 200: ResultsOut, ...errors(400, 401, 403, 404) } } },
    async (request) => pollResults(ctxOf(request, deps), request.params.id, (request.query.by?.split(',') ?? []) as Breakdown[]),
  );

  app.get(
    '/api/polls/:id/free-text',
    {
      config: results,
      schema: {
        tags,
        summary: 'Free-text answers to one question, with a search',
        params: IdParams,
        querystring: Type.Object({ question: Type.String({ maxLength: 40 }), q: Type.Optional(Text(200)), limit: Type.Optional(Limit(200, 50)), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.String()), total: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => freeTextAnswers(ctxOf(request, deps), request.params.id, request.query.question, request.query.q, request.query.limit ?? 50, request.query.offset ?? 0),
  );

  app.get(
    '/api/polls/:id/trend',
    {
      config: results,
      schema: { tags, summary: 'One question across the rounds of the poll’s series', params: IdParams, querystring: Type.Object({ question: Type.String({ maxLength: 40 }) }, { additionalProperties: false }), response: { 200: Type.Object({ rounds: TrendOut }), ...errors(400, 401, 403, 404) } },
    },
    async (request) => ({ rounds: await questionTrend(ctxOf(request, deps), request.params.id, request.query.question) }),
  );

  app.post(
    '/api/polls/:id/cases',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Turn a result or a free-text answer into a request to a department (a case). Send an Idempotency-Key header so that a retry makes no second case.',
        params: IdParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: PollCaseBody,
        response: { 201: Type.Object({ caseId: Uuid, number: Type.String(), replayed: Type.Boolean() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await caseFromPoll(ctxOf(request, deps), request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/polls/:id/cases',
    { config: results, schema: { tags, summary: 'Requests made from the poll, as they stand', params: IdParams, response: { 200: Type.Object({ items: Type.Array(PollCaseOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await casesOfPoll(ctxOf(request, deps), request.params.id) }),
  );

  app.get(
    '/api/polls/:id/councils',
    { config: manage, schema: { tags, summary: 'The councils the poll’s results can be put before, with their open topics', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CouncilChoiceOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await councilsForPoll(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/polls/:id/topics',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Put a question’s result before a council: on a topic open there, or on a new topic proposed with it. The figures are kept as they stand now.',
        params: IdParams,
        body: PollTopicBody,
        response: { 201: PollTopicOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await attachToTopic(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.get(
    '/api/polls/:id/topics',
    { config: results, schema: { tags, summary: 'The council topics the poll’s results were put before', params: IdParams, response: { 200: Type.Object({ items: Type.Array(PollTopicOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await topicsOfPoll(ctxOf(request, deps), request.params.id) }),
  );

  app.get(
    '/api/councils/:id/poll-results',
    { config: { access: 'public' }, schema: { tags, summary: 'Poll results put before the council’s topics, as they stood when put there. Public, like the topics.', params: IdParams, response: { 200: Type.Object({ items: Type.Array(PollTopicOut) }), ...errors(400, 404) } } },
    async (request) => ({ items: await resultsBeforeCouncil(ctxOrAnonymous(request, deps), request.params.id) }),
  );

  app.put(
    '/api/polls/:id/case-ratings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Link a satisfaction question to the closing rating of cases, each rating mapped onto an option',
        params: IdParams,
        body: RatingLinkBody,
        response: { 200: Type.Object({ question: Type.String(), mapping: Type.Record(Type.String(), Type.String()) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => linkCaseRatings(ctxOf(request, deps), request.params.id, request.body),
  );

  const files = {
    csv: { type: 'text/csv; charset=utf-8', make: (r: Awaited<ReturnType<typeof pollResults>>, l: 'zh-CN' | 'en') => Promise.resolve(resultsCsv(r, l)) },
    xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', make: resultsWorkbook },
    // ECharts and pdfkit are loaded on the first report, not when every process (or CLI command) starts.
    pdf: { type: 'application/pdf', make: async (r: Awaited<ReturnType<typeof pollResults>>, l: 'zh-CN' | 'en') => (await import('./report.js')).resultsPdf(r, l) },
  } as const;
  for (const [extension, file] of Object.entries(files)) {
    app.get(
      `/api/polls/:id/results.${extension}`,
      {
        config: results,
        schema: { tags, summary: `The results as ${extension.toUpperCase()}${extension === 'pdf' ? ', a report with charts' : ''}`, params: IdParams, querystring: ResultsQuery, produces: [file.type] },
      },
      async (request, reply) => {
        const found = await pollResults(ctxOf(request, deps), request.params.id, (request.query.by?.split(',') ?? []) as Breakdown[]);
        return reply
          .header('content-type', file.type)
          .header('content-disposition', `attachment; filename="tongxin-poll.${extension}"`)
          .send(await file.make(found, request.locale));
      },
    );
  }
};
