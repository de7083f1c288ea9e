import { describe, expect, it } from 'vitest';
import { checkInProblem, dutyStatus, haversineMeters } from './whistle.js';

const calledAt = new Date('2026-11-23T02:00:00Z');
const minutes = (m: number) => new Date(calledAt.getTime() + m * 60_000);
const call = (checkedInAt: Date | null) => ({ calledAt, windowMinutes: 30, checkedInAt });

describe('the whistle', () => {
  it('tells who came on time, who came late and who never came', () => {
    expect(dutyStatus(call(null), minutes(10))).toBe('waiting');
    expect(dutyStatus(call(minutes(30)), minutes(40))).toBe('on_time');
    expect(dutyStatus(call(minutes(31)), minutes(40))).toBe('late');
    expect(dutyStatus(call(null), minutes(31))).toBe('absent');
  });

  it('measures distance on the earth', () => {
    // One thousandth of a degree of latitude is about 111 m.
    expect(haversineMeters({ lat: 22.48, lng: 113.92 }, { lat: 22.481, lng: 113.92 })).toBeCloseTo(111.2, 0);
    expect(haversineMeters({ lat: 22.48, lng: 113.92 }, { lat: 22.48, lng: 113.92 })).toBe(0);
  });

  it('takes one check-in per department, on the scene', () => {
    const scene = { lat: 22.48, lng: 113.92 };
    expect(checkInProblem(call(null), { lat: 22.4801, lng: 113.9201 }, scene)).toBeNull();
    expect(checkInProblem(call(null), { lat: 22.5, lng: 113.92 }, scene)).toEqual({ code: 'whistle_check_in_too_far', details: { distance: 2224 } });
    expect(checkInProblem(call(minutes(5)), scene, scene)).toEqual({ code: 'whistle_already_checked_in' });
    expect(checkInProblem(call(null), { lat: 0, lng: 0 }, null)).toBeNull();
  });
});
