import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, quorumCount, type Threshold } from './threshold.js';

const twoThirds: Threshold = { rule: 'two_thirds_of_members', abstentionsCount: true, quorum: 2 / 3 };
const ofMembers: Threshold = { rule: 'majority_of_members', abstentionsCount: true, quorum: 0 };
const simple = (abstentionsCount: boolean, quorum = 0): Threshold => ({ rule: 'simple_majority', abstentionsCount, quorum });

describe('two thirds of all members (Sanyuanli, 13 members)', () => {
  it('needs 9 yes: 8 is not enough, whatever the others did', () => {
    const nine = decide(twoThirds, { yes: 9, no: 4, abstain: 0 }, { members: 13 });
    expect(nine).toMatchObject({ passed: true, yesNeeded: 9, quorumNeeded: 9, quorumMet: true });
    expect(nine.explanation.en).toBe('9 yes, 4 no, 0 abstaining. Yes must reach two thirds of all 13 members (8.67): at least 9; quorum reached (13 of 9 needed). Result: passed.');
    expect(nine.explanation['zh-CN']).toContain('三分之二（8.67）以上，即至少 9 票');
    const eight = decide(twoThirds, { yes: 8, no: 0, abstain: 5 }, { members: 13 });
    expect(eight).toMatchObject({ passed: false, yesNeeded: 9 });
    expect(eight.explanation.en).toMatch(/Result: not passed\.$/);
  });

  it('needs exactly 8 of 12 and 2 of 3 (two thirds includes the figure itself)', () => {
    expect(decide(twoThirds, { yes: 8, no: 4, abstain: 0 }, { members: 12 }).passed).toBe(true);
    expect(decide(twoThirds, { yes: 7, no: 5, abstain: 0 }, { members: 12 }).passed).toBe(false);
    expect(decide(twoThirds, { yes: 2, no: 1, abstain: 0 }, { members: 3 }).yesNeeded).toBe(2);
  });

  it('decides nothing without a quorum, even when everyone who came said yes', () => {
    const d = decide(twoThirds, { yes: 8, no: 0, abstain: 0 }, { members: 13 });
    expect(d).toMatchObject({ passed: false, quorumMet: false, quorumNeeded: 9, participants: 8 });
    expect(d.explanation.en).toContain('no quorum (9 members needed, 8 took part)');
    expect(d.explanation['zh-CN']).toContain('未达到法定人数');
  });

  it('counts those present at the meeting for the quorum when attendance was taken', () => {
    expect(decide(twoThirds, { yes: 9, no: 0, abstain: 0 }, { members: 13, present: 8 }).quorumMet).toBe(false);
    expect(decide(twoThirds, { yes: 9, no: 0, abstain: 0 }, { members: 13, present: 10 }).passed).toBe(true);
  });
});

describe('majority of all members', () => {
  it('needs more than half of all members, not of those voting', () => {
    expect(decide(ofMembers, { yes: 7, no: 0, abstain: 0 }, { members: 13 }).passed).toBe(true);
    expect(decide(ofMembers, { yes: 6, no: 0, abstain: 0 }, { members: 13 }).passed).toBe(false);
    // A tie of all members is not a majority.
    expect(decide(ofMembers, { yes: 10, no: 10, abstain: 0 }, { members: 20 })).toMatchObject({ passed: false, yesNeeded: 11 });
  });
});

describe('simple majority of votes cast', () => {
  it('fails on a tie', () => {
    expect(decide(simple(false), { yes: 5, no: 5, abstain: 0 }, { members: 13 }).passed).toBe(false);
  });

  it('passes 5 to 4 with 3 abstaining when abstentions are not counted, and fails when they are', () => {
    const without = decide(simple(false), { yes: 5, no: 4, abstain: 3 }, { members: 13 });
    expect(without).toMatchObject({ passed: true, base: 9, yesNeeded: 5 });
    expect(without.explanation.en).toContain('abstentions (3) not counted');
    const withThem = decide(simple(true), { yes: 5, no: 4, abstain: 3 }, { members: 13 });
    expect(withThem).toMatchObject({ passed: false, base: 12, yesNeeded: 7 });
    expect(withThem.explanation.en).toContain('abstentions (3) included');
  });

  it('passes nothing when nobody voted yes', () => {
    expect(decide(simple(false), { yes: 0, no: 0, abstain: 4 }, { members: 13 }).passed).toBe(false);
  });

  it('honours a quorum of half the members', () => {
    expect(decide(simple(false, 0.5), { yes: 6, no: 0, abstain: 0 }, { members: 13 }).quorumMet).toBe(false);
    expect(decide(simple(false, 0.5), { yes: 6, no: 0, abstain: 1 }, { members: 13 }).passed).toBe(true);
  });
});

describe('quorum counts', () => {
  it('reads shares given as thirds without rounding past them', () => {
    expect(quorumCount(2 / 3, 12)).toBe(8);
    expect(quorumCount(2 / 3, 13)).toBe(9);
    expect(quorumCount(0.5, 13)).toBe(7);
    expect(quorumCount(0.5, 12)).toBe(6);
    expect(quorumCount(0, 12)).toBe(0);
    expect(quorumCount(1, 12)).toBe(12);
  });
});

describe('properties', () => {
  const votes = fc.record({ members: fc.integer({ min: 1, max: 200 }), yes: fc.nat(200), no: fc.nat(200), abstain: fc.nat(200) }).filter((v) => v.yes + v.no + v.abstain <= v.members);

  it('two thirds of members passes exactly when 3·yes ≥ 2·members (with a quorum of none)', () => {
    fc.assert(
      fc.property(votes, ({ members, ...counts }) => {
        const d = decide({ ...twoThirds, quorum: 0 }, counts, { members });
        expect(d.passed).toBe(counts.yes > 0 && 3 * counts.yes >= 2 * members);
      }),
    );
  });

  it('majority of members passes exactly when 2·yes > members', () => {
    fc.assert(
      fc.property(votes, ({ members, ...counts }) => {
        expect(decide(ofMembers, counts, { members }).passed).toBe(2 * counts.yes > members);
      }),
    );
  });

  it('simple majority passes exactly when yes beats the rest counted; counting abstentions never helps', () => {
    fc.assert(
      fc.property(votes, ({ members, ...counts }) => {
        const without = decide(simple(false), counts, { members }).passed;
        const withThem = decide(simple(true), counts, { members }).passed;
        expect(without).toBe(counts.yes > counts.no);
        expect(withThem).toBe(counts.yes > counts.no + counts.abstain);
        if (withThem) expect(without).toBe(true);
      }),
    );
  });

  it('one more yes never turns a pass into a failure', () => {
    fc.assert(
      fc.property(votes, fc.constantFrom(twoThirds, ofMembers, simple(true, 0.5), simple(false, 2 / 3)), ({ members, ...counts }, threshold) => {
        fc.pre(counts.yes + counts.no + counts.abstain < members);
        if (decide(threshold, counts, { members }).passed) expect(decide(threshold, { ...counts, yes: counts.yes + 1 }, { members }).passed).toBe(true);
      }),
    );
  });
});
