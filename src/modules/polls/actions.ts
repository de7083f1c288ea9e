import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { grantsFor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { submitCase } from '../cases/intake.js';
import { RATINGS, type Rating } from '../cases/workflow.js';
import { loadPollForStaff, type PollView } from './polls.js';
import { type Definition, questionsOf } from './questionnaire.js';
import { checkRatingLink, mapRatings, type RatingMapping } from './rating-link.js';
import { pollCases, pollRatingLinks } from './schema.js';
import { percentOf } from './statistics.js';

/**
 * From answers to action: a result or a free-text answer of a poll turned into a request to a
 * department (a case, made by the cases module as any staff intake), and a satisfaction question
 * linked to the closing rating of cases so that both channels are read on one scale.
 */

async function latestDefinition(ctx: Ctx, questionnaireId: string): Promise<Definition> {
  const [row] = await queryRows<{ definition: Definition }>(
    ctx.db,
    sql`select definition from questionnaire_versions where questionnaire_id = ${questionnaireId} order by version desc limit 1`,
  );
  return row?.definition ?? fail('poll_not_found');
}

export interface PollCaseInput {
  description: string;
  /** Where the problem is: the poll's place or one under it; the poll's place if not said. */
  placeId?: string | undefined;
  question?: string | undefined;
}

export interface PollCaseView {
  caseId: string;
  number: string;
  status: string;
  description: string;
  question: string | null;
  createdAt: string;
}

/**
 * Makes a request to a department from a poll. Only those who run the poll and take requests
 * where the problem is may; the case goes through the cases module's intake (routing, numbering,
 * timeline, audit) like any taken by staff, on the deputy's or the liaison's channel.
 */
export async function caseFromPoll(ctx: Ctx, pollId: string, input: PollCaseInput, idempotencyKey?: string): Promise<{ caseId: string; number: string; replayed: boolean }> {
  const { poll, path } = await loadPollForStaff(ctx, pollId, 'polls.manage');
  const placeId = input.placeId ?? poll.placeId;
  const [place] = await queryRows<{ path: string }>(ctx.db, sql`select path from places where id = ${placeId}`);
  if (!place || !place.path.startsWith(path)) return fail('poll_case_place_invalid');
  authorize(ctx, 'cases.intake', place.path);
  if (input.question !== undefined && !questionsOf(await latestDefinition(ctx, poll.questionnaireId)).some((q) => q.id === input.question)) fail('poll_question_unknown');
  const channel = grantsFor(ctx.actor, 'cases.intake').some((g) => g.role === 'deputy' && place.path.startsWith(g.placePath)) ? 'deputy' : 'liaison';
  const made = await submitCase(ctx, { placeId, description: input.description, channel }, idempotencyKey);
  // A retry with the same key answers the same case: the link is made once.
  await ctx.db
    .insert(pollCases)
    .values({ pollId, caseId: made.id, question: input.question ?? null, createdBy: ctx.actor.accountId })
    .onConflictDoNothing();
  if (!made.replayed) await recordAudit(ctx.db, ctx, { action: 'poll.case', entityType: 'poll', entityId: pollId, place: { id: poll.placeId, path }, after: { case: made.number, question: input.question ?? null } });
  return { caseId: made.id, number: made.number, replayed: made.replayed };
}

/** The requests made from a poll, newest first, as their state stands. */
export async function casesOfPoll(ctx: Ctx, pollId: string): Promise<PollCaseView[]> {
  await loadPollForStaff(ctx, pollId, 'polls.results');
  const rows = await queryRows<PollCaseView>(
    ctx.db,
    sql`select c.id as "caseId", c.number, c.status::text as status, c.description, pc.question, pc.created_at as "createdAt"
        from poll_cases pc join cases c on c.id = pc.case_id where pc.poll_id = ${pollId} order by pc.created_at desc, c.number desc`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export interface RatingLinkView {
  question: string;
  mapping: RatingMapping;
}

/** Links (or relinks) the poll's satisfaction question to the closing rating of cases. */
export async function linkCaseRatings(ctx: Ctx, pollId: string, link: { question: string; mapping: Record<string, string> }): Promise<RatingLinkView> {
  const { poll, path } = await loadPollForStaff(ctx, pollId, 'polls.manage');
  const problem = checkRatingLink(await latestDefinition(ctx, poll.questionnaireId), link.question, link.mapping);
  if (problem) fail('poll_rating_link_invalid', { problem });
  const mapping = Object.fromEntries(RATINGS.map((r) => [r, link.mapping[r]!])) as RatingMapping;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(pollRatingLinks)
      .values({ pollId, question: link.question, mapping, createdBy: ctx.actor.accountId, updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: pollRatingLinks.pollId, set: { question: link.question, mapping, createdBy: ctx.actor.accountId, updatedAt: ctx.now() } });
    await recordAudit(tx, ctx, { action: 'poll.link_case_ratings', entityType: 'poll', entityId: pollId, place: { id: poll.placeId, path }, after: { question: link.question, mapping } });
  });
  return { question: link.question, mapping };
}

export interface CaseRatings {
  question: string;
  mapping: RatingMapping;
  /** The days counted: the poll's period, by the day each case came in (as the evaluation counts). */
  from: string;
  to: string;
  rated: number;
  options: { id: string; label: string; count: number; percent: number | null }[];
}

/**
 * The closing ratings of the cases in the poll's place and period, on the linked question's
 * scale; null when no question is linked. Read from the cases' daily tallies, so its cost does
 * not grow with the number of cases.
 */
export async function caseRatingsOf(ctx: Ctx, poll: PollView, placePath: string, definition: Definition): Promise<CaseRatings | null> {
  const [link] = await queryRows<RatingLinkView>(ctx.db, sql`select question, mapping from poll_rating_links where poll_id = ${poll.id}`);
  if (!link) return null;
  const question = questionsOf(definition).find((q) => q.id === link.question);
  if (!question) return null;
  const day = (iso: string) => sql`(${iso}::timestamptz at time zone 'Asia/Shanghai')::date`;
  const [sums] = await queryRows<{ from: string; to: string } & Record<Rating, number>>(
    ctx.db,
    sql`select ${day(poll.opensAt)}::text as "from", ${day(poll.closedAt ?? poll.closesAt)}::text as "to",
          coalesce(sum(t.satisfied), 0)::int as satisfied, coalesce(sum(t.basically_satisfied), 0)::int as basically_satisfied, coalesce(sum(t.dissatisfied), 0)::int as dissatisfied
        from case_tallies t join places p on p.id = t.place_id
        where starts_with(p.path, ${placePath}) and t.day between ${day(poll.opensAt)} and ${day(poll.closedAt ?? poll.closesAt)}`,
  );
  const counts = { satisfied: sums!.satisfied, basically_satisfied: sums!.basically_satisfied, dissatisfied: sums!.dissatisfied };
  const options = question.options ?? [];
  const mapped = mapRatings(link.mapping, counts, options.map((o) => o.id));
  const rated = counts.satisfied + counts.basically_satisfied + counts.dissatisfied;
  return {
    question: link.question,
    mapping: link.mapping,
    from: sums!.from,
    to: sums!.to,
    rated,
    options: options.map((o) => ({ id: o.id, label: o.label, count: mapped[o.id] ?? 0, percent: percentOf(mapped[o.id] ?? 0, rated) })),
  };
}
