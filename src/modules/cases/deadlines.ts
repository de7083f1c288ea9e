import type { CaseStatus, Priority } from './workflow.js';

/**
 * Service-level deadlines of the one-number line: time to accept, to be on the scene and to
 * resolve, counted in working time (the place's working hours, weekends, public holidays and
 * the make-up working days China moves them to, 调休) or in calendar time, as each policy says;
 * and the escalation that follows a passed deadline (department head, then district). Pure: no
 * database, no clock of its own; every instant comes in as an argument.
 */

// ---------------------------------------------------------------------------------------------
// The work calendar and local time
// ---------------------------------------------------------------------------------------------

export interface WorkCalendar {
  /**
   * IANA time zone, e.g. 'Asia/Shanghai'. When set it decides local time, summer time included
   * (through Intl, no time-zone library). Optional because calendars saved through the settings
   * API so far carry only the fixed offset below.
   */
  timeZone?: string | undefined;
  /** Fixed offset of local time from UTC in minutes (China: +480); used when no timeZone is set. */
  utcOffsetMinutes: number;
  /** 1 = Monday … 7 = Sunday. */
  workdays: number[];
  /** Working periods of a day, local 'HH:MM' ('24:00' ends a day), in order and not overlapping. */
  hours: { start: string; end: string }[];
  /** Local dates 'YYYY-MM-DD' off work although on a workday (public holidays). */
  holidays: string[];
  /** Local dates worked although not a workday (调休 make-up days); these win over `holidays`. */
  extraWorkdays: string[];
}

/**
 * Chinese government office hours: Monday to Friday, 9:00–12:00 and 13:30–18:00 (7.5 working
 * hours a day), Beijing time. Holidays are empty because the State Council announces each year's
 * holidays and make-up days only the November before; each city sets them in its case settings.
 */
export const DEFAULT_CALENDAR: WorkCalendar = {
  timeZone: 'Asia/Shanghai',
  utcOffsetMinutes: 480,
  workdays: [1, 2, 3, 4, 5],
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  holidays: [],
  extraWorkdays: [],
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** 'HH:MM' → minutes after midnight, or NaN when it is not a time of day ('24:00' allowed). */
const clockMinutes = (hhmm: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return Number.NaN;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 24 * 60 ? minutes : Number.NaN;
};

/** Zone formatters are costly to build and safe to share. */
const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Offsets looked up per zone and instant. An offset at an instant never changes, so this memo
 * keeps the functions pure in effect; it is emptied when it grows large.
 */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (an unknown zone would make every deadline computation throw). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local time's offset from UTC at an instant, in ms, read from Intl. */
function zoneOffsetAt(timeZone: string, t: number): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const hit = cache.get(t);
  if (hit !== undefined) return hit;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(t))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year!, fields.month! - 1, fields.day!);
  wall.setUTCHours(fields.hour! % 24, fields.minute!, fields.second!, 0);
  const offset = wall.getTime() - (t - (((t % 1000) + 1000) % 1000));
  if (cache.size >= OFFSET_CACHE_LIMIT) cache.clear();
  cache.set(t, offset);
  return offset;
}

/**
 * A calendar prepared once per call: parsed, sorted and merged periods, sets for the dates.
 * Local wall-clock time is represented as "ms since 1970-01-01T00:00 local"; local day n
 * starts at wall time n × 24 h.
 */
interface Prepared {
  zone: string | null;
  fixedOffsetMs: number;
  /** [start, end) in minutes after local midnight. */
  periods: [number, number][];
  workdays: Set<number>;
  holidays: Set<string>;
  extraWorkdays: Set<string>;
}

function prepare(cal: WorkCalendar): Prepared {
  const parsed = cal.hours
    .map((h): [number, number] => [clockMinutes(h.start), clockMinutes(h.end)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  // Overlapping periods would count the same minutes twice; merge them.
  const periods: [number, number][] = [];
  for (const [s, e] of parsed) {
    const last = periods[periods.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else periods.push([s, e]);
  }
  return {
    zone: cal.timeZone ? cal.timeZone : null,
    fixedOffsetMs: (cal.utcOffsetMinutes ?? 0) * MINUTE_MS,
    periods,
    workdays: new Set(cal.workdays),
    holidays: new Set(cal.holidays),
    extraWorkdays: new Set(cal.extraWorkdays),
  };
}

const offsetAt = (p: Prepared, t: number): number => (p.zone === null ? p.fixedOffsetMs : zoneOffsetAt(p.zone, t));

/** The local day number of an instant. */
const localDay = (p: Prepared, t: number): number => Math.floor((t + offsetAt(p, t)) / DAY_MS);

/**
 * The instant of a local wall-clock time. A wall time that occurs twice (summer time ending)
 * is the earlier instant; one that does not exist (summer time starting) moves forward by the
 * gap, as clocks do. Assumes a zone changes its offset at most once within a day either side,
 * which holds for every zone in the tz database.
 */
function wallToInstant(p: Prepared, wall: number): number {
  if (p.zone === null) return wall - p.fixedOffsetMs;
  const before = offsetAt(p, wall - DAY_MS);
  const after = offsetAt(p, wall + DAY_MS);
  if (before === after) return wall - before;
  const valid = [wall - before, wall - after].filter((t, i) => offsetAt(p, t) === (i === 0 ? before : after));
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/** 'YYYY-MM-DD' of local day n. */
const dateOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday of local day n (day 0, 1970-01-01, was a Thursday). */
const weekdayOfDay = (n: number): number => ((((n + 3) % 7) + 7) % 7) + 1;

function isWorkingDayNumber(p: Prepared, n: number): boolean {
  const date = dateOfDay(n);
  if (p.extraWorkdays.has(date)) return true;
  if (p.holidays.has(date)) return false;
  return p.workdays.has(weekdayOfDay(n));
}

/** The working periods of local day n as [from, to) instants. */
function periodsOfDay(p: Prepared, n: number): [number, number][] {
  if (p.periods.length === 0 || !isWorkingDayNumber(p, n)) return [];
  const midnight = n * DAY_MS;
  // Fast path: the offset is the same a day before and two days after, so (a zone changing at
  // most once in three days) no summer-time change touches this day's instants and one
  // subtraction places every period.
  if (p.zone === null || offsetAt(p, midnight - DAY_MS) === offsetAt(p, midnight + 2 * DAY_MS)) {
    const offset = p.zone === null ? p.fixedOffsetMs : offsetAt(p, midnight - DAY_MS);
    return p.periods.map(([s, e]) => [midnight + s * MINUTE_MS - offset, midnight + e * MINUTE_MS - offset]);
  }
  // Slow path, on the days the clocks change: place each boundary and keep them in time order;
  // a period inside the skipped hour moves forward into the next one, and workingPeriods clips the overlap.
  return p.periods
    .map(([s, e]): [number, number] => [wallToInstant(p, midnight + s * MINUTE_MS), wallToInstant(p, midnight + e * MINUTE_MS)])
    .sort((a, b) => a[0] - b[0]);
}

/** Whether a local date 'YYYY-MM-DD' is worked: make-up days first, then holidays, then the weekday. */
export function isWorkingDate(localDate: string, cal: WorkCalendar): boolean {
  const n = Math.round(Date.parse(`${localDate}T00:00:00Z`) / DAY_MS);
  if (!Number.isFinite(n)) throw new RangeError(`not a date: ${localDate}`);
  return isWorkingDayNumber(prepare(cal), n);
}

/** The local date 'YYYY-MM-DD' of an instant in the calendar's zone (what holidays are written in). */
export function localDateOf(at: Date, cal: WorkCalendar): string {
  return dateOfDay(localDay(prepare(cal), at.getTime()));
}

/**
 * A calendar with no working time ahead (every workday a holiday, say) would never end a count:
 * after ten years without a working day the count gives up.
 */
const MAX_IDLE_DAYS = 3660;

/**
 * The working periods of local days firstDay…lastDay (open-ended when no lastDay) as ordered, disjoint [from, to) instants.
 * Each period is clipped against those before it, so where a summer-time change makes periods
 * overlap (one inside the skipped hour, or a change at midnight) no minute counts twice.
 */
function* workingPeriods(p: Prepared, firstDay: number, lastDay?: number): Generator<[number, number]> {
  let floor = -Infinity;
  let lastWorked = firstDay;
  for (let n = firstDay; lastDay === undefined ? n - lastWorked <= MAX_IDLE_DAYS : n <= lastDay; n++) {
    const periods = periodsOfDay(p, n);
    if (periods.length > 0) lastWorked = n;
    for (const [start, end] of periods) {
      const from = Math.max(start, floor);
      if (end > from) {
        yield [from, end];
        floor = end;
      }
    }
  }
}

/** Whether the office is open at an instant (a period's start counts, its end does not). */
export function isWorkingTime(at: Date, cal: WorkCalendar): boolean {
  const p = prepare(cal);
  const t = at.getTime();
  const n = localDay(p, t);
  for (const [from, to] of workingPeriods(p, n - 1, n + 1)) if (from <= t && t < to) return true;
  return false;
}


/**
 * The instant at which `minutes` of working time have passed after `start`. A start outside
 * working hours counts from the next working period; zero minutes is `start` itself. A positive
 * count ends inside working time or exactly at the end of a period (a deadline at 12:00 when the
 * morning is used up, not 13:30). Walks day by day, so 30 working days cost ~45 steps.
 */
export function addWorkingTime(start: Date, minutes: number, cal: WorkCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working minutes must be a finite number ≥ 0, not ${minutes}`);
  const t = start.getTime();
  let left = Math.round(minutes * MINUTE_MS);
  if (left === 0) return new Date(t);
  const p = prepare(cal);
  if (p.periods.length === 0 || (p.workdays.size === 0 && p.extraWorkdays.size === 0)) throw new Error('the work calendar has no working time');
  // From the day before, in case a period of the previous local day reaches past midnight's instant.
  const first = localDay(p, t) - 1;
  for (const [from, to] of workingPeriods(p, first)) {
    const begin = Math.max(from, t);
    if (begin >= to) continue;
    if (to - begin >= left) return new Date(begin + left);
    left -= to - begin;
  }
  throw new Error('the work calendar has no working day in ten years');
}

/**
 * Working minutes between two instants (0 when b is not after a): how much of its time a case
 * used, or how late it is. May be fractional (the instants are to the millisecond).
 */
export function workingMinutesBetween(a: Date, b: Date, cal: WorkCalendar): number {
  const start = a.getTime();
  const end = b.getTime();
  if (!(end > start)) return 0;
  const p = prepare(cal);
  let total = 0;
  for (const [from, to] of workingPeriods(p, localDay(p, start) - 1, localDay(p, end) + 1)) {
    const overlap = Math.min(to, end) - Math.max(from, start);
    if (overlap > 0) total += overlap;
  }
  return total / MINUTE_MS;
}

// ---------------------------------------------------------------------------------------------
// Service-level policies and a case's deadlines
// ---------------------------------------------------------------------------------------------

/** Working time skips nights, weekends and holidays; calendar time runs day and night. */
export type SlaClock = 'working' | 'calendar';

export interface SlaPolicy {
  /** null: any category. */
  categoryCode: string | null;
  /** null: any priority. */
  priority: Priority | null;
  acceptMinutes: number;
  /** null: no on-scene deadline (a case handled by phone or on paper). */
  onSceneMinutes: number | null;
  resolveMinutes: number;
  clock: SlaClock;
}

const HOUR = 60;
/** A working day of the default calendar: 9:00–12:00 and 13:30–18:00. */
const WORKING_DAY = 7.5 * HOUR;

/**
 * The district's defaults, after the common practice of Chinese 12345 hotlines. Urgent cases
 * (a burst main, a gas smell, someone in danger) run on the calendar, day and night: accepted in
 * 30 minutes, someone there in 2 hours, resolved in 24 hours. The rest run on working time:
 * high — accepted in 2 working hours, on the scene within a working day, resolved in 3 working
 * days; normal (the catch-all default, any category and priority) — accepted in 4 working hours,
 * resolved in 5 working days; low (advice, suggestions) — accepted within a working day,
 * resolved in 10 working days. Normal and low cases have no on-scene deadline.
 */
export const DEFAULT_POLICIES: SlaPolicy[] = [
  { categoryCode: null, priority: 'urgent', acceptMinutes: 30, onSceneMinutes: 2 * HOUR, resolveMinutes: 24 * HOUR, clock: 'calendar' },
  { categoryCode: null, priority: 'high', acceptMinutes: 2 * HOUR, onSceneMinutes: WORKING_DAY, resolveMinutes: 3 * WORKING_DAY, clock: 'working' },
  { categoryCode: null, priority: null, acceptMinutes: 4 * HOUR, onSceneMinutes: null, resolveMinutes: 5 * WORKING_DAY, clock: 'working' },
  { categoryCode: null, priority: 'low', acceptMinutes: WORKING_DAY, onSceneMinutes: null, resolveMinutes: 10 * WORKING_DAY, clock: 'working' },
];

/**
 * The most specific policy that applies: category and priority, then category alone, then
 * priority alone, then the default (any, any); among equals the first listed. When nothing
 * applies (a set without a default), the built-in default, so a case always gets deadlines.
 */
export function pickPolicy(policies: SlaPolicy[], categoryCode: string | null, priority: Priority): SlaPolicy {
  const score = (p: SlaPolicy) => {
    if ((p.categoryCode !== null && p.categoryCode !== categoryCode) || (p.priority !== null && p.priority !== priority)) return -1;
    return (p.categoryCode !== null ? 2 : 0) + (p.priority !== null ? 1 : 0);
  };
  let best: SlaPolicy | undefined;
  let bestScore = -1;
  for (const p of policies) {
    const s = score(p);
    if (s > bestScore) [best, bestScore] = [p, s];
  }
  return best ?? DEFAULT_POLICIES.find((p) => p.categoryCode === null && p.priority === null)!;
}

/** Adds minutes on the policy's clock. */
export function addOnClock(start: Date, minutes: number, clock: SlaClock, cal: WorkCalendar): Date {
  return clock === 'calendar' ? new Date(start.getTime() + minutes * MINUTE_MS) : addWorkingTime(start, minutes, cal);
}

/** Minutes between two instants on the policy's clock (0 when b is not after a). */
export function minutesOnClock(a: Date, b: Date, clock: SlaClock, cal: WorkCalendar): number {
  return clock === 'calendar' ? Math.max(0, (b.getTime() - a.getTime()) / MINUTE_MS) : workingMinutesBetween(a, b, cal);
}

export interface CaseDeadlines {
  acceptBy: Date;
  onSceneBy: Date | null;
  resolveBy: Date;
}

/** The three deadlines of a case, all counted from when it was received (or dispatched) under a policy. */
export function deadlinesFor(receivedAt: Date, policy: SlaPolicy, cal: WorkCalendar): CaseDeadlines {
  return {
    acceptBy: addOnClock(receivedAt, policy.acceptMinutes, policy.clock, cal),
    onSceneBy: policy.onSceneMinutes === null ? null : addOnClock(receivedAt, policy.onSceneMinutes, policy.clock, cal),
    resolveBy: addOnClock(receivedAt, policy.resolveMinutes, policy.clock, cal),
  };
}

export type SettingsProblem = 'case_calendar_empty' | 'case_calendar_hours_invalid' | 'case_policy_invalid' | 'case_policy_default_missing' | 'validation_failed';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isLocalDate = (s: string) => LOCAL_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const isMinutes = (m: number) => Number.isFinite(m) && m >= 0;

/**
 * Why a calendar or a policy set cannot be used, or null. Checked before they are saved, so a
 * bad setting is refused at once instead of failing every dispatch after it. An unknown time
 * zone, a weekday outside 1–7 or a malformed date is 'validation_failed'.
 */
export function settingsProblem(calendar: WorkCalendar | undefined, policies: SlaPolicy[] | undefined): SettingsProblem | null {
  if (calendar) {
    if (calendar.hours.length === 0 || calendar.workdays.length === 0) return 'case_calendar_empty';
    let previousEnd = -1;
    for (const h of calendar.hours) {
      const start = clockMinutes(h.start);
      const end = clockMinutes(h.end);
      if (!(start < end) || start < previousEnd) return 'case_calendar_hours_invalid';
      previousEnd = end;
    }
    if (calendar.timeZone && !isKnownTimeZone(calendar.timeZone)) return 'validation_failed';
    if (calendar.workdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return 'validation_failed';
    if (![...calendar.holidays, ...calendar.extraWorkdays].every(isLocalDate)) return 'validation_failed';
  }
  // More time to accept or to arrive than to resolve is a typing error, not a policy.
  if (
    (policies ?? []).some(
      (p) => !isMinutes(p.acceptMinutes) || !isMinutes(p.resolveMinutes) || (p.onSceneMinutes !== null && !isMinutes(p.onSceneMinutes)) || p.acceptMinutes > p.resolveMinutes || (p.onSceneMinutes !== null && p.onSceneMinutes > p.resolveMinutes),
    )
  )
    return 'case_policy_invalid';
  if (policies && !policies.some((p) => p.categoryCode === null && p.priority === null)) return 'case_policy_default_missing';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Escalation and queues
// ---------------------------------------------------------------------------------------------

/** 0: within its deadline; 1: passed, up to the department head; 2: long passed, up to the district. */
export type EscalationLevel = 0 | 1 | 2;

/** Who a level sends the case to, as the timeline and the notifications name them. */
export const ESCALATION_TARGETS = { 1: 'department_head', 2: 'district' } as const;

export interface EscalationRule {
  /**
   * How long a passed deadline stays with the department head before the district takes it up,
   * in minutes on the policy's clock. null: as long again as the deadline gave (a case given 4
   * working hours to be accepted goes to the district 4 working hours after that), so the grace
   * scales with the task instead of one figure that is too short for a repair and too long for a gas leak.
   */
  graceMinutes: number | null;
}

export const DEFAULT_ESCALATION_RULE: EscalationRule = { graceMinutes: null };

/** A deadline with the instant its clock started (the dispatch) and the clock it runs on. */
export interface DeadlineWindow {
  startedAt: Date;
  deadline: Date;
  clock: SlaClock;
}

/** The instant after which an overdue deadline goes on up to the district. */
export function districtEscalationAt(window: DeadlineWindow, cal: WorkCalendar, rule: EscalationRule = DEFAULT_ESCALATION_RULE): Date {
  const grace = rule.graceMinutes ?? minutesOnClock(window.startedAt, window.deadline, window.clock, cal);
  return addOnClock(window.deadline, Math.max(0, grace), window.clock, cal);
}

/**
 * The escalation level a deadline has reached at `now`. A deadline is met at its very instant:
 * level 1 from the first millisecond after it, level 2 from the first millisecond after the grace.
 */
export function escalationLevel(window: DeadlineWindow, now: Date, cal: WorkCalendar, rule: EscalationRule = DEFAULT_ESCALATION_RULE): EscalationLevel {
  if (now.getTime() <= window.deadline.getTime()) return 0;
  return now.getTime() <= districtEscalationAt(window, cal, rule).getTime() ? 1 : 2;
}

/**
 * Whether a deadline not yet passed falls within the next `windowMinutes`: the "due soon" of a
 * queue. With a calendar the minutes left are working minutes, so a deadline at 9:30 on Monday is
 * due soon at 17:45 on Friday, when the staff who must act are about to leave. A passed
 * deadline is not "due soon" but overdue (see escalationLevel).
 */
export function dueSoon(deadline: Date, now: Date, windowMinutes: number, cal?: WorkCalendar): boolean {
  if (now.getTime() > deadline.getTime()) return false;
  const left = cal ? workingMinutesBetween(now, deadline, cal) : (deadline.getTime() - now.getTime()) / MINUTE_MS;
  return left <= windowMinutes;
}

export type DeadlineKind = 'accept' | 'on_scene' | 'resolve';

/** What of a case decides which deadline it is held to. */
export interface CaseClockFacts {
  status: CaseStatus;
  acceptBy: Date | null;
  onSceneBy: Date | null;
  onSceneAt: Date | null;
  resolveBy: Date | null;
}

/**
 * The deadline a case is held to in its present state, or null when none runs: not yet
 * dispatched, back with the dispatcher, suspended (the clock stops), or done. The same reading
 * as the queues' `dueAtOf` in escalation.ts.
 */
export function deadlineInForce(c: CaseClockFacts): { kind: DeadlineKind; deadline: Date } | null {
  const held = (kind: DeadlineKind, deadline: Date | null) => (deadline ? { kind, deadline } : null);
  switch (c.status) {
    case 'dispatched':
    case 'reopened':
      return held('accept', c.acceptBy);
    case 'accepted':
      return c.onSceneBy && !c.onSceneAt ? held('on_scene', c.onSceneBy) : held('resolve', c.resolveBy);
    case 'on_scene':
      return held('resolve', c.resolveBy);
    default:
      return null;
  }
}

export interface EscalationState extends CaseClockFacts {
  /** When the deadlines started running (the dispatch they were computed from). */
  startedAt: Date;
  clock: SlaClock;
  /** The level already applied for the deadline in force (0 after a new stage starts). */
  level: number;
}

export interface EscalationStep {
  level: 1 | 2;
  target: (typeof ESCALATION_TARGETS)[1 | 2];
  /** The first instant at which this step was due (a sweep that ran late still dates it right). */
  dueSince: Date;
}

export interface EscalationDue {
  kind: DeadlineKind;
  deadline: Date;
  from: EscalationLevel;
  to: 1 | 2;
  /** Every level passed on the way, in order: a sweep that missed level 1 still notifies the head. */
  steps: EscalationStep[];
}

const clampLevel = (level: number): EscalationLevel => (level >= 2 ? 2 : level >= 1 ? 1 : 0);

/** The first instant at which each level falls due for the deadline in force. */
function levelThresholds(state: EscalationState, cal: WorkCalendar, rule: EscalationRule) {
  const held = deadlineInForce(state);
  if (!held) return null;
  const window = { startedAt: state.startedAt, deadline: held.deadline, clock: state.clock };
  return { held, window, at: { 1: held.deadline.getTime() + 1, 2: districtEscalationAt(window, cal, rule).getTime() + 1 } };
}

/**
 * The escalation due now, or null. Pure, so a database sweep can ask it of each row it locked:
 * it stores `to` as the case's level and one timeline event per step. Once `to` is stored, asking
 * again at the same instant (or any earlier one) gives null, so a sweep that runs twice, or two
 * sweeps racing, never escalate a case twice.
 */
export function nextEscalation(state: EscalationState, now: Date, cal: WorkCalendar, rule: EscalationRule = DEFAULT_ESCALATION_RULE): EscalationDue | null {
  const from = clampLevel(state.level);
  if (from === 2) return null;
  const th = levelThresholds(state, cal, rule);
  if (!th) return null;
  const reached = escalationLevel(th.window, now, cal, rule);
  if (reached <= from) return null;
  const steps: EscalationStep[] = [];
  for (let level = from + 1; level <= reached; level++) {
    const l = level as 1 | 2;
    steps.push({ level: l, target: ESCALATION_TARGETS[l], dueSince: new Date(th.at[l]) });
  }
  return { kind: th.held.kind, deadline: th.held.deadline, from, to: reached as 1 | 2, steps };
}

/**
 * When the sweep should next look at the case (store it as next_escalation_at and select
 * `<= now`), or null when nothing more can fall due. nextEscalation(state, now) is non-null
 * exactly when now ≥ this instant.
 */
export function nextEscalationAt(state: EscalationState, cal: WorkCalendar, rule: EscalationRule = DEFAULT_ESCALATION_RULE): Date | null {
  const from = clampLevel(state.level);
  if (from === 2) return null;
  const th = levelThresholds(state, cal, rule);
  return th ? new Date(th.at[(from + 1) as 1 | 2]) : null;
}
