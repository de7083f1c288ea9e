import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../../db/client.js';
import type { Locale } from '../../../config.js';
import type { Deps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { categories, departments } from '../../departments/schema.js';
import { places } from '../../places/schema.js';
import { submitCase } from '../intake.js';
import { caseEvents, cases } from '../schema.js';
import { maskPhonesIn, open311Status, parseServiceCode, placeForAddress, readAttributes, SERVICE_ATTRIBUTES, serviceCodeOf, statusesFor } from './mapping.js';

type City = { id: string; path: string; code: string };

/** A refusal in the specification's terms: an HTTP status and a description for the client's developer. */
export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}
const refuse = (status: number, description: string): never => {
  throw new Open311Failure(status, description);
};

const name = (locale: Locale, row: { nameZh: string; nameEn: string }) => (locale === 'en' ? row.nameEn : row.nameZh);

/** Every service of a city: the categories of its departments still in use. */
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
    description: `${name(locale, department)}: ${name(locale, category)}`,
    metadata: true,
    type: 'realtime',
    keywords: department.handles,
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

export async function serviceDefinition(db: Executor, city: City, code: string) {
  if (!(await findService(db, city, code))) refuse(404, `service_code ${code} not found`);
  return { service_code: code, attributes: SERVICE_ATTRIBUTES };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : value === undefined || value === null ? null : String(value).trim() || null);
const number = (value: unknown, label: string, min: number, max: number): number | null => {
  const raw = text(value);
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= max ? n : refuse(400, `${label} must be a number from ${min} to ${max}`);
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates a service request from a client's fields (form-encoded or JSON) through the same intake
 * as every other channel. The place: `address_id` (a place id of the city), or the most specific
 * place the address names, or the city. Idempotent with an Idempotency-Key header.
 */
export async function submitRequest(deps: Deps, city: City, key: { id: string; name: string }, body: Record<string, unknown>, idempotencyKey: string | undefined, requestId: string) {
  const code = text(body.service_code) ?? refuse(400, 'service_code is required');
  const service = (await findService(deps.db, city, code)) ?? refuse(404, `service_code ${code} not found`);
  const lat = number(body.lat, 'lat', -90, 90);
  const lng = number(body.long, 'long', -180, 180);
  if ((lat === null) !== (lng === null)) refuse(400, 'lat and long go together');
  const addressString = text(body.address_string);
  const addressId = text(body.address_id);
  if (lat === null && !addressString && !addressId) refuse(400, 'a location is required: lat and long, address_string or address_id');
  const attributes = readAttributes(body);
  if ('problem' in attributes) return refuse(400, attributes.problem);
  const media = text(body.media_url);
  if (media && !/^https?:\/\/\S+$/.test(media)) refuse(400, 'media_url must be an http or https URL');
  const description = text(body.description);
  if (description && description.length > 4000) refuse(400, 'description is longer than 4000 characters');

  let placeId: string;
  if (addressId) {
    if (!UUID.test(addressId)) refuse(400, 'address_id is not a place of this jurisdiction');
    const [place] = await deps.db.select({ id: places.id }).from(places).where(and(eq(places.id, addressId), sql`starts_with(${places.path}, ${city.path})`));
    placeId = place?.id ?? refuse(400, 'address_id is not a place of this jurisdiction');
  } else {
    const candidates = await queryRows<{ id: string; nameZh: string; nameEn: string; depth: number }>(
      deps.db,
      sql`select id, name_zh as "nameZh", name_en as "nameEn", length(path) - length(replace(path, '/', '')) as depth from places where starts_with(path, ${city.path})`,
    );
    placeId = placeForAddress(addressString, candidates, city.id);
  }
  const contactName = [text(body.last_name), text(body.first_name)].filter(Boolean).join('') || undefined;
  const ctx = { ...deps, requestId, actor: { accountId: null, username: `open311:${key.name}`, displayName: key.name, residentId: null, grants: [], via: 'token' as const } };
  try {
    const made = await submitCase(
      ctx,
      {
        placeId,
        // Intake needs words; a client may send none, so the service and the place speak for it.
        description: description && description.length >= 4 ? description : `${service.category.nameZh} ${service.category.nameEn}${description ? `: ${description}` : ''}`,
        address: [addressString, attributes.landmark].filter(Boolean).join(' · ') || undefined,
        lat: lat ?? undefined,
        lng: lng ?? undefined,
        photos: media ? [media] : undefined,
        categoryId: service.category.id,
        priority: attributes.urgency,
        contactName,
        contactPhone: text(body.phone) ?? undefined,
      },
      idempotencyKey,
      { kind: 'open311', keyId: key.id, keyName: key.name },
    );
    return { service_request_id: made.number, service_notice: '', account_id: null };
  } catch (error) {
    if (error instanceof AppError && error.code === 'phone_invalid') refuse(400, 'phone is not a valid phone number');
    if (error instanceof AppError && error.code === 'idempotency_key_invalid') refuse(400, 'Idempotency-Key must be 1 to 100 visible characters');
    throw error;
  }
}

export interface RequestFilters {
  ids: string[] | null;
  serviceCode: string | null;
  start: Date | null;
  end: Date | null;
  status: 'open' | 'closed' | null;
}

const LIST_LIMIT = 1000;
const DEFAULT_WINDOW_DAYS = 90;
const category = alias(categories, 'service_category');
/** The department whose category the service is, apart from the one holding the case now. */
const serviceDepartment = alias(departments, 'service_department');
const holder = alias(departments, 'holder_department');

/**
 * Service requests of the city, newest first. Without ids or dates, the last 90 days, as the
 * specification suggests; never more than 1000. Nothing personal: no names, numbers or accounts,
 * and mobile numbers in descriptions are masked.
 */
export async function listRequests(deps: Deps, city: City, filters: RequestFilters, locale: Locale) {
  const conditions: SQL[] = [eq(cases.cityId, city.id)];
  if (filters.ids) conditions.push(inArray(cases.number, filters.ids));
  else {
    const end = filters.end ?? deps.now();
    const start = filters.start ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    conditions.push(gte(cases.receivedAt, start), lte(cases.receivedAt, end));
  }
  if (filters.status) conditions.push(inArray(cases.status, statusesFor(filters.status)));
  if (filters.serviceCode) {
    const parsed = parseServiceCode(filters.serviceCode);
    if (!parsed) return [];
    conditions.push(eq(category.code, parsed.category), eq(serviceDepartment.code, parsed.department));
  }
  const rows = await deps.db
    .select({ row: cases, category, serviceDepartment, holder })
    .from(cases)
    .leftJoin(category, eq(category.id, cases.categoryId))
    .leftJoin(serviceDepartment, eq(serviceDepartment.id, category.departmentId))
    .leftJoin(holder, eq(holder.id, cases.departmentId))
    .where(and(...conditions))
    .orderBy(desc(cases.receivedAt))
    .limit(LIST_LIMIT);
  const ids = rows.map((r) => r.row.id);
  // The latest word to the public on each case: its status notes.
  const notes = ids.length
    ? await queryRows<{ case_id: string; body: string }>(
        deps.db,
        sql`select distinct on (case_id) case_id, body from ${caseEvents}
            where case_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and public and body is not null
            order by case_id, at desc`,
      )
    : [];
  const noteOf = new Map(notes.map((n) => [n.case_id, n.body]));
  return rows.map(({ row, category: c, serviceDepartment: s, holder: d }) => {
    return {
      service_request_id: row.number,
      status: open311Status(row.status),
      status_notes: noteOf.has(row.id) ? maskPhonesIn(noteOf.get(row.id)!) : '',
      service_name: c ? name(locale, c) : '',
      service_code: c && s ? serviceCodeOf(s.code, c.code) : '',
      description: maskPhonesIn(row.description),
      agency_responsible: d ? name(locale, d) : '',
      service_notice: '',
      requested_datetime: row.receivedAt.toISOString(),
      updated_datetime: row.updatedAt.toISOString(),
      expected_datetime: row.resolveBy?.toISOString() ?? '',
      address: row.address,
      address_id: row.placeId,
      zipcode: '',
      lat: row.lat ?? '',
      long: row.lng ?? '',
      media_url: row.photos[0] ?? '',
    };
  });
}

export async function getRequest(deps: Deps, city: City, id: string, locale: Locale) {
  const found = await listRequests(deps, city, { ids: [id], serviceCode: null, start: null, end: null, status: null }, locale);
  return found.length ? found : refuse(404, `service_request_id ${id} not found`);
}

/** Requests are made at once, so a token is the request's own id: it answers with the number. */
export async function requestForToken(deps: Deps, city: City, token: string) {
  const [row] = UUID.test(token) ? await deps.db.select({ number: cases.number }).from(cases).where(and(eq(cases.id, token), eq(cases.cityId, city.id))) : [];
  return row ? [{ service_request_id: row.number, token }] : refuse(404, `token ${token} not found`);
}
