import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { belongsTo, proposeTopic } from '../councils/topics.js';
import { loadPollForStaff } from './polls.js';
import { pollResults } from './results.js';
import { pollTopics } from './schema.js';

/**
 * From answers to deliberation: a question's result put before a council as the ground of a
 * topic, either one already proposed there or a new one the poll's staff propose with it.
 */

/** A question's figures as they stood when put before the council. */
export interface ResultSnapshot {
  pollTitle: string;
  questionText: string;
  /** Who answered the question, and the poll's responses in all. */
  respondents: number;
  responses: number;
  options: { label: string; count: number; percent: number | null }[];
  /** The 95% margin of the poll, for sampled polls. */
  marginOfError: number | null;
  takenAt: string;
}

export type TopicAttachment = { question: string } & ({ topicId: string } | { councilId: string; title: string; body: string });

export interface PollTopicView {
  topicId: string;
  topicTitle: string;
  topicStatus: string;
  councilId: string;
  councilName: string;
  question: string;
  result: ResultSnapshot;
  createdAt: string;
}

/** A council may hear a poll's result when their places overlap: a community poll before the town's council, or the reverse. */
const overlaps = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/** The councils a poll's result can be put before, with the topics still open there, for the picker. */
export async function councilsForPoll(ctx: Ctx, pollId: string): Promise<{ id: string; name: string; topics: { id: string; title: string }[] }[]> {
  const { path } = await loadPollForStaff(ctx, pollId, 'polls.manage');
  const rows = await queryRows<{ id: string; name: string; path: string; topics: { id: string; title: string }[] | null }>(
    ctx.db,
    sql`select c.id, c.name, p.path,
          (select json_agg(json_build_object('id', t.id, 'title', t.title) order by t.created_at desc)
             from topics t where t.council_id = c.id and t.status in ('proposed', 'accepted')) as topics
        from councils c join places p on p.id = c.place_id
        where (starts_with(p.path, ${path}) or starts_with(${path}, p.path))
        order by p.path, c.name limit 200`,
  );
  return rows.filter((r) => belongsTo(ctx.actor, r.path)).map((r) => ({ id: r.id, name: r.name, topics: r.topics ?? [] }));
}

/**
 * Puts a question's result before a council: on a topic already open there, or on a new one
 * proposed with it. Only those who run the poll may, only before a council of a place that
 * overlaps the poll's, only with as many answers as the poll's smallest group shown, and the same
 * result goes on a topic once.
 */
export async function attachToTopic(ctx: Ctx, pollId: string, input: TopicAttachment): Promise<PollTopicView> {
  const { poll, path } = await loadPollForStaff(ctx, pollId, 'polls.manage');
  const results = await pollResults(ctx, pollId);
  const question = results.questions.find((q) => q.id === input.question) ?? fail('poll_question_unknown');
  if (question.options.length === 0) fail('poll_topic_question_unsuited');
  // The topic is public: too few answers would let neighbours tell who said what.
  if (question.respondents < poll.minCellSize) fail('poll_topic_too_few', { min: poll.minCellSize });
  const snapshot: ResultSnapshot = {
    pollTitle: poll.title,
    questionText: question.text,
    respondents: question.respondents,
    responses: results.responses,
    options: question.options.map((o) => ({ label: o.label, count: o.count, percent: o.percent })),
    marginOfError: results.marginOfError,
    takenAt: ctx.now().toISOString(),
  };
  return ctx.db.transaction(async (tx) => {
    const inTx: Ctx = { ...ctx, db: tx };
    const topicId = 'topicId' in input ? input.topicId : (await proposeTopic(inTx, input.councilId, { title: input.title, body: input.body })).id;
    const [topic] = await queryRows<{ status: string; path: string }>(tx, sql`select t.status, p.path from topics t join places p on p.id = t.place_id where t.id = ${topicId}`);
    if (!topic) return fail('topic_not_found');
    if (!overlaps(topic.path, path) || !belongsTo(ctx.actor, topic.path)) fail('poll_topic_out_of_area');
    if (topic.status === 'merged' || topic.status === 'declined') fail('topic_decided');
    try {
      await tx.insert(pollTopics).values({ pollId, topicId, question: input.question, result: snapshot, createdBy: ctx.actor.accountId });
    } catch (error) {
      if (isUniqueViolation(error)) fail('poll_topic_already_attached');
      throw error;
    }
    await recordAudit(tx, ctx, { action: 'poll.topic', entityType: 'poll', entityId: pollId, place: { id: poll.placeId, path }, after: { topic: topicId, question: input.question } });
    const [view] = await viewsOf(inTx, sql`pt.poll_id = ${pollId} and pt.topic_id = ${topicId} and pt.question = ${input.question}`);
    return view!;
  });
}

/** The topics a poll's results were put before, newest first. */
export async function topicsOfPoll(ctx: Ctx, pollId: string): Promise<PollTopicView[]> {
  await loadPollForStaff(ctx, pollId, 'polls.results');
  return viewsOf(ctx, sql`pt.poll_id = ${pollId}`);
}

/**
 * The results put before a council's topics, for its public topic list. Public like the topics:
 * only the figures the poll's staff chose to put before the council, as they stood then.
 */
export async function resultsBeforeCouncil(ctx: Ctx, councilId: string): Promise<PollTopicView[]> {
  const [council] = await queryRows<{ id: string }>(ctx.db, sql`select id from councils where id = ${councilId}`);
  if (!council) fail('council_not_found');
  return viewsOf(ctx, sql`t.council_id = ${councilId}`);
}

async function viewsOf(ctx: Ctx, where: ReturnType<typeof sql>): Promise<PollTopicView[]> {
  const rows = await queryRows<PollTopicView>(
    ctx.db,
    sql`select t.id as "topicId", t.title as "topicTitle", t.status as "topicStatus", c.id as "councilId", c.name as "councilName",
          pt.question, pt.result, pt.created_at as "createdAt"
        from poll_topics pt join topics t on t.id = pt.topic_id join councils c on c.id = t.council_id
        where ${where} order by pt.created_at desc limit 200`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}
