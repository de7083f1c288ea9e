import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryPrepared, queryRows } from '../../db/client.js';
import { can } from '../../platform/access.js';
import { auditLog } from '../../platform/audit/schema.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { categories, departments } from '../departments/schema.js';
import { maskPhone, normalizePhone } from '../people/rules.js';
import { formatCaseNumber } from './numbering.js';
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

interface Found extends Located {
  numberPrefix: string | null;
  suggestedId: string | null;
  categoryOk: boolean;
  /** A case number from the sequence, drawn only when the case can be made (place in a city, category good). */
  serial: string | null;
}

/**
 * Everything intake reads, in one round trip: the place and its city, the number prefix that
 * applies there, the router's department in that city, whether the category belongs to the city,
 * and the next case number.
 */
async function intakeFacts(db: Executor, placeId: string, department: string, categoryId: string | null): Promise<Found | undefined> {
  const categoryOk = sql`(${categoryId}::uuid is null or exists (
    select 1 from ${categories} k where k.id = ${categoryId}::uuid and k.place_id = c.id and k.retired_at is null))`;
  const [row] = await queryPrepared<Found>(
    db,
    'case_intake_facts',
    sql`select p.id, p.path, c.id as "cityId", c.code as "cityCode",
          ${numberPrefixSqlOf(sql`p.path`)} as "numberPrefix",
          -- A category chosen by the submitter names its department; otherwise the router's proposal.
          coalesce((select k.department_id from ${categories} k where k.id = ${categoryId}::uuid and k.place_id = c.id and k.retired_at is null),
            (select d.id from ${departments} d where d.place_id = c.id and d.code = ${department} and d.retired_at is null)) as "suggestedId",
          ${categoryOk} as "categoryOk",
          case when c.id is not null and ${categoryOk} then nextval('case_number_seq')::text end as serial
        from places p left join places c on c.level = 'city' and starts_with(p.path, c.path)
        where p.id = ${placeId}`,
  );
  return row;
}

/** The case an earlier submission with the same key made, if any. */
async function earlierCase(db: Executor, who: string, key: string): Promise<{ id: string; number: string } | undefined> {
  const [earlier] = await db
    .select({ id: cases.id, number: cases.number })
    .from(caseSubmissions)
    .innerJoin(cases, eq(cases.id, caseSubmissions.caseId))
    .where(and(eq(caseSubmissions.submitter, who), eq(caseSubmissions.key, key)));
  return earlier;
}

/**
 * Takes a request from any channel in two round trips, both statements kept prepared: one query
 * reads the place, its city, the number prefix, the router's department and a case number; one
 * statement (so one transaction) claims the idempotency key and, only if the claim holds, stores
 * the case, its first timeline entry and the audit entry. A second submission with the same key
 * from the same submitter answers the first case (the number it drew stays unused: the sequence
 * has gaps anyway).
 */
export async function submitCase(ctx: Ctx, input: CaseInput, idempotencyKey?: string | undefined, submitter: Submitter = { kind: 'actor' }): Promise<Submitted> {
  if (idempotencyKey !== undefined && !VISIBLE_KEY.test(idempotencyKey)) fail('idempotency_key_invalid');
  const phone = input.contactPhone ? (normalizePhone(input.contactPhone) ?? fail('phone_invalid')) : null;
  const loggedIn = ctx.actor.accountId !== null;
  // Someone must be able to reach the requester: an account, a phone number, or staff who took it down.
  if (!loggedIn && ctx.actor.via !== 'system' && submitter.kind === 'actor' && !phone) fail('case_contact_required');
  const phoneHash = phone ? ctx.vault.blindIndex(phone) : null;
  const suggestion = suggestDepartment(input.description);
  const who = submitter.kind === 'open311' ? `open311:${submitter.keyId}` : loggedIn ? `account:${ctx.actor.accountId}` : phoneHash ? `phone:${phoneHash}` : ctx.actor.username;

  const place = await intakeFacts(ctx.db, input.placeId, suggestion.department, input.categoryId || null);
  if (!place) return fail('place_not_found');
  if (!place.cityId) return fail('case_place_invalid');
  if (!place.categoryOk) {
    // A retry answers its case even if the category has gone since.
    const earlier = idempotencyKey === undefined ? undefined : await earlierCase(ctx.db, who, idempotencyKey);
    return earlier ? { ...earlier, replayed: true } : fail('case_category_invalid');
  }
  const staff = submitter.kind === 'actor' && can(ctx.actor, 'cases.intake', place.path);
  const channel: Channel = submitter.kind === 'open311' ? 'open311' : staff ? (input.channel ?? 'phone') : 'web';
  const id = newId();
  const clock = ctx.now();
  const now = clock.toISOString();
  const number = formatCaseNumber(place.numberPrefix ?? place.cityCode!, clock.getFullYear(), BigInt(place.serial!));
  const actorName = submitter.kind === 'open311' ? `open311:${submitter.keyName}` : ctx.actor.username;
  // No contact details in the audit log: they live sealed on the case.
  const audited = { number, channel, suggested: suggestion.department, via: submitter.kind === 'open311' ? `open311:${submitter.keyName}` : undefined };
  const claim =
    idempotencyKey === undefined
      ? sql`select ${id}::uuid as case_id`
      : sql`insert into ${caseSubmissions} (submitter, key, case_id) values (${who}, ${idempotencyKey}, ${id}) on conflict do nothing returning case_id`;

  const [stored] = await queryPrepared<{ made: number }>(
    ctx.db,
    idempotencyKey === undefined ? 'case_intake_store' : 'case_intake_store_keyed',
    sql`with claim as (${claim}),
    made as (
      insert into ${cases} (id, number, city_id, place_id, channel, priority, description, address, lat, lng, photos, category_id,
        suggested_department_id, suggested_confidence, resident_id, requester_account_id, contact_name, contact_phone_cipher,
        contact_phone_hash, contact_phone_masked, anonymous, may_contact, received_at)
      select claim.case_id, ${number}, ${place.cityId}::uuid, ${place.id}::uuid, ${channel}::case_channel,
        ${staff || submitter.kind === 'open311' ? (input.priority ?? 'normal') : 'normal'}::case_priority, ${input.description.trim()}, ${input.address?.trim() ?? ''},
        ${input.lat ?? null}::double precision, ${input.lng ?? null}::double precision,
        array(select jsonb_array_elements_text(${JSON.stringify(input.photos ?? [])}::jsonb)), ${input.categoryId ?? null}::uuid,
        ${place.suggestedId}::uuid, ${place.suggestedId ? (input.categoryId ? 1 : suggestion.confidence) : null}::real,
        ${staff ? null : ctx.actor.residentId}::uuid, ${staff ? null : ctx.actor.accountId}::uuid, ${input.contactName?.trim() || null}::text,
        ${phone ? ctx.vault.seal(phone) : null}::text, ${phoneHash}::text, ${phone ? maskPhone(phone) : null}::text,
        ${input.anonymous ?? false}::boolean, ${input.mayContact ?? true}::boolean, ${now}::timestamptz
      from claim
      returning id
    ),
    timeline as (
      insert into ${caseEvents} (id, case_id, city_id, at, kind, to_status, actor_id, actor_name, public, data)
      select ${newId()}::uuid, made.id, ${place.cityId}::uuid, ${now}::timestamptz, 'received', 'received', ${ctx.actor.accountId}::uuid, ${actorName}, true,
        ${JSON.stringify({ channel })}::jsonb
      from made
    ),
    audit as (
      -- The entry recordAudit would write.
      insert into ${auditLog} (id, at, actor_id, actor_name, action, entity_type, entity_id, place_id, place_path, before, after, request_id)
      select ${newId()}::uuid, ${now}::timestamptz, ${ctx.actor.accountId}::uuid, ${ctx.actor.username}, 'case.submit', 'case', made.id::text,
        ${place.id}::uuid, ${place.path}, null, ${JSON.stringify(audited)}::jsonb, ${ctx.requestId}::text
      from made
    )
    select count(*)::int as made from made`,
  );
  if (stored!.made === 0) return { ...(await earlierCase(ctx.db, who, idempotencyKey!))!, replayed: true };
  return { id, number, replayed: false };
}

/** The anonymous portal's actor: nobody logged in, no grants. */
export const anonymousCtx = (deps: Deps, requestId: string | null): Ctx => ({
  ...deps,
  requestId,
  actor: { accountId: null, username: 'anonymous', displayName: 'anonymous', residentId: null, grants: [], via: 'session' },
});
