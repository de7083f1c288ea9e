import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Executor, preparedStatement, queryRows } from '../../db/client.js';
import { scopesFor } from '../../platform/access.js';
import { auditLog } from '../../platform/audit/schema.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { categories, departments } from '../departments/schema.js';
import { maskPhone, normalizePhone } from '../people/rules.js';
import { caseNumberSql } from './numbering.js';
import { suggestDepartment } from './routing.js';
import { caseEvents, cases, caseSubmissions } from './schema.js';
import { numberPrefixSqlOf } from './settings.js';
import type { Channel, Priority } from './workflow.js';

export interface CaseInput {
  placeId: string;
  description: string;
  address?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  photos?: string[] | undefined;
  /** Staff say how the request came in; a resident on the portal is always `web`. */
  channel?: Channel | undefined;
  priority?: Priority | undefined;
  categoryId?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  anonymous?: boolean | undefined;
  mayContact?: boolean | undefined;
}

/** Who is submitting, for idempotency and for the record: a logged-in account, an Open311 key, or a phone number. */
export type Submitter = { kind: 'actor' } | { kind: 'open311'; keyId: string; keyName: string };

export interface Submitted {
  id: string;
  number: string;
  /** True when the key had been used before: the earlier case is answered, nothing new is made. */
  replayed: boolean;
}

interface Located {
  id: string;
  path: string;
  cityId: string | null;
  cityCode: string | null;
}

/** A place and the city whose one-number line serves it, in one query. */
export async function locate(db: Executor, placeId: string): Promise<Located> {
  const [row] = await queryRows<Located>(
    db,
    sql`select p.id, p.path, c.id as "cityId", c.code as "cityCode"
        from places p left join places c on c.level = 'city' and starts_with(p.path, c.path)
        where p.id = ${placeId}`,
  );
  if (!row) return fail('place_not_found');
  if (!row.cityId) return fail('case_place_invalid');
  return row;
}

const VISIBLE_KEY = /^[\x21-\x7e]{1,100}$/;

/** The case an earlier submission with the same key made, if any. */
async function earlierCase(db: Executor, who: string, key: string): Promise<{ id: string; number: string } | undefined> {
  const [earlier] = await db
    .select({ id: cases.id, number: cases.number })
    .from(caseSubmissions)
    .innerJoin(cases, eq(cases.id, caseSubmissions.caseId))
    .where(and(eq(caseSubmissions.submitter, who), eq(caseSubmissions.key, key)));
  return earlier;
}

/** What the intake statement found, so that a refusal can name its reason. */
interface Stored {
  /** Null when the place does not exist. */
  id: string | null;
  cityId: string | null;
  categoryOk: boolean | null;
  /** The number drawn; null when the case could not be made. */
  number: string | null;
  /** 1 when the case was stored, 0 when not (a refusal, or the key was used before). */
  made: number;
}

const value = (name: string) => sql.placeholder(name);

/**
 * The intake in one statement (so one transaction): it finds the place, its city, the number
 * prefix that applies there, the router's department in that city, whether the category belongs
 * to the city and whether the submitter takes calls there; only when the case can be made does
 * it draw a number, claim the idempotency key (when one was sent) and, if the claim holds, store
 * the case, its first timeline entry and the audit entry. It answers what it found, so that a
 * refusal names its reason.
 */
function intakeStatement(keyed: boolean): SQL {
  const categoryOk = sql`(${value('categoryId')}::uuid is null or exists (
    select 1 from ${categories} k where k.id = ${value('categoryId')}::uuid and k.place_id = c.id and k.retired_at is null))`;
  const claim = keyed
    ? sql`insert into ${caseSubmissions} (submitter, key, case_id) select ${value('who')}::text, ${value('key')}::text, ${value('id')}::uuid from decided on conflict do nothing returning case_id`
    : sql`select ${value('id')}::uuid as case_id from decided`;
  return sql`with facts as (
      select p.id, p.path, c.id as city_id, c.code as city_code,
        ${numberPrefixSqlOf(sql`p.path`)} as number_prefix,
        -- A category chosen by the submitter names its department; otherwise the router's proposal.
        coalesce((select k.department_id from ${categories} k where k.id = ${value('categoryId')}::uuid and k.place_id = c.id and k.retired_at is null),
          (select d.id from ${departments} d where d.place_id = c.id and d.code = ${value('department')}::text and d.retired_at is null)) as suggested_id,
        ${categoryOk} as category_ok,
        exists (select 1 from jsonb_array_elements_text(${value('intakeScopes')}::jsonb) s(path) where starts_with(p.path, s.path)) as staff
      from places p left join places c on c.level = 'city' and starts_with(p.path, c.path)
      where p.id = ${value('placeId')}::uuid
    ),
    drawn as (
      select f.*, nextval('case_number_seq') as serial from facts f where f.city_id is not null and f.category_ok
    ),
    decided as (
      select d.*, ${caseNumberSql(sql`coalesce(d.number_prefix, d.city_code)`, sql`${value('year')}::text`, sql`d.serial`)} as number,
        (case when ${value('open311')}::boolean then 'open311' when d.staff then ${value('channel')}::text else 'web' end)::case_channel as channel,
        (case when d.staff or ${value('open311')}::boolean then ${value('priority')}::text else 'normal' end)::case_priority as priority
      from drawn d
    ),
    claim as (${claim}),
    made as (
      insert into ${cases} (id, number, city_id, place_id, channel, priority, description, address, lat, lng, photos, category_id,
        suggested_department_id, suggested_confidence, resident_id, requester_account_id, contact_name, contact_phone_cipher,
        contact_phone_hash, contact_phone_masked, anonymous, may_contact, received_at)
      select claim.case_id, d.number, d.city_id, d.id, d.channel, d.priority, ${value('description')}::text, ${value('address')}::text,
        ${value('lat')}::double precision, ${value('lng')}::double precision,
        array(select jsonb_array_elements_text(${value('photos')}::jsonb)), ${value('categoryId')}::uuid,
        d.suggested_id, case when d.suggested_id is not null then ${value('confidence')}::real end,
        case when not d.staff then ${value('residentId')}::uuid end, case when not d.staff then ${value('accountId')}::uuid end, ${value('contactName')}::text,
        ${value('phoneCipher')}::text, ${value('phoneHash')}::text, ${value('phoneMasked')}::text,
        ${value('anonymous')}::boolean, ${value('mayContact')}::boolean, ${value('now')}::timestamptz
      from claim, decided d
      returning id
    ),
    timeline as (
      insert into ${caseEvents} (id, case_id, city_id, at, kind, to_status, actor_id, actor_name, public, data)
      select ${value('eventId')}::uuid, made.id, d.city_id, ${value('now')}::timestamptz, 'received', 'received', ${value('accountId')}::uuid, ${value('actorName')}::text, true,
        jsonb_build_object('channel', d.channel)
      from made, decided d
    ),
    audit as (
      -- The entry recordAudit would write; no contact details in it: they live sealed on the case.
      insert into ${auditLog} (id, at, actor_id, actor_name, action, entity_type, entity_id, place_id, place_path, before, after, request_id)
      select ${value('auditId')}::uuid, ${value('now')}::timestamptz, ${value('accountId')}::uuid, ${value('username')}::text, 'case.submit', 'case', made.id::text,
        d.id, d.path, null,
        jsonb_build_object('number', d.number, 'channel', d.channel, 'suggested', ${value('department')}::text)
          || case when ${value('open311')}::boolean then jsonb_build_object('via', ${value('actorName')}::text) else '{}'::jsonb end,
        ${value('requestId')}::text
      from made, decided d
    )
    select f.id, f.city_id as "cityId", f.category_ok as "categoryOk", d.number, (select count(*)::int from made) as made
    from (select 1) as one left join facts f on true left join decided d on true`;
}

const storeCase = preparedStatement<Stored>('case_intake', intakeStatement(false));
const storeKeyedCase = preparedStatement<Stored>('case_intake_keyed', intakeStatement(true));

/**
 * Takes a request from any channel in one round trip (the statement above, kept prepared). A
 * second submission with the same key from the same submitter answers the first case (the number
 * it drew stays unused: the sequence has gaps anyway).
 */
export async function submitCase(ctx: Ctx, input: CaseInput, idempotencyKey?: string | undefined, submitter: Submitter = { kind: 'actor' }): Promise<Submitted> {
  if (idempotencyKey !== undefined && !VISIBLE_KEY.test(idempotencyKey)) fail('idempotency_key_invalid');
  const phone = input.contactPhone ? (normalizePhone(input.contactPhone) ?? fail('phone_invalid')) : null;
  const loggedIn = ctx.actor.accountId !== null;
  // Someone must be able to reach the requester: an account, a phone number, or staff who took it down.
  if (!loggedIn && ctx.actor.via !== 'system' && submitter.kind === 'actor' && !phone) fail('case_contact_required');
  const phoneHash = phone ? ctx.vault.blindIndex(phone) : null;
  const suggestion = suggestDepartment(input.description);
  const open311 = submitter.kind === 'open311';
  const who = open311 ? `open311:${submitter.keyId}` : loggedIn ? `account:${ctx.actor.accountId}` : phoneHash ? `phone:${phoneHash}` : ctx.actor.username;
  const categoryId = input.categoryId || null;
  const id = newId();
  const clock = ctx.now();
  const store = idempotencyKey === undefined ? storeCase : storeKeyedCase;
  const [stored] = await store(ctx.db, {
    placeId: input.placeId,
    categoryId,
    department: suggestion.department,
    // Staff taking a request down (the permission held over the place) say how it came in and how urgent it is.
    intakeScopes: JSON.stringify(open311 ? [] : scopesFor(ctx.actor, 'cases.intake')),
    year: String(clock.getFullYear()),
    open311,
    channel: input.channel ?? 'phone',
    priority: input.priority ?? 'normal',
    who,
    key: idempotencyKey ?? null,
    id,
    description: input.description.trim(),
    address: input.address?.trim() ?? '',
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    photos: JSON.stringify(input.photos ?? []),
    confidence: categoryId ? 1 : suggestion.confidence,
    residentId: ctx.actor.residentId,
    accountId: ctx.actor.accountId,
    contactName: input.contactName?.trim() || null,
    phoneCipher: phone ? ctx.vault.seal(phone) : null,
    phoneHash,
    phoneMasked: phone ? maskPhone(phone) : null,
    anonymous: input.anonymous ?? false,
    mayContact: input.mayContact ?? true,
    now: clock.toISOString(),
    eventId: newId(),
    auditId: newId(),
    actorName: open311 ? `open311:${submitter.keyName}` : ctx.actor.username,
    username: ctx.actor.username,
    requestId: ctx.requestId,
  });
  if (!stored!.id) return fail('place_not_found');
  if (!stored!.cityId) return fail('case_place_invalid');
  if (!stored!.categoryOk) {
    // A retry answers its case even if the category has gone since.
    const earlier = idempotencyKey === undefined ? undefined : await earlierCase(ctx.db, who, idempotencyKey);
    return earlier ? { ...earlier, replayed: true } : fail('case_category_invalid');
  }
  if (stored!.made === 0) return { ...(await earlierCase(ctx.db, who, idempotencyKey!))!, replayed: true };
  return { id, number: stored!.number!, replayed: false };
}

/** The anonymous portal's actor: nobody logged in, no grants. */
export const anonymousCtx = (deps: Deps, requestId: string | null): Ctx => ({
  ...deps,
  requestId,
  actor: { accountId: null, username: 'anonymous', displayName: 'anonymous', residentId: null, grants: [], via: 'session' },
});
