import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outstandingContributors, publishedName, rank } from './ranking.js';

describe('names in the public report', () => {
  it('shows Chinese names full, masked or as the customary 某', () => {
    expect(publishedName('何允辉', 'full')).toBe('何允辉');
    expect(publishedName('何允辉', 'masked')).toBe('何*辉');
    expect(publishedName('何辉', 'masked')).toBe('何*');
    expect(publishedName('欧阳振华', 'masked')).toBe('欧**华');
    expect(publishedName('何允辉', 'initials')).toBe('何某');
  });

  it('shows other names masked or as initials', () => {
    expect(publishedName('Li Ming', 'masked')).toBe('L* M***');
    expect(publishedName('li ming', 'initials')).toBe('L. M.');
    // A letter whose capital is two letters stays as it is: fast-check found 'ẖ' → 'H̱.'.
    expect(publishedName('ẖ', 'initials')).toBe('ẖ.');
    expect(publishedName('ßmith', 'initials')).toBe('ß.');
  });

  it('never shows more of a name than the full form, and masks hide all but the edges', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), (name) => {
        for (const p of ['masked', 'initials'] as const) expect([...publishedName(name, p)].length).toBeLessThanOrEqual(Math.max([...name.trim()].length * 2, 2));
      }),
    );
  });
});

describe('ranking and the Outstanding Contributor of the Year', () => {
  it('ranks by points, equal points sharing a rank', () => {
    const ranked = rank([{ residentId: 'a', points: 5 }, { residentId: 'b', points: 9 }, { residentId: 'c', points: 5 }, { residentId: 'd', points: 1 }]);
    expect(ranked.map((r) => [r.residentId, r.rank])).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
  });

  it('gives ranks that never rise as points fall', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ residentId: fc.uuid(), points: fc.integer({ min: -5, max: 50 }) }), { maxLength: 30 }), (rows) => {
        const ranked = rank(rows);
        ranked.forEach((r, i) => {
          if (i > 0) expect(r.rank).toBeGreaterThanOrEqual(ranked[i - 1]!.rank);
          expect(r.rank).toBe(1 + ranked.filter((o) => o.points > r.points).length);
        });
      }),
    );
  });

  it('breaks a tie on points by deeds, then by who reached the total first', () => {
    const base = { residentId: 'a', points: 100, deeds: 10, reachedOn: '2026-10-01' };
    expect(outstandingContributors([base, { ...base, residentId: 'b', points: 99, deeds: 50 }]).map((c) => c.residentId)).toEqual(['a']);
    expect(outstandingContributors([base, { ...base, residentId: 'b', deeds: 11 }]).map((c) => c.residentId)).toEqual(['b']);
    expect(outstandingContributors([base, { ...base, residentId: 'b', reachedOn: '2026-09-30' }]).map((c) => c.residentId)).toEqual(['b']);
    expect(outstandingContributors([base, { ...base, residentId: 'b' }]).map((c) => c.residentId).sort()).toEqual(['a', 'b']);
    expect(outstandingContributors([{ ...base, points: 0 }])).toEqual([]);
  });
});
