import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOnClock,
  addWorkingTime,
  DEFAULT_CALENDAR,
  DEFAULT_POLICIES,
  deadlineInForce,
  deadlinesFor,
  districtEscalationAt,
  dueSoon,
  escalationLevel,
  type EscalationState,
  isWorkingDate,
  isWorkingTime,
  localDateOf,
  minutesOnClock,
  nextEscalation,
  nextEscalationAt,
  pickPolicy,
  settingsProblem,
  type SlaPolicy,
  type WorkCalendar,
  workingMinutesBetween,
} from './deadlines.js';
import { CASE_STATUSES, PRIORITIES } from './workflow.js';

/** Beijing time as a Date. 2026-11-23 is a Monday. */
const bj = (local: string) => new Date(`${local}+08:00`);
const cal = DEFAULT_CALENDAR;
const MIN = 60_000;
const WORKING_DAY = 450;

describe('working time in the default calendar', () => {
  it('skips the lunch break, the evening and the weekend', () => {
    expect(addWorkingTime(bj('2026-11-23T11:00:00'), 90, cal)).toEqual(bj('2026-11-23T14:00:00'));
    // A Friday 17:00 request with four working hours: one hour on Friday, three on Monday morning.
    expect(addWorkingTime(bj('2026-11-27T17:00:00'), 240, cal)).toEqual(bj('2026-11-30T12:00:00'));
    expect(addWorkingTime(bj('2026-11-28T10:00:00'), 30, cal)).toEqual(bj('2026-11-30T09:30:00'));
    expect(addWorkingTime(bj('2026-11-29T23:59:00'), 30, cal)).toEqual(bj('2026-11-30T09:30:00'));
  });

  it('counts from the next working period when it starts outside one', () => {
    expect(addWorkingTime(bj('2026-11-23T07:00:00'), 1, cal)).toEqual(bj('2026-11-23T09:01:00'));
    expect(addWorkingTime(bj('2026-11-23T12:45:00'), 1, cal)).toEqual(bj('2026-11-23T13:31:00'));
    expect(addWorkingTime(bj('2026-11-23T18:00:00'), 1, cal)).toEqual(bj('2026-11-24T09:01:00'));
  });

  it('ends exactly at a boundary rather than at the start of the next period', () => {
    expect(addWorkingTime(bj('2026-11-23T07:00:00'), 180, cal)).toEqual(bj('2026-11-23T12:00:00'));
    expect(addWorkingTime(bj('2026-11-23T09:00:00'), WORKING_DAY, cal)).toEqual(bj('2026-11-23T18:00:00'));
    expect(addWorkingTime(bj('2026-11-23T12:00:00'), 1, cal)).toEqual(bj('2026-11-23T13:31:00'));
    expect(addWorkingTime(bj('2026-11-23T13:30:00'), 270, cal)).toEqual(bj('2026-11-23T18:00:00'));
    expect(addWorkingTime(bj('2026-11-23T13:30:00'), 271, cal)).toEqual(bj('2026-11-24T09:01:00'));
  });

  it('takes zero minutes as the start itself, in or out of working time', () => {
    expect(addWorkingTime(bj('2026-11-23T20:00:00'), 0, cal)).toEqual(bj('2026-11-23T20:00:00'));
    expect(addWorkingTime(bj('2026-11-23T10:00:00'), 0, cal)).toEqual(bj('2026-11-23T10:00:00'));
    expect(workingMinutesBetween(bj('2026-11-23T10:00:00'), bj('2026-11-23T10:00:00'), cal)).toBe(0);
  });

  it('refuses negative or impossible counts and calendars without working time', () => {
    expect(() => addWorkingTime(bj('2026-11-23T10:00:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingTime(bj('2026-11-23T10:00:00'), Number.NaN, cal)).toThrow(RangeError);
    expect(() => addWorkingTime(bj('2026-11-23T10:00:00'), 1, { ...cal, hours: [] })).toThrow(/no working time/);
    expect(() => addWorkingTime(bj('2026-11-23T10:00:00'), 1, { ...cal, workdays: [] })).toThrow(/no working time/);
    expect(() => addWorkingTime(bj('2026-11-23T10:00:00'), 1, { ...cal, workdays: [8] })).toThrow(/no working day in ten years/);
  });

  it('spans weeks in a handful of steps: thirty working days', () => {
    expect(addWorkingTime(bj('2026-11-02T09:00:00'), 30 * WORKING_DAY, cal)).toEqual(bj('2026-12-11T18:00:00'));
    // A whole year: 2026 begins on a Thursday and has 261 weekdays.
    expect(workingMinutesBetween(bj('2026-01-01T00:00:00'), bj('2027-01-01T00:00:00'), cal)).toBe(261 * WORKING_DAY);
  });

  it('measures working minutes, parts of periods included, and nothing backwards', () => {
    expect(workingMinutesBetween(bj('2026-11-23T11:00:00'), bj('2026-11-23T14:00:00'), cal)).toBe(90);
    expect(workingMinutesBetween(bj('2026-11-27T17:00:00'), bj('2026-11-30T12:00:00'), cal)).toBe(240);
    expect(workingMinutesBetween(bj('2026-11-28T00:00:00'), bj('2026-11-29T23:59:59'), cal)).toBe(0);
    expect(workingMinutesBetween(bj('2026-11-23T10:00:30'), bj('2026-11-23T10:01:00'), cal)).toBe(0.5);
    expect(workingMinutesBetween(bj('2026-11-23T14:00:00'), bj('2026-11-23T11:00:00'), cal)).toBe(0);
  });

  it('tells working time and local dates', () => {
    expect(isWorkingTime(bj('2026-11-23T09:00:00'), cal)).toBe(true);
    expect(isWorkingTime(bj('2026-11-23T11:59:59'), cal)).toBe(true);
    expect(isWorkingTime(bj('2026-11-23T12:00:00'), cal)).toBe(false);
    expect(isWorkingTime(bj('2026-11-28T10:00:00'), cal)).toBe(false);
    // 23:30 UTC on Sunday is 07:30 on Monday in Beijing.
    expect(localDateOf(new Date('2026-11-22T23:30:00Z'), cal)).toBe('2026-11-23');
    expect(isWorkingDate('2026-11-23', cal)).toBe(true);
    expect(isWorkingDate('2026-11-22', cal)).toBe(false);
    expect(() => isWorkingDate('someday', cal)).toThrow(RangeError);
  });
});

describe('holidays and make-up working days (调休)', () => {
  // An illustrative National Day arrangement: 1–7 October off, Sunday 27 September and Saturday 10 October worked.
  const festival: WorkCalendar = {
    ...cal,
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    extraWorkdays: ['2026-09-27', '2026-10-10'],
  };

  it('passes over the holidays and works the make-up days', () => {
    expect(isWorkingDate('2026-10-01', festival)).toBe(false);
    expect(isWorkingDate('2026-10-10', festival)).toBe(true);
    expect(isWorkingDate('2026-09-27', festival)).toBe(true);
    // The evening of 30 September: the next working hour is on Thursday 8 October.
    expect(addWorkingTime(bj('2026-09-30T17:30:00'), 60, festival)).toEqual(bj('2026-10-08T09:30:00'));
    // Friday evening before the make-up Saturday.
    expect(addWorkingTime(bj('2026-10-09T17:30:00'), 60, festival)).toEqual(bj('2026-10-10T09:30:00'));
    // Friday evening before the make-up Sunday: Saturday passes, Sunday is worked.
    expect(addWorkingTime(bj('2026-09-25T17:30:00'), 60, festival)).toEqual(bj('2026-09-27T09:30:00'));
    // Without the arrangement the same request would be due on 1 October.
    expect(addWorkingTime(bj('2026-09-30T17:30:00'), 60, cal)).toEqual(bj('2026-10-01T09:30:00'));
    // 1–9 October: two ordinary working days (8, 9) remain.
    expect(workingMinutesBetween(bj('2026-10-01T00:00:00'), bj('2026-10-10T00:00:00'), festival)).toBe(2 * WORKING_DAY);
  });

  it('lets a make-up day win over a holiday listed by mistake on the same date', () => {
    expect(isWorkingDate('2026-10-10', { ...festival, holidays: [...festival.holidays, '2026-10-10'] })).toBe(true);
  });
});

describe('time zones', () => {
  const berlin: WorkCalendar = { timeZone: 'Europe/Berlin', utcOffsetMinutes: 60, workdays: [1, 2, 3, 4, 5], hours: [{ start: '09:00', end: '17:00' }], holidays: [], extraWorkdays: [] };
  const allDay = (timeZone: string): WorkCalendar => ({ timeZone, utcOffsetMinutes: 0, workdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ start: '00:00', end: '24:00' }], holidays: [], extraWorkdays: [] });

  it('follows summer time where the zone keeps it', () => {
    // Berlin moves to summer time on Sunday 29 March 2026: Friday 16:00 CET plus two hours is Monday 10:00 CEST.
    expect(addWorkingTime(new Date('2026-03-27T16:00:00+01:00'), 120, berlin)).toEqual(new Date('2026-03-30T10:00:00+02:00'));
    // A fixed offset of +1 h knows nothing of it and is an hour late.
    expect(addWorkingTime(new Date('2026-03-27T16:00:00+01:00'), 120, { ...berlin, timeZone: undefined })).toEqual(new Date('2026-03-30T10:00:00+01:00'));
    // New York's change is on 8 March.
    const ny: WorkCalendar = { ...berlin, timeZone: 'America/New_York', utcOffsetMinutes: -300 };
    expect(addWorkingTime(new Date('2026-03-06T16:00:00-05:00'), 120, ny)).toEqual(new Date('2026-03-09T10:00:00-04:00'));
  });

  it('counts the days the clocks change as 23 and 25 hours long, and the skipped hour as none', () => {
    const day = (from: string, to: string) => workingMinutesBetween(new Date(from), new Date(to), allDay('Europe/Berlin'));
    expect(day('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * 60);
    expect(day('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * 60);
    const nightShift: WorkCalendar = { ...allDay('Europe/Berlin'), hours: [{ start: '01:00', end: '04:00' }] };
    expect(workingMinutesBetween(new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00'), nightShift)).toBe(120);
    // A period inside the skipped hour moves forward by the hour, into the next period, and counts once.
    const skipped: WorkCalendar = { ...nightShift, hours: [{ start: '02:30', end: '02:45' }, { start: '03:00', end: '04:00' }] };
    expect(workingMinutesBetween(new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00'), skipped)).toBe(60);
    expect(addWorkingTime(new Date('2026-03-29T00:00:00+01:00'), 60, skipped)).toEqual(new Date('2026-03-29T04:00:00+02:00'));
    // On the night the clocks go back, 02:00–03:00 happens twice and is worked twice.
    expect(workingMinutesBetween(new Date('2026-10-25T00:00:00+02:00'), new Date('2026-10-26T00:00:00+01:00'), nightShift)).toBe(240);
  });

  it('reads holidays in local dates', () => {
    const ny: WorkCalendar = { ...berlin, timeZone: 'America/New_York', utcOffsetMinutes: -300, holidays: ['2026-11-26'] };
    // 02:00 UTC on Friday 27 November is Thursday evening (Thanksgiving) in New York.
    expect(localDateOf(new Date('2026-11-27T02:00:00Z'), ny)).toBe('2026-11-26');
    expect(addWorkingTime(new Date('2026-11-25T16:30:00-05:00'), 60, ny)).toEqual(new Date('2026-11-27T09:30:00-05:00'));
  });

  it('agrees with a fixed offset for a zone that keeps none', () => {
    const fixed = { ...cal, timeZone: undefined };
    const utcMinus5 = { ...cal, timeZone: 'Etc/GMT+5', utcOffsetMinutes: 0 };
    const fixedMinus5 = { ...cal, timeZone: undefined, utcOffsetMinutes: -300 };
    fc.assert(
      fc.property(anyInstant, anyMinutes, (t, m) => {
        expect(addWorkingTime(t, m, cal)).toEqual(addWorkingTime(t, m, fixed));
        expect(addWorkingTime(t, m, utcMinus5)).toEqual(addWorkingTime(t, m, fixedMinus5));
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, over the default calendar and over random calendars in zones that change their clocks
// ---------------------------------------------------------------------------------------------

const anyInstant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
const anyMinutes = fc.integer({ min: 0, max: 40 * WORKING_DAY });

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC', undefined] as const;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const anyHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 2, maxLength: 6 })
  .filter((xs) => xs.length % 2 === 0)
  .map((xs) => {
    const sorted = [...xs].sort((a, b) => a - b).map((x) => x * 30);
    const hours: { start: string; end: string }[] = [];
    for (let i = 0; i < sorted.length; i += 2) hours.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    return hours;
  });
const anyLocalDate = fc.integer({ min: 0, max: 4 * 366 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const anyCalendar: fc.Arbitrary<WorkCalendar> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  utcOffsetMinutes: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
  workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  hours: anyHours,
  holidays: fc.array(anyLocalDate, { maxLength: 40 }),
  extraWorkdays: fc.array(anyLocalDate, { maxLength: 10 }),
});
const calendars = fc.oneof({ weight: 1, arbitrary: fc.constant(DEFAULT_CALENDAR) }, { weight: 3, arbitrary: anyCalendar });

describe('properties of working time', () => {
  it('measures back exactly the working time it added', () => {
    fc.assert(fc.property(calendars, anyInstant, anyMinutes, (c, t, m) => workingMinutesBetween(t, addWorkingTime(t, m, c), c) === m));
  });

  it('adds in steps the same as at once', () => {
    fc.assert(
      fc.property(calendars, anyInstant, anyMinutes, anyMinutes, (c, t, a, b) => {
        // Inside working time (the property the brief asks for) and from anywhere else as well.
        const inside = addWorkingTime(t, 1, c);
        for (const start of [t, inside]) expect(addWorkingTime(addWorkingTime(start, a, c), b, c)).toEqual(addWorkingTime(start, a + b, c));
      }),
    );
  });

  it('never goes backwards as the minutes grow', () => {
    fc.assert(fc.property(calendars, anyInstant, anyMinutes, anyMinutes, (c, t, a, b) => addWorkingTime(t, Math.min(a, b), c).getTime() <= addWorkingTime(t, Math.max(a, b), c).getTime()));
  });

  it('never goes backwards as the start moves later', () => {
    fc.assert(fc.property(calendars, anyInstant, anyInstant, anyMinutes, (c, s, u, m) => addWorkingTime(s < u ? s : u, m, c).getTime() <= addWorkingTime(s < u ? u : s, m, c).getTime()));
  });

  it('ends inside working time when it adds any', () => {
    fc.assert(
      fc.property(calendars, anyInstant, fc.integer({ min: 1, max: 40 * WORKING_DAY }), (c, t, m) => {
        const end = addWorkingTime(t, m, c);
        // The millisecond just before the deadline was worked (the deadline may be a period's end).
        expect(isWorkingTime(new Date(end.getTime() - 1), c)).toBe(true);
        expect(workingMinutesBetween(new Date(end.getTime() - MIN), end, c)).toBeGreaterThan(0);
      }),
    );
  });

  it('adds up over a split of the span', () => {
    fc.assert(
      fc.property(calendars, anyInstant, anyInstant, anyInstant, (c, ...ts) => {
        const [a, b, d] = ts.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        const whole = workingMinutesBetween(a, d, c);
        expect(Math.abs(whole - workingMinutesBetween(a, b, c) - workingMinutesBetween(b, d, c))).toBeLessThan(1e-9);
        expect(whole).toBeLessThanOrEqual((d.getTime() - a.getTime()) / MIN);
      }),
    );
  });
});

describe('service-level policies', () => {
  const policies: SlaPolicy[] = [
    ...DEFAULT_POLICIES,
    { categoryCode: 'gas-leaks', priority: null, acceptMinutes: 10, onSceneMinutes: 30, resolveMinutes: 240, clock: 'calendar' },
    { categoryCode: 'gas-leaks', priority: 'low', acceptMinutes: 20, onSceneMinutes: 60, resolveMinutes: 480, clock: 'calendar' },
    { categoryCode: 'gas-leaks', priority: 'low', acceptMinutes: 25, onSceneMinutes: 60, resolveMinutes: 480, clock: 'calendar' },
  ];

  it('picks the most specific policy, the first of equals', () => {
    expect(pickPolicy(policies, 'gas-leaks', 'low').acceptMinutes).toBe(20);
    expect(pickPolicy(policies, 'gas-leaks', 'normal').acceptMinutes).toBe(10);
    expect(pickPolicy(policies, 'gas-leaks', 'urgent').acceptMinutes).toBe(10);
    expect(pickPolicy(policies, 'street-lights', 'urgent')).toMatchObject({ clock: 'calendar', acceptMinutes: 30 });
    expect(pickPolicy(policies, null, 'normal')).toMatchObject({ priority: null, categoryCode: null });
    expect(pickPolicy([], null, 'normal')).toMatchObject({ priority: null, categoryCode: null, acceptMinutes: 240 });
  });

  it('always picks a policy that applies, and none more specific exists', () => {
    const anyPolicy = fc.record({
      categoryCode: fc.constantFrom(null, 'a', 'b'),
      priority: fc.constantFrom(null, ...PRIORITIES),
      acceptMinutes: fc.integer({ min: 1, max: 100 }),
      onSceneMinutes: fc.constant(null),
      resolveMinutes: fc.integer({ min: 100, max: 1000 }),
      clock: fc.constantFrom('working' as const, 'calendar' as const),
    });
    const rank = (p: SlaPolicy) => (p.categoryCode !== null ? 2 : 0) + (p.priority !== null ? 1 : 0);
    fc.assert(
      fc.property(fc.array(anyPolicy, { maxLength: 8 }), fc.constantFrom(null, 'a', 'b', 'c'), fc.constantFrom(...PRIORITIES), (ps, category, priority) => {
        const chosen = pickPolicy(ps, category, priority);
        const applies = (p: SlaPolicy) => (p.categoryCode === null || p.categoryCode === category) && (p.priority === null || p.priority === priority);
        expect(applies(chosen)).toBe(true);
        expect(ps.filter(applies).every((p) => rank(p) <= rank(chosen))).toBe(true);
      }),
    );
  });

  it('gives every priority of the defaults deadlines in order: accept, then on scene, then resolve', () => {
    for (const priority of PRIORITIES) {
      const p = pickPolicy(DEFAULT_POLICIES, null, priority);
      expect(p.acceptMinutes).toBeLessThanOrEqual(p.onSceneMinutes ?? p.resolveMinutes);
      expect(p.onSceneMinutes ?? 0).toBeLessThanOrEqual(p.resolveMinutes);
    }
    expect(settingsProblem(DEFAULT_CALENDAR, DEFAULT_POLICIES)).toBeNull();
  });

  it('sets an urgent case’s deadlines on the calendar, day and night', () => {
    const d = deadlinesFor(bj('2026-11-28T23:00:00'), pickPolicy(DEFAULT_POLICIES, null, 'urgent'), cal);
    expect(d).toEqual({ acceptBy: bj('2026-11-28T23:30:00'), onSceneBy: bj('2026-11-29T01:00:00'), resolveBy: bj('2026-11-29T23:00:00') });
  });

  it('sets a normal case’s deadlines in working time', () => {
    const d = deadlinesFor(bj('2026-11-27T17:00:00'), pickPolicy(DEFAULT_POLICIES, null, 'normal'), cal);
    // Four working hours: Monday noon. Five working days of 7.5 h: one hour on Friday, Monday to Thursday, and 6.5 h of the next Friday.
    expect(d).toEqual({ acceptBy: bj('2026-11-30T12:00:00'), onSceneBy: null, resolveBy: bj('2026-12-04T17:00:00') });
  });

  it('gives a high-priority case someone on the scene within a working day', () => {
    const d = deadlinesFor(bj('2026-11-23T10:00:00'), pickPolicy(DEFAULT_POLICIES, null, 'high'), cal);
    expect(d).toEqual({ acceptBy: bj('2026-11-23T12:00:00'), onSceneBy: bj('2026-11-24T10:00:00'), resolveBy: bj('2026-11-26T10:00:00') });
  });

  it('counts on either clock alike through addOnClock and minutesOnClock', () => {
    expect(addOnClock(bj('2026-11-27T17:00:00'), 120, 'calendar', cal)).toEqual(bj('2026-11-27T19:00:00'));
    expect(minutesOnClock(bj('2026-11-27T17:00:00'), bj('2026-11-30T10:00:00'), 'working', cal)).toBe(120);
    expect(minutesOnClock(bj('2026-11-27T17:00:00'), bj('2026-11-30T10:00:00'), 'calendar', cal)).toBe(65 * 60);
    expect(minutesOnClock(bj('2026-11-30T10:00:00'), bj('2026-11-27T17:00:00'), 'calendar', cal)).toBe(0);
  });
});

describe('settings a place may save', () => {
  it('refuses hours out of order, policies that resolve before accepting, and a set without a default', () => {
    expect(settingsProblem(DEFAULT_CALENDAR, DEFAULT_POLICIES)).toBeNull();
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [] }, undefined)).toBe('case_calendar_empty');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '13:00', end: '12:00' }] }, undefined)).toBe('case_calendar_hours_invalid');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '14:00' }] }, undefined)).toBe('case_calendar_hours_invalid');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '9:00', end: '12:00' }] }, undefined)).toBe('case_calendar_hours_invalid');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '20:00', end: '24:30' }] }, undefined)).toBe('case_calendar_hours_invalid');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '20:00', end: '24:00' }] }, undefined)).toBeNull();
    expect(settingsProblem(undefined, [{ categoryCode: null, priority: null, acceptMinutes: 600, onSceneMinutes: null, resolveMinutes: 60, clock: 'working' }])).toBe('case_policy_invalid');
    expect(settingsProblem(undefined, [{ categoryCode: null, priority: null, acceptMinutes: -5, onSceneMinutes: null, resolveMinutes: 60, clock: 'working' }])).toBe('case_policy_invalid');
    expect(settingsProblem(undefined, [{ categoryCode: 'parks', priority: null, acceptMinutes: 60, onSceneMinutes: null, resolveMinutes: 600, clock: 'working' }])).toBe('case_policy_default_missing');
  });

  it('refuses an unknown time zone, a weekday outside 1–7 and a date that does not exist', () => {
    expect(settingsProblem({ ...DEFAULT_CALENDAR, timeZone: 'Asia/Atlantis' }, undefined)).toBe('validation_failed');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, workdays: [0, 1] }, undefined)).toBe('validation_failed');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, holidays: ['2026-02-30'] }, undefined)).toBe('validation_failed');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, timeZone: 'Europe/Berlin', holidays: ['2026-12-25'] }, undefined)).toBeNull();
  });
});

describe('escalation', () => {
  // A normal case dispatched at 17:00 on Friday must be accepted by Monday noon.
  const startedAt = bj('2026-11-27T17:00:00');
  const window = { startedAt, deadline: bj('2026-11-30T12:00:00'), clock: 'working' as const };
  const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

  it('goes to the department head once the deadline passes, to the district after as long again', () => {
    expect(escalationLevel(window, bj('2026-11-30T11:59:00'), cal)).toBe(0);
    expect(escalationLevel(window, bj('2026-11-30T12:00:00'), cal)).toBe(0);
    expect(escalationLevel(window, ms(bj('2026-11-30T12:00:00'), 1), cal)).toBe(1);
    // The four working hours again: 13:30 to 17:30 on Monday.
    expect(districtEscalationAt(window, cal)).toEqual(bj('2026-11-30T17:30:00'));
    expect(escalationLevel(window, bj('2026-11-30T17:30:00'), cal)).toBe(1);
    expect(escalationLevel(window, ms(bj('2026-11-30T17:30:00'), 1), cal)).toBe(2);
  });

  it('takes a fixed grace when the place sets one, on the policy’s clock', () => {
    expect(districtEscalationAt(window, cal, { graceMinutes: 60 })).toEqual(bj('2026-11-30T14:30:00'));
    expect(districtEscalationAt(window, cal, { graceMinutes: 0 })).toEqual(window.deadline);
    const urgent = { startedAt: bj('2026-11-28T10:00:00'), deadline: bj('2026-11-28T10:30:00'), clock: 'calendar' as const };
    expect(districtEscalationAt(urgent, cal)).toEqual(bj('2026-11-28T11:00:00'));
    expect(escalationLevel(urgent, bj('2026-11-28T10:45:00'), cal)).toBe(1);
    expect(escalationLevel(urgent, bj('2026-11-28T11:01:00'), cal)).toBe(2);
  });

  it('is due soon within the window, in calendar or in working minutes, and not once passed', () => {
    const deadline = bj('2026-11-30T09:30:00');
    expect(dueSoon(deadline, bj('2026-11-30T09:00:00'), 30)).toBe(true);
    expect(dueSoon(deadline, bj('2026-11-30T08:59:00'), 30)).toBe(false);
    expect(dueSoon(deadline, deadline, 0)).toBe(true);
    expect(dueSoon(deadline, ms(deadline, 1), 30)).toBe(false);
    // On Friday evening a Monday 9:30 deadline is 45 working minutes away, though 63 hours on the clock.
    expect(dueSoon(deadline, bj('2026-11-27T17:45:00'), 60, cal)).toBe(true);
    expect(dueSoon(deadline, bj('2026-11-27T17:45:00'), 60)).toBe(false);
  });

  const dispatched: EscalationState = { status: 'dispatched', acceptBy: window.deadline, onSceneBy: null, onSceneAt: null, resolveBy: bj('2026-12-04T17:00:00'), startedAt, clock: 'working', level: 0 };

  it('reads the deadline in force from the status', () => {
    expect(deadlineInForce(dispatched)).toEqual({ kind: 'accept', deadline: window.deadline });
    expect(deadlineInForce({ ...dispatched, status: 'accepted' })).toEqual({ kind: 'resolve', deadline: dispatched.resolveBy });
    const onScene = bj('2026-11-28T17:00:00');
    expect(deadlineInForce({ ...dispatched, status: 'accepted', onSceneBy: onScene })).toEqual({ kind: 'on_scene', deadline: onScene });
    expect(deadlineInForce({ ...dispatched, status: 'accepted', onSceneBy: onScene, onSceneAt: onScene })).toEqual({ kind: 'resolve', deadline: dispatched.resolveBy });
    for (const status of ['received', 'returned', 'suspended', 'resolved', 'closed', 'merged'] as const) expect(deadlineInForce({ ...dispatched, status })).toBeNull();
  });

  it('says which escalation is due now, with every step a late sweep passed over', () => {
    expect(nextEscalation(dispatched, bj('2026-11-30T11:00:00'), cal)).toBeNull();
    expect(nextEscalationAt(dispatched, cal)).toEqual(ms(window.deadline, 1));
    expect(nextEscalation(dispatched, bj('2026-11-30T13:00:00'), cal)).toEqual({
      kind: 'accept',
      deadline: window.deadline,
      from: 0,
      to: 1,
      steps: [{ level: 1, target: 'department_head', dueSince: ms(window.deadline, 1) }],
    });
    expect(nextEscalation(dispatched, bj('2026-12-01T09:00:00'), cal)?.steps.map((s) => [s.target, s.dueSince])).toEqual([
      ['department_head', ms(window.deadline, 1)],
      ['district', ms(bj('2026-11-30T17:30:00'), 1)],
    ]);
    expect(nextEscalationAt({ ...dispatched, level: 1 }, cal)).toEqual(ms(bj('2026-11-30T17:30:00'), 1));
    expect(nextEscalation({ ...dispatched, level: 1 }, bj('2026-12-01T09:00:00'), cal)).toMatchObject({ from: 1, to: 2, steps: [{ level: 2, target: 'district' }] });
    expect(nextEscalation({ ...dispatched, level: 2 }, bj('2026-12-31T09:00:00'), cal)).toBeNull();
    expect(nextEscalationAt({ ...dispatched, level: 2 }, cal)).toBeNull();
    expect(nextEscalation({ ...dispatched, status: 'suspended' }, bj('2026-12-31T09:00:00'), cal)).toBeNull();
    expect(nextEscalationAt({ ...dispatched, status: 'resolved' }, cal)).toBeNull();
  });

  const anyState: fc.Arbitrary<EscalationState> = fc
    .record({
      status: fc.constantFrom(...CASE_STATUSES),
      startedAt: anyInstant,
      accept: fc.integer({ min: 0, max: 3000 }),
      onScene: fc.option(fc.integer({ min: 0, max: 3000 })),
      resolve: fc.integer({ min: 0, max: 6000 }),
      arrived: fc.boolean(),
      clock: fc.constantFrom('working' as const, 'calendar' as const),
      level: fc.constantFrom(0, 1, 2),
    })
    .map((r) => {
      const d = deadlinesFor(r.startedAt, { categoryCode: null, priority: null, acceptMinutes: r.accept, onSceneMinutes: r.onScene, resolveMinutes: r.resolve, clock: r.clock }, cal);
      return { status: r.status, ...d, onSceneAt: r.arrived ? r.startedAt : null, startedAt: r.startedAt, clock: r.clock, level: r.level };
    });
  const anyRule = fc.oneof(fc.constant({ graceMinutes: null }), fc.record({ graceMinutes: fc.integer({ min: 0, max: 3000 }) }));

  it('escalates once: applying the answer leaves nothing due at the same instant', () => {
    fc.assert(
      fc.property(anyState, anyInstant, anyRule, (state, now, rule) => {
        const due = nextEscalation(state, now, cal, rule);
        if (!due) return;
        expect(due.to).toBeGreaterThan(state.level);
        expect(due.steps.map((s) => s.level)).toEqual([1, 2].filter((l) => l > state.level && l <= due.to));
        expect(due.steps.every((s) => s.dueSince.getTime() <= now.getTime())).toBe(true);
        expect(nextEscalation({ ...state, level: due.to }, now, cal, rule)).toBeNull();
      }),
    );
  });

  it('agrees with the instant it gives the sweep, and reaches the same level however often the sweep runs', () => {
    fc.assert(
      fc.property(anyState, anyInstant, anyInstant, anyRule, (state, t1, t2, rule) => {
        const [early, late] = t1 < t2 ? [t1, t2] : [t2, t1];
        const at = nextEscalationAt(state, cal, rule);
        expect(nextEscalation(state, early, cal, rule) !== null).toBe(at !== null && at.getTime() <= early.getTime());
        const step = (s: EscalationState, now: Date) => ({ ...s, level: nextEscalation(s, now, cal, rule)?.to ?? s.level });
        expect(step(step(state, early), late).level).toBe(step(state, late).level);
      }),
    );
  });
});
