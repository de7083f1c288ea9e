import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { DateTime, errors, IdParams, Limit, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { myMerit } from './account.js';
import { appealClaim, decideAppeal, decideClaim, myAssessments, supplementClaim } from './assessing.js';
import { configureBank, findBankResidents, getBank, listBanks, seatCandidates, setBodyMembers } from './banks.js';
import { createCriterion, listCriteria, reviseCriterion } from './catalog.js';
import { fileClaim, fileGroupClaim, getClaim, listClaims } from './claims.js';
import { checkParticipant, createActivity, listActivities, signUp } from './activities.js';
import { confirmExemplar, getExemplar } from './exemplar.js';
import { requestExtract, verifyExtract } from './extracts.js';
import { TIE_RULE } from './ranking.js';
import { getReport, listReports, publishReport } from './reports.js';
import { correctEntry, expireDue, ledgerOf, verifyChain } from './ledger.js';
import {
  AccountOut,
  AppealDecisionBody,
  BankBody,
  BankOut,
  BodyOut,
  ClaimBody,
  ClaimOut,
  CriterionBody,
  CriterionOut,
  DecisionBody,
  EntryOut,
  ExemplarOut,
  ExtractContentsOut,
  ReportOut,
  ReportSummaryOut,
  GroupClaimBody,
  ReasonBody,
  SupplementBody,
  VerificationOut,
  VersionBody,
} from './schemas.js';

const tags = ['merit'];

/**
 * The Bank of Merit. Staff routes name a permission and the use case checks the place; residents'
 * and assessors' routes are open to any account and the use case decides from the claim (whose it
 * is, who filed it, which bodies the caller sits on).
 */
export const meritRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const manage = { access: { permission: 'merit.manage' as const } };
  const read = { access: { permission: 'merit.read' as const } };
  const anyAccount = { access: 'authenticated' as const };

  app.put(
    '/api/merit-banks/:id',
    { config: manage, schema: { tags, summary: 'Open a Bank of Merit at a place (with the four default bodies) or change its rules', params: IdParams, body: BankBody, response: { 200: BankOut, ...errors(400, 401, 403, 404) } } },
    async (request) => configureBank(ctxOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/merit-banks',
    {
      config: read,
      schema: {
        tags,
        summary: 'The banks in your places, each with its chain head and the claims still before the bodies',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ placeId: Uuid, placeNameZh: Type.String(), placeNameEn: Type.String(), headSeq: Type.Integer(), openClaims: Type.Integer() })) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await listBanks(ctxOf(request, deps)) }),
  );

  app.get(
    '/api/merit-banks/:id/candidates',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Accounts at the bank’s place that can be seated on a body, found by name',
        params: IdParams,
        querystring: Type.Object({ q: Type.Optional(Text(50)) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ accountId: Uuid, displayName: Type.String(), username: Type.String() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await seatCandidates(ctxOf(request, deps), request.params.id, request.query.q) }),
  );

  app.get(
    '/api/merit-banks/:id/residents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Residents of the bank’s place found by name (to check in a volunteer who did not sign up)',
        params: IdParams,
        querystring: Type.Object({ q: Text(50) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ residentId: Uuid, name: Type.String(), birthYear: Nullable(Type.Integer()), household: Nullable(Type.String()) })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await findBankResidents(ctxOf(request, deps), request.params.id, request.query.q) }),
  );

  app.get(
    '/api/merit-banks/:id',
    { config: read, schema: { tags, summary: 'A bank’s rules, bodies and chain head', params: IdParams, response: { 200: BankOut, ...errors(400, 401, 403, 404) } } },
    async (request) => getBank(ctxOf(request, deps), request.params.id),
  );

  app.put(
    '/api/merit-bodies/:id/members',
    {
      config: manage,
      schema: { tags, summary: 'Who sits on an assessing body', params: IdParams, body: Type.Object({ accountIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }) }, { additionalProperties: false }), response: { 200: BodyOut, ...errors(400, 401, 403, 404) } },
    },
    async (request) => setBodyMembers(ctxOf(request, deps), request.params.id, request.body.accountIds),
  );

  app.get(
    '/api/merit-criteria',
    { config: read, schema: { tags, summary: 'A bank’s criteria with all their versions', querystring: Type.Object({ placeId: Uuid }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(CriterionOut) }), ...errors(400, 401, 403, 404) } } },
    async (request) => ({ items: await listCriteria(ctxOf(request, deps), request.query.placeId) }),
  );

  app.post(
    '/api/merit-criteria',
    { config: manage, schema: { tags, summary: 'Add a criterion (its version 1)', body: CriterionBody, response: { 201: CriterionOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const { placeId, code, ...version } = request.body;
      return reply.status(201).send(await createCriterion(ctxOf(request, deps), placeId, code, version));
    },
  );

  app.post(
    '/api/merit-criteria/:id/versions',
    { config: manage, schema: { tags, summary: 'Change a criterion: its next version, valid from a date; points granted stay as they are', params: IdParams, body: VersionBody, response: { 201: CriterionOut, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await reviseCriterion(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.post(
    '/api/merit-claims',
    { config: anyAccount, schema: { tags, summary: 'Claim a good deed: one’s own, or on behalf of another resident', body: ClaimBody, response: { 201: ClaimOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await fileClaim(ctxOf(request, deps), request.body)),
  );

  app.post(
    '/api/merit-claims/group',
    {
      config: manage,
      schema: {
        tags,
        summary: 'An organiser’s claim for a group from its attendance list (duplicates reported, not filed)',
        body: GroupClaimBody,
        response: { 201: Type.Object({ groupId: Uuid, claims: Type.Array(ClaimOut), duplicates: Type.Array(Type.Object({ residentId: Uuid, number: Type.String() })) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await fileGroupClaim(ctxOf(request, deps), request.body)),
  );

  app.get(
    '/api/merit-claims',
    {
      config: read,
      schema: {
        tags,
        summary: 'A bank’s claims, newest first',
        querystring: Type.Object(
          { placeId: Uuid, status: Type.Optional(Type.Enum(['pending', 'more_requested', 'granted', 'rejected'])), limit: Limit(200, 50), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ClaimOut), total: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listClaims(ctxOf(request, deps), { ...request.query, offset: request.query.offset ?? 0 }),
  );

  app.get(
    '/api/merit-claims/:id',
    { config: anyAccount, schema: { tags, summary: 'A claim with every step of its record', params: IdParams, response: { 200: ClaimOut, ...errors(400, 401, 404) } } },
    async (request) => getClaim(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/merit-claims/:id/decisions',
    { config: anyAccount, schema: { tags, summary: 'A body’s word on a claim (approve, reject, ask for more), by one of its members', params: IdParams, body: DecisionBody, response: { 200: ClaimOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => decideClaim(ctxOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/merit-claims/:id/supplement',
    { config: anyAccount, schema: { tags, summary: 'Answer a body’s request for more evidence', params: IdParams, body: SupplementBody, response: { 200: ClaimOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => supplementClaim(ctxOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/merit-claims/:id/appeal',
    { config: anyAccount, schema: { tags, summary: 'Appeal a rejected claim to the supervisory body', params: IdParams, body: ReasonBody, response: { 200: ClaimOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => appealClaim(ctxOf(request, deps), request.params.id, request.body.reason),
  );

  app.post(
    '/api/merit-claims/:id/appeal-decision',
    { config: anyAccount, schema: { tags, summary: 'The supervisory body decides an appeal', params: IdParams, body: AppealDecisionBody, response: { 200: ClaimOut, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => decideAppeal(ctxOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/my/merit',
    {
      config: anyAccount,
      schema: {
        tags,
        summary: 'The caller’s merit account and his household’s, their claims, the bank’s criteria and bodies',
        response: {
          200: Type.Object({
            bank: BankOut,
            criteria: Type.Array(CriterionOut),
            accounts: Type.Array(AccountOut),
            claims: Type.Array(ClaimOut),
            household: Type.Array(Type.Object({ residentId: Uuid, name: Type.String() })),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => myMerit(ctxOf(request, deps)),
  );

  app.get(
    '/api/my/merit-assessments',
    {
      config: anyAccount,
      schema: { tags, summary: 'Claims waiting on the bodies the caller sits on', response: { 200: Type.Object({ items: Type.Array(Type.Object({ claim: ClaimOut, bodyIds: Type.Array(Uuid) })) }), ...errors(401) } },
    },
    async (request) => ({ items: await myAssessments(ctxOf(request, deps)) }),
  );

  app.get(
    '/api/merit-banks/:id/ledger',
    {
      config: read,
      schema: {
        tags,
        summary: 'Ledger entries of a bank (or of one resident), newest first',
        params: IdParams,
        querystring: Type.Object({ residentId: Type.Optional(Uuid), limit: Limit(1000, 200) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...EntryOut.properties, residentName: Type.String() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await ledgerOf(ctxOf(request, deps), request.params.id, request.query.residentId, request.query.limit) }),
  );

  app.post(
    '/api/merit-banks/:id/corrections',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Reverse a grant with a reason (a new entry; the grant stays as written)',
        params: IdParams,
        body: Type.Object({ seq: Type.Integer({ minimum: 1 }), reason: ReasonBody.properties.reason }, { additionalProperties: false }),
        response: { 201: EntryOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await correctEntry(ctxOf(request, deps), request.params.id, request.body.seq, request.body.reason)),
  );

  app.post(
    '/api/merit-banks/:id/expire',
    { config: manage, schema: { tags, summary: 'Write the lapse of grants past their expiry', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Type.Object({ expired: Type.Integer() }), ...errors(401, 403, 404) } } },
    async (request) => expireDue(ctxOf(request, deps), request.params.id),
  );

  app.get(
    '/api/merit-banks/:id/verify',
    { config: read, schema: { tags, summary: 'Verify the whole hash chain of the ledger, and every published head; names the first broken entry', params: IdParams, response: { 200: VerificationOut, ...errors(400, 401, 403, 404) } } },
    async (request) => verifyChain(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/merit-banks/:id/reports',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Publish a quarter’s report with the ledger’s chain head (once per quarter)',
        params: IdParams,
        body: Type.Object({ quarter: Type.String({ pattern: '^\\d{4}Q[1-4]$' }) }, { additionalProperties: false }),
        response: { 201: ReportOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ ...(await publishReport(ctxOf(request, deps), request.params.id, request.body.quarter)), tieRule: TIE_RULE }),
  );

  app.get(
    '/api/merit-reports',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The published quarterly reports of a bank (public)', querystring: Type.Object({ placeId: Uuid }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(ReportSummaryOut) }), ...errors(400) } },
    },
    async (request) => ({ items: await listReports(deps.db, request.query.placeId) }),
  );

  app.get(
    '/api/merit-reports/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'A published quarterly report (public)', params: IdParams, response: { 200: ReportOut, ...errors(400, 404) } } },
    async (request) => ({ ...(await getReport(deps.db, request.params.id)), tieRule: TIE_RULE }),
  );

  app.get(
    '/api/merit-reports/:id/report.pdf',
    { config: { access: 'public' }, schema: { tags, summary: 'A published quarterly report as PDF (public)', params: IdParams, produces: ['application/pdf'] } },
    async (request, reply) => {
      const report = await getReport(deps.db, request.params.id);
      // pdfkit is loaded on the first report, not when every process starts.
      const pdf = await (await import('./report-pdf.js')).reportPdf(report, request.locale);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="merit-${report.quarter}.pdf"`).send(pdf);
    },
  );

  app.get(
    '/api/merit-banks/:id/exemplar',
    {
      config: anyAccount,
      schema: { tags, summary: 'Candidates for Outstanding Contributor of the Year, by points and the stated tie rule, and the bodies’ confirmations (the bank’s staff and its bodies’ members)', params: IdParams, querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 200: ExemplarOut, ...errors(400, 401, 403, 404) } },
    },
    async (request) => getExemplar(ctxOf(request, deps), request.params.id, request.query.year),
  );

  app.post(
    '/api/merit-banks/:id/exemplar',
    {
      config: anyAccount,
      schema: {
        tags,
        summary: 'A body confirms the Outstanding Contributor of the Year, by one of its members',
        params: IdParams,
        body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), bodyId: Uuid, residentId: Uuid }, { additionalProperties: false }),
        response: { 200: ExemplarOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => confirmExemplar(ctxOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/my/merit/extracts',
    {
      config: anyAccount,
      schema: {
        tags,
        summary: 'An official extract of one’s record for a bank loan or a homestead application, with a verification code (shown once)',
        body: Type.Object({ purpose: Type.Enum(['loan', 'homestead']) }, { additionalProperties: false }),
        response: { 201: Type.Object({ code: Type.String(), issuedAt: DateTime, contents: ExtractContentsOut }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await requestExtract(ctxOf(request, deps), request.body.purpose)),
  );

  // Codes are guessed by trying: verification is limited per address.
  app.post(
    '/api/merit-extracts/verify',
    {
      config: { access: 'public', rateLimit: { max: deps.config.rateLimit.submitPerMinute * 2, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Check an extract by its verification code: shows what the extract shows, nothing more (public)',
        body: Type.Object({ code: Type.String({ minLength: 8, maxLength: 30 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ issuedAt: DateTime, purpose: Type.String(), contents: ExtractContentsOut }), ...errors(400, 404, 429) },
      },
    },
    async (request) => verifyExtract(deps, request.body.code),
  );

  const ActivityOut = Type.Object({
    id: Uuid,
    placeId: Uuid,
    title: Type.String(),
    organiser: Type.String(),
    criterionId: Uuid,
    startsAt: DateTime,
    endsAt: DateTime,
    participants: Type.Array(Type.Object({ residentId: Uuid, name: Type.String(), signedUpAt: DateTime, checkedInAt: Nullable(DateTime), checkedOutAt: Nullable(DateTime), claimId: Nullable(Uuid) })),
  });

  app.post(
    '/api/merit-activities',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A volunteer activity whose hours become claims at check-out',
        body: Type.Object({ placeId: Uuid, title: Text(200), organiser: Text(100), criterionId: Uuid, startsAt: DateTime, endsAt: DateTime }, { additionalProperties: false }),
        response: { 201: ActivityOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { startsAt, endsAt, ...rest } = request.body;
      return reply.status(201).send(await createActivity(ctxOf(request, deps), { ...rest, startsAt: new Date(startsAt), endsAt: new Date(endsAt) }));
    },
  );

  app.get(
    '/api/merit-activities',
    {
      config: anyAccount,
      schema: { tags, summary: 'Volunteer activities of a bank (its residents and staff)', querystring: Type.Object({ placeId: Uuid }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(ActivityOut) }), ...errors(400, 401, 403, 404) } },
    },
    async (request) => ({ items: await listActivities(ctxOf(request, deps), request.query.placeId) }),
  );

  app.post(
    '/api/merit-activities/:id/sign-up',
    { config: anyAccount, schema: { tags, summary: 'Sign oneself up for a volunteer activity', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: ActivityOut, ...errors(400, 401, 403, 404) } } },
    async (request) => signUp(ctxOf(request, deps), request.params.id),
  );

  for (const step of ['in', 'out'] as const) {
    app.post(
      `/api/merit-activities/:id/check-${step}`,
      {
        config: manage,
        schema: {
          tags,
          summary: step === 'in' ? 'Check a participant in' : 'Check a participant out: the hours become a claim',
          params: IdParams,
          body: Type.Object({ residentId: Uuid }, { additionalProperties: false }),
          response: { 200: ActivityOut, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => checkParticipant(ctxOf(request, deps), request.params.id, request.body.residentId, step),
    );
  }
};
