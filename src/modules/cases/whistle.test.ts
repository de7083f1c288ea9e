import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_IN_RADIUS_M, checkInProblem, DUTIES, dutyStatus, haversineMeters, minutesTaken, summarizeWhistle, type WhistleCall, whistleDueAt } from './whistle.js';

const calledAt = new Date('2026-11-23T02:00:00Z');
const after = (m: number) => new Date(calledAt.getTime() + m * 60_000);
const call = (checkedInAt: Date | null, departmentCode = 'urban-management'): WhistleCall => ({ departmentCode, calledAt, windowMinutes: 30, checkedInAt, position: null });
const scene = { lat: 22.48, lng: 113.92 };

describe('who reported for duty', () => {
  it('tells who is still expected, who came on time, who came late and who never came', () => {
    expect(dutyStatus(call(null), after(10))).toBe('waiting');
    expect(dutyStatus(call(null), after(30))).toBe('waiting');
    expect(dutyStatus(call(null), after(30.001))).toBe('absent');
    expect(dutyStatus(call(after(30)), after(40))).toBe('on_time');
    expect(dutyStatus(call(after(31)), after(40))).toBe('late');
    expect(whistleDueAt(call(null))).toEqual(after(30));
  });

  it('reads a check-in only from its time on, so history replays as people saw it', () => {
    expect(dutyStatus(call(after(45)), after(20))).toBe('waiting');
    expect(dutyStatus(call(after(45)), after(40))).toBe('absent');
    expect(dutyStatus(call(after(45)), after(45))).toBe('late');
    expect(minutesTaken(call(after(45)), after(40))).toBeNull();
  });

  it('respects the window the place set', () => {
    const hour = { ...call(after(50)), windowMinutes: 60 };
    expect(dutyStatus(hour, after(55))).toBe('on_time');
  });

  it('counts minutes taken in whole minutes rounded up, agreeing with the status', () => {
    expect(minutesTaken(call(after(29.5)), after(60))).toBe(30);
    expect(minutesTaken(call(after(30.2)), after(60))).toBe(31);
    expect(minutesTaken(call(after(0)), after(60))).toBe(0);
    expect(minutesTaken(call(null), after(60))).toBeNull();
  });

  it('moves only forward in time: waiting, then on time; or waiting, absent, then late', () => {
    const order: Record<string, number> = { waiting: 0, on_time: 1, absent: 1, late: 2 };
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 0, max: 180 })), fc.integer({ min: 1, max: 120 }), fc.integer({ min: -10, max: 200 }), fc.integer({ min: -10, max: 200 }), (checkIn, window, a, b) => {
        const c = { calledAt, windowMinutes: window, checkedInAt: checkIn === null ? null : after(checkIn) };
        const [s, t] = [dutyStatus(c, after(Math.min(a, b))), dutyStatus(c, after(Math.max(a, b)))];
        expect(order[t]!).toBeGreaterThanOrEqual(order[s]!);
        if (s === 'on_time') expect(t).toBe('on_time');
        const taken = minutesTaken(c, after(Math.max(a, b)));
        if (taken !== null) expect(taken <= window).toBe(t === 'on_time');
      }),
    );
  });
});

describe('the whistle board', () => {
  it('counts each status and gives each department its row', () => {
    const calls: WhistleCall[] = [
      call(after(12), 'water'),
      call(after(41), 'urban-management'),
      call(null, 'housing'),
      { ...call(after(8), 'water'), calledAt: after(-60) },
      { ...call(null, 'gas'), calledAt: after(20) },
    ];
    const s = summarizeWhistle(calls, after(45));
    expect(s.total).toBe(5);
    expect(s.counts).toEqual({ waiting: 1, on_time: 1, late: 2, absent: 1 });
    expect(s.departments).toEqual([
      { departmentCode: 'gas', calls: 1, counts: { waiting: 1, on_time: 0, late: 0, absent: 0 }, minutesTaken: [], averageMinutesTaken: null },
      { departmentCode: 'housing', calls: 1, counts: { waiting: 0, on_time: 0, late: 0, absent: 1 }, minutesTaken: [], averageMinutesTaken: null },
      { departmentCode: 'urban-management', calls: 1, counts: { waiting: 0, on_time: 0, late: 1, absent: 0 }, minutesTaken: [41], averageMinutesTaken: 41 },
      // Two calls, in the order called: 68 minutes after the earlier call (late), 12 after the later one.
      { departmentCode: 'water', calls: 2, counts: { waiting: 0, on_time: 1, late: 1, absent: 0 }, minutesTaken: [68, 12], averageMinutesTaken: 40 },
    ]);
    expect(summarizeWhistle([], after(45))).toEqual({ total: 0, counts: { waiting: 0, on_time: 0, late: 0, absent: 0 }, departments: [] });
  });

  it('adds up: the statuses and the departments account for every call', () => {
    const anyCall = fc.record({
      departmentCode: fc.constantFrom('water', 'gas', 'housing', 'urban-management'),
      calledAt: fc.integer({ min: -120, max: 0 }).map(after),
      windowMinutes: fc.integer({ min: 5, max: 60 }),
      checkedInAt: fc.option(fc.integer({ min: 0, max: 180 }).map(after)),
      position: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(anyCall, { maxLength: 20 }), fc.integer({ min: 0, max: 200 }), (calls, now) => {
        const s = summarizeWhistle(calls, after(now));
        expect(DUTIES.reduce((n, d) => n + s.counts[d], 0)).toBe(calls.length);
        expect(s.departments.reduce((n, r) => n + r.calls, 0)).toBe(calls.length);
        for (const d of DUTIES) expect(s.departments.reduce((n, r) => n + r.counts[d], 0)).toBe(s.counts[d]);
        for (const r of s.departments) expect(r.minutesTaken.length).toBe(r.counts.on_time + r.counts.late);
      }),
    );
  });
});

describe('distance on the earth', () => {
  it('measures known distances', () => {
    // One thousandth of a degree of latitude is about 111 m.
    expect(haversineMeters({ lat: 22.48, lng: 113.92 }, { lat: 22.481, lng: 113.92 })).toBeCloseTo(111.2, 0);
    expect(haversineMeters(scene, scene)).toBe(0);
    // Beijing (Tiananmen) to Shanghai (the Bund): about 1,067 km on a sphere.
    expect(haversineMeters({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2397, lng: 121.4998 }) / 1000).toBeCloseTo(1067, -1);
    // Half the earth's circumference, pole to pole.
    expect(haversineMeters({ lat: 90, lng: 0 }, { lat: -90, lng: 0 })).toBeCloseTo(Math.PI * 6_371_000, 0);
  });

  const anyPosition = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });

  it('is a distance: zero to itself, symmetric, at most half the circumference, and the triangle holds', () => {
    fc.assert(
      fc.property(anyPosition, anyPosition, anyPosition, (a, b, c) => {
        expect(haversineMeters(a, a)).toBe(0);
        expect(haversineMeters(a, b)).toBeCloseTo(haversineMeters(b, a), 6);
        expect(haversineMeters(a, b)).toBeLessThanOrEqual(Math.PI * 6_371_000 + 0.5);
        // Near-antipodal points lose precision in asin close to 1 (~0.1 m); half a metre is still far below GPS error.
        expect(haversineMeters(a, c)).toBeLessThanOrEqual(haversineMeters(a, b) + haversineMeters(b, c) + 0.5);
      }),
    );
  });
});

describe('checking in', () => {
  it('takes one check-in per department, after the call, on the scene', () => {
    expect(checkInProblem(call(null), after(5), { lat: 22.4801, lng: 113.9201 }, scene)).toBeNull();
    expect(checkInProblem(call(null), after(5), { lat: 22.5, lng: 113.92 }, scene)).toEqual({ code: 'whistle_check_in_too_far', details: { distance: 2224, maxDistance: CHECK_IN_RADIUS_M } });
    expect(checkInProblem(call(after(5)), after(6), scene, scene)).toEqual({ code: 'whistle_already_checked_in' });
    expect(checkInProblem(call(null), after(-1), scene, scene)).toEqual({ code: 'whistle_not_called' });
  });

  it('accepts a late check-in (lateness is recorded, not refused) and any position when the case has no spot', () => {
    expect(checkInProblem(call(null), after(90), scene, scene)).toBeNull();
    expect(checkInProblem(call(null), after(5), { lat: 0, lng: 0 }, null)).toBeNull();
    expect(checkInProblem(call(null), after(5), { lat: 0, lng: 0 })).toBeNull();
  });

  it('uses the radius it is given, to the metre', () => {
    const near = { lat: 22.481, lng: 113.92 }; // about 111 m away
    expect(checkInProblem(call(null), after(5), near, scene, 100)).toMatchObject({ code: 'whistle_check_in_too_far', details: { distance: 111, maxDistance: 100 } });
    expect(checkInProblem(call(null), after(5), near, scene, 112)).toBeNull();
  });

  it('refuses a position that is no place on earth', () => {
    expect(checkInProblem(call(null), after(5), { lat: Number.NaN, lng: 113.92 }, scene)).toEqual({ code: 'validation_failed' });
    expect(checkInProblem(call(null), after(5), { lat: 91, lng: 0 }, null)).toEqual({ code: 'validation_failed' });
  });
});
