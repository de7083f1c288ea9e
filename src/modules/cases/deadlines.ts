import type { Priority } from './workflow.js';

/**
 * Service-level deadlines: time to accept, to be on the scene and to resolve, counted in
 * working time (the place's working hours, weekends, public holidays and the make-up working
 * days China moves them to) or in calendar time, as each policy says. Pure.
 */

export interface WorkCalendar {
  /** Offset of local time from UTC in minutes (China: +480). Fixed: the zones we serve keep no summer time. */
  utcOffsetMinutes: number;
  /** 1 = Monday … 7 = Sunday. */
  workdays: number[];
  /** Working periods of a day, local 'HH:MM', in order and not overlapping. */
  hours: { start: string; end: string }[];
  /** Local dates 'YYYY-MM-DD' off work although on a workday. */
  holidays: string[];
  /** Local dates worked although on a weekend (调休). */
  extraWorkdays: string[];
}

export const DEFAULT_CALENDAR: WorkCalendar = {
  utcOffsetMinutes: 480,
  workdays: [1, 2, 3, 4, 5],
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  holidays: [],
  extraWorkdays: [],
};

export interface SlaPolicy {
  /** null: any category. */
  categoryCode: string | null;
  /** null: any priority. */
  priority: Priority | null;
  acceptMinutes: number;
  /** null: no on-scene deadline (a case handled by phone or paper). */
  onSceneMinutes: number | null;
  resolveMinutes: number;
  clock: 'working' | 'calendar';
}

const HOUR = 60;
const WORKING_DAY = 7.5 * HOUR;

/** Urgent cases run on the calendar, day and night; the rest on working time. */
export const DEFAULT_POLICIES: SlaPolicy[] = [
  { categoryCode: null, priority: 'urgent', acceptMinutes: 30, onSceneMinutes: 2 * HOUR, resolveMinutes: 24 * HOUR, clock: 'calendar' },
  { categoryCode: null, priority: 'high', acceptMinutes: 2 * HOUR, onSceneMinutes: WORKING_DAY, resolveMinutes: 3 * WORKING_DAY, clock: 'working' },
  { categoryCode: null, priority: null, acceptMinutes: 4 * HOUR, onSceneMinutes: null, resolveMinutes: 5 * WORKING_DAY, clock: 'working' },
  { categoryCode: null, priority: 'low', acceptMinutes: WORKING_DAY, onSceneMinutes: null, resolveMinutes: 10 * WORKING_DAY, clock: 'working' },
];

/** The most specific policy: category and priority, then category, then priority, then the default. */
export function pickPolicy(policies: SlaPolicy[], categoryCode: string | null, priority: Priority): SlaPolicy {
  const score = (p: SlaPolicy) => {
    if ((p.categoryCode !== null && p.categoryCode !== categoryCode) || (p.priority !== null && p.priority !== priority)) return -1;
    return (p.categoryCode !== null ? 2 : 0) + (p.priority !== null ? 1 : 0);
  };
  let best: SlaPolicy | undefined;
  for (const p of policies) if (score(p) >= 0 && (!best || score(p) > score(best))) best = p;
  return best ?? DEFAULT_POLICIES.find((p) => p.priority === null)!;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local midnight (as a UTC instant) of the local day containing t. */
const localDayStart = (t: number, cal: WorkCalendar) => {
  const offset = cal.utcOffsetMinutes * MINUTE_MS;
  return Math.floor((t + offset) / DAY_MS) * DAY_MS - offset;
};

const localDate = (dayStart: number, cal: WorkCalendar) => new Date(dayStart + cal.utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);

export function isWorkingDay(dayStart: number, cal: WorkCalendar): boolean {
  const date = localDate(dayStart, cal);
  if (cal.extraWorkdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const weekday = new Date(dayStart + cal.utcOffsetMinutes * MINUTE_MS).getUTCDay() || 7;
  return cal.workdays.includes(weekday);
}

/** The working periods of a day as UTC instants. */
const periodsOf = (dayStart: number, cal: WorkCalendar): [number, number][] =>
  isWorkingDay(dayStart, cal) ? cal.hours.map((h) => [dayStart + clockMinutes(h.start) * MINUTE_MS, dayStart + clockMinutes(h.end) * MINUTE_MS]) : [];

/** A calendar with no working time at all would never end a count; refuse it rather than loop. */
const MAX_DAYS = 3660;
const hasWorkingTime = (cal: WorkCalendar) => cal.hours.some((h) => clockMinutes(h.end) > clockMinutes(h.start)) && (cal.workdays.length > 0 || cal.extraWorkdays.length > 0);

/**
 * The instant at which `minutes` of working time have passed after `start`. A start outside
 * working hours counts from the next working period; zero minutes is `start` itself.
 */
export function addWorkingTime(start: Date, minutes: number, cal: WorkCalendar): Date {
  if (minutes <= 0) return start;
  if (!hasWorkingTime(cal)) throw new Error('the work calendar has no working hours');
  let left = minutes * MINUTE_MS;
  const t = start.getTime();
  let day = localDayStart(t, cal);
  for (let i = 0; i < MAX_DAYS; i++, day += DAY_MS) {
    for (const [from, to] of periodsOf(day, cal)) {
      const begin = Math.max(from, t);
      if (begin >= to) continue;
      if (to - begin >= left) return new Date(begin + left);
      left -= to - begin;
    }
  }
  throw new Error('no working time left within ten years');
}

/** Working minutes between two instants (0 when b is not after a). */
export function workingMinutesBetween(a: Date, b: Date, cal: WorkCalendar): number {
  const start = a.getTime();
  const end = b.getTime();
  if (end <= start) return 0;
  let total = 0;
  for (let day = localDayStart(start, cal); day < end; day += DAY_MS) {
    for (const [from, to] of periodsOf(day, cal)) {
      const overlap = Math.min(to, end) - Math.max(from, start);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

const add = (start: Date, minutes: number, policy: SlaPolicy, cal: WorkCalendar) =>
  policy.clock === 'calendar' ? new Date(start.getTime() + minutes * MINUTE_MS) : addWorkingTime(start, minutes, cal);

/** The three deadlines of a case dispatched at `start` under a policy. */
export function deadlinesFor(start: Date, policy: SlaPolicy, cal: WorkCalendar): { acceptBy: Date; onSceneBy: Date | null; resolveBy: Date } {
  return {
    acceptBy: add(start, policy.acceptMinutes, policy, cal),
    onSceneBy: policy.onSceneMinutes === null ? null : add(start, policy.onSceneMinutes, policy, cal),
    resolveBy: add(start, policy.resolveMinutes, policy, cal),
  };
}

export type SettingsProblem = 'case_calendar_empty' | 'case_calendar_hours_invalid' | 'case_policy_invalid' | 'case_policy_default_missing';

/** Why a calendar or a policy set cannot be used, or null. Checked before they are saved. */
export function settingsProblem(calendar: WorkCalendar | undefined, policies: SlaPolicy[] | undefined): SettingsProblem | null {
  if (calendar) {
    if (calendar.hours.length === 0 || calendar.workdays.length === 0) return 'case_calendar_empty';
    let previousEnd = -1;
    for (const h of calendar.hours) {
      const start = clockMinutes(h.start);
      const end = clockMinutes(h.end);
      if (!(start < end) || start < previousEnd || end > 24 * 60) return 'case_calendar_hours_invalid';
      previousEnd = end;
    }
  }
  // More time to accept or to arrive than to resolve is a typing error, not a policy.
  if ((policies ?? []).some((p) => p.acceptMinutes > p.resolveMinutes || (p.onSceneMinutes !== null && p.onSceneMinutes > p.resolveMinutes))) return 'case_policy_invalid';
  if (policies && !policies.some((p) => p.categoryCode === null && p.priority === null)) return 'case_policy_default_missing';
  return null;
}
