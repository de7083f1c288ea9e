/**
 * Four-party assessment of a claim. Pure: no database, no HTTP.
 *
 * Each body the place configures decides approve, reject or ask for more, with a reason; only a
 * body's latest decision counts. Points are granted when the place's rule is met: every body
 * approves ('all'), or more than half of them ('majority').
 */

export const DECISIONS = ['approve', 'reject', 'more'] as const;
export type Decision = (typeof DECISIONS)[number];

export const GRANT_RULES = ['all', 'majority'] as const;
export type GrantRule = (typeof GRANT_RULES)[number];

/** The bodies of Hesilu Village, in the order the issue names them. */
export const DEFAULT_BODIES = [
  { code: 'party_branch', nameZh: '村党支部委员会', nameEn: 'Village party branch committee', supervisory: false },
  { code: 'villagers_committee', nameZh: '村民委员会', nameEn: "Villagers' committee", supervisory: false },
  { code: 'supervisory_committee', nameZh: '村务监督委员会', nameEn: 'Village affairs supervisory committee', supervisory: true },
  { code: 'representatives', nameZh: '村民代表', nameEn: "Villagers' representatives", supervisory: false },
] as const;

export type ClaimStatus = 'pending' | 'more_requested' | 'granted' | 'rejected';

export interface BodyDecision {
  bodyId: string;
  decision: Decision;
  /** Order of the decisions as recorded; a later one replaces an earlier one of the same body. */
  at: number;
}

/** Approvals needed under the rule among `bodies` bodies. */
export const approvalsNeeded = (rule: GrantRule, bodies: number): number => (rule === 'all' ? bodies : Math.floor(bodies / 2) + 1);

export interface Standing {
  status: ClaimStatus;
  approvals: number;
  rejections: number;
  needed: number;
  /** Bodies whose word is still awaited (no decision, or an open request for more). */
  waitingOn: string[];
}

/**
 * Where a claim stands. It is granted once enough bodies approve, rejected once enough have rejected
 * that approval can no longer be reached, and waits on the claimant while any body's latest word is
 * a request for more.
 */
export function standing(bodyIds: readonly string[], rule: GrantRule, decisions: readonly BodyDecision[]): Standing {
  const latest = new Map<string, BodyDecision>();
  for (const d of [...decisions].sort((a, b) => a.at - b.at)) if (bodyIds.includes(d.bodyId)) latest.set(d.bodyId, d);
  const count = (k: Decision) => [...latest.values()].filter((d) => d.decision === k).length;
  const approvals = count('approve');
  const rejections = count('reject');
  const needed = approvalsNeeded(rule, bodyIds.length);
  const waitingOn = bodyIds.filter((id) => latest.get(id)?.decision !== 'approve' && latest.get(id)?.decision !== 'reject');
  const status: ClaimStatus =
    bodyIds.length > 0 && approvals >= needed ? 'granted'
    : bodyIds.length - rejections < needed ? 'rejected'
    : count('more') > 0 ? 'more_requested'
    : 'pending';
  return { status, approvals, rejections, needed, waitingOn };
}

/**
 * A body member may not assess a claim about himself or anyone of his household: the conflict of
 * interest the issue names.
 */
export function conflictOfInterest(
  assessor: { residentId: string | null; householdId: string | null },
  subject: { residentId: string; householdId: string | null },
): boolean {
  if (assessor.residentId !== null && assessor.residentId === subject.residentId) return true;
  return assessor.householdId !== null && assessor.householdId === subject.householdId;
}

export const isFinal = (status: ClaimStatus): boolean => status === 'granted' || status === 'rejected';
