/**
 * The evaluation's indicators from counts: pure, so the dashboard, the exports and the tests
 * compute every rate the same way. A rate with nothing to divide by is null, not zero: "no
 * rated cases" is not "nobody satisfied".
 */
export interface CaseCounts {
  cases: number;
  dispatched: number;
  accepted: number;
  acceptedOnTime: number;
  /** Cases that had an on-scene deadline and were reached. */
  onScene: number;
  onSceneOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  returned: number;
  reopened: number;
  overdueOpen: number;
}

export interface Indicators {
  acceptanceTimeliness: number | null;
  onSceneTimeliness: number | null;
  resolutionRate: number | null;
  resolutionTimeliness: number | null;
  /** Satisfied or basically satisfied, among rated cases: the measure the hotlines publish. */
  satisfactionRate: number | null;
  returnRate: number | null;
  reopenRate: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function indicatorsOf(c: CaseCounts): Indicators {
  return {
    acceptanceTimeliness: ratio(c.acceptedOnTime, c.accepted),
    onSceneTimeliness: ratio(c.onSceneOnTime, c.onScene),
    resolutionRate: ratio(c.resolved, c.dispatched),
    resolutionTimeliness: ratio(c.resolvedOnTime, c.resolved),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
    returnRate: ratio(c.returned, c.dispatched),
    // Over dispatched cases, not resolved ones: a reopened case is not resolved until it is again.
    reopenRate: ratio(c.reopened, c.dispatched),
  };
}

export const COUNT_KEYS = [
  'cases',
  'dispatched',
  'accepted',
  'acceptedOnTime',
  'onScene',
  'onSceneOnTime',
  'resolved',
  'resolvedOnTime',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'returned',
  'reopened',
  'overdueOpen',
] as const satisfies readonly (keyof CaseCounts)[];

export const INDICATOR_KEYS = ['acceptanceTimeliness', 'onSceneTimeliness', 'resolutionRate', 'resolutionTimeliness', 'satisfactionRate', 'returnRate', 'reopenRate'] as const satisfies readonly (keyof Indicators)[];

/** A weekly count jumps when it is at least twice the recent weekly average and not a handful. */
export function isHotspot(thisWeek: number, previousWeeks: number[], minimum = 3): boolean {
  if (thisWeek < minimum) return false;
  const baseline = previousWeeks.length ? previousWeeks.reduce((a, b) => a + b, 0) / previousWeeks.length : 0;
  return thisWeek >= 2 * Math.max(baseline, 1);
}
