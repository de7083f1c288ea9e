import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../../db/client.js';
import type { Locale } from '../../../config.js';
import type { Deps } from '../../../platform/context.js';
import { message } from '../../../platform/messages.js';
import { categories, departments } from '../../departments/schema.js';
import { places } from '../../places/schema.js';
import { submitCase } from '../intake.js';
import { caseEvents, cases } from '../schema.js';
import { jurisdiction } from './keys.js';
import {
  caseFieldsFromAttributes,
  fullName,
  keywordsOf,
  LIST_LIMIT,
  parseServiceCode,
  placeForAddress,
  presentRequest,
  type Problem,
  readAttributes,
  SERVICE_ATTRIBUTES,
  serviceCodeOf,
  STATUS_NOTE_KINDS,
  statusesFor,
} from './mapping.js';

/**
 * The use cases behind the GeoReport v2 routes: services from the departments' catalog, requests
 * made through the same intake as every other channel, and the public view of cases.
 */

export type City = { id: string; path: string; code: string };

/** A refusal in the specification's terms: one or more problems, answered with one HTTP status. */
export class Open311Failure extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.code).join(', '));
    this.problems = list;
  }
}
export const refuse = (problems: Problem | Problem[]): never => {
  throw new Open311Failure(problems);
};

/**
 * The city a client means: the one whose code is the jurisdiction_id, or, when none is given, the
 * only city this installation serves (the specification lets single-jurisdiction servers treat
 * the argument as optional).
 */
export async function cityFor(db: Executor, code: string | null): Promise<City> {
  if (code) return (await jurisdiction(db, code)) ?? refuse({ code: 'open311_jurisdiction_unknown', details: { jurisdiction_id: code } });
  const cities = await db.select({ id: places.id, path: places.path, code: places.code }).from(places).where(eq(places.level, 'city')).limit(2);
  return cities.length === 1 ? cities[0]! : refuse({ code: 'open311_jurisdiction_required' });
}

/** When this endpoint's own description (routes, attributes) last changed. */
const CODE_CHANGESET = '2026-11-23T00:00:00.000Z';

/**
 * The discovery document's changeset tells clients when to refresh the service lists and
 * definitions they cache: the later of this code's changeset and the last edit to any city's
 * departments or categories. ISO 8601 in UTC, so it sorts as text.
 */
export async function catalogChangeset(db: Executor): Promise<string> {
  const [row] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select greatest((select max(updated_at) from ${departments}), (select max(updated_at) from ${categories})) as at`,
  );
  const catalog = row?.at ? new Date(row.at).toISOString() : CODE_CHANGESET;
  return catalog > CODE_CHANGESET ? catalog : CODE_CHANGESET;
}

const name = (locale: Locale, row: { nameZh: string; nameEn: string }) => (locale === 'en' ? row.nameEn : row.nameZh);

/** Every service of a city: the categories of its departments still in use, grouped by department. */
export async function listServices(db: Executor, city: City, locale: Locale) {
  const rows = await db
    .select({ department: departments, category: categories })
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .where(and(eq(categories.placeId, city.id), isNull(categories.retiredAt), isNull(departments.retiredAt)))
    .orderBy(asc(departments.code), asc(categories.code));
  return rows.map(({ department, category }) => ({
    service_code: serviceCodeOf(department.code, category.code),
    service_name: name(locale, category),
    description: locale === 'en' ? `${category.nameEn} (${department.nameEn})` : `${category.nameZh}（${department.nameZh}）`,
    metadata: SERVICE_ATTRIBUTES.length > 0,
    type: 'realtime',
    keywords: keywordsOf(category, department),
    group: name(locale, department),
  }));
}

async function findService(db: Executor, city: City, code: string) {
  const parsed = parseServiceCode(code);
  if (!parsed) return null;
  const [row] = await db
    .select({ department: departments, category: categories })
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .where(and(eq(categories.placeId, city.id), eq(departments.code, parsed.department), eq(categories.code, parsed.category), isNull(categories.retiredAt), isNull(departments.retiredAt)));
  return row ?? null;
}

/** The definition of one service: its code and the attributes a request may carry. */
export async function serviceDefinition(db: Executor, city: City, code: string) {
  if (!(await findService(db, city, code))) refuse({ code: 'open311_service_unknown', details: { service_code: code } });
  return { service_code: code, attributes: [...SERVICE_ATTRIBUTES].sort((a, b) => a.order - b.order) };
}

/** A scalar field of a form or JSON body; a repeated field or an object is not one. Empty is not given. */
function field(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return refuse({ code: 'open311_field_repeated', details: { field: key } });
  const text = String(value).trim();
  return text === '' ? null : text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DESCRIPTION_MAX = 4000;

function coordinate(raw: string | null, label: 'lat' | 'long', problems: Problem[]): number | null {
  if (raw === null) return null;
  const [min, max] = label === 'lat' ? [-90, 90] : [-180, 180];
  const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isFinite(n) && n >= min && n <= max) return n;
  problems.push({ code: 'open311_coordinate_invalid', details: { field: label, min, max } });
  return null;
}

/**
 * Creates a service request from a client's fields (form-encoded as the specification says, or
 * JSON) through the same intake as every other channel, so it gets a number, a routing proposal,
 * deadlines on dispatch and a timeline like any case. Everything is checked before anything is
 * written, and all problems are answered together. Idempotent with an Idempotency-Key header: a
 * retry answers the case the first attempt made.
 *
 * The place: `address_id` (a place id of the city, the ids this endpoint answers as address_id), or
 * else the most specific place of the city named in `address_string` (see placeForAddress), or
 * else the city. The requester's name and phone are kept, sealed as on every channel, so the line
 * can call back; email, device_id and account_id are checked but not kept.
 */
export async function submitRequest(
  deps: Deps,
  city: City,
  key: { id: string; name: string },
  body: Record<string, unknown>,
  options: { idempotencyKey: string | undefined; requestId: string; locale: Locale },
) {
  const code = field(body, 'service_code') ?? refuse({ code: 'open311_service_code_required' });
  const service = (await findService(deps.db, city, code)) ?? refuse({ code: 'open311_service_unknown', details: { service_code: code } });

  const problems: Problem[] = [];
  const latRaw = field(body, 'lat');
  const longRaw = field(body, 'long');
  const lat = coordinate(latRaw, 'lat', problems);
  const lng = coordinate(longRaw, 'long', problems);
  if ((latRaw === null) !== (longRaw === null)) problems.push({ code: 'open311_lat_long_pair' });
  const addressString = field(body, 'address_string');
  const addressId = field(body, 'address_id');
  if (latRaw === null && longRaw === null && !addressString && !addressId) problems.push({ code: 'open311_location_required' });
  const attributes = readAttributes(SERVICE_ATTRIBUTES, body);
  if ('problems' in attributes) problems.push(...attributes.problems);
  const media = field(body, 'media_url');
  if (media && (!/^https?:\/\/[^\s/]+\S*$/i.test(media) || media.length > 2000)) problems.push({ code: 'open311_media_url_invalid' });
  const description = field(body, 'description');
  if (description && description.length > DESCRIPTION_MAX) problems.push({ code: 'open311_description_too_long' });
  const email = field(body, 'email');
  if (email && (!EMAIL.test(email) || email.length > 254)) problems.push({ code: 'open311_email_invalid' });
  for (const ignored of ['device_id', 'account_id']) field(body, ignored); // still one value each
  if (problems.length) refuse(problems);

  let placeId: string;
  if (addressId) {
    const [place] = UUID.test(addressId)
      ? await deps.db.select({ id: places.id }).from(places).where(and(eq(places.id, addressId), sql`starts_with(${places.path}, ${city.path})`))
      : [];
    placeId = place?.id ?? refuse({ code: 'open311_address_unknown', details: { address_id: addressId } });
  } else {
    // The database narrows the city's places to those the address names; the rule picks one.
    const candidates = addressString
      ? await queryRows<{ id: string; nameZh: string; nameEn: string; depth: number }>(
          deps.db,
          sql`select id, name_zh as "nameZh", name_en as "nameEn", length(path) - length(replace(path, '/', '')) as depth
              from ${places}
              where starts_with(path, ${city.path})
                and ((char_length(name_zh) >= 2 and strpos(${addressString}, name_zh) > 0)
                  or (char_length(name_en) >= 4 and strpos(lower(${addressString}), lower(name_en)) > 0))`,
        )
      : [];
    placeId = placeForAddress(addressString, candidates, city.id);
  }

  const fields = caseFieldsFromAttributes('values' in attributes ? attributes.values : {});
  const contactName = fullName(field(body, 'first_name'), field(body, 'last_name')) ?? undefined;
  const ctx = { ...deps, requestId: options.requestId, actor: { accountId: null, username: `open311:${key.name}`, displayName: key.name, residentId: null, grants: [], via: 'token' as const } };
  const made = await submitCase(
    ctx,
    {
      placeId,
      // Intake (and the router) need words; a client may send none, so the service speaks for it.
      description: description && description.length >= 4 ? description : `${service.category.nameZh} ${service.category.nameEn}${description ? `: ${description}` : ''}`,
      address: [addressString, fields.landmark].filter(Boolean).join(' · ') || undefined,
      lat: lat ?? undefined,
      lng: lng ?? undefined,
      photos: media ? [media] : undefined,
      categoryId: service.category.id,
      priority: fields.priority,
      contactName,
      contactPhone: field(body, 'phone') ?? undefined,
    },
    options.idempotencyKey,
    { kind: 'open311', keyId: key.id, keyName: key.name },
  );
  return {
    answer: { service_request_id: made.number, service_notice: message('open311_service_notice', options.locale, { number: made.number }), account_id: null },
    replayed: made.replayed,
  };
}

/**
 * What a list asks for: some requests by their ids (service_request_id overrides every other
 * argument, the specification says), or the requests of a span, by status and service.
 */
export type RequestFilters =
  | { ids: string[] }
  | {
      ids: null;
      serviceCodes: string[] | null;
      statuses: ('open' | 'closed')[] | null;
      /** The requested_datetime span, already checked (requestWindow). */
      window: { start: Date; end: Date };
    };

const category = alias(categories, 'service_category');
/** The department whose category the service is, apart from the one holding the case now. */
const serviceDepartment = alias(departments, 'service_department');
const holder = alias(departments, 'holder_department');
const mergedInto = alias(cases, 'merged_into');

/**
 * Service requests of the city, newest first, never more than 1000, in the public view of
 * presentRequest. Reads only the columns that view needs: the contact columns are never selected.
 */
export async function listRequests(deps: Deps, city: City, filters: RequestFilters, locale: Locale) {
  const conditions: SQL[] = [eq(cases.cityId, city.id)];
  if (filters.ids) conditions.push(inArray(cases.number, filters.ids));
  else {
    conditions.push(gte(cases.receivedAt, filters.window.start), lte(cases.receivedAt, filters.window.end));
    if (filters.statuses) conditions.push(inArray(cases.status, statusesFor(filters.statuses)));
    if (filters.serviceCodes) {
      const wanted = filters.serviceCodes.map(parseServiceCode).filter((c) => c !== null);
      if (wanted.length === 0) return [];
      conditions.push(or(...wanted.map((c) => and(eq(serviceDepartment.code, c.department), eq(category.code, c.category))))!);
    }
  }
  const rows = await deps.db
    .select({
      id: cases.id,
      number: cases.number,
      status: cases.status,
      description: cases.description,
      address: cases.address,
      placeId: cases.placeId,
      lat: cases.lat,
      lng: cases.lng,
      photos: cases.photos,
      receivedAt: cases.receivedAt,
      updatedAt: cases.updatedAt,
      resolveBy: cases.resolveBy,
      category,
      serviceDepartment,
      holder,
      mergedIntoNumber: mergedInto.number,
    })
    .from(cases)
    .leftJoin(category, eq(category.id, cases.categoryId))
    .leftJoin(serviceDepartment, eq(serviceDepartment.id, category.departmentId))
    .leftJoin(holder, eq(holder.id, cases.departmentId))
    .leftJoin(mergedInto, eq(mergedInto.id, cases.mergedIntoId))
    .where(and(...conditions))
    .orderBy(desc(cases.receivedAt), desc(cases.number))
    .limit(LIST_LIMIT);

  // The latest public explanation on each case: a reply, or the reason given for a transition.
  const ids = rows.map((r) => r.id);
  const notes = ids.length
    ? await queryRows<{ case_id: string; body: string }>(
        deps.db,
        sql`select distinct on (case_id) case_id, body from ${caseEvents}
            where case_id in (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
              and public and body is not null and body <> ''
              and kind in (${sql.join(
                STATUS_NOTE_KINDS.map((k) => sql`${k}`),
                sql`, `,
              )})
            order by case_id, at desc, id desc`,
      )
    : [];
  const noteOf = new Map(notes.map((n) => [n.case_id, n.body]));

  return rows.map((row) =>
    presentRequest({
      ...row,
      service: row.category && row.serviceDepartment ? { code: serviceCodeOf(row.serviceDepartment.code, row.category.code), name: name(locale, row.category) } : null,
      agency: row.holder ? name(locale, row.holder) : null,
      statusNotes: row.status === 'merged' && row.mergedIntoNumber ? message('open311_merged_into', locale, { number: row.mergedIntoNumber }) : (noteOf.get(row.id) ?? null),
    }),
  );
}

export async function getRequest(deps: Deps, city: City, id: string, locale: Locale) {
  const found = await listRequests(deps, city, { ids: [id] }, locale);
  return found.length ? found : refuse({ code: 'open311_request_unknown', details: { service_request_id: id } });
}

/**
 * GET tokens/{token}: every service here is `realtime` (the case is made while the client waits),
 * so POST never hands out a token. For clients that ask anyway, a token is the service request's
 * own id, the case number (or the case's internal id), and the answer pairs it with the number.
 */
export async function requestForToken(deps: Deps, city: City, token: string) {
  const byId = UUID.test(token);
  const [row] = await deps.db
    .select({ number: cases.number })
    .from(cases)
    .where(and(eq(cases.cityId, city.id), byId ? or(eq(cases.id, token), eq(cases.number, token)) : eq(cases.number, token)));
  return row ? [{ service_request_id: row.number, token }] : refuse({ code: 'open311_token_unknown', details: { token } });
}
