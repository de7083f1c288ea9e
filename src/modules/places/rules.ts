/** Rules of the jurisdiction tree: pure functions, no database. */

export const PLACE_LEVELS = ['city', 'district', 'subdistrict', 'community', 'grid', 'building'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

export const levelRank = (level: PlaceLevel): number => PLACE_LEVELS.indexOf(level);

export interface PlaceNode {
  id: string;
  parentId: string | null;
  level: PlaceLevel;
  code: string;
  path: string;
}

export type PlaceRuleViolation =
  | { code: 'place_level_invalid'; details: { level: PlaceLevel; parentLevel: PlaceLevel } }
  | { code: 'place_code_format'; details: { level: PlaceLevel; code: string; expected: string } }
  | { code: 'place_cycle'; details: { parentId: string } };

/** Path of a node given its parent's path (or none for a root). */
export const childPath = (parentPath: string | null, id: string): string => `${parentPath ?? '/'}${id}/`;

/** True when `path` is the place at `scopePath` or lies beneath it. */
export const isWithin = (path: string, scopePath: string): boolean => path.startsWith(scopePath);

/**
 * Codes follow GB/T 2260 down to county level: a city is `dddd00`, a district or county
 * six digits that share the city's first four. Below that the statistical area codes
 * (9 and 12 digits) or a place's own short code are accepted.
 */
export function checkCode(level: PlaceLevel, code: string, parent: { level: PlaceLevel; code: string } | null): PlaceRuleViolation | null {
  const fail = (expected: string): PlaceRuleViolation => ({ code: 'place_code_format', details: { level, code, expected } });
  if (level === 'city') {
    return /^\d{4}00$/.test(code) && !code.endsWith('0000') ? null : fail('dddd00');
  }
  if (level === 'district') {
    if (!/^\d{6}$/.test(code) || code.endsWith('00')) return fail('dddddd');
    if (parent?.level === 'city' && /^\d{6}$/.test(parent.code) && code.slice(0, 4) !== parent.code.slice(0, 4)) {
      return fail(`${parent.code.slice(0, 4)}dd`);
    }
    return null;
  }
  return /^[0-9A-Za-z][0-9A-Za-z-]{0,31}$/.test(code) ? null : fail('[0-9A-Za-z-]{1,32}');
}

/** A child must sit at a deeper level than its parent (levels may be skipped, e.g. community → building). */
export function checkLevel(level: PlaceLevel, parentLevel: PlaceLevel | null): PlaceRuleViolation | null {
  if (parentLevel === null || levelRank(level) > levelRank(parentLevel)) return null;
  return { code: 'place_level_invalid', details: { level, parentLevel } };
}

/**
 * Moving `node` under `newParent`: the new parent may not be the node or one of its
 * descendants, and every level in the moved subtree must stay deeper than the new parent.
 */
export function checkMove(node: PlaceNode, newParent: PlaceNode | null): PlaceRuleViolation | null {
  if (newParent === null) return null;
  if (isWithin(newParent.path, node.path)) return { code: 'place_cycle', details: { parentId: newParent.id } };
  return checkLevel(node.level, newParent.level);
}

/** New path of any node in a moved subtree: swap the old prefix for the new one. */
export const rebasePath = (path: string, oldPrefix: string, newPrefix: string): string =>
  newPrefix + path.slice(oldPrefix.length);
