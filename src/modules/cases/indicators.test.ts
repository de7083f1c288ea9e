import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaseCounts, COUNT_KEYS, indicatorsOf, INDICATOR_KEYS, isHotspot } from './indicators.js';

const zero = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as CaseCounts;

describe('evaluation indicators', () => {
  it('computes the rates the hotlines publish', () => {
    const i = indicatorsOf({ ...zero, cases: 100, dispatched: 90, accepted: 80, acceptedOnTime: 72, resolved: 60, resolvedOnTime: 45, rated: 50, satisfied: 40, basicallySatisfied: 5, dissatisfied: 5, returned: 9, reopened: 3 });
    expect(i).toMatchObject({ acceptanceTimeliness: 0.9, resolutionRate: 0.6667, resolutionTimeliness: 0.75, satisfactionRate: 0.9, returnRate: 0.1, reopenRate: 0.0333 });
  });

  it('says nothing, rather than zero, when there is nothing to measure', () => {
    expect(Object.values(indicatorsOf(zero)).every((v) => v === null)).toBe(true);
  });

  it('keeps every rate between 0 and 1 when parts do not exceed wholes', () => {
    const counts = fc.record(Object.fromEntries(COUNT_KEYS.map((k) => [k, fc.nat(1000)])) as Record<keyof CaseCounts, fc.Arbitrary<number>>).map((c) => {
      const resolved = Math.max(c.resolved, c.resolvedOnTime);
      return {
        ...c,
        resolved,
        dispatched: Math.max(c.dispatched, resolved, c.returned, c.reopened),
        accepted: Math.max(c.accepted, c.acceptedOnTime),
        onScene: Math.max(c.onScene, c.onSceneOnTime),
        rated: c.satisfied + c.basicallySatisfied + c.dissatisfied,
      };
    });
    fc.assert(fc.property(counts, (c) => INDICATOR_KEYS.every((k) => { const v = indicatorsOf(c)[k]; return v === null || (v >= 0 && v <= 1); })));
  });
});

describe('hotspots', () => {
  it('flags a jump, not a handful or a steady stream', () => {
    expect(isHotspot(8, [2, 1, 3, 2])).toBe(true);
    expect(isHotspot(2, [0, 0, 0, 0])).toBe(false);
    expect(isHotspot(10, [9, 10, 11, 8])).toBe(false);
    expect(isHotspot(3, [])).toBe(true);
  });
});
