import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { errors, IdParams } from '../../platform/http/schemas.js';
import { fail } from '../../platform/errors.js';
import { publicDecision } from './decisions.js';
import { placeReport } from './place-report.js';
import { publicMeeting } from './public-meeting.js';
import { PlaceReportOut, PublicDecisionOut, PublicMeetingOut } from './schemas.js';

const tags = ['councils'];
const days = { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) };
/** A download link cannot set Accept-Language: the page passes the language its reader chose. */
const lang = { lang: Type.Optional(Type.Enum(['zh-CN', 'en'])) };
const Period = Type.Object(days, { additionalProperties: false });
const Lang = Type.Object(lang, { additionalProperties: false });
const pdfRoute = (summary: string) => ({ config: { access: 'public' as const }, schema: { tags, summary, params: IdParams, querystring: Lang, produces: ['application/pdf'] } });

/** About three years: long enough for a council's term, short enough to stay a report. */
function checkPeriod({ from, to }: { from: string; to: string }): void {
  if (to < from || Date.parse(to) - Date.parse(from) > 1_100 * 86_400_000) fail('report_period_invalid');
}

function sendPdf(reply: FastifyReply, name: string, pdf: Buffer) {
  return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="tongxin-${name}.pdf"`).send(pdf);
}

/**
 * What deliberation publishes to anyone, without an account: each meeting and decision as a page
 * and a PDF, and the periodic report of a place. pdfkit is loaded on the first PDF asked for,
 * not when every process starts.
 */
export const councilPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/api/public/meetings/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'A meeting for the public: how it was held, who took part, the agenda, the minutes once held, and what was decided', params: IdParams, response: { 200: PublicMeetingOut, ...errors(400, 404) } } },
    async (request) => publicMeeting(deps.db, request.params.id),
  );

  app.get('/api/public/meetings/:id/report.pdf', pdfRoute('The public record of a meeting as a PDF, in the reader’s language'), async (request, reply) => {
    const meeting = await publicMeeting(deps.db, request.params.id);
    const { meetingPdf } = await import('./meeting-report.js');
    return sendPdf(reply, 'meeting', await meetingPdf(meeting, request.query.lang ?? request.locale));
  });

  app.get(
    '/api/public/motions/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'A decided motion for the public: the decision, its vote, the meeting and what has been done since', params: IdParams, response: { 200: PublicDecisionOut, ...errors(400, 404) } } },
    async (request) => publicDecision(deps.db, request.params.id),
  );

  app.get('/api/public/motions/:id/report.pdf', pdfRoute('The public decision as a PDF, in the reader’s language'), async (request, reply) => {
    const decision = await publicDecision(deps.db, request.params.id);
    const { decisionPdf } = await import('./decision-report.js');
    return sendPdf(reply, 'decision', await decisionPdf(decision, request.query.lang ?? request.locale));
  });

  app.get(
    '/api/public/places/:id/deliberation',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The periodic report of deliberation in a place and below it, between two days: topics, meetings, decisions, their implementation, online discussions (counts only)',
        params: IdParams,
        querystring: Period,
        response: { 200: PlaceReportOut, ...errors(400, 404) },
      },
    },
    async (request) => {
      checkPeriod(request.query);
      return placeReport(deps.db, request.params.id, request.query.from, request.query.to);
    },
  );

  app.get(
    '/api/public/places/:id/deliberation/report.pdf',
    { config: { access: 'public' }, schema: { tags, summary: 'The periodic report of a place as a PDF with bars, in the reader’s language', params: IdParams, querystring: Type.Object({ ...days, ...lang }, { additionalProperties: false }), produces: ['application/pdf'] } },
    async (request, reply) => {
      checkPeriod(request.query);
      const report = await placeReport(deps.db, request.params.id, request.query.from, request.query.to);
      const { placeReportPdf } = await import('./place-report-pdf.js');
      return sendPdf(reply, 'deliberation-report', await placeReportPdf(report, request.query.lang ?? request.locale));
    },
  );
};
