import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marginOfError, percentOf, suppressionMask } from './statistics.js';

describe('shares and margins of error', () => {
  it('computes percentages, and none of nobody', () => {
    // Nanshan's published figure: 87.07% satisfied (e.g. 1,741 of 2,000 rounds to it).
    expect(percentOf(1741, 2000)).toBeCloseTo(87.05, 10);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('agrees with the textbook margins of a simple random sample', () => {
    // Cochran: 1,067 answers give ±3 points, 385 give ±5 (p = 0.5, 95%).
    expect(marginOfError(1067)!).toBeCloseTo(3.0, 1);
    expect(marginOfError(385)!).toBeCloseTo(4.99, 2);
    expect(marginOfError(1000)!).toBeCloseTo(3.099, 3);
    expect(marginOfError(1000, 0.8707)!).toBeCloseTo(2.080, 3);
    expect(marginOfError(0)).toBeNull();
  });

  it('applies the finite population correction, and agrees with Cochran’s corrected sample size', () => {
    // Cochran's n = n0 / (1 + (n0 − 1)/N) for ±5 points in a population of 1,000: 277.7, so 278 answers give just under ±5.
    const n0 = (1.959963984540054 ** 2 * 0.25) / 0.05 ** 2;
    const n = n0 / (1 + (n0 - 1) / 1000);
    expect(marginOfError(n, 0.5, 1000)!).toBeCloseTo(5, 6);
    expect(marginOfError(278, 0.5, 1000)!).toBeLessThan(5);
    expect(marginOfError(1000, 0.5, 10_000)!).toBeCloseTo(3.099 * Math.sqrt(9000 / 9999), 3);
    // Everyone asked: no sampling error.
    expect(marginOfError(500, 0.5, 500)).toBe(0);
  });

  it('shrinks with more answers and is widest at one half (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        expect(marginOfError(n, p)!).toBeLessThanOrEqual(marginOfError(n, 0.5)! + 1e-12);
        expect(marginOfError(n + 1, 0.5)!).toBeLessThan(marginOfError(n, 0.5)!);
        expect(marginOfError(n, 0.5, n + 100)!).toBeLessThanOrEqual(marginOfError(n, 0.5)!);
      }),
    );
  });
});

describe('small-cell suppression', () => {
  const show = (table: number[][], k: number) => suppressionMask(table, k).map((row, r) => row.map((hidden, c) => (hidden ? '*' : String(table[r]![c]))).join(' '));

  it('hides small groups whole and small counts in larger groups, but shows zeros', () => {
    expect(show([[3, 2, 1, 0]], 5)).toEqual(['* * * *']);
    expect(show([[20, 12, 8, 0]], 5)).toEqual(['20 12 8 0']);
  });

  it('hides a second count so the total cannot give the first away', () => {
    // 30 = 20 + 7 + 3: the 3 is hidden, and so is the 7, else 30 − 20 − 7 = 3.
    expect(show([[30, 20, 7, 3]], 5)).toEqual(['30 20 * *']);
  });

  it('hides across groups too, where the other groups would give a small count away', () => {
    // Group 2 (4 people) is hidden whole; group 1, the smallest other, also, so the column total of the groups gives neither away.
    expect(show([[50, 30, 20], [4, 2, 2], [10, 5, 5]], 5)).toEqual(['50 30 20', '* * *', '* * *']);
  });

  it('with a minimum of one shows everything', () => {
    expect(show([[1, 1, 0]], 1)).toEqual(['1 1 0']);
  });

  it('never leaves a visible count below the minimum, nor hidden counts a row or column could give away (property)', () => {
    const table = fc.array(fc.array(fc.nat(40), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }).map((rows) => rows.map(([a, b, c]) => [a! + b! + c!, a!, b!, c!]));
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 12 }), (rows, k) => {
        const hidden = suppressionMask(rows, k);
        rows.forEach((row, r) => {
          row.forEach((n, c) => {
            if (!hidden[r]![c]) expect(n === 0 || n >= k).toBe(true);
          });
          if (hidden[r]![0]) expect(hidden[r]!.every(Boolean)).toBe(true);
          // A visible total: the hidden counts of the row add to at least k, or none is hidden.
          if (!hidden[r]![0]) {
            const hiddenSum = row.slice(1).reduce((s, n, i) => s + (hidden[r]![i + 1] ? n : 0), 0);
            const anyHidden = row.slice(1).some((n, i) => hidden[r]![i + 1] && n > 0);
            if (anyHidden) expect(hiddenSum).toBeGreaterThanOrEqual(k);
          }
        });
        for (let c = 0; c < 4; c++) {
          const cells = rows.map((row, r) => ({ n: row[c]!, hidden: hidden[r]![c]! }));
          const sum = cells.filter((x) => x.hidden).reduce((s, x) => s + x.n, 0);
          const visibleNonZero = cells.some((x) => !x.hidden && x.n > 0);
          if (cells.some((x) => x.hidden && x.n > 0) && visibleNonZero) expect(sum).toBeGreaterThanOrEqual(k);
        }
      }),
      { numRuns: 300 },
    );
  });
});
