import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalsNeeded, type BodyDecision, conflictOfInterest, DECISIONS, standing } from './assessment.js';

const BODIES = ['party', 'committee', 'supervisory', 'representatives'];
const decide = (bodyId: string, decision: BodyDecision['decision'], at: number): BodyDecision => ({ bodyId, decision, at });

describe('four-party assessment', () => {
  it('grants under "all" only when all four approve, and rejects on one rejection', () => {
    const three = BODIES.slice(0, 3).map((b, i) => decide(b, 'approve', i));
    expect(standing(BODIES, 'all', three).status).toBe('pending');
    expect(standing(BODIES, 'all', [...three, decide('representatives', 'approve', 9)]).status).toBe('granted');
    expect(standing(BODIES, 'all', [decide('party', 'reject', 1)]).status).toBe('rejected');
  });

  it('grants under "majority" with three of four, rejects once two reject', () => {
    expect(approvalsNeeded('majority', 4)).toBe(3);
    expect(standing(BODIES, 'majority', [decide('party', 'approve', 1), decide('committee', 'approve', 2)]).status).toBe('pending');
    expect(standing(BODIES, 'majority', [decide('party', 'approve', 1), decide('committee', 'approve', 2), decide('representatives', 'approve', 3)]).status).toBe('granted');
    expect(standing(BODIES, 'majority', [decide('party', 'reject', 1)]).status).toBe('pending');
    expect(standing(BODIES, 'majority', [decide('party', 'reject', 1), decide('committee', 'reject', 2)]).status).toBe('rejected');
  });

  it('waits on the claimant while a body asks for more, and a body’s later word replaces its earlier one', () => {
    const asked = [decide('party', 'more', 1)];
    expect(standing(BODIES, 'all', asked)).toMatchObject({ status: 'more_requested', waitingOn: BODIES });
    const then = [...asked, decide('party', 'approve', 2)];
    expect(standing(BODIES, 'all', then)).toMatchObject({ status: 'pending', approvals: 1, waitingOn: BODIES.slice(1) });
    // Decisions arrive in any order; their recorded order decides.
    expect(standing(BODIES, 'all', [...then].reverse()).approvals).toBe(1);
  });

  it('ignores the word of a body the place does not configure', () => {
    expect(standing(['a', 'b'], 'all', [decide('a', 'approve', 1), decide('x', 'reject', 2), decide('b', 'approve', 3)]).status).toBe('granted');
  });

  it('never both grants and could still be rejected; counts never exceed the bodies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('all' as const, 'majority' as const),
        fc.array(fc.record({ body: fc.nat(6), decision: fc.constantFrom(...DECISIONS) }), { maxLength: 20 }),
        (n, rule, raw) => {
          const bodies = Array.from({ length: n }, (_, i) => `b${i}`);
          const decisions = raw.map((d, i) => decide(`b${d.body}`, d.decision, i));
          const s = standing(bodies, rule, decisions);
          expect(s.approvals + s.rejections).toBeLessThanOrEqual(n);
          if (s.status === 'granted') expect(s.approvals).toBeGreaterThanOrEqual(s.needed);
          if (s.status === 'rejected') expect(n - s.rejections).toBeLessThan(s.needed);
          // Under "majority" two opposite outcomes can never both be reached.
          if (rule === 'majority') expect(s.needed * 2).toBeGreaterThan(n);
          // The outcome depends only on each body's latest word.
          const latestOnly = bodies.flatMap((b) => decisions.filter((d) => d.bodyId === b).slice(-1));
          expect(standing(bodies, rule, latestOnly).status).toBe(s.status);
        },
      ),
    );
  });

  it('keeps a member from assessing a claim about himself or his household', () => {
    expect(conflictOfInterest({ residentId: 'r1', householdId: 'h1' }, { residentId: 'r1', householdId: 'h1' })).toBe(true);
    expect(conflictOfInterest({ residentId: 'r2', householdId: 'h1' }, { residentId: 'r1', householdId: 'h1' })).toBe(true);
    expect(conflictOfInterest({ residentId: 'r2', householdId: 'h2' }, { residentId: 'r1', householdId: 'h1' })).toBe(false);
    expect(conflictOfInterest({ residentId: null, householdId: null }, { residentId: 'r1', householdId: null })).toBe(false);
    expect(conflictOfInterest({ residentId: 'r2', householdId: null }, { residentId: 'r1', householdId: null })).toBe(false);
  });
});
