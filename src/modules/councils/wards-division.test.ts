import { describe, expect, it } from 'vitest';
import { divideByPopulation, electLeader, populationSpread } from './wards-division.js';

const grids = (...populations: number[]) => populations.map((population, i) => ({ id: `g${i + 1}`, population }));
const ids = (wards: { id: string }[][]) => wards.map((w) => w.map((u) => u.id));
const loads = (wards: { population: number }[][]) => wards.map((w) => w.reduce((a, u) => a + u.population, 0));

describe('dividing a village into wards by population', () => {
  it('keeps neighbouring grids together and makes the heaviest ward as light as it can be', () => {
    const wards = divideByPopulation(grids(300, 200, 100, 400, 500, 100), 3);
    // 600 is the lightest the heaviest ward can be; of the divisions that reach it, the most even.
    expect(ids(wards)).toEqual([['g1', 'g2'], ['g3', 'g4'], ['g5', 'g6']]);
    expect(loads(wards)).toEqual([500, 500, 600]);
  });

  it('finds the best split where a greedy fill would not', () => {
    // Filling each ward up to the mean (333) would give 300 | 300+300 | 100: 600 heaviest.
    const wards = divideByPopulation(grids(300, 300, 300, 100), 3);
    expect(loads(wards)).toEqual([300, 300, 400]);
  });

  it('gives every ward at least one grid, and one ward all of them', () => {
    expect(ids(divideByPopulation(grids(5, 1, 1), 3))).toEqual([['g1'], ['g2'], ['g3']]);
    expect(ids(divideByPopulation(grids(5, 1, 1), 1))).toEqual([['g1', 'g2', 'g3']]);
  });

  it('divides a village with empty grids without losing any grid', () => {
    const wards = divideByPopulation(grids(0, 0, 120, 0, 80, 0), 2);
    expect(wards.flat().map((u) => u.id)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'g6']);
    expect(loads(wards)).toEqual([120, 80]);
  });

  it('refuses more wards than grids, no ward, or a fraction of one', () => {
    expect(() => divideByPopulation(grids(1, 2), 3)).toThrow(RangeError);
    expect(() => divideByPopulation(grids(1, 2), 0)).toThrow(RangeError);
    expect(() => divideByPopulation(grids(1, 2), 1.5)).toThrow(RangeError);
  });

  it('measures how uneven a division is against the mean ward', () => {
    expect(populationSpread([600, 400, 500])).toBeCloseTo(0.4);
    expect(populationSpread([500, 500])).toBe(0);
    expect(populationSpread([0, 0])).toBe(0);
  });
});

describe('choosing a ward leader from the nominated members', () => {
  it('gives the ward to the nominee with the most votes', () => {
    expect(electLeader([{ memberId: 'a', votes: 7 }, { memberId: 'b', votes: 9 }, { memberId: 'c', votes: 2 }])).toEqual({ leader: 'b' });
  });

  it('chooses no one on a tie at the top, naming those tied for a second round', () => {
    expect(electLeader([{ memberId: 'a', votes: 8 }, { memberId: 'b', votes: 8 }, { memberId: 'c', votes: 3 }])).toEqual({ tied: ['a', 'b'] });
  });

  it('chooses no one when no vote was cast', () => {
    expect(electLeader([{ memberId: 'a', votes: 0 }, { memberId: 'b', votes: 0 }])).toEqual({ tied: ['a', 'b'] });
  });

  it('elects a single nominee who received a vote', () => {
    expect(electLeader([{ memberId: 'a', votes: 1 }])).toEqual({ leader: 'a' });
  });
});
