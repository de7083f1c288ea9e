import { and, eq, sql } from 'drizzle-orm';
import { type Executor, preparedStatement, queryRows } from '../../db/client.js';
import { gathered } from '../../db/gathering.js';
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

/** One case as the intake statement takes it (a row of its JSON input). */
interface IntakeRow {
  id: string;
  place_id: string;
  category_id: string | null;
  department: string;
  intake_scopes: string[];
  year: string;
  open311: boolean;
  channel: Channel;
  priority: Priority;
  who: string;
  key: string | null;
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  photos: string[];
  confidence: number;
  resident_id: string | null;
  account_id: string | null;
  contact_name: string | null;
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  anonymous: boolean;
  may_contact: boolean;
  now: string;
  event_id: string;
  audit_id: string;
  actor_name: string;
  username: string;
  request_id: string | null;
}

/** What the intake statement found for one case, so that a refusal can name its reason. */
interface Stored {
  id: string;
  placeFound: boolean;
  cityId: string | null;
  categoryOk: boolean | null;
  /** The number drawn; null when the case could not be made. */
  number: string | null;
  /** False on a refusal, or when the key was used before. */
  made: boolean;
}

/**
 * The intake of any number of cases in one statement (so one transaction): for each it finds the
 * place, its city, the number prefix that applies there, the router's department in that city,
 * whether the category belongs to the city and whether the submitter takes calls there; only
 * when the case can be made does it draw a number, claim the idempotency key (when one was sent;
 * of two rows with one key, one holds it) and, if the claim holds, store the case, its
 * first timeline entry and the audit entry. It answers what it found for every case, so that a
 * refusal names its reason.
 */
const intakeStatement = sql`with input as (
    select * from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as r(id uuid, place_id uuid, category_id uuid, department text,
      intake_scopes jsonb, year text, open311 boolean, channel text, priority text, who text, key text, description text, address text,
      lat double precision, lng double precision, photos jsonb, confidence real, resident_id uuid, account_id uuid, contact_name text,
      phone_cipher text, phone_hash text, phone_masked text, anonymous boolean, may_contact boolean, now timestamptz, event_id uuid,
      audit_id uuid, actor_name text, username text, request_id text)
  ),
  facts as (
    select r.*, p.path as place_path, c.id as city_id, c.code as city_code,
      ${numberPrefixSqlOf(sql`p.path`)} as number_prefix,
      -- A category chosen by the submitter names its department; otherwise the router's proposal.
      coalesce((select k.department_id from ${categories} k where k.id = r.category_id and k.place_id = c.id and k.retired_at is null),
        (select d.id from ${departments} d where d.place_id = c.id and d.code = r.department and d.retired_at is null)) as suggested_id,
      (r.category_id is null or exists (
        select 1 from ${categories} k where k.id = r.category_id and k.place_id = c.id and k.retired_at is null)) as category_ok,
      exists (select 1 from jsonb_array_elements_text(r.intake_scopes) s(path) where starts_with(p.path, s.path)) as staff
    from input r join places p on p.id = r.place_id left join places c on c.level = 'city' and starts_with(p.path, c.path)
  ),
  drawn as (
    select f.*, nextval('case_number_seq') as serial from facts f where f.city_id is not null and f.category_ok
  ),
  decided as (
    select d.*, ${caseNumberSql(sql`coalesce(d.number_prefix, d.city_code)`, sql`d.year`, sql`d.serial`)} as number,
      (case when d.open311 then 'open311' when d.staff then d.channel else 'web' end)::case_channel as given_channel,
      (case when d.staff or d.open311 then d.priority else 'normal' end)::case_priority as given_priority
    from drawn d
  ),
  claim as (
    insert into ${caseSubmissions} (submitter, key, case_id) select d.who, d.key, d.id from decided d where d.key is not null
    on conflict do nothing returning case_id
  ),
  made as (
    insert into ${cases} (id, number, city_id, place_id, channel, priority, description, address, lat, lng, photos, category_id,
      suggested_department_id, suggested_confidence, resident_id, requester_account_id, contact_name, contact_phone_cipher,
      contact_phone_hash, contact_phone_masked, anonymous, may_contact, received_at)
    select d.id, d.number, d.city_id, d.place_id, d.given_channel, d.given_priority, d.description, d.address, d.lat, d.lng,
      array(select jsonb_array_elements_text(d.photos)), d.category_id,
      d.suggested_id, case when d.suggested_id is not null then d.confidence end,
      case when not d.staff then d.resident_id end, case when not d.staff then d.account_id end, d.contact_name,
      d.phone_cipher, d.phone_hash, d.phone_masked, d.anonymous, d.may_contact, d.now
    from decided d
    where d.key is null or d.id in (select case_id from claim)
    returning id
  ),
  timeline as (
    insert into ${caseEvents} (id, case_id, city_id, at, kind, to_status, actor_id, actor_name, public, data)
    select d.event_id, d.id, d.city_id, d.now, 'received', 'received', d.account_id, d.actor_name, true, jsonb_build_object('channel', d.given_channel)
    from decided d join made using (id)
  ),
  audit as (
    -- The entry recordAudit would write; no contact details in it: they live sealed on the case.
    insert into ${auditLog} (id, at, actor_id, actor_name, action, entity_type, entity_id, place_id, place_path, before, after, request_id)
    select d.audit_id, d.now, d.account_id, d.username, 'case.submit', 'case', d.id::text, d.place_id, d.place_path, null,
      jsonb_build_object('number', d.number, 'channel', d.given_channel, 'suggested', d.department)
        || case when d.open311 then jsonb_build_object('via', d.actor_name) else '{}'::jsonb end,
      d.request_id
    from decided d join made using (id)
  )
  select r.id, f.id is not null as "placeFound", f.city_id as "cityId", f.category_ok as "categoryOk", d.number, m.id is not null as made
  from input r left join facts f on f.id = r.id left join decided d on d.id = r.id left join made m on m.id = r.id`;

const storeCases = preparedStatement<Stored>('cases_intake', intakeStatement);

/** Cases submitted together (see gathered: in one turn of the event loop, or while the statement before is in flight) are stored by one statement. */
const storeCase = gathered<IntakeRow, Stored>(async (db, rows) => {
  const stored = new Map((await storeCases(db, { rows: JSON.stringify(rows) })).map((s) => [s.id, s]));
  return rows.map((row) => stored.get(row.id)!);
});

/**
 * Takes a request from any channel in one round trip (the statement above, kept prepared and
 * shared by the cases submitted meanwhile). A second submission with the same key from the same
 * submitter answers the first case (the number it drew stays unused: the sequence has gaps anyway).
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
  const stored = await storeCase(ctx.db, {
    id,
    place_id: input.placeId,
    category_id: categoryId,
    department: suggestion.department,
    // Staff taking a request down (the permission held over the place) say how it came in and how urgent it is.
    intake_scopes: open311 ? [] : scopesFor(ctx.actor, 'cases.intake'),
    year: String(clock.getFullYear()),
    open311,
    channel: input.channel ?? 'phone',
    priority: input.priority ?? 'normal',
    who,
    key: idempotencyKey ?? null,
    description: input.description.trim(),
    address: input.address?.trim() ?? '',
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    photos: input.photos ?? [],
    confidence: categoryId ? 1 : suggestion.confidence,
    resident_id: ctx.actor.residentId,
    account_id: ctx.actor.accountId,
    contact_name: input.contactName?.trim() || null,
    phone_cipher: phone ? ctx.vault.seal(phone) : null,
    phone_hash: phoneHash,
    phone_masked: phone ? maskPhone(phone) : null,
    anonymous: input.anonymous ?? false,
    may_contact: input.mayContact ?? true,
    now: clock.toISOString(),
    event_id: newId(),
    audit_id: newId(),
    actor_name: open311 ? `open311:${submitter.keyName}` : ctx.actor.username,
    username: ctx.actor.username,
    request_id: ctx.requestId,
  });
  if (!stored.placeFound) return fail('place_not_found');
  if (!stored.cityId) return fail('case_place_invalid');
  if (!stored.categoryOk) {
    // A retry answers its case even if the category has gone since.
    const earlier = idempotencyKey === undefined ? undefined : await earlierCase(ctx.db, who, idempotencyKey);
    return earlier ? { ...earlier, replayed: true } : fail('case_category_invalid');
  }
  if (!stored.made) return { ...(await earlierCase(ctx.db, who, idempotencyKey!))!, replayed: true };
  return { id, number: stored.number!, replayed: false };
}

/** The anonymous portal's actor: nobody logged in, no grants. */
export const anonymousCtx = (deps: Deps, requestId: string | null): Ctx => ({
  ...deps,
  requestId,
  actor: { accountId: null, username: 'anonymous', displayName: 'anonymous', residentId: null, grants: [], via: 'session' },
});
