import type { CaseStatus } from '../workflow.js';
import { isOpen } from '../workflow.js';

/**
 * How Tongxin's cases look through GeoReport v2: a department's category is a service, a case is
 * a service request. Pure.
 */

/** A service code names the department and the category: `urban-management.street-lights`. */
export const serviceCodeOf = (departmentCode: string, categoryCode: string): string => `${departmentCode}.${categoryCode}`;

export function parseServiceCode(code: string): { department: string; category: string } | null {
  const [department, category, ...rest] = code.split('.');
  return department && category && rest.length === 0 ? { department, category } : null;
}

/** GeoReport knows two states: a case is open until it is resolved, closed or merged. */
export const open311Status = (status: CaseStatus): 'open' | 'closed' => (isOpen(status) ? 'open' : 'closed');
export const statusesFor = (status: 'open' | 'closed'): CaseStatus[] =>
  (['received', 'dispatched', 'accepted', 'on_scene', 'resolved', 'closed', 'returned', 'suspended', 'merged', 'reopened'] as CaseStatus[]).filter((s) => open311Status(s) === status);

/** The attributes every service asks for: how urgent it is, and a landmark to find the spot. */
export const SERVICE_ATTRIBUTES = [
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'urgent: someone is in danger or damage is spreading now',
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
    datatype_description: 'a shop, a gate, a lamp post number',
    order: 2,
    description: 'A landmark near the problem / 附近的标志物',
    values: [],
  },
] as const;

/** Attributes as a client sends them (`attribute[urgency]=urgent`), checked against the definitions. */
export function readAttributes(body: Record<string, unknown>): { urgency: 'normal' | 'urgent'; landmark: string | null } | { problem: string } {
  const given = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[(.+)\]$/.exec(key);
    if (match) given.set(match[1]!, String(value));
  }
  // A client sending JSON may nest them instead.
  const nested = body.attribute;
  if (nested && typeof nested === 'object') for (const [k, v] of Object.entries(nested)) given.set(k, String(v));
  for (const key of given.keys()) if (!SERVICE_ATTRIBUTES.some((a) => a.code === key)) return { problem: `unknown attribute ${key}` };
  const urgency = given.get('urgency') ?? 'normal';
  if (urgency !== 'normal' && urgency !== 'urgent') return { problem: 'attribute urgency must be normal or urgent' };
  return { urgency, landmark: given.get('landmark')?.trim() || null };
}

/** Mainland mobile numbers typed into a public description are masked before anyone reads it. */
export const maskPhonesIn = (text: string): string => text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');

/**
 * The place a request without an address id is filed at: the most specific place of the city
 * whose name the address mentions, or the city itself. Operators can correct it on dispatch.
 */
export function placeForAddress(address: string | null, places: { id: string; nameZh: string; nameEn: string; depth: number }[], cityId: string): string {
  if (!address) return cityId;
  const lower = address.toLowerCase();
  const named = places
    .filter((p) => address.includes(p.nameZh) || (p.nameEn.length > 3 && lower.includes(p.nameEn.toLowerCase())))
    .sort((a, b) => b.depth - a.depth);
  return named[0]?.id ?? cityId;
}
