import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReception, overlaps } from './schedule.js';

const at = (h: number) => new Date(Date.UTC(2026, 10, 23, 0, 0) + h * 3_600_000);
const period = (from: number, to: number) => ({ startsAt: at(from), endsAt: at(to) });

describe('the reception schedule', () => {
  it('takes a reception that ends after it starts and lasts at most twelve hours', () => {
    expect(checkReception(period(1, 3), [])).toBeNull();
    expect(checkReception(period(1, 13), [])).toBeNull();
    expect(checkReception(period(3, 3), [])).toBe('period_invalid');
    expect(checkReception(period(3, 1), [])).toBe('period_invalid');
    expect(checkReception(period(1, 13.5), [])).toBe('too_long');
  });

  it('keeps a deputy at one workstation at a time; back-to-back receptions are fine', () => {
    expect(checkReception(period(2, 4), [period(1, 3)])).toBe('overlaps');
    expect(checkReception(period(0, 5), [period(1, 3)])).toBe('overlaps');
    expect(checkReception(period(3, 5), [period(1, 3)])).toBeNull();
    expect(checkReception(period(0, 1), [period(1, 3)])).toBeNull();
  });

  it('overlap is symmetric and means a shared instant, checked against minutes counted one by one', () => {
    const p = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 })).map(([s, d]) => ({ s, e: s + d }));
    fc.assert(
      fc.property(p, p, (a, b) => {
        const pa = { startsAt: new Date(a.s * 60_000), endsAt: new Date(a.e * 60_000) };
        const pb = { startsAt: new Date(b.s * 60_000), endsAt: new Date(b.e * 60_000) };
        let shared = false;
        for (let m = a.s; m < a.e; m++) if (m >= b.s && m < b.e) shared = true;
        expect(overlaps(pa, pb)).toBe(shared);
        expect(overlaps(pb, pa)).toBe(shared);
      }),
    );
  });
});
