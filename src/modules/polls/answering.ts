import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { preparedStatement, queryRows } from '../../db/client.js';
import { can } from '../../platform/access.js';
import { auditLog } from '../../platform/audit/schema.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { type Answers, checkAnswers, normalizeAnswers } from './answers.js';
import { ageGroupOf } from './attributes.js';
import { type Opened, openPoll, redeemCode } from './polls.js';
import type { Definition } from './questionnaire.js';
import { pollDrafts, pollParticipations, pollResponses, pollTallyQueue } from './schema.js';
import { tallyRows } from './tally.js';
import { pollAsks } from './targeting.js';

/** Who is answering: the logged-in resident, the holder of a one-time code, or a liaison for a resident. */
export type Respondent = { kind: 'account' } | { kind: 'code'; code: string } | { kind: 'proxy'; residentId: string };

interface Facts {
  placeId: string;
  placePath: string;
  anonymous: boolean;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  versionId: string;
  version: number;
  definition: Definition;
  residentId: string | null;
  residentPath: string | null;
  community: string | null;
  birthYear: number | null;
  residency: string | null;
  gender: string | null;
  targeted: boolean | null;
}

const value = (name: string) => sql.placeholder(name);

/** The poll, its latest version and the resident with whether the poll asks them, in one query. */
const answeringFacts = preparedStatement<Facts>(
  'poll_answering_facts',
  sql`select p.place_id as "placeId", pl.path as "placePath", p.anonymous, p.opens_at as "opensAt", p.closes_at as "closesAt", p.closed_at as "closedAt",
        v.id as "versionId", v.version, v.definition,
        r.id as "residentId", rp.path as "residentPath", r.place_id as community, r.birth_year as "birthYear", r.residency, r.gender,
        ${pollAsks(value('year'))} as targeted
      from polls p join places pl on pl.id = p.place_id
      join lateral (select id, version, definition from questionnaire_versions where questionnaire_id = p.questionnaire_id order by version desc limit 1) v on true
      left join residents r on r.id = ${value('residentId')}::uuid
      left join places rp on rp.id = r.place_id
      where p.id = ${value('pollId')}::uuid`,
);

/** Which resident answers, and how. */
async function resolveRespondent(ctx: Ctx, pollId: string, who: Respondent): Promise<{ residentId: string; via: 'account' | 'code' | 'proxy' }> {
  if (who.kind === 'code') {
    const redeemed = await redeemCode(ctx.db, (c) => ctx.vault.blindIndex(c), who.code);
    if (redeemed.pollId !== pollId) fail('poll_code_invalid');
    return { residentId: redeemed.residentId, via: 'code' };
  }
  if (who.kind === 'proxy') return { residentId: who.residentId, via: 'proxy' };
  // Not logged in and no code: say what is missing (the route itself is open to code holders).
  if (!ctx.actor.accountId) return fail('poll_code_required');
  return { residentId: ctx.actor.residentId ?? fail('poll_resident_required'), via: 'account' };
}

/** Loads what answering needs and refuses, with the reason, anyone the poll does not ask now. */
async function admit(ctx: Ctx, pollId: string, who: Respondent) {
  const { residentId, via } = await resolveRespondent(ctx, pollId, who);
  const [facts] = await answeringFacts(ctx.db, { pollId, residentId, year: ctx.now().getFullYear() });
  if (!facts) return fail('poll_not_found');
  if (!facts.residentId) return fail('resident_not_found');
  // A liaison enters answers only for residents of the places he serves.
  if (via === 'proxy' && !can(ctx.actor, 'polls.proxy', facts.residentPath!)) fail('out_of_scope');
  if (!facts.targeted) fail('poll_not_targeted');
  const now = ctx.now();
  if (facts.closedAt || new Date(facts.closesAt) <= now) fail('poll_closed');
  if (new Date(facts.opensAt) > now) fail('poll_not_open');
  return { facts, residentId, via };
}

const answerProblems = (definition: Definition, answers: Answers, complete: boolean) => {
  const problems = checkAnswers(definition, answers, complete);
  if (problems.length > 0) fail('poll_answers_invalid', { questions: [...new Set(problems.map((p) => p.question))], problems: problems.map((p) => `${p.question}: ${p.code}`) });
};

/**
 * Stores one response in one statement (so one transaction): the participation claims the
 * (poll, resident) key first; only if the claim holds are the response written, its counts
 * queued for the tallies (tally-queue.ts) and the draft dropped. A second response, also one
 * racing the first, finds the key taken (it waits on the primary key until the first commits)
 * and changes nothing. A liaison's entry is a staff action and is audited in the same statement;
 * a resident's own answer is not, so that an anonymous poll leaves no timed trace of who answered.
 */
function storeStatement(proxy: boolean) {
  const audit = sql`,
    audit as (
      insert into ${auditLog} (id, at, actor_id, actor_name, action, entity_type, entity_id, place_id, place_path, before, after, request_id)
      select ${value('auditId')}::uuid, ${value('now')}::timestamptz, ${value('accountId')}::uuid, ${value('username')}::text, 'poll.proxy', 'poll', ${value('pollId')}::text,
        ${value('placeId')}::uuid, ${value('placePath')}::text, null, jsonb_build_object('version', ${value('version')}::int), ${value('requestId')}::text
      from claim
    )`;
  return sql`with claim as (
      insert into ${pollParticipations} (poll_id, resident_id) values (${value('pollId')}::uuid, ${value('residentId')}::uuid) on conflict do nothing returning poll_id
    ),
    response as (
      insert into ${pollResponses} (id, poll_id, version_id, answers, resident_id, via, proxy_account_id, day, community_id, age_group, residency, gender)
      select ${value('id')}::uuid, ${value('pollId')}::uuid, ${value('versionId')}::uuid, ${value('answers')}::jsonb, ${value('respondentId')}::uuid, ${value('via')}::text,
        ${value('proxyAccountId')}::uuid, ${value('day')}::date, ${value('community')}::uuid, ${value('ageGroup')}::text, ${value('residency')}::text, ${value('gender')}::text
      from claim returning id
    ),
    queued as (
      insert into ${pollTallyQueue} (poll_id, version, community_id, age_group, residency, gender, rows)
      select ${value('pollId')}::uuid, ${value('version')}::int, ${value('community')}::uuid, ${value('ageGroup')}::text, ${value('residency')}::text, ${value('gender')}::text, ${value('rows')}::jsonb
      from claim
    ),
    dropped as (
      delete from ${pollDrafts} where poll_id = ${value('pollId')}::uuid and resident_id = ${value('residentId')}::uuid and exists (select 1 from claim)
    )${proxy ? audit : sql``}
    select count(*)::int as made from response`;
}

const storeResponse = preparedStatement<{ made: number }>('poll_store_response', storeStatement(false));
const storeProxyResponse = preparedStatement<{ made: number }>('poll_store_proxy_response', storeStatement(true));

export interface Submitted {
  version: number;
}

/** A respondent's complete answers, checked against the questionnaire and stored once (storeStatement). */
export async function submitResponse(ctx: Ctx, pollId: string, who: Respondent, answers: Answers): Promise<Submitted> {
  const { facts, residentId, via } = await admit(ctx, pollId, who);
  answerProblems(facts.definition, answers, true);
  const kept = normalizeAnswers(answers);
  const now = ctx.now();
  // Anonymous: a random id (not time-ordered) and no resident, so nothing ties the answers to the participation.
  const id = facts.anonymous ? randomUUID() : newId();
  const cell = {
    community: facts.community!,
    ageGroup: ageGroupOf(facts.birthYear, now.getFullYear()),
    residency: facts.residency ?? 'unknown',
    gender: facts.gender ?? 'unknown',
  };
  const store = via === 'proxy' ? storeProxyResponse : storeResponse;
  const [stored] = await store(ctx.db, {
    ...cell,
    pollId,
    residentId,
    id,
    versionId: facts.versionId,
    version: facts.version,
    answers: JSON.stringify(kept),
    respondentId: facts.anonymous ? null : residentId,
    via,
    proxyAccountId: via === 'proxy' ? ctx.actor.accountId : null,
    day: now.toISOString().slice(0, 10),
    rows: JSON.stringify(tallyRows(facts.definition, kept)),
    ...(via === 'proxy' && { auditId: newId(), now: now.toISOString(), accountId: ctx.actor.accountId, username: ctx.actor.username, placeId: facts.placeId, placePath: facts.placePath, requestId: ctx.requestId }),
  });
  if (stored!.made === 0) fail('poll_already_answered');
  return { version: facts.version };
}

/** Keeps partial answers as the resident types; they are checked for shape but may leave questions open. */
export async function saveDraft(ctx: Ctx, pollId: string, who: Respondent, answers: Answers): Promise<void> {
  const { facts, residentId } = await admit(ctx, pollId, who);
  answerProblems(facts.definition, answers, false);
  const [participated] = await queryRows<{ x: number }>(ctx.db, sql`select 1 as x from poll_participations where poll_id = ${pollId} and resident_id = ${residentId}`);
  if (participated) fail('poll_already_answered');
  await ctx.db
    .insert(pollDrafts)
    .values({ pollId, residentId, answers: normalizeAnswers(answers), updatedAt: ctx.now() })
    .onConflictDoUpdate({ target: [pollDrafts.pollId, pollDrafts.residentId], set: { answers: normalizeAnswers(answers), updatedAt: ctx.now() } });
}

export async function readDraft(ctx: Ctx, pollId: string, who: Respondent): Promise<{ answers: Answers; updatedAt: string } | null> {
  const { residentId } = await resolveRespondent(ctx, pollId, who);
  const [row] = await queryRows<{ answers: Answers; updatedAt: string }>(
    ctx.db,
    sql`select answers, updated_at as "updatedAt" from poll_drafts where poll_id = ${pollId} and resident_id = ${residentId}`,
  );
  return row ? { answers: row.answers, updatedAt: new Date(row.updatedAt).toISOString() } : null;
}

/** The questions as this respondent will answer them, refused with the reason when the poll does not ask them now. */
export async function openForRespondent(ctx: Ctx, pollId: string, who: Respondent): Promise<Opened> {
  const { residentId } = await admit(ctx, pollId, who);
  return openPoll(ctx, pollId, residentId);
}
