import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, creditedHours, filingVerdict, localDay, missingEvidence, parseQuarter, quantityValid, quarterOf, rawPoints, valueDeed, versionInForce, versionProblems } from './criteria.js';

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const limit = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null });

describe('valuing a deed under a criterion version', () => {
  it('pays points per occurrence and per hour, rounded down to whole points', () => {
    expect(rawPoints({ pointsPerUnit: 5 }, 3)).toBe(15);
    expect(rawPoints({ pointsPerUnit: 3 }, 0.5)).toBe(1);
    expect(rawPoints({ pointsPerUnit: 2 }, 2.75)).toBe(5);
    expect(rawPoints({ pointsPerUnit: 10 }, 0.1 + 0.2)).toBe(3); // float noise is not a lost point
  });

  it('never exceeds the day’s or the quarter’s room, never goes negative, and says which limit cut it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 40 }), limit, limit, fc.nat(600), fc.nat(600), (ppu, quantity, dailyLimit, quarterlyLimit, dayAlready, quarterAlready) => {
        const v = valueDeed({ pointsPerUnit: ppu, dailyLimit, quarterlyLimit }, quantity, { day: dayAlready, quarter: quarterAlready });
        expect(v.points).toBeGreaterThanOrEqual(0);
        expect(v.points).toBeLessThanOrEqual(v.raw);
        if (dailyLimit !== null) expect(v.points).toBeLessThanOrEqual(Math.max(0, dailyLimit - dayAlready));
        if (quarterlyLimit !== null) expect(v.points).toBeLessThanOrEqual(Math.max(0, quarterlyLimit - quarterAlready));
        expect(v.cappedBy === null).toBe(v.points === v.raw);
        // With no limits, the whole raw value is paid.
        if (dailyLimit === null && quarterlyLimit === null) expect(v.points).toBe(v.raw);
      }),
    );
  });

  it('pays exactly the room left when a limit bites', () => {
    expect(valueDeed({ pointsPerUnit: 10, dailyLimit: 15, quarterlyLimit: 100 }, 2, { day: 10, quarter: 10 })).toEqual({ raw: 20, points: 5, cappedBy: 'day' });
    expect(valueDeed({ pointsPerUnit: 10, dailyLimit: 50, quarterlyLimit: 100 }, 2, { day: 0, quarter: 95 })).toEqual({ raw: 20, points: 5, cappedBy: 'quarter' });
    expect(valueDeed({ pointsPerUnit: 10, dailyLimit: 50, quarterlyLimit: 100 }, 2, { day: 0, quarter: 120 })).toEqual({ raw: 20, points: 0, cappedBy: 'quarter' });
  });

  it('adds up to no more than the limit however a day’s deeds are split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 20 }), fc.integer({ min: 0, max: 60 }), (deeds, dailyLimit) => {
        let held = 0;
        for (const q of deeds) held += valueDeed({ pointsPerUnit: 4, dailyLimit, quarterlyLimit: null }, q, { day: held, quarter: held }).points;
        expect(held).toBe(Math.min(dailyLimit, deeds.reduce((s, q) => s + 4 * q, 0)));
      }),
    );
  });

  it('counts occurrences whole and hours in quarter hours', () => {
    expect(quantityValid('occurrence', 2)).toBe(true);
    expect(quantityValid('occurrence', 1.5)).toBe(false);
    expect(quantityValid('hour', 1.25)).toBe(true);
    expect(quantityValid('hour', 1.1)).toBe(false);
    expect(quantityValid('hour', 0)).toBe(false);
    expect(quantityValid('hour', -2)).toBe(false);
  });
});

describe('the version in force on the deed’s day', () => {
  const v1 = { version: 1, validFrom: '2026-01-01', validTo: null };
  const v2 = { version: 2, validFrom: '2026-07-01', validTo: null };
  const v3 = { version: 3, validFrom: '2026-03-01', validTo: '2026-03-31' };

  it('values a deed by the version valid on its day, the newest when several are', () => {
    expect(versionInForce([v1, v2], '2026-06-30')?.version).toBe(1);
    expect(versionInForce([v1, v2], '2026-07-01')?.version).toBe(2);
    expect(versionInForce([v1, v2, v3], '2026-03-15')?.version).toBe(3);
    expect(versionInForce([v1, v2, v3], '2026-04-01')?.version).toBe(1);
    expect(versionInForce([v2], '2026-06-30')).toBeNull();
  });

  it('always picks a version that covers the day, and none newer that also does', () => {
    const version = fc.record({ version: fc.integer({ min: 1, max: 30 }), validFrom: day, validTo: fc.option(day, { nil: null }) });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 8 }), day, (versions, d) => {
        const found = versionInForce(versions, d);
        if (found === null) expect(versions.some((v) => covers(v, d))).toBe(false);
        else {
          expect(covers(found, d)).toBe(true);
          expect(versions.some((v) => covers(v, d) && v.version > found.version)).toBe(false);
        }
      }),
    );
  });

  it('finds incoherent versions', () => {
    expect(versionProblems({ dailyLimit: 10, quarterlyLimit: 5, validFrom: '2026-01-01', validTo: null })).toEqual(['limits_order']);
    expect(versionProblems({ dailyLimit: null, quarterlyLimit: null, validFrom: '2026-02-01', validTo: '2026-01-01' })).toEqual(['dates_order']);
    expect(versionProblems({ dailyLimit: 5, quarterlyLimit: 50, validFrom: '2026-01-01', validTo: '2026-01-01' })).toEqual([]);
  });
});

describe('quarters, days and the filing window', () => {
  it('puts every day in the quarter whose bounds hold it', () => {
    fc.assert(
      fc.property(day, (d) => {
        const q = quarterOf(d);
        expect(q.first <= d && d <= q.last).toBe(true);
        expect(parseQuarter(q.label)).toEqual(q);
      }),
    );
    expect(quarterOf('2026-09-30').label).toBe('2026Q3');
    expect(quarterOf('2026-10-01')).toMatchObject({ label: '2026Q4', first: '2026-10-01', last: '2026-12-31' });
    expect(parseQuarter('2026Q5')).toBeNull();
  });

  it('takes the day in China’s time zone', () => {
    expect(localDay(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(localDay(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-22');
  });

  it('accepts a deed from its day to the end of the window, not before and not after', () => {
    expect(filingVerdict('2026-11-23', '2026-11-23', 30)).toBe('ok');
    expect(filingVerdict('2026-10-24', '2026-11-23', 30)).toBe('ok');
    expect(filingVerdict('2026-10-23', '2026-11-23', 30)).toBe('too_late');
    expect(filingVerdict('2026-11-24', '2026-11-23', 30)).toBe('future');
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 400 }), (deed, today, window) => {
        const verdict = filingVerdict(deed, today, window);
        expect(verdict === 'future').toBe(deed > today);
        if (verdict === 'ok') expect(Date.parse(today) - Date.parse(deed)).toBeLessThanOrEqual(window * 86_400_000);
      }),
    );
  });

  it('names the evidence a claim lacks', () => {
    expect(missingEvidence(['photo', 'witness'], { photos: 1, witnesses: 0, attendance: false })).toEqual(['witness']);
    expect(missingEvidence(['attendance'], { photos: 0, witnesses: 0, attendance: true })).toEqual([]);
    expect(missingEvidence([], { photos: 0, witnesses: 0, attendance: false })).toEqual([]);
  });
});

describe('a volunteer’s hours', () => {
  const activity = { startsAt: new Date('2026-11-23T01:00:00Z'), endsAt: new Date('2026-11-23T05:00:00Z') };
  it('credits the time between check-in and check-out within the activity, in whole quarter hours', () => {
    expect(creditedHours(new Date('2026-11-23T02:00:00Z'), new Date('2026-11-23T04:20:00Z'), activity)).toBe(2.25);
    expect(creditedHours(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T09:00:00Z'), activity)).toBe(4);
    expect(creditedHours(new Date('2026-11-23T04:00:00Z'), new Date('2026-11-23T03:00:00Z'), activity)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.integer({ min: -600, max: 600 }), (a, b) => {
        const hours = creditedHours(new Date(activity.startsAt.getTime() + a * 60_000), new Date(activity.startsAt.getTime() + b * 60_000), activity);
        expect(hours).toBeGreaterThanOrEqual(0);
        expect(hours).toBeLessThanOrEqual(4);
        expect(quantityValid('hour', hours) || hours === 0).toBe(true);
      }),
    );
  });
});
