import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingTime, DEFAULT_CALENDAR, DEFAULT_POLICIES, deadlinesFor, isWorkingDay, pickPolicy, settingsProblem, workingMinutesBetween, type WorkCalendar } from './deadlines.js';

/** Local Shenzhen time as a Date. */
const sz = (local: string) => new Date(`${local}+08:00`);
const cal = DEFAULT_CALENDAR;

describe('working time', () => {
  it('skips the lunch break, the evening and the weekend', () => {
    expect(addWorkingTime(sz('2026-11-23T11:00:00'), 90, cal)).toEqual(sz('2026-11-23T14:00:00'));
    // Friday 17:00 plus four working hours: one hour on Friday, three on Monday morning.
    expect(addWorkingTime(sz('2026-11-27T17:00:00'), 240, cal)).toEqual(sz('2026-11-30T12:00:00'));
    expect(addWorkingTime(sz('2026-11-28T10:00:00'), 30, cal)).toEqual(sz('2026-11-30T09:30:00'));
  });

  it('counts from the next working period when it starts outside one, and ends exactly at a boundary', () => {
    expect(addWorkingTime(sz('2026-11-23T07:00:00'), 180, cal)).toEqual(sz('2026-11-23T12:00:00'));
    expect(addWorkingTime(sz('2026-11-23T12:00:00'), 1, cal)).toEqual(sz('2026-11-23T13:31:00'));
    expect(addWorkingTime(sz('2026-11-23T20:00:00'), 0, cal)).toEqual(sz('2026-11-23T20:00:00'));
  });

  it('honours holidays and the weekend days worked in their place', () => {
    const festival: WorkCalendar = { ...cal, holidays: ['2026-10-01', '2026-10-02'], extraWorkdays: ['2026-10-10'] };
    expect(isWorkingDay(sz('2026-10-01T00:00:00').getTime(), festival)).toBe(false);
    expect(isWorkingDay(sz('2026-10-10T00:00:00').getTime(), festival)).toBe(true);
    // The national-day holidays and the weekend after them pass; the make-up Saturday is worked.
    expect(addWorkingTime(sz('2026-09-30T17:30:00'), 60, festival)).toEqual(sz('2026-10-05T09:30:00'));
    expect(addWorkingTime(sz('2026-10-09T17:30:00'), 60, festival)).toEqual(sz('2026-10-10T09:30:00'));
  });

  it('spans weeks quickly: thirty working days', () => {
    const end = addWorkingTime(sz('2026-11-02T09:00:00'), 30 * 450, cal);
    expect(end).toEqual(sz('2026-12-11T18:00:00'));
  });

  const anyInstant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
  const anyMinutes = fc.integer({ min: 0, max: 20_000 });

  it('measures back exactly the working time it added', () => {
    fc.assert(fc.property(anyInstant, anyMinutes, (t, m) => Math.abs(workingMinutesBetween(t, addWorkingTime(t, m, cal), cal) - m) < 1e-6));
  });

  it('adds in steps the same as at once, and never goes backwards', () => {
    fc.assert(
      fc.property(anyInstant, anyMinutes, anyMinutes, (t, a, b) => {
        const once = addWorkingTime(t, a + b, cal).getTime();
        const stepped = addWorkingTime(addWorkingTime(t, a, cal), b, cal).getTime();
        const start = addWorkingTime(t, 0, cal).getTime();
        return (a === 0 || b === 0 || once === stepped) && addWorkingTime(t, a, cal).getTime() <= once && once >= start;
      }),
    );
  });

  it('always ends inside working time', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 20_000 }), (t, m) => {
        const end = addWorkingTime(t, m, cal);
        // The minute before the end was worked.
        return workingMinutesBetween(new Date(end.getTime() - 60_000), end, cal) === 1;
      }),
    );
  });
});

describe('service-level policies', () => {
  const policies = [
    ...DEFAULT_POLICIES,
    { categoryCode: 'gas-leaks', priority: null, acceptMinutes: 10, onSceneMinutes: 30, resolveMinutes: 240, clock: 'calendar' as const },
    { categoryCode: 'gas-leaks', priority: 'low' as const, acceptMinutes: 20, onSceneMinutes: 60, resolveMinutes: 480, clock: 'calendar' as const },
  ];

  it('picks the most specific policy', () => {
    expect(pickPolicy(policies, 'gas-leaks', 'low').acceptMinutes).toBe(20);
    expect(pickPolicy(policies, 'gas-leaks', 'normal').acceptMinutes).toBe(10);
    expect(pickPolicy(policies, 'street-lights', 'urgent').clock).toBe('calendar');
    expect(pickPolicy(policies, null, 'normal')).toMatchObject({ priority: null, categoryCode: null });
    expect(pickPolicy([], null, 'normal')).toMatchObject({ priority: null });
  });

  it('runs urgent cases on the calendar, night and weekend included', () => {
    const d = deadlinesFor(sz('2026-11-28T23:00:00'), pickPolicy(DEFAULT_POLICIES, null, 'urgent'), cal);
    expect(d.acceptBy).toEqual(sz('2026-11-28T23:30:00'));
    expect(d.onSceneBy).toEqual(sz('2026-11-29T01:00:00'));
  });

  it('gives a normal case four working hours to accept and five working days to resolve', () => {
    const d = deadlinesFor(sz('2026-11-23T10:00:00'), pickPolicy(DEFAULT_POLICIES, null, 'normal'), cal);
    expect(d.acceptBy).toEqual(sz('2026-11-23T15:30:00'));
    expect(d.onSceneBy).toBeNull();
    expect(d.resolveBy).toEqual(sz('2026-11-30T10:00:00'));
  });
});

describe('settings a place may save', () => {
  it('refuses hours out of order, policies that resolve before accepting, and a set without a default', () => {
    expect(settingsProblem(DEFAULT_CALENDAR, DEFAULT_POLICIES)).toBeNull();
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '13:00', end: '12:00' }] }, undefined)).toBe('case_calendar_hours_invalid');
    expect(settingsProblem({ ...DEFAULT_CALENDAR, hours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '14:00' }] }, undefined)).toBe('case_calendar_hours_invalid');
    expect(settingsProblem(undefined, [{ categoryCode: null, priority: null, acceptMinutes: 600, onSceneMinutes: null, resolveMinutes: 60, clock: 'working' }])).toBe('case_policy_invalid');
    expect(settingsProblem(undefined, [{ categoryCode: 'parks', priority: null, acceptMinutes: 60, onSceneMinutes: null, resolveMinutes: 600, clock: 'working' }])).toBe('case_policy_default_missing');
  });
});
