import type { MessageCode } from '../../../platform/messages.js';
import { CASE_STATUSES, type CaseStatus, isOpen } from '../workflow.js';

/**
 * How Tongxin's cases look through Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): a
 * department's category is a service, a case is a service request, a city is a jurisdiction.
 * Pure: no database, no HTTP.
 */

/** One reason a request is refused; the route renders each as an `<error>` of the specification. */
export interface Problem {
  code: MessageCode;
  details?: Record<string, unknown>;
}

// ─── services ────────────────────────────────────────────────────────────────────────────────

/**
 * A service code names the department and the category, `urban-management.street-lights`: category
 * codes are unique only within their department, and both codes are stable API identifiers
 * (lower-case letters, digits and dashes, so the dot cannot be part of either).
 */
export const serviceCodeOf = (departmentCode: string, categoryCode: string): string => `${departmentCode}.${categoryCode}`;

const CODE_PART = /^[a-z0-9][a-z0-9-]*$/;
export function parseServiceCode(code: string): { department: string; category: string } | null {
  const parts = code.split('.');
  if (parts.length !== 2) return null;
  const [department, category] = parts as [string, string];
  return CODE_PART.test(department) && CODE_PART.test(category) ? { department, category } : null;
}

/**
 * The keywords of a service, as the specification wants them: one comma-separated string. Both
 * languages' names of the category and the department, then the phrases of what the department
 * handles, so a client's search finds "street lamp" under the street-lights service.
 */
export function keywordsOf(category: { nameZh: string; nameEn: string }, department: { nameZh: string; nameEn: string; handles: string }): string {
  const words = [category.nameZh, category.nameEn, department.nameZh, department.nameEn, ...department.handles.split(/[,;，、；]/)]
    .map((w) => w.trim())
    .filter(Boolean);
  return [...new Set(words)].join(', ');
}

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** An attribute of a service definition, in the specification's field names. */
export interface AttributeDefinition {
  variable: boolean;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

/**
 * The attributes every service asks for, all optional so a client that never reads a definition can
 * still post, and each kept on the case: how urgent it is (an urgent request gets the urgent
 * deadlines) and a landmark that helps the department find the spot (added to the address).
 * Descriptions are in both languages because clients cache a definition for all their users.
 */
export const SERVICE_ATTRIBUTES: readonly AttributeDefinition[] = [
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'urgent: someone is in danger or the damage is spreading now / 紧急：有人身危险或损失正在扩大',
    order: 1,
    description: 'How urgent is it? / 紧急程度',
    values: [
      { key: 'normal', name: 'Normal / 一般' },
      { key: 'urgent', name: 'Urgent / 紧急' },
    ],
  },
  {
    variable: true,
    code: 'landmark',
    datatype: 'string',
    required: false,
    datatype_description: 'a shop, a gate, a lamp post or building number / 如商铺、大门、灯杆或楼栋编号',
    order: 2,
    description: 'A landmark near the problem / 附近的标志物',
    values: [],
  },
];

const ATTRIBUTE_KEY = /^attribute\[([^\][]+)\](\[\])?$/;
const STRING_MAX = 500;
const TEXT_MAX = 4000;

/** A form value as a list of strings: one value, a repeated field, or nothing. */
function valuesOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(valuesOf);
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

/**
 * The attributes a client sent, checked against the service's definitions: form fields
 * `attribute[code]=value` and, for multivaluelists, `attribute[code][]=a&attribute[code][]=b`; a
 * JSON body may nest them as `"attribute": { "code": value }` instead. Empty values count as not
 * given (the specification's rule for optional arguments). Every problem is reported, not just the
 * first, and the values come back normalised: one string each, a list for a multivaluelist.
 */
export function readAttributes(
  definitions: readonly AttributeDefinition[],
  body: Record<string, unknown>,
): { values: Record<string, string | string[]> } | { problems: Problem[] } {
  const given = new Map<string, string[]>();
  const add = (code: string, value: unknown) => given.set(code, [...(given.get(code) ?? []), ...valuesOf(value)]);
  for (const [key, value] of Object.entries(body)) {
    const match = ATTRIBUTE_KEY.exec(key);
    if (match) add(match[1]!, value);
  }
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) for (const [code, value] of Object.entries(nested)) add(code, value);

  const problems: Problem[] = [];
  const values: Record<string, string | string[]> = {};
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  for (const code of given.keys()) if (!byCode.get(code)?.variable) problems.push({ code: 'open311_attribute_unknown', details: { attribute: code } });

  for (const definition of [...definitions].sort((a, b) => a.order - b.order)) {
    if (!definition.variable) continue;
    const attribute = definition.code;
    const raw = (given.get(attribute) ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (raw.length === 0) {
      if (definition.required) problems.push({ code: 'open311_attribute_required', details: { attribute } });
      continue;
    }
    if (definition.datatype === 'multivaluelist') {
      const keys = definition.values.map((v) => v.key);
      if (raw.some((v) => !keys.includes(v))) problems.push({ code: 'open311_attribute_value_unknown', details: { attribute, allowed: keys } });
      else values[attribute] = [...new Set(raw)];
      continue;
    }
    if (raw.length > 1) {
      problems.push({ code: 'open311_attribute_one_value', details: { attribute } });
      continue;
    }
    const value = raw[0]!;
    const problem = checkValue(definition, value);
    if (problem) problems.push({ code: problem.code, details: { attribute, ...problem.details } });
    else values[attribute] = definition.datatype === 'datetime' ? parseW3cDateTime(value)!.toISOString() : value;
  }
  return problems.length ? { problems } : { values };
}

function checkValue(definition: AttributeDefinition, value: string): Problem | null {
  switch (definition.datatype) {
    case 'string':
      if (/[\r\n]/.test(value)) return { code: 'open311_attribute_line_break' };
      return value.length > STRING_MAX ? { code: 'open311_attribute_too_long', details: { max: STRING_MAX } } : null;
    case 'text':
      return value.length > TEXT_MAX ? { code: 'open311_attribute_too_long', details: { max: TEXT_MAX } } : null;
    case 'number':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value)) ? null : { code: 'open311_attribute_not_number' };
    case 'datetime':
      return parseW3cDateTime(value) ? null : { code: 'open311_attribute_not_datetime' };
    case 'singlevaluelist': {
      const keys = definition.values.map((v) => v.key);
      return keys.includes(value) ? null : { code: 'open311_attribute_value_unknown', details: { allowed: keys } };
    }
    default:
      return null;
  }
}

/** What the standard attributes mean for the case. */
export function caseFieldsFromAttributes(values: Record<string, string | string[]>): { priority: 'normal' | 'urgent'; landmark: string | null } {
  return {
    priority: values.urgency === 'urgent' ? 'urgent' : 'normal',
    landmark: typeof values.landmark === 'string' ? values.landmark : null,
  };
}

/**
 * The requester's name as Chinese writes it (family name first, no space) when both parts are
 * Chinese, else given name first. Null when neither is given.
 */
export function fullName(first: string | null, last: string | null): string | null {
  const parts = [first, last].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return null;
  const han = /^[\u3400-\u9fff\u00b7]+$/;
  const name = parts.every((p) => han.test(p)) ? [last, first].filter(Boolean).join('') : parts.join(' ');
  return name.slice(0, 100);
}

// ─── requests ────────────────────────────────────────────────────────────────────────────────

/** GeoReport knows two states: a case is open until it is resolved, closed or merged. */
export const open311Status = (status: CaseStatus): 'open' | 'closed' => (isOpen(status) ? 'open' : 'closed');
export const statusesFor = (wanted: readonly ('open' | 'closed')[]): CaseStatus[] => CASE_STATUSES.filter((s) => wanted.includes(open311Status(s)));

/**
 * A list argument: "a,b", or the field repeated (`status=open&status=closed`), or nothing. The
 * specification treats an empty argument as one not given, so that is null too.
 */
export function listArgument(value: unknown): string[] | null {
  const items = valuesOf(value)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? [...new Set(items)] : null;
}

export function readStatusFilter(value: unknown): { statuses: ('open' | 'closed')[] | null } | Problem {
  const items = listArgument(value);
  if (!items) return { statuses: null };
  if (items.some((s) => s !== 'open' && s !== 'closed')) return { code: 'open311_status_invalid' };
  return { statuses: items as ('open' | 'closed')[] };
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A W3C date-time (the ISO 8601 subset of www.w3.org/TR/NOTE-datetime): a day, or a day and time
 * with its time zone, which the specification says must be given. A day alone is that day's start
 * in UTC. Anything else, or an impossible date (2026-02-30), is null.
 */
export function parseW3cDateTime(value: string): Date | null {
  const match = W3C.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return null;
  const parsed = new Date(zone ? value.trim() : `${y}-${mo}-${d}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export const WINDOW_DAYS = 90;
export const LIST_LIMIT = 1000;
const DAY = 86_400_000;

/**
 * The span of requested_datetime a list covers. The specification: the most recent 90 days when no
 * dates are given, and a range of at most 90 days. One date given: the 90 days after the start or
 * before the end. Both given: start first, at most 90 days apart, or the client hears why.
 */
export function requestWindow(start: Date | null, end: Date | null, now: Date): { start: Date; end: Date } | Problem {
  if (start && end) {
    if (start.getTime() > end.getTime() || end.getTime() - start.getTime() > WINDOW_DAYS * DAY) return { code: 'open311_date_range_invalid' };
    return { start, end };
  }
  if (start) return { start, end: new Date(start.getTime() + WINDOW_DAYS * DAY) };
  const last = end ?? now;
  return { start: new Date(last.getTime() - WINDOW_DAYS * DAY), end: last };
}

/**
 * Where a request without an address id is filed: the most specific place of the city whose name
 * the address mentions (Chinese names of two characters or more, English names of four letters or
 * more, case-insensitive), the longer name first among places of the same depth; else the city
 * itself. Coordinates alone file it at the city: places have no shapes to test them against.
 * Dispatchers can move the case on dispatch.
 */
export function placeForAddress(address: string | null, places: readonly { id: string; nameZh: string; nameEn: string; depth: number }[], cityId: string): string {
  if (!address) return cityId;
  const lower = address.toLowerCase();
  const named = places
    .map((p) => {
      const zh = p.nameZh.length >= 2 && address.includes(p.nameZh) ? p.nameZh.length : 0;
      const en = p.nameEn.length >= 4 && lower.includes(p.nameEn.toLowerCase()) ? p.nameEn.length : 0;
      return { id: p.id, depth: p.depth, match: Math.max(zh, en) };
    })
    .filter((p) => p.match > 0)
    .sort((a, b) => b.depth - a.depth || b.match - a.match || a.id.localeCompare(b.id));
  return named[0]?.id ?? cityId;
}

/**
 * Personal data typed into a public text is masked before anyone reads it: mainland mobile
 * numbers (138****8000), resident ID numbers (4403**********1234) and e-mail addresses (a***@host).
 */
export const maskPersonalData = (text: string): string =>
  text
    .replace(/(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g, (_, head: string, tail: string) => `${head.slice(0, 4)}**********${tail}`)
    .replace(/(?<!\d)(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g, '$1****$2')
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g, '$1***@$2');

/** Timeline entries whose words explain the status to the public: replies and the reasons of transitions. */
export const STATUS_NOTE_KINDS = ['reply', 'resolve', 'suspend', 'resume', 'close', 'merge'] as const;

/** A case as the list query reads it: only what may be shown, never the contact columns. */
export interface RequestRow {
  number: string;
  status: CaseStatus;
  description: string;
  address: string;
  placeId: string;
  lat: number | null;
  lng: number | null;
  photos: string[];
  receivedAt: Date;
  updatedAt: Date;
  resolveBy: Date | null;
  service: { code: string; name: string } | null;
  agency: string | null;
  /** The latest public explanation, already in words (a reply, or the duplicate it was merged into). */
  statusNotes: string | null;
}

/**
 * A service request as the public sees it, field for field the specification's, and nothing else:
 * no names, numbers, accounts or ratings of the requester; personal data typed into the texts
 * masked. JSON gets null for what is unknown (the specification's examples do); XML an empty element.
 */
export function presentRequest(row: RequestRow) {
  const blank = (text: string | null) => (text && text.trim() ? maskPersonalData(text) : null);
  return {
    service_request_id: row.number,
    status: open311Status(row.status),
    status_notes: blank(row.statusNotes),
    service_name: row.service?.name ?? null,
    service_code: row.service?.code ?? null,
    description: blank(row.description),
    agency_responsible: row.agency,
    service_notice: null,
    requested_datetime: row.receivedAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.resolveBy?.toISOString() ?? null,
    address: blank(row.address),
    address_id: row.placeId,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: row.photos[0] ?? null,
  };
}
export type ServiceRequest = ReturnType<typeof presentRequest>;
