/**
 * The reception schedule's rules. Pure.
 *
 * A reception is a stretch of one day's time: it ends after it starts, lasts no more than
 * twelve hours, and a deputy is at one workstation at a time (two receptions of one deputy may
 * touch, one ending as the next starts, but not overlap).
 */
export const LONGEST_RECEPTION_MS = 12 * 3_600_000;

export interface Period {
  startsAt: Date;
  endsAt: Date;
}

export type ReceptionProblem = 'period_invalid' | 'too_long' | 'overlaps';

export const overlaps = (a: Period, b: Period): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export function checkReception(period: Period, sameDeputy: Period[]): ReceptionProblem | null {
  if (!(period.endsAt > period.startsAt)) return 'period_invalid';
  if (period.endsAt.getTime() - period.startsAt.getTime() > LONGEST_RECEPTION_MS) return 'too_long';
  return sameDeputy.some((other) => overlaps(period, other)) ? 'overlaps' : null;
}
