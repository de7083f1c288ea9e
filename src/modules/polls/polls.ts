import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { can, EVERYWHERE, scopesFor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { places } from '../places/schema.js';
import type { TargetGroup } from './attributes.js';
import type { Definition } from './questionnaire.js';
import { drawSample } from './sample.js';
import { pollCodes, polls, pollSample } from './schema.js';
import { inGroup, pollAsks } from './targeting.js';

export interface PollInput {
  questionnaireId: string;
  placeId: string;
  title: string;
  targetGroup?: TargetGroup | undefined;
  sample?: { size: number; seed?: string | undefined; stratified?: boolean | undefined } | undefined;
  opensAt: Date;
  closesAt: Date;
  anonymous?: boolean | undefined;
  minCellSize?: number | undefined;
  series?: string | undefined;
}

export interface PollView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  questionnaireId: string;
  title: string;
  targetGroup: TargetGroup;
  sampled: boolean;
  sampleSize: number | null;
  sampleSeed: string | null;
  stratified: boolean;
  population: number;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  anonymous: boolean;
  minCellSize: number;
  series: string | null;
  status: 'scheduled' | 'open' | 'closed';
  responses: number;
}

export const statusOf = (poll: { opensAt: string | Date; closesAt: string | Date; closedAt: string | Date | null }, now: Date): PollView['status'] =>
  poll.closedAt || new Date(poll.closesAt) <= now ? 'closed' : new Date(poll.opensAt) > now ? 'scheduled' : 'open';

interface Targeted {
  id: string;
  community: string;
}

/** The residents a poll would ask: in the place's subtree and in the group. */
async function targetedResidents(db: Executor, path: string, group: TargetGroup, year: number): Promise<Targeted[]> {
  return queryRows<Targeted>(
    db,
    sql`select r.id, r.place_id as community from residents r join places rp on rp.id = r.place_id
        where starts_with(rp.path, ${path}) and ${inGroup(group, year)}`,
  );
}

export async function createPoll(ctx: Ctx, input: PollInput): Promise<PollView> {
  return ctx.db.transaction(async (tx) => {
    const [place] = await tx.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, input.placeId));
    if (!place) return fail('place_not_found');
    authorize(ctx, 'polls.manage', place.path);
    if (!(input.closesAt > input.opensAt)) fail('poll_period_invalid');
    const [questionnaire] = await queryRows<{ path: string }>(tx, sql`select p.path from questionnaires q join places p on p.id = q.place_id where q.id = ${input.questionnaireId}`);
    // A questionnaire from a place above may be reused below; one from a sibling only by someone who manages it.
    if (!questionnaire || !(place.path.startsWith(questionnaire.path) || can(ctx.actor, 'polls.manage', questionnaire.path))) return fail('questionnaire_not_found');
    const group = input.targetGroup ?? 'everyone';
    const targeted = await targetedResidents(tx, place.path, group, input.opensAt.getFullYear());
    const id = newId();
    const seed = input.sample ? (input.sample.seed ?? newId()) : null;
    if (input.sample && (input.sample.size < 1 || input.sample.size > targeted.length)) fail('poll_sample_size_invalid', { population: targeted.length });
    await tx.insert(polls).values({
      id,
      placeId: place.id,
      questionnaireId: input.questionnaireId,
      title: input.title.trim(),
      targetGroup: group,
      sampled: !!input.sample,
      sampleSize: input.sample?.size ?? null,
      sampleSeed: seed,
      stratified: input.sample?.stratified ?? false,
      population: targeted.length,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      anonymous: input.anonymous ?? false,
      minCellSize: input.minCellSize ?? 5,
      series: input.series?.trim() || null,
      createdBy: ctx.actor.accountId,
    });
    if (input.sample) {
      const drawn = drawSample(targeted.map((t) => ({ id: t.id, stratum: t.community })), input.sample.size, seed!, input.sample.stratified ?? false);
      await tx.execute(sql`insert into ${pollSample} (poll_id, resident_id) select ${id}::uuid, x::uuid from jsonb_array_elements_text(${JSON.stringify(drawn)}::jsonb) x`);
    }
    await recordAudit(tx, ctx, {
      action: 'poll.create',
      entityType: 'poll',
      entityId: id,
      place,
      after: { title: input.title, group, population: targeted.length, sample: input.sample ? { ...input.sample, seed } : null, anonymous: input.anonymous ?? false },
    });
    return (await readPolls(tx, ctx, sql`p.id = ${id}`))[0]!;
  });
}

type Row = Omit<PollView, 'status'> & { path: string };

async function readPolls(db: Executor, ctx: Ctx, where: ReturnType<typeof sql>): Promise<PollView[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select p.id, p.place_id as "placeId", pl.name_zh as "placeNameZh", pl.name_en as "placeNameEn", pl.path, p.questionnaire_id as "questionnaireId",
          p.title, p.target_group as "targetGroup", p.sampled, p.sample_size as "sampleSize", p.sample_seed as "sampleSeed", p.stratified, p.population,
          p.opens_at as "opensAt", p.closes_at as "closesAt", p.closed_at as "closedAt", p.anonymous, p.min_cell_size as "minCellSize", p.series,
          coalesce((select sum(n) from poll_counts t where t.poll_id = p.id and t.question = '' and t.option = ''), 0)::int as responses
        from polls p join places pl on pl.id = p.place_id
        where ${where}
        order by p.opens_at desc, p.id desc`,
  );
  return rows.map(({ path: _path, ...row }) => ({
    ...row,
    opensAt: new Date(row.opensAt).toISOString(),
    closesAt: new Date(row.closesAt).toISOString(),
    closedAt: row.closedAt ? new Date(row.closedAt).toISOString() : null,
    status: statusOf(row, ctx.now()),
  }));
}

/** Polls in the places where the caller runs or reads polls. */
export async function listPolls(ctx: Ctx): Promise<PollView[]> {
  const scopes = [...new Set([...scopesFor(ctx.actor, 'polls.manage'), ...scopesFor(ctx.actor, 'polls.results')])];
  if (scopes.length === 0) return [];
  const inScope = scopes.includes(EVERYWHERE) ? sql`true` : sql.join(scopes.map((s) => sql`starts_with(pl.path, ${s})`), sql` or `);
  return readPolls(ctx.db, ctx, sql`(${inScope})`);
}

export interface Staffing {
  poll: PollView;
  path: string;
}

/** One poll for its staff: those who run or read polls where it is. Others learn nothing of it. */
export async function loadPollForStaff(ctx: Ctx, id: string, permission: 'polls.manage' | 'polls.results'): Promise<Staffing> {
  const [found] = await queryRows<{ path: string }>(ctx.db, sql`select pl.path from polls p join places pl on pl.id = p.place_id where p.id = ${id}`);
  if (!found || !can(ctx.actor, permission, found.path)) return fail('poll_not_found');
  return { poll: (await readPolls(ctx.db, ctx, sql`p.id = ${id}`))[0]!, path: found.path };
}

export async function closePoll(ctx: Ctx, id: string): Promise<PollView> {
  const { poll, path } = await loadPollForStaff(ctx, id, 'polls.manage');
  return ctx.db.transaction(async (tx) => {
    await tx.update(polls).set({ closedAt: ctx.now() }).where(sql`${polls.id} = ${id} and ${polls.closedAt} is null`);
    await recordAudit(tx, ctx, { action: 'poll.close', entityType: 'poll', entityId: id, place: { id: poll.placeId, path } });
    return (await readPolls(tx, ctx, sql`p.id = ${id}`))[0]!;
  });
}

export interface Opened {
  poll: PollView;
  version: number;
  definition: Definition;
  /** Whether this resident has answered already. */
  answered: boolean;
}

/** The questionnaire as the resident will answer it: its latest version. */
async function latestVersion(db: Executor, pollId: string): Promise<{ version: number; definition: Definition }> {
  const [row] = await queryRows<{ version: number; definition: Definition }>(
    db,
    sql`select v.version, v.definition from polls p join questionnaire_versions v on v.questionnaire_id = p.questionnaire_id where p.id = ${pollId} order by v.version desc limit 1`,
  );
  return row!;
}

/** Open polls that ask this resident, newest first, with whether each is answered. */
export async function pollsForResident(ctx: Ctx, residentId: string): Promise<(PollView & { answered: boolean })[]> {
  const year = ctx.now().getFullYear();
  const polled = await readPolls(
    ctx.db,
    ctx,
    sql`p.closed_at is null and p.closes_at > ${ctx.now().toISOString()}::timestamptz and exists (
      select 1 from residents r join places rp on rp.id = r.place_id
      where r.id = ${residentId} and ${pollAsks(year)})`,
  );
  const answered = new Set(
    (await queryRows<{ poll_id: string }>(ctx.db, sql`select poll_id from poll_participations where resident_id = ${residentId}`)).map((r) => r.poll_id),
  );
  return polled.map((p) => ({ ...p, answered: answered.has(p.id) }));
}

/** A poll as its resident (by account, code or a liaison's proxy) sees it, with the questions. */
export async function openPoll(ctx: Ctx, pollId: string, residentId: string): Promise<Opened> {
  const poll = (await pollsForResident(ctx, residentId)).find((p) => p.id === pollId);
  if (!poll) return fail('poll_not_found');
  return { poll, ...(await latestVersion(ctx.db, pollId)), answered: poll.answered };
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Ten characters without look-alikes (0/O, 1/I/L): about 50 bits, read out over the phone. */
export const newCode = (): string => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

/**
 * One-time codes for residents without an account, handed out by a liaison. Each resident has
 * at most one code per poll: issuing again replaces the old one. Only the hash is kept.
 */
export async function issueCodes(ctx: Ctx, pollId: string, residentIds: string[]): Promise<{ residentId: string; code: string }[]> {
  // The poll first: a liaison whose places it does not reach learns nothing of it, not even
  // whether the residents named exist.
  const [found] = await queryRows<{ path: string }>(ctx.db, sql`select pl.path from polls p join places pl on pl.id = p.place_id where p.id = ${pollId}`);
  const reaches = (scope: string) => scope === EVERYWHERE || scope.startsWith(found!.path) || found!.path.startsWith(scope);
  if (!found || !scopesFor(ctx.actor, 'polls.proxy').some(reaches)) return fail('poll_not_found');
  const opened: { residentId: string; code: string }[] = [];
  return ctx.db.transaction(async (tx) => {
    const targeted = await queryRows<{ id: string; path: string; pollPath: string; pollPlaceId: string }>(
      tx,
      sql`select r.id, rp.path, pl.path as "pollPath", p.place_id as "pollPlaceId" from residents r join places rp on rp.id = r.place_id, polls p join places pl on pl.id = p.place_id
          where p.id = ${pollId} and r.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(residentIds)}::jsonb) x)`,
    );
    const pollPlace = targeted[0] ? { id: targeted[0].pollPlaceId, path: targeted[0].pollPath } : null;
    for (const residentId of residentIds) {
      const resident = targeted.find((t) => t.id === residentId);
      if (!resident) return fail('resident_not_found');
      authorize(ctx, 'polls.proxy', resident.path);
      const poll = (await pollsForResident({ ...ctx, db: tx }, residentId)).find((p) => p.id === pollId);
      if (!poll) return fail('poll_not_targeted');
      const code = newCode();
      await tx
        .insert(pollCodes)
        .values({ codeHash: ctx.vault.blindIndex(code), pollId, residentId, createdBy: ctx.actor.accountId })
        .onConflictDoUpdate({ target: [pollCodes.pollId, pollCodes.residentId], set: { codeHash: ctx.vault.blindIndex(code), createdBy: ctx.actor.accountId, createdAt: ctx.now() } });
      opened.push({ residentId, code });
    }
    await recordAudit(tx, ctx, { action: 'poll.codes', entityType: 'poll', entityId: pollId, place: pollPlace, after: { residents: residentIds.length } });
    return opened;
  });
}

/** The poll and resident a one-time code stands for. */
export async function redeemCode(db: Executor, vaultIndex: (code: string) => string, code: string): Promise<{ pollId: string; residentId: string }> {
  const [row] = await queryRows<{ pollId: string; residentId: string }>(
    db,
    sql`select poll_id as "pollId", resident_id as "residentId" from poll_codes where code_hash = ${vaultIndex(normalizeCode(code))}`,
  );
  return row ?? fail('poll_code_invalid');
}
