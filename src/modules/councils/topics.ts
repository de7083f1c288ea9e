import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { loadCouncil } from './councils.js';
import { meetings, topics, topicSupports } from './schema.js';

export interface TopicView {
  id: string;
  councilId: string;
  title: string;
  body: string;
  status: 'proposed' | 'accepted' | 'merged' | 'declined';
  reason: string | null;
  mergedInto: string | null;
  meetingId: string | null;
  supporters: number;
  createdAt: string;
  decidedAt: string | null;
}

/**
 * Whether the actor lives or works in the council's place: a grant on the place, below it (a
 * villager and the town council) or above it. Residents propose and support topics only there.
 */
export const belongsTo = (actor: Actor, path: string): boolean => actor.grants.some((g) => g.placePath.startsWith(path) || path.startsWith(g.placePath));

const COLUMNS = sql`t.id, t.council_id as "councilId", t.title, t.body, t.status, t.reason, t.merged_into as "mergedInto", t.meeting_id as "meetingId", t.supporters,
  t.created_at as "createdAt", t.decided_at as "decidedAt"`;

const shape = (t: TopicView): TopicView => ({ ...t, createdAt: new Date(t.createdAt).toISOString(), decidedAt: t.decidedAt ? new Date(t.decidedAt).toISOString() : null });

async function loadTopic(db: Executor, id: string): Promise<TopicView & { path: string; placeId: string }> {
  const [row] = await queryRows<TopicView & { path: string; placeId: string }>(db, sql`select ${COLUMNS}, p.path, t.place_id as "placeId" from topics t join places p on p.id = t.place_id where t.id = ${id}`);
  return row ?? fail('topic_not_found');
}

/** A resident of the place proposes a topic; who proposed it is kept for the office, not shown. */
export async function proposeTopic(ctx: Ctx, councilId: string, input: { title: string; body: string }): Promise<TopicView> {
  return ctx.db.transaction(async (tx) => {
    const [council] = await queryRows<{ id: string; placeId: string; path: string }>(tx, sql`select c.id, c.place_id as "placeId", p.path from councils c join places p on p.id = c.place_id where c.id = ${councilId}`);
    if (!council) return fail('council_not_found');
    if (!belongsTo(ctx.actor, council.path)) fail('out_of_scope');
    const id = newId();
    await tx.insert(topics).values({ id, councilId: council.id, placeId: council.placeId, title: input.title.trim(), body: input.body.trim(), proposedBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'topic.propose', entityType: 'topic', entityId: id, place: { id: council.placeId, path: council.path }, after: { title: input.title } });
    const { path: _p, placeId: _id, ...topic } = await loadTopic(tx, id);
    return shape(topic);
  });
}

/** Topics of a council, most supported first among open ones. Public. */
export async function listTopics(db: Executor, councilId: string): Promise<TopicView[]> {
  const rows = await queryRows<TopicView>(db, sql`select ${COLUMNS} from topics t where t.council_id = ${councilId} order by (t.status = 'proposed') desc, t.supporters desc, t.created_at desc limit 500`);
  return rows.map(shape);
}

/** One account supports a topic once; the count is kept on the topic in the same transaction. */
export async function supportTopic(ctx: Ctx, id: string): Promise<{ supporters: number }> {
  return ctx.db.transaction(async (tx) => {
    const topic = await loadTopic(tx, id);
    if (!belongsTo(ctx.actor, topic.path)) fail('out_of_scope');
    if (topic.status !== 'proposed') fail('topic_decided');
    try {
      await tx.insert(topicSupports).values({ topicId: topic.id, accountId: ctx.actor.accountId! });
    } catch (error) {
      if (isUniqueViolation(error)) fail('topic_already_supported');
      throw error;
    }
    const [row] = await tx.update(topics).set({ supporters: sql`${topics.supporters} + 1` }).where(eq(topics.id, topic.id)).returning({ supporters: topics.supporters });
    return { supporters: row!.supporters };
  });
}

export type TopicDecision =
  | { decision: 'accept'; reason: string; meetingId?: string | undefined }
  | { decision: 'merge'; reason: string; intoId: string }
  | { decision: 'decline'; reason: string };

/** The office accepts a topic (optionally onto a meeting's agenda), merges it into another, or declines it, always with a public reason. */
export async function decideTopic(ctx: Ctx, id: string, input: TopicDecision): Promise<TopicView> {
  return ctx.db.transaction(async (tx) => {
    const topic = await loadTopic(tx, id);
    await loadCouncil(tx, ctx, topic.councilId, 'councils.manage');
    if (topic.status !== 'proposed') fail('topic_decided');
    let meetingId: string | null = null;
    let mergedInto: string | null = null;
    if (input.decision === 'accept' && input.meetingId) {
      const [meeting] = await tx.select({ id: meetings.id, agenda: meetings.agenda }).from(meetings).where(and(eq(meetings.id, input.meetingId), eq(meetings.councilId, topic.councilId)));
      if (!meeting) return fail('meeting_not_found');
      meetingId = meeting.id;
      await tx.update(meetings).set({ agenda: [...meeting.agenda, { title: topic.title, topicId: topic.id }] }).where(eq(meetings.id, meeting.id));
    }
    if (input.decision === 'merge') {
      if (input.intoId === topic.id) fail('topic_merge_self');
      const into = await loadTopic(tx, input.intoId);
      if (into.councilId !== topic.councilId || into.status === 'merged' || into.status === 'declined') fail('topic_merge_target_invalid');
      mergedInto = into.id;
      // Supporters follow the topic into the one that carries it on, each counted once.
      await tx.execute(sql`insert into topic_supports (topic_id, account_id) select ${into.id}::uuid, account_id from topic_supports where topic_id = ${topic.id} on conflict do nothing`);
      await tx.execute(sql`update topics set supporters = (select count(*) from topic_supports where topic_id = ${into.id}) where id = ${into.id}`);
    }
    const status = input.decision === 'accept' ? 'accepted' : input.decision === 'merge' ? 'merged' : 'declined';
    await tx.update(topics).set({ status, reason: input.reason.trim(), mergedInto, meetingId: meetingId ?? topic.meetingId, decidedAt: ctx.now() }).where(eq(topics.id, topic.id));
    await recordAudit(tx, ctx, { action: `topic.${input.decision}`, entityType: 'topic', entityId: topic.id, place: { id: topic.placeId, path: topic.path }, after: { status, reason: input.reason, mergedInto, meetingId } });
    const { path: _p, placeId: _id, ...after } = await loadTopic(tx, id);
    return shape(after);
  });
}
