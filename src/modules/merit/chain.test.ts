import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, type ChainedEntry, ENTRY_KINDS, entryHash, firstBreak, GENESIS } from './chain.js';

type Body = Omit<ChainedEntry, 'seq' | 'prevHash'>;
const body: fc.Arbitrary<Body> = fc.record({
  placeId: fc.uuid(),
  residentId: fc.uuid(),
  kind: fc.constantFrom(...ENTRY_KINDS),
  points: fc.integer({ min: -1000, max: 1000 }),
  deedType: fc.string({ maxLength: 12 }),
  deedDate: fc.constantFrom('2026-01-01', '2026-07-15'),
  claimId: fc.option(fc.uuid(), { nil: null }),
  correctsSeq: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  reason: fc.option(fc.string({ unit: 'grapheme', maxLength: 20 }), { nil: null }),
  expiresOn: fc.option(fc.constant('2027-12-31'), { nil: null }),
  recordedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
});

function chain(bodies: Body[]): (ChainedEntry & { hash: string })[] {
  let prev = GENESIS;
  return bodies.map((b, i) => {
    const e = { ...b, seq: i + 1, prevHash: prev };
    prev = entryHash(e);
    return { ...e, hash: prev };
  });
}

describe('the ledger’s hash chain', () => {
  it('holds for a chain built by appending', () => {
    fc.assert(fc.property(fc.array(body, { maxLength: 15 }), (bodies) => {
      expect(firstBreak(chain(bodies))).toBeNull();
    }));
  });

  it('names the changed entry when any field of any entry is changed', () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 10 }), fc.nat(), fc.constantFrom('points', 'reason', 'residentId', 'deedDate', 'kind'), (bodies, pick, key) => {
        const entries = chain(bodies);
        const i = pick % entries.length;
        const e = entries[i]!;
        const changed =
          key === 'points' ? { points: e.points + 1 }
          : key === 'reason' ? { reason: `${e.reason ?? ''}!` }
          : key === 'residentId' ? { residentId: e.residentId === GENESIS.slice(0, 36) ? 'x' : GENESIS.slice(0, 36) }
          : key === 'deedDate' ? { deedDate: e.deedDate === '2026-01-01' ? '2026-01-02' : '2026-01-01' }
          : { kind: e.kind === 'grant' ? ('correction' as const) : ('grant' as const) };
        entries[i] = { ...e, ...changed };
        expect(firstBreak(entries)).toEqual({ seq: i + 1, problem: 'hash' });
      }),
    );
  });

  it('names the entry after a removed one, and a rehashed entry breaks the link after it', () => {
    const entries = chain(fc.sample(body, { numRuns: 5, seed: 7 }));
    expect(firstBreak([...entries.slice(0, 2), ...entries.slice(3)])).toEqual({ seq: 4, problem: 'sequence' });
    // A forger who recomputes the changed entry's hash breaks the link of the next one instead.
    const forged = { ...entries[1]!, points: 999 };
    const rehashed = [entries[0]!, { ...forged, hash: entryHash(forged) }, ...entries.slice(2)];
    expect(firstBreak(rehashed)).toEqual({ seq: 3, problem: 'link' });
  });

  it('encodes fields so that text moved from one field into the next cannot give the same encoding', () => {
    const base = chain(fc.sample(body, { numRuns: 1, seed: 3 }))[0]!;
    const a = canonicalEntry({ ...base, deedType: 'help', reason: 'x' });
    const b = canonicalEntry({ ...base, deedType: 'hel', reason: 'px' });
    const c = canonicalEntry({ ...base, reason: null });
    const d = canonicalEntry({ ...base, reason: '~' });
    expect(new Set([a, b]).size).toBe(2);
    expect(c).not.toBe(d);
    // Byte lengths, not UTF-16 units: the same rule as octet_length in the database.
    expect(canonicalEntry({ ...base, reason: '好' })).toContain('3:好');
  });
});
