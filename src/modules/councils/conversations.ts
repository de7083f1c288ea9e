import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { opinionGroups, type Vote } from './opinion-groups.js';
import { conversationParticipants, conversations, conversationStatements, conversationVotes } from './schema.js';
import { belongsTo } from './topics.js';

/**
 * Statement-voting discussions: the council's office opens one on a question; residents of the
 * place write short statements and vote agree, disagree or pass on each other's, one vote each;
 * the opinion groups and what every group agrees on are read from the votes, for anyone.
 */

/** Enough for a thought, short enough to vote on from a phone in a few seconds. */
export const STATEMENT_MAX = 140;
/** Keeps one participant from flooding a discussion. */
export const STATEMENTS_PER_PARTICIPANT = 20;

export interface ConversationView {
  id: string;
  councilId: string;
  councilName: string;
  topicId: string | null;
  motionId: string | null;
  /** The draft decision consulted on, as the office wrote it. */
  motion: { title: string; body: string } | null;
  title: string;
  prompt: string;
  /** Waiting for its opening time, open, or closed by the office or past the end of its period. */
  status: 'scheduled' | 'open' | 'closed';
  opensAt: string | null;
  closesAt: string | null;
  statements: number;
  participants: number;
  votes: number;
  createdAt: string;
  closedAt: string | null;
}

export interface StatementView {
  id: string;
  text: string;
  agree: number;
  disagree: number;
  pass: number;
  /** The office's public reason for hiding it, or null while shown. */
  hiddenReason: string | null;
}

// Counted from the statements' kept counts and the participants, never from the votes themselves.
const VIEW = sql`select v.id, v.council_id as "councilId", c.name as "councilName", v.topic_id as "topicId", v.motion_id as "motionId", case when m.id is null then null else json_build_object('title', m.title, 'body', m.body) end as motion, v.title, v.prompt, v.status, v.opens_at as "opensAt", v.closes_at as "closesAt",
    (select count(*)::int from conversation_statements s where s.conversation_id = v.id and s.hidden_reason is null) as statements,
    (select count(*)::int from conversation_participants x where x.conversation_id = v.id) as participants,
    (select coalesce(sum(s.agree + s.disagree + s.pass), 0)::int from conversation_statements s where s.conversation_id = v.id) as votes,
    v.created_at as "createdAt", v.closed_at as "closedAt"
  from conversations v join councils c on c.id = v.council_id left join motions m on m.id = v.motion_id`;

const isoOrNull = (at: string | null) => (at ? new Date(at).toISOString() : null);
const shape = (v: ConversationView, now: Date): ConversationView => ({
  ...v,
  status: statusAt(v, now),
  createdAt: new Date(v.createdAt).toISOString(),
  closedAt: isoOrNull(v.closedAt),
  opensAt: isoOrNull(v.opensAt),
  closesAt: isoOrNull(v.closesAt),
});

interface Loaded {
  id: string;
  councilId: string;
  placeId: string;
  path: string;
  status: string;
  opensAt: string | null;
  closesAt: string | null;
}

/** A conversation with its place's path, for the checks. */
async function loadConversation(db: Executor, id: string): Promise<Loaded> {
  const [row] = await queryRows<Loaded>(
    db,
    sql`select v.id, v.council_id as "councilId", v.place_id as "placeId", p.path, v.status, v.opens_at as "opensAt", v.closes_at as "closesAt" from conversations v join places p on p.id = v.place_id where v.id = ${id}`,
  );
  return row ?? fail('conversation_not_found');
}

/** The stored status (open until the office closes it) read against the period's two ends. */
function statusAt(c: { status: string; opensAt: string | null; closesAt: string | null }, now: Date): ConversationView['status'] {
  if (c.status !== 'open') return 'closed';
  if (c.closesAt !== null && new Date(c.closesAt) <= now) return 'closed';
  return c.opensAt !== null && new Date(c.opensAt) > now ? 'scheduled' : 'open';
}

/** Refuses statements and votes outside the period, saying which end it is. */
function mustBeOpen(c: Loaded, now: Date): void {
  const status = statusAt(c, now);
  if (status === 'scheduled') fail('conversation_not_open', { opensAt: new Date(c.opensAt!).toISOString() });
  if (status === 'closed') fail('conversation_closed');
}

export async function getConversation(db: Executor, id: string, now: Date): Promise<ConversationView> {
  const [row] = await queryRows<ConversationView>(db, sql`${VIEW} where v.id = ${id}`);
  return shape(row ?? fail('conversation_not_found'), now);
}

/** A council's discussions, open ones first. Public. */
export async function listConversations(db: Executor, councilId: string, now: Date): Promise<ConversationView[]> {
  const rows = await queryRows<ConversationView>(db, sql`${VIEW} where v.council_id = ${councilId} order by (v.status = 'open') desc, v.created_at desc limit 100`);
  return rows.map((row) => shape(row, now)).sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
}

export interface ConversationInput {
  title: string;
  prompt: string;
  topicId?: string | undefined;
  /** A draft decision of the council to consult the place on before the vote. */
  motionId?: string | undefined;
  opensAt?: Date | undefined;
  closesAt?: Date | undefined;
}

/**
 * The office opens a discussion: on one of the council's topics if it says which, or as a
 * consultation on one of its draft decisions, for a period if it gives an end, from a later
 * moment (the next democracy day) if it gives a start.
 */
export async function openConversation(ctx: Ctx, councilId: string, input: ConversationInput): Promise<ConversationView> {
  return ctx.db.transaction(async (tx) => {
    const [council] = await queryRows<{ placeId: string; path: string }>(tx, sql`select c.place_id as "placeId", p.path from councils c join places p on p.id = c.place_id where c.id = ${councilId}`);
    if (!council) return fail('council_not_found');
    authorize(ctx, 'councils.manage', council.path);
    if (input.topicId) {
      const [topic] = await queryRows<{ councilId: string }>(tx, sql`select council_id as "councilId" from topics where id = ${input.topicId}`);
      if (!topic || topic.councilId !== councilId) fail('topic_not_found');
    }
    if (input.motionId) {
      const [motion] = await queryRows<{ councilId: string; status: string }>(tx, sql`select council_id as "councilId", status from motions where id = ${input.motionId}`);
      if (!motion || motion.councilId !== councilId) return fail('motion_not_found');
      if (motion.status !== 'draft') fail('motion_not_draft');
    }
    if (input.closesAt && (input.closesAt <= ctx.now() || (input.opensAt && input.closesAt <= input.opensAt))) fail('conversation_period_invalid');
    const id = newId();
    await tx.insert(conversations).values({
      id,
      councilId,
      placeId: council.placeId,
      topicId: input.topicId ?? null,
      motionId: input.motionId ?? null,
      title: input.title.trim(),
      prompt: input.prompt.trim(),
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      createdBy: ctx.actor.accountId,
    });
    await recordAudit(tx, ctx, { action: 'conversation.open', entityType: 'conversation', entityId: id, place: { id: council.placeId, path: council.path }, after: { title: input.title } });
    return getConversation(tx, id, ctx.now());
  });
}

export async function closeConversation(ctx: Ctx, id: string): Promise<ConversationView> {
  return ctx.db.transaction(async (tx) => {
    const conversation = await loadConversation(tx, id);
    authorize(ctx, 'councils.manage', conversation.path);
    if (statusAt(conversation, ctx.now()) === 'closed') fail('conversation_closed');
    await tx.update(conversations).set({ status: 'closed', closedAt: ctx.now() }).where(eq(conversations.id, id));
    await recordAudit(tx, ctx, { action: 'conversation.close', entityType: 'conversation', entityId: id, place: { id: conversation.placeId, path: conversation.path } });
    return getConversation(tx, id, ctx.now());
  });
}

/** Only people of the place take part, only while it is open. */
async function participating(ctx: Ctx, db: Executor, id: string) {
  const conversation = await loadConversation(db, id);
  if (!belongsTo(ctx.actor, conversation.path)) fail('out_of_scope');
  mustBeOpen(conversation, ctx.now());
  return conversation;
}

/** A participant writes a statement; writing it counts as agreeing with it. */
export async function addStatement(ctx: Ctx, id: string, text: string): Promise<StatementView> {
  const clean = text.trim().replace(/\s+/g, ' ');
  return ctx.db.transaction(async (tx) => {
    await participating(ctx, tx, id);
    // One participant's statements are counted under a lock on the discussion, so two tabs cannot pass the limit together.
    await tx.execute(sql`select id from conversations where id = ${id} for update`);
    const [{ mine, same } = { mine: 0, same: 0 }] = await queryRows<{ mine: number; same: number }>(
      tx,
      sql`select count(*) filter (where author_id = ${ctx.actor.accountId})::int as mine, count(*) filter (where lower(text) = lower(${clean}))::int as same
          from conversation_statements where conversation_id = ${id}`,
    );
    if (same > 0) fail('statement_duplicate');
    if (mine >= STATEMENTS_PER_PARTICIPANT) fail('statement_limit', { max: STATEMENTS_PER_PARTICIPANT });
    const statementId = newId();
    await tx.insert(conversationStatements).values({ id: statementId, conversationId: id, text: clean, authorId: ctx.actor.accountId, agree: 1 });
    await tx.insert(conversationVotes).values({ conversationId: id, statementId, accountId: ctx.actor.accountId!, value: 1 });
    await tx.insert(conversationParticipants).values({ conversationId: id, accountId: ctx.actor.accountId! }).onConflictDoNothing();
    return { id: statementId, text: clean, agree: 1, disagree: 0, pass: 0, hiddenReason: null };
  });
}

/**
 * The statement to show the participant next: one they have not voted on, among those with the
 * fewest votes, so that every statement gets seen; null when they have voted on them all.
 */
export async function nextStatement(ctx: Ctx, id: string): Promise<{ statement: { id: string; text: string } | null; remaining: number }> {
  await participating(ctx, ctx.db, id);
  const rows = await queryRows<{ id: string; text: string; remaining: number }>(
    ctx.db,
    sql`select s.id, s.text, count(*) over ()::int as remaining
        from conversation_statements s
        where s.conversation_id = ${id} and s.hidden_reason is null
          and not exists (select 1 from conversation_votes x where x.statement_id = s.id and x.account_id = ${ctx.actor.accountId})
        order by s.agree + s.disagree + s.pass, random() limit 1`,
  );
  const [row] = rows;
  return row ? { statement: { id: row.id, text: row.text }, remaining: row.remaining } : { statement: null, remaining: 0 };
}

/** One vote per participant and statement, also when two arrive at once; never changed. */
export async function voteOnStatement(ctx: Ctx, statementId: string, value: -1 | 0 | 1): Promise<{ remaining: number }> {
  const [statement] = await queryRows<{ conversationId: string; hiddenReason: string | null }>(
    ctx.db,
    sql`select conversation_id as "conversationId", hidden_reason as "hiddenReason" from conversation_statements where id = ${statementId}`,
  );
  if (!statement || statement.hiddenReason !== null) return fail('statement_not_found');
  await participating(ctx, ctx.db, statement.conversationId);
  const counter = ({ 1: 'agree', [-1]: 'disagree', 0: 'pass' } as const)[value];
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(conversationVotes).values({ conversationId: statement.conversationId, statementId, accountId: ctx.actor.accountId!, value });
      await tx.update(conversationStatements).set({ [counter]: sql`${conversationStatements[counter]} + 1` }).where(eq(conversationStatements.id, statementId));
      await tx.insert(conversationParticipants).values({ conversationId: statement.conversationId, accountId: ctx.actor.accountId! }).onConflictDoNothing();
    });
  } catch (error) {
    if (isUniqueViolation(error)) fail('statement_already_voted');
    throw error;
  }
  return { remaining: (await nextStatement(ctx, statement.conversationId)).remaining };
}

/** The office hides an abusive or off-topic statement with a public reason; its votes stay on record but no longer count. */
export async function hideStatement(ctx: Ctx, statementId: string, reason: string): Promise<StatementView> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<{ conversationId: string; placeId: string; path: string }>(
      tx,
      sql`select s.conversation_id as "conversationId", v.place_id as "placeId", p.path from conversation_statements s join conversations v on v.id = s.conversation_id join places p on p.id = v.place_id where s.id = ${statementId}`,
    );
    if (!row) return fail('statement_not_found');
    authorize(ctx, 'councils.manage', row.path);
    await tx.update(conversationStatements).set({ hiddenReason: reason.trim() }).where(eq(conversationStatements.id, statementId));
    await recordAudit(tx, ctx, { action: 'conversation.hide_statement', entityType: 'conversation', entityId: row.conversationId, place: { id: row.placeId, path: row.path }, after: { statement: statementId, reason } });
    const [view] = await statementsOf(tx, row.conversationId, sql`and s.id = ${statementId}`);
    return view!;
  });
}

async function statementsOf(db: Executor, id: string, extra = sql``): Promise<StatementView[]> {
  return queryRows<StatementView>(
    db,
    sql`select s.id, s.text, s.hidden_reason as "hiddenReason", s.agree, s.disagree, s.pass
        from conversation_statements s where s.conversation_id = ${id} ${extra} order by s.created_at, s.id`,
  );
}

export interface GroupStatement {
  id: string;
  text: string;
  /** Per group, in group order: the share of those who saw it that agreed, 0–100. */
  agreePercent: number[];
}

export interface OpinionGroupsView {
  conversation: ConversationView;
  /** Participants with enough votes to be placed in a group, and all who voted, when the groups were made. */
  grouped: number;
  participants: number;
  /** The votes the groups were made from: fewer than the discussion's while a new grouping is under way. */
  groupedVotes: number;
  groups: { size: number; representative: GroupStatement[] }[];
  consensus: GroupStatement[];
  statements: StatementView[];
}

/**
 * The last grouping of each discussion, per process. A small discussion is grouped again as soon
 * as it changed; a large one (reading a million votes takes seconds) answers with its last
 * grouping at once while one new grouping is made in the background, as a council watching the
 * votes come in would rather see groups a few seconds old than wait for them.
 */
const computed = new Map<string, { key: string; groups: Grouped; refreshing: Promise<void> | null }>();
const CACHED_DISCUSSIONS = 50;
/** Up to this many votes a new grouping takes a small fraction of a second, and is waited for. */
const WAIT_FOR_GROUPS_UP_TO = 20_000;

type Grouped = Pick<OpinionGroupsView, 'grouped' | 'participants' | 'groups' | 'consensus' | 'groupedVotes'>;

/**
 * The opinion groups, what every group agrees on and what sets each apart, with the discussion's
 * counts and every statement's votes as they stand (hidden ones with the office's reason). Public.
 */
export async function conversationGroups(db: Executor, id: string, now: Date): Promise<OpinionGroupsView> {
  const conversation = await getConversation(db, id, now);
  const statements = await statementsOf(db, id);
  const key = `${conversation.votes}/${conversation.statements}/${conversation.status}`;
  let entry = computed.get(id);
  const refresh = () => groupsFromVotes(db, id, statements).then((groups) => remember(id, key, groups));
  if (!entry || (entry.key !== key && conversation.votes <= WAIT_FOR_GROUPS_UP_TO)) {
    await refresh();
    entry = computed.get(id)!;
  } else if (entry.key !== key && !entry.refreshing) {
    const stale = entry;
    stale.refreshing = refresh()
      .catch(() => {}) // the next read tries again
      .finally(() => void (stale.refreshing = null));
  }
  return { conversation, statements, ...entry.groups };
}

/** A grouping made now from every vote, whatever is kept: what a background refresh does. */
export async function freshGroups(db: Executor, id: string): Promise<Grouped> {
  return groupsFromVotes(db, id, await statementsOf(db, id));
}

function remember(id: string, key: string, groups: Grouped): void {
  computed.delete(id);
  computed.set(id, { key, groups, refreshing: null });
  if (computed.size > CACHED_DISCUSSIONS) computed.delete(computed.keys().next().value!);
}

async function groupsFromVotes(db: Executor, id: string, statements: StatementView[]): Promise<Grouped> {
  const shown = statements.filter((s) => s.hiddenReason === null);
  const index = new Map(shown.map((s, i) => [s.id, i]));
  const rows = await queryRows<{ a: string; s: string; v: number }>(db, sql`select account_id as a, statement_id as s, value as v from conversation_votes where conversation_id = ${id}`);
  const people = new Map<string, number>();
  const votes: Vote[] = [];
  for (const row of rows) {
    const statement = index.get(row.s);
    if (statement === undefined) continue;
    let participant = people.get(row.a);
    if (participant === undefined) people.set(row.a, (participant = people.size));
    votes.push({ participant, statement, value: row.v as Vote['value'] });
  }
  const empty = { grouped: 0, participants: people.size, groups: [], consensus: [], groupedVotes: rows.length };
  if (shown.length === 0 || votes.length === 0) return empty;
  const grouping = opinionGroups(people.size, shown.length, votes);
  const grouped = grouping.groups.reduce((n, g) => n + g.size, 0);
  if (grouped === 0) return empty;
  const percent = (g: { agree: Float64Array; seen: Int32Array }, j: number) => (g.seen[j]! === 0 ? 0 : Math.round((1000 * g.agree[j]!) / g.seen[j]!) / 10);
  const described = (j: number): GroupStatement => ({ id: shown[j]!.id, text: shown[j]!.text, agreePercent: grouping.groups.map((g) => percent(g, j)) });
  return {
    grouped,
    participants: people.size,
    groups: grouping.groups.map((g, gi) => ({ size: g.size, representative: grouping.representative[gi]!.slice(0, 3).map(described) })),
    consensus: grouping.consensus.slice(0, 10).map(described),
    groupedVotes: rows.length,
  };
}
