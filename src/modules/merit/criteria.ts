/**
 * The criteria catalog and the conversion of a deed to points. Pure: no database, no HTTP.
 *
 * A criterion is never edited: a change is its next version, valid from a date, so points already
 * granted (which name the version they were valued under) never move.
 */

export const UNITS = ['occurrence', 'hour'] as const;
export type Unit = (typeof UNITS)[number];

export const EVIDENCE = ['photo', 'witness', 'attendance'] as const;
export type Evidence = (typeof EVIDENCE)[number];

export interface CriterionVersion {
  criterionId: string;
  version: number;
  deedType: string;
  unit: Unit;
  /** Whole points per occurrence or per hour. */
  pointsPerUnit: number;
  /** Most points one person earns under this criterion in one day / one quarter; null: no limit. */
  dailyLimit: number | null;
  quarterlyLimit: number | null;
  evidence: Evidence[];
  /** Dates (YYYY-MM-DD, the village's calendar) between which deeds are valued by this version. */
  validFrom: string;
  validTo: string | null;
}

/** A date as YYYY-MM-DD compares correctly as text. */
export const covers = (v: Pick<CriterionVersion, 'validFrom' | 'validTo'>, day: string): boolean => v.validFrom <= day && (v.validTo === null || day <= v.validTo);

/**
 * The version in force on the deed's day: among the versions valid that day, the newest, since a
 * later version is the place's later word on the same deed.
 */
export function versionInForce<V extends Pick<CriterionVersion, 'version' | 'validFrom' | 'validTo'>>(versions: readonly V[], day: string): V | null {
  let found: V | null = null;
  for (const v of versions) if (covers(v, day) && (found === null || v.version > found.version)) found = v;
  return found;
}

export interface QuarterBounds {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** e.g. 2026Q3 */
  label: string;
  first: string;
  last: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const LAST_DAY = [31, 30, 30, 31];

export function quarterOf(day: string): QuarterBounds {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return quarterBounds(year, (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4);
}

export function quarterBounds(year: number, quarter: 1 | 2 | 3 | 4): QuarterBounds {
  const firstMonth = (quarter - 1) * 3 + 1;
  return { year, quarter, label: `${year}Q${quarter}`, first: `${year}-${pad(firstMonth)}-01`, last: `${year}-${pad(firstMonth + 2)}-${LAST_DAY[quarter - 1]}` };
}

export function parseQuarter(label: string): QuarterBounds | null {
  const m = /^(\d{4})Q([1-4])$/.exec(label);
  return m ? quarterBounds(Number(m[1]), Number(m[2]) as 1 | 2 | 3 | 4) : null;
}

/** Hours are counted in quarter hours, occurrences whole: anything finer is a typing slip. */
export function quantityValid(unit: Unit, quantity: number): boolean {
  if (!(quantity > 0) || quantity > 1000) return false;
  return unit === 'occurrence' ? Number.isInteger(quantity) : Number.isInteger(quantity * 4);
}

/** Points before limits: whole points, rounded down (half an hour at 3 points an hour earns 1). */
export const rawPoints = (v: Pick<CriterionVersion, 'pointsPerUnit'>, quantity: number): number => Math.floor(Math.round(v.pointsPerUnit * quantity * 100) / 100);

export interface Valuation {
  raw: number;
  points: number;
  /** Which limit cut the points, if any. */
  cappedBy: 'day' | 'quarter' | null;
}

/**
 * The points a deed earns under a version, given what the same person already holds under the same
 * criterion that day and that quarter. Never negative; a limit already reached gives 0.
 */
export function valueDeed(v: Pick<CriterionVersion, 'pointsPerUnit' | 'dailyLimit' | 'quarterlyLimit'>, quantity: number, already: { day: number; quarter: number }): Valuation {
  const raw = rawPoints(v, quantity);
  const roomDay = v.dailyLimit === null ? Infinity : Math.max(0, v.dailyLimit - already.day);
  const roomQuarter = v.quarterlyLimit === null ? Infinity : Math.max(0, v.quarterlyLimit - already.quarter);
  const points = Math.min(raw, roomDay, roomQuarter);
  const cappedBy = points === raw ? null : roomDay <= roomQuarter ? 'day' : 'quarter';
  return { raw, points, cappedBy };
}

/** Evidence the version asks for that the claim does not bring. */
export const missingEvidence = (required: readonly Evidence[], given: { photos: number; witnesses: number; attendance: boolean }): Evidence[] =>
  required.filter((e) => (e === 'photo' ? given.photos === 0 : e === 'witness' ? given.witnesses === 0 : !given.attendance));


/** A version is coherent: it ends after it starts, and a daily limit is not above the quarter's. */
export function versionProblems(v: Pick<CriterionVersion, 'dailyLimit' | 'quarterlyLimit' | 'validFrom' | 'validTo'>): string[] {
  const problems: string[] = [];
  if (v.validTo !== null && v.validTo < v.validFrom) problems.push('dates_order');
  if (v.dailyLimit !== null && v.quarterlyLimit !== null && v.dailyLimit > v.quarterlyLimit) problems.push('limits_order');
  return problems;
}

/** Days between two YYYY-MM-DD dates (b − a). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Today in the village's calendar (China has one time zone). */
export const localDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export type FilingVerdict = 'ok' | 'future' | 'too_late';

/** A deed may be claimed from its day until `windowDays` later; not before it happened. */
export function filingVerdict(deedDay: string, today: string, windowDays: number): FilingVerdict {
  const age = daysBetween(deedDay, today);
  return age < 0 ? 'future' : age > windowDays ? 'too_late' : 'ok';
}

/** Hours between check-in and check-out, within the activity's own time, rounded down to quarter hours. */
export function creditedHours(checkIn: Date, checkOut: Date, activity: { startsAt: Date; endsAt: Date }): number {
  const from = Math.max(checkIn.getTime(), activity.startsAt.getTime());
  const to = Math.min(checkOut.getTime(), activity.endsAt.getTime());
  return Math.max(0, Math.floor((to - from) / 900_000) / 4);
}
