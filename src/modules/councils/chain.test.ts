import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedBallot, chainNext, verifyChain } from './chain.js';

const MOTION = '01900000-0000-7000-8000-0000000000aa';

function chainOf(choices: ChainedBallot['choice'][]): ChainedBallot[] {
  const out: ChainedBallot[] = [];
  for (const choice of choices) out.push(chainNext(MOTION, out.at(-1) ?? null, { id: randomUUID(), choice, memberId: null, castAt: null }));
  return out;
}

describe('the ballot hash chain', () => {
  it('verifies an untouched chain and its sealed head', () => {
    const ballots = chainOf(['yes', 'no', 'abstain', 'yes']);
    const check = verifyChain(MOTION, ballots, { count: 4, headHash: ballots[3]!.hash });
    expect(check).toEqual({ valid: true, ballots: 4, headHash: ballots[3]!.hash, brokenAt: null });
  });

  it('finds a changed choice at the ballot changed', () => {
    const ballots = chainOf(['yes', 'no', 'yes']);
    ballots[1] = { ...ballots[1]!, choice: 'yes' };
    expect(verifyChain(MOTION, ballots).brokenAt).toEqual({ seq: 2, problem: 'hash_mismatch' });
  });

  it('finds a ballot removed from the middle, and one removed from the end once the vote is sealed', () => {
    const ballots = chainOf(['yes', 'no', 'yes', 'no']);
    expect(verifyChain(MOTION, [ballots[0]!, ballots[2]!, ballots[3]!]).valid).toBe(false);
    const sealed = { count: 4, headHash: ballots[3]!.hash };
    expect(verifyChain(MOTION, ballots.slice(0, 3)).valid).toBe(true);
    expect(verifyChain(MOTION, ballots.slice(0, 3), sealed).brokenAt?.problem).toBe('count_mismatch');
  });

  it('does not accept a chain rebuilt for another motion', () => {
    expect(verifyChain('01900000-0000-7000-8000-0000000000bb', chainOf(['yes'])).valid).toBe(false);
  });

  it('breaks on any single change to any field of any ballot (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('yes', 'no', 'abstain'), { minLength: 1, maxLength: 12 }), fc.nat(), fc.constantFrom('choice', 'memberId', 'id', 'castAt'), (choices, pick, field) => {
        const ballots = chainOf(choices);
        const i = pick % ballots.length;
        const before = ballots[i]!;
        const changed: ChainedBallot = { ...before, [field]: field === 'choice' ? (before.choice === 'yes' ? 'no' : 'yes') : field === 'castAt' ? '2026-11-23T00:00:00.000Z' : randomUUID() };
        ballots[i] = changed;
        expect(verifyChain(MOTION, ballots).valid).toBe(false);
      }),
    );
  });
});
