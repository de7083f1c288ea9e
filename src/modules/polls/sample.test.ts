import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, drawSample, type Member } from './sample.js';

const population = (sizes: Record<string, number>): Member[] =>
  Object.entries(sizes).flatMap(([stratum, n]) => Array.from({ length: n }, (_, i) => ({ id: `${stratum}-${String(i).padStart(4, '0')}`, stratum })));

describe('reproducible samples', () => {
  it('draws the same sample from the same seed, whatever the order of the rows', () => {
    const people = population({ A: 50, B: 30 });
    const once = drawSample(people, 20, 'seed-2026', false);
    expect(drawSample([...people].reverse(), 20, 'seed-2026', false)).toEqual(once);
    expect(once).toHaveLength(20);
    expect(drawSample(people, 20, 'seed-2027', false)).not.toEqual(once);
  });

  it('gives each stratum seats in proportion to its size, by largest remainders', () => {
    // 100 seats over 500/300/200: exactly 50/30/20.
    expect(Object.fromEntries(allocate(new Map([['A', 500], ['B', 300], ['C', 200]]), 100))).toEqual({ A: 50, B: 30, C: 20 });
    // 10 seats over 7/7/6 (quotas 3.5, 3.5, 3.0): the two halves go to A and B.
    expect(Object.fromEntries(allocate(new Map([['A', 7], ['B', 7], ['C', 6]]), 10))).toEqual({ A: 4, B: 3, C: 3 });
    // More seats than people: everybody.
    expect(Object.fromEntries(allocate(new Map([['A', 2], ['B', 1]]), 10))).toEqual({ A: 2, B: 1 });
  });

  it('takes each stratum’s share in a stratified sample', () => {
    const drawn = drawSample(population({ A: 500, B: 300, C: 200 }), 100, 's', true);
    const per = (s: string) => drawn.filter((id) => id.startsWith(`${s}-`)).length;
    expect([per('A'), per('B'), per('C')]).toEqual([50, 30, 20]);
  });

  it('always draws the asked size of distinct members, within ±1 of the proportional share per stratum (property)', () => {
    const sizes = fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D'), fc.integer({ min: 0, max: 60 }));
    fc.assert(
      fc.property(sizes, fc.nat(150), fc.string(), fc.boolean(), (strata, size, seed, stratified) => {
        const people = population(strata);
        const drawn = drawSample(people, size, seed, stratified);
        expect(drawn).toHaveLength(Math.min(size, people.length));
        expect(new Set(drawn).size).toBe(drawn.length);
        expect(drawn.every((id) => people.some((p) => p.id === id))).toBe(true);
        if (stratified && people.length > 0) {
          for (const [s, n] of Object.entries(strata)) {
            const share = (n * Math.min(size, people.length)) / people.length;
            const got = drawn.filter((id) => id.startsWith(`${s}-`)).length;
            expect(Math.abs(got - share)).toBeLessThan(1);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives every member about the same chance over many seeds', () => {
    const people = population({ A: 10 });
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++) for (const id of drawSample(people, 3, String(seed), false)) hits.set(id, (hits.get(id) ?? 0) + 1);
    // Expected 600 each (2000 × 3/10); a binomial standard deviation is about 20.5.
    for (const n of hits.values()) expect(Math.abs(n - 600)).toBeLessThan(100);
  });
});
