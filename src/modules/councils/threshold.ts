import type { Bilingual } from './composition.js';

/**
 * How a motion is decided: by whom the share is measured and how large it must be. Pure.
 *
 * - simple_majority: more yes than half of the votes counted (abstentions count only when
 *   `abstentionsCount`; with them an abstention weighs like a no);
 * - majority_of_members: more yes than half of all members of the council (过半数);
 * - two_thirds_of_members: at least two thirds of all members (三分之二以上, which includes the
 *   figure itself): 9 of 13, since 2/3 · 13 = 8.67; 8 of 12.
 *
 * Quorum counts the members who took part (cast any ballot, abstention included) or, when the
 * meeting's attendance is known, those present; at least `quorum` of all members (a share).
 */
export const THRESHOLD_RULES = ['simple_majority', 'majority_of_members', 'two_thirds_of_members'] as const;
export type ThresholdRule = (typeof THRESHOLD_RULES)[number];

export interface Threshold {
  rule: ThresholdRule;
  abstentionsCount: boolean;
  /** Share of all members who must take part, 0 (none) to 1. */
  quorum: number;
}

export interface Counts {
  yes: number;
  no: number;
  abstain: number;
}

export interface Membership {
  /** Members entitled to vote when the vote opened. */
  members: number;
  /** Members present at the meeting, when attendance was taken; otherwise those who voted are. */
  present?: number;
}

export interface Decision {
  passed: boolean;
  quorumMet: boolean;
  /** Members who had to take part for a quorum. */
  quorumNeeded: number;
  participants: number;
  /** Yes votes needed to pass (given the votes as they are, for simple majority). */
  yesNeeded: number;
  /** What the yes votes were measured against: votes counted or all members. */
  base: number;
  counts: Counts;
  members: number;
  threshold: Threshold;
  explanation: Bilingual;
}

/** Smallest integer k with k / d ≥ n / m, i.e. k·m ≥ n·d, in integers so 2/3 · 12 is exactly 8. */
const atLeast = (numerator: number, denominator: number, of: number): number => Math.ceil((numerator * of) / denominator - 1e-9);

/** The smallest count that reaches a share 0–1 of a whole, tolerant of shares like 0.6666…. */
export function quorumCount(share: number, members: number): number {
  if (share <= 0) return 0;
  // Shares written as thirds arrive as 0.6666…: recognise them rather than round up past them.
  for (const d of [2, 3, 4, 5, 10, 100]) {
    const n = Math.round(share * d);
    if (Math.abs(n / d - share) < 1e-9) return atLeast(n, d, members);
  }
  return Math.ceil(share * members - 1e-9);
}

export function decide(threshold: Threshold, counts: Counts, membership: Membership): Decision {
  const { yes, no, abstain } = counts;
  const members = membership.members;
  const cast = yes + no + abstain;
  const participants = membership.present ?? cast;
  const quorumNeeded = quorumCount(threshold.quorum, members);
  const quorumMet = participants >= quorumNeeded;

  let base: number;
  let yesNeeded: number;
  let how: Bilingual;
  switch (threshold.rule) {
    case 'simple_majority':
      base = threshold.abstentionsCount ? cast : yes + no;
      yesNeeded = Math.floor(base / 2) + 1;
      how = threshold.abstentionsCount
        ? { 'zh-CN': `赞成票须超过所投票数（含弃权 ${abstain} 票）${base} 票的半数，即至少 ${yesNeeded} 票`, en: `yes must be more than half of the ${base} votes cast, abstentions (${abstain}) included: at least ${yesNeeded}` }
        : { 'zh-CN': `赞成票须超过赞成与反对票合计 ${base} 票的半数（弃权 ${abstain} 票不计），即至少 ${yesNeeded} 票`, en: `yes must be more than half of the ${base} yes and no votes, abstentions (${abstain}) not counted: at least ${yesNeeded}` };
      break;
    case 'majority_of_members':
      base = members;
      yesNeeded = Math.floor(members / 2) + 1;
      how = { 'zh-CN': `赞成票须超过全体成员 ${members} 人的半数，即至少 ${yesNeeded} 票`, en: `yes must be more than half of all ${members} members: at least ${yesNeeded}` };
      break;
    case 'two_thirds_of_members':
      base = members;
      yesNeeded = atLeast(2, 3, members);
      how = {
        'zh-CN': `赞成票须达到全体成员 ${members} 人的三分之二（${((2 * members) / 3).toFixed(2).replace(/\.?0+$/, '')}）以上，即至少 ${yesNeeded} 票`,
        en: `yes must reach two thirds of all ${members} members (${((2 * members) / 3).toFixed(2).replace(/\.?0+$/, '')}): at least ${yesNeeded}`,
      };
      break;
  }
  // No yes vote passes anything, even when nobody voted against.
  yesNeeded = Math.max(yesNeeded, 1);
  const passed = quorumMet && yes >= yesNeeded;
  const tally = { 'zh-CN': `赞成 ${yes}，反对 ${no}，弃权 ${abstain}`, en: `${yes} yes, ${no} no, ${abstain} abstaining` };
  const quorumText = quorumNeeded === 0
    ? { 'zh-CN': '', en: '' }
    : quorumMet
      ? { 'zh-CN': `；法定人数已达到（${participants}/${quorumNeeded}）`, en: `; quorum reached (${participants} of ${quorumNeeded} needed)` }
      : { 'zh-CN': `；未达到法定人数（须 ${quorumNeeded} 人参加，实到 ${participants} 人），不能作出决定`, en: `; no quorum (${quorumNeeded} members needed, ${participants} took part), so nothing can be decided` };
  const verdict = passed ? { 'zh-CN': '通过', en: 'passed' } : { 'zh-CN': '未通过', en: 'not passed' };
  return {
    passed,
    quorumMet,
    quorumNeeded,
    participants,
    yesNeeded,
    base,
    counts: { yes, no, abstain },
    members,
    threshold,
    explanation: {
      'zh-CN': `${tally['zh-CN']}。${how['zh-CN']}${quorumText['zh-CN']}。结果：${verdict['zh-CN']}。`,
      en: `${tally.en}. ${how.en[0]!.toUpperCase()}${how.en.slice(1)}${quorumText.en}. Result: ${verdict.en}.`,
    },
  };
}
