/**
 * The quarterly report's ranking, the way names are shown in it, and the Outstanding Contributor
 * of the Year. Pure: no database, no HTTP.
 */

export const PRIVACY = ['full', 'masked', 'initials'] as const;
export type Privacy = (typeof PRIVACY)[number];

const HAN = /\p{Script=Han}/u;

/**
 * A name as the place chooses to publish it. Chinese names: 张三明 / 张*明 / 张某 (the customary
 * form of a name withheld); others: Li Ming / L*** M*** / L. M.
 */
export function publishedName(name: string, privacy: Privacy): string {
  const trimmed = name.trim();
  if (privacy === 'full' || trimmed === '') return trimmed;
  const chars = [...trimmed];
  if (HAN.test(chars[0]!)) {
    if (privacy === 'initials') return `${chars[0]}某`;
    return chars.length <= 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  const words = trimmed.split(/\s+/);
  return privacy === 'initials' ? words.map((w) => `${initialOf(w)}.`).join(' ') : words.map((w) => `${[...w][0]}${'*'.repeat(Math.max(0, [...w].length - 1))}`).join(' ');
}

/** A word's first letter in capitals, unless capitals would make it longer (ß → SS, ẖ → H̱): an initial stays one letter. */
function initialOf(word: string): string {
  const first = [...word][0]!;
  const upper = first.toUpperCase();
  return [...upper].length === 1 ? upper : first;
}

export interface Standing {
  residentId: string;
  points: number;
}

/**
 * Competition ranking ("1224"): equal points share a rank and the next rank skips. In a public
 * list, equal points are equal merit; only the year's exemplar needs one name (see below).
 */
export function rank<T extends Standing>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || a.residentId.localeCompare(b.residentId));
  let rankNow = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.points !== sorted[i - 1]!.points) rankNow = i + 1;
    return { ...row, rank: rankNow };
  });
}

export interface Contender {
  residentId: string;
  /** Points of the year. */
  points: number;
  /** Deeds granted in the year (grants, not corrections). */
  deeds: number;
  /** The day the contender reached the year's final total: the earlier, the sooner the merit was shown. */
  reachedOn: string;
}

/** The tie rule, stated to villagers as it is applied. */
export const TIE_RULE = {
  'zh-CN': '积分相同时，先比当年获认定的善行次数，次数多者优先；仍相同的，先达到该积分者优先；仍相同的，由四方机构共同确认。',
  en: 'On equal points, the one with more deeds granted in the year comes first; then the one who reached the total earlier; if still equal, the four bodies decide together.',
} as const;

/**
 * The Outstanding Contributor of the Year by points, ties broken by the stated rule. When even the
 * rule leaves several, all of them are returned and the bodies choose when confirming.
 */
export function outstandingContributors(contenders: readonly Contender[]): Contender[] {
  const positive = contenders.filter((c) => c.points > 0);
  if (positive.length === 0) return [];
  const better = (a: Contender, b: Contender) => b.points - a.points || b.deeds - a.deeds || a.reachedOn.localeCompare(b.reachedOn);
  const sorted = [...positive].sort(better);
  return sorted.filter((c) => better(c, sorted[0]!) === 0);
}
