import { describe, expect, it } from 'vitest';
import { opinionGroups, type Vote } from './opinion-groups.js';

/**
 * Two camps that disagree on statements 0–4 (camp A agrees, camp B disagrees) and 5–9 (the
 * reverse), and everybody agrees with statement 10; each participant saw most statements.
 */
function camps(perCamp: number, seed = 1): Vote[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const votes: Vote[] = [];
  for (let p = 0; p < 2 * perCamp; p++) {
    const a = p < perCamp;
    for (let st = 0; st < 11; st++) {
      if (next() < 0.2) continue; // not shown to this participant
      const agrees = st === 10 ? next() < 0.9 : (st < 5) === a ? next() < 0.85 : next() < 0.1;
      votes.push({ participant: p, statement: st, value: agrees ? 1 : next() < 0.3 ? 0 : -1 });
    }
  }
  return votes;
}

describe('opinion groups from agree / disagree / pass votes', () => {
  it('finds the two camps, and statement 10 as what both agree on', () => {
    const result = opinionGroups(60, 11, camps(30), { minVotes: 5 });
    expect(result.k).toBe(2);
    const campOf = (p: number) => result.groupOf[p];
    const first = campOf(0);
    const agreeing = Array.from({ length: 60 }, (_, p) => (campOf(p) === first) === p < 30).filter(Boolean).length;
    expect(agreeing).toBeGreaterThanOrEqual(57);
    expect(result.consensus).toEqual([10]);
    // Each camp's most distinctive statements are its own side's.
    const sideOf = (g: number) => (result.representative[g]![0]! < 5 ? 'A' : 'B');
    expect(new Set([sideOf(0), sideOf(1)])).toEqual(new Set(['A', 'B']));
  });

  it('leaves out participants with too few votes, and gives the same groups for the same votes', () => {
    const votes = [...camps(20), { participant: 40, statement: 0, value: 1 } as Vote];
    const a = opinionGroups(41, 11, votes);
    expect(a.groupOf[40]).toBe(-1);
    expect(Array.from(opinionGroups(41, 11, votes).groupOf)).toEqual(Array.from(a.groupOf));
  });

  it('says nothing is consensus when nobody voted', () => {
    expect(opinionGroups(5, 3, [])).toMatchObject({ k: 1, consensus: [] });
  });
});
