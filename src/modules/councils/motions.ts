import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { explainDuplicate } from '../../db/errors.js';
import type { Permission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { type ChainCheck, chainNext, genesisHash, verifyChain } from './chain.js';
import { currentSeats, loadCouncil, today } from './councils.js';
import { meetings, motionBallots, motionElectorate, motions, motionVoters } from './schema.js';
import { type Counts, type Decision, decide, type Threshold } from './threshold.js';

export type Choice = 'yes' | 'no' | 'abstain';

interface MotionRow {
  id: string;
  councilId: string;
  councilName: string;
  placeId: string;
  path: string;
  title: string;
  body: string;
  ballot: 'open' | 'secret';
  meetingId: string | null;
  threshold: Threshold;
  status: 'draft' | 'open' | 'closed';
  electorate: number | null;
  openedAt: string | null;
  closedAt: string | null;
  result: Decision | null;
  ballotCount: number | null;
  headHash: string | null;
}

export interface MotionView extends Omit<MotionRow, 'path' | 'ballotCount' | 'headHash'> {
  voted: number;
  votes: { memberId: string; name: string; choice: string }[];
  mine: { member: boolean; voted: boolean };
}

/** The motion and its place, refused outside the caller's place; `lock` serialises votes on it. */
async function loadMotion(db: Executor, ctx: Ctx, id: string, permission: Permission, lock = false): Promise<MotionRow> {
  const [row] = await queryRows<MotionRow>(
    db,
    sql`select m.id, m.council_id as "councilId", c.name as "councilName", m.place_id as "placeId", p.path, m.title, m.body, m.ballot, m.meeting_id as "meetingId", m.threshold, m.status,
          m.electorate, m.opened_at as "openedAt", m.closed_at as "closedAt", m.result, m.ballot_count as "ballotCount", m.head_hash as "headHash"
        from motions m join councils c on c.id = m.council_id join places p on p.id = m.place_id
        where m.id = ${id} ${lock ? sql`for update of m` : sql``}`,
  );
  if (!row) return fail('motion_not_found');
  authorize(ctx, permission, row.path);
  return row;
}

const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());

async function view(db: Executor, ctx: Ctx, motion: MotionRow): Promise<MotionView> {
  const { path: _path, ballotCount: _count, headHash: _head, ...rest } = motion;
  const [voted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from motion_voters where motion_id = ${motion.id}`);
  const votes = motion.ballot === 'open'
    ? await queryRows<{ memberId: string; name: string; choice: string }>(
        db,
        sql`select b.member_id as "memberId", cm.name, b.choice from motion_ballots b join council_members cm on cm.id = b.member_id where b.motion_id = ${motion.id} order by b.seq`,
      )
    : [];
  const [mine] = ctx.actor.accountId
    ? await queryRows<{ voted: boolean }>(
        db,
        sql`select exists(select 1 from motion_voters v where v.motion_id = e.motion_id and v.member_id = e.member_id) as voted
            from motion_electorate e where e.motion_id = ${motion.id} and e.account_id = ${ctx.actor.accountId}`,
      )
    : [];
  return { ...rest, openedAt: iso(rest.openedAt), closedAt: iso(rest.closedAt), voted: voted!.n, votes, mine: { member: !!mine, voted: mine?.voted ?? false } };
}

export interface MotionInput {
  title: string;
  body: string;
  ballot: 'open' | 'secret';
  threshold?: Threshold | undefined;
  meetingId?: string | undefined;
}

export async function createMotion(ctx: Ctx, councilId: string, input: MotionInput): Promise<MotionView> {
  return ctx.db.transaction(async (tx) => {
    const council = await loadCouncil(tx, ctx, councilId, 'councils.manage');
    const id = newId();
    const threshold = input.threshold ?? council.threshold;
    if (input.meetingId) {
      const [meeting] = await tx.select({ councilId: meetings.councilId }).from(meetings).where(eq(meetings.id, input.meetingId));
      if (meeting?.councilId !== council.id) fail('meeting_not_found');
    }
    await tx.insert(motions).values({ id, councilId: council.id, placeId: council.placeId, title: input.title.trim(), body: input.body.trim(), ballot: input.ballot, meetingId: input.meetingId ?? null, threshold, createdBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'motion.create', entityType: 'motion', entityId: id, place: { id: council.placeId, path: council.path }, after: { title: input.title, ballot: input.ballot, threshold } });
    return view(tx, ctx, await loadMotion(tx, ctx, id, 'councils.manage'));
  });
}

export async function getMotion(ctx: Ctx, id: string): Promise<MotionView> {
  // Members read the motions put to them; so do the office and the supervision group.
  return view(ctx.db, ctx, await loadMotion(ctx.db, ctx, id, 'councils.read'));
}

/** Opens the vote: the council's current members are the electorate, fixed from now on. */
export async function openMotion(ctx: Ctx, id: string): Promise<MotionView> {
  return ctx.db.transaction(async (tx) => {
    const motion = await loadMotion(tx, ctx, id, 'councils.manage', true);
    if (motion.status !== 'draft') fail('motion_not_draft');
    const council = await loadCouncil(tx, ctx, motion.councilId, 'councils.manage');
    if (council.status !== 'active') fail('council_not_active');
    const seats = await currentSeats(tx, council.id, today(ctx));
    if (seats.length === 0) fail('motion_no_electorate');
    await tx.insert(motionElectorate).values(seats.map((s) => ({ motionId: motion.id, memberId: s.id, accountId: s.accountId })));
    await tx.update(motions).set({ status: 'open', openedAt: ctx.now(), electorate: seats.length }).where(eq(motions.id, motion.id));
    await recordAudit(tx, ctx, { action: 'motion.open', entityType: 'motion', entityId: motion.id, place: { id: motion.placeId, path: motion.path }, after: { electorate: seats.length } });
    return view(tx, ctx, await loadMotion(tx, ctx, id, 'councils.manage'));
  });
}

/**
 * One member's vote. The motion row is locked so ballots join the hash chain one at a time;
 * the voters' primary key refuses a second vote by the same member, also when two arrive at once.
 * A secret ballot stores the choice with a random id and no member or time, and is not audited
 * per vote (an audit entry would tie the member to the moment, and so to the ballot's place in the chain).
 */
export async function castVote(ctx: Ctx, id: string, choice: Choice): Promise<{ ok: true; seq: number }> {
  return ctx.db.transaction(async (tx) => {
    const motion = await loadMotion(tx, ctx, id, 'councils.vote', true);
    if (motion.status !== 'open') fail('motion_not_open');
    const [seat] = ctx.actor.accountId
      ? await tx.select({ memberId: motionElectorate.memberId }).from(motionElectorate).where(and(eq(motionElectorate.motionId, motion.id), eq(motionElectorate.accountId, ctx.actor.accountId)))
      : [];
    if (!seat) return fail('motion_not_member');
    await explainDuplicate(() => tx.insert(motionVoters).values({ motionId: motion.id, memberId: seat.memberId }), 'motion_voters_motion_id_member_id_pk', () => fail('motion_already_voted'));
    const [head] = await tx.select({ seq: motionBallots.seq, hash: motionBallots.hash }).from(motionBallots).where(eq(motionBallots.motionId, motion.id)).orderBy(desc(motionBallots.seq)).limit(1);
    const open = motion.ballot === 'open';
    const ballot = chainNext(motion.id, head ?? null, { id: open ? newId() : randomUUID(), choice, memberId: open ? seat.memberId : null, castAt: open ? ctx.now().toISOString() : null });
    await tx.insert(motionBallots).values({ ...ballot, motionId: motion.id, castAt: ballot.castAt === null ? null : new Date(ballot.castAt) });
    if (open) {
      await recordAudit(tx, ctx, { action: 'motion.vote', entityType: 'motion', entityId: motion.id, place: { id: motion.placeId, path: motion.path }, after: { memberId: seat.memberId, choice, seq: ballot.seq } });
    }
    return { ok: true as const, seq: ballot.seq };
  });
}

async function countBallots(db: Executor, motionId: string): Promise<Counts & { total: number; headHash: string | null }> {
  const rows = await queryRows<{ choice: Choice; n: number }>(db, sql`select choice, count(*)::int as n from motion_ballots where motion_id = ${motionId} group by choice`);
  const counts = { yes: 0, no: 0, abstain: 0 };
  for (const r of rows) counts[r.choice] = r.n;
  const [head] = await db.select({ hash: motionBallots.hash }).from(motionBallots).where(eq(motionBallots.motionId, motionId)).orderBy(desc(motionBallots.seq)).limit(1);
  return { ...counts, total: counts.yes + counts.no + counts.abstain, headHash: head?.hash ?? null };
}

/** Closes the vote and decides it by the motion's threshold over the electorate fixed at opening. */
export async function closeMotion(ctx: Ctx, id: string): Promise<MotionView> {
  return ctx.db.transaction(async (tx) => {
    const motion = await loadMotion(tx, ctx, id, 'councils.manage', true);
    if (motion.status !== 'open') fail('motion_not_open');
    const { total, headHash, ...counts } = await countBallots(tx, motion.id);
    // Taken in a meeting whose attendance is recorded: the members present make the quorum.
    const [meeting] = motion.meetingId ? await tx.select({ present: meetings.membersPresent }).from(meetings).where(eq(meetings.id, motion.meetingId)) : [];
    const present = meeting?.present ?? undefined;
    const result = decide(motion.threshold, counts, present === undefined ? { members: motion.electorate! } : { members: motion.electorate!, present });
    await tx.update(motions).set({ status: 'closed', closedAt: ctx.now(), result, ballotCount: total, headHash: headHash ?? genesisHash(motion.id) }).where(eq(motions.id, motion.id));
    await recordAudit(tx, ctx, {
      action: 'motion.close',
      entityType: 'motion',
      entityId: motion.id,
      place: { id: motion.placeId, path: motion.path },
      after: { passed: result.passed, counts: result.counts, yesNeeded: result.yesNeeded, quorumMet: result.quorumMet, ballots: total, headHash },
    });
    return view(tx, ctx, await loadMotion(tx, ctx, id, 'councils.manage'));
  });
}

/** Recomputes the ballot chain, and checks that as many members voted as there are ballots. */
export async function verifyMotion(ctx: Ctx, id: string): Promise<ChainCheck & { voters: number }> {
  const motion = await loadMotion(ctx.db, ctx, id, 'councils.read');
  const ballots = await ctx.db.select().from(motionBallots).where(eq(motionBallots.motionId, motion.id));
  const [voters] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from motion_voters where motion_id = ${motion.id}`);
  const check = verifyChain(
    motion.id,
    ballots.map((b) => ({ ...b, castAt: b.castAt ? b.castAt.toISOString() : null })),
    motion.status === 'closed' ? { count: motion.ballotCount ?? 0, headHash: motion.headHash ?? '' } : null,
  );
  const valid = check.valid && voters!.n === check.ballots;
  return { ...check, valid, brokenAt: valid ? null : (check.brokenAt ?? { seq: check.ballots, problem: 'count_mismatch' }), voters: voters!.n };
}
