/**
 * "The town blows the whistle, departments report for duty" (乡镇吹哨、部门报到): a town or
 * village official calls departments to a case; each must check in on the scene within its
 * window (30 minutes unless the place sets another, see settings.ts). Pure: every instant and
 * position comes in as an argument.
 */

export interface Position {
  lat: number;
  lng: number;
}

export interface WhistleCall {
  departmentCode: string;
  calledAt: Date;
  windowMinutes: number;
  checkedInAt: Date | null;
  /** Where the department checked in, when it has. */
  position: Position | null;
}

/** What the timing rules read: a stored call row has these even without the department's code. */
export type WhistleTiming = Pick<WhistleCall, 'calledAt' | 'windowMinutes' | 'checkedInAt'>;

export type Duty = 'waiting' | 'on_time' | 'late' | 'absent';
export const DUTIES: readonly Duty[] = ['waiting', 'on_time', 'late', 'absent'];

const MINUTE_MS = 60_000;

/** The last instant at which a check-in is on time. */
export function whistleDueAt(call: WhistleTiming): Date {
  return new Date(call.calledAt.getTime() + call.windowMinutes * MINUTE_MS);
}

/**
 * A department's standing at `now`: waiting inside the window; checked in on time (at the last
 * instant included) or late; absent once the window passed without a check-in. A check-in dated
 * after `now` has not happened yet at `now`, so replaying history gives what people saw then.
 */
export function dutyStatus(call: WhistleTiming, now: Date): Duty {
  const due = whistleDueAt(call).getTime();
  if (call.checkedInAt && call.checkedInAt.getTime() <= now.getTime()) return call.checkedInAt.getTime() <= due ? 'on_time' : 'late';
  return now.getTime() <= due ? 'waiting' : 'absent';
}

/**
 * Whole minutes from the call to the check-in, rounded up, so the figure agrees with the
 * status: on time exactly when it is at most the window. null when not (yet) checked in.
 */
export function minutesTaken(call: WhistleTiming, now: Date): number | null {
  if (!call.checkedInAt || call.checkedInAt.getTime() > now.getTime()) return null;
  return Math.max(0, Math.ceil((call.checkedInAt.getTime() - call.calledAt.getTime()) / MINUTE_MS));
}

export interface WhistleDepartmentRow {
  departmentCode: string;
  calls: number;
  counts: Record<Duty, number>;
  /** Minutes taken by each check-in, in the order called. */
  minutesTaken: number[];
  /** Mean of minutesTaken, rounded to a tenth; null when none checked in. */
  averageMinutesTaken: number | null;
}

export interface WhistleSummary {
  total: number;
  counts: Record<Duty, number>;
  /** One row per department, by department code, so the board reads the same on every load. */
  departments: WhistleDepartmentRow[];
}

const noCounts = (): Record<Duty, number> => ({ waiting: 0, on_time: 0, late: 0, absent: 0 });

/** Who reported for duty, who came late and who never came: over one case's calls or a whole board's. */
export function summarizeWhistle(calls: WhistleCall[], now: Date): WhistleSummary {
  const counts = noCounts();
  const rows = new Map<string, WhistleDepartmentRow>();
  const ordered = [...calls].sort((a, b) => a.calledAt.getTime() - b.calledAt.getTime());
  for (const call of ordered) {
    const duty = dutyStatus(call, now);
    counts[duty]++;
    let row = rows.get(call.departmentCode);
    if (!row) rows.set(call.departmentCode, (row = { departmentCode: call.departmentCode, calls: 0, counts: noCounts(), minutesTaken: [], averageMinutesTaken: null }));
    row.calls++;
    row.counts[duty]++;
    const taken = minutesTaken(call, now);
    if (taken !== null) row.minutesTaken.push(taken);
  }
  const departments = [...rows.values()].sort((a, b) => (a.departmentCode < b.departmentCode ? -1 : a.departmentCode > b.departmentCode ? 1 : 0));
  for (const row of departments) {
    if (row.minutesTaken.length > 0) row.averageMinutesTaken = Math.round((row.minutesTaken.reduce((s, m) => s + m, 0) / row.minutesTaken.length) * 10) / 10;
  }
  return { total: calls.length, counts, departments };
}

const EARTH_RADIUS_M = 6_371_000;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance over a spherical earth, in metres (within 0.5 % of the ellipsoid: plenty for "on the scene"). */
export function haversineMeters(a: Position, b: Position): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far from the reported spot a check-in still counts as on the scene (phone GPS is rough in old lanes). */
export const CHECK_IN_RADIUS_M = 500;

export type CheckInProblem =
  | { code: 'whistle_already_checked_in' }
  /** A check-in dated before the call: no whistle had been blown for the department yet. */
  | { code: 'whistle_not_called' }
  /** Not a place on earth (NaN, latitude beyond ±90°, longitude beyond ±180°). */
  | { code: 'validation_failed' }
  | { code: 'whistle_check_in_too_far'; details: { distance: number; maxDistance: number } };

const isPosition = (p: Position) => Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;

/**
 * Why a check-in must be refused, or null: once per call, not before the call, from a real
 * position, and on the scene (within `maxDistanceMeters`) when the case has one. A late
 * check-in is accepted: lateness is recorded by dutyStatus, not refused. The problem carries a
 * stable error code and, for distance, the figures the message shows.
 */
export function checkInProblem(call: WhistleTiming, at: Date, position: Position, scene?: Position | null, maxDistanceMeters = CHECK_IN_RADIUS_M): CheckInProblem | null {
  const radius = maxDistanceMeters;
  if (call.checkedInAt) return { code: 'whistle_already_checked_in' };
  if (at.getTime() < call.calledAt.getTime()) return { code: 'whistle_not_called' };
  if (!isPosition(position)) return { code: 'validation_failed' };
  if (scene && isPosition(scene)) {
    const distance = haversineMeters(position, scene);
    if (distance > radius) return { code: 'whistle_check_in_too_far', details: { distance: Math.round(distance), maxDistance: radius } };
  }
  return null;
}
