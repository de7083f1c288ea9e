import { createHash } from 'node:crypto';

/**
 * The hash chain over a motion's ballots: each ballot's hash covers its own fields and the hash
 * before it, starting from a value derived from the motion, so changing, removing or reordering
 * a stored ballot shows when the chain is checked. Pure (node:crypto only).
 */
export interface ChainedBallot {
  id: string;
  seq: number;
  choice: 'yes' | 'no' | 'abstain';
  memberId: string | null;
  /** ISO time for open ballots; null for secret ones. */
  castAt: string | null;
  prevHash: string;
  hash: string;
}

export const genesisHash = (motionId: string): string => createHash('sha256').update(`tongxin-ballots:${motionId}`).digest('hex');

export function ballotHash(motionId: string, b: Omit<ChainedBallot, 'hash'>): string {
  const fields = [b.prevHash, motionId, String(b.seq), b.id, b.choice, b.memberId ?? '', b.castAt ?? ''];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface ChainCheck {
  valid: boolean;
  ballots: number;
  headHash: string;
  /** The first ballot (by seq) where the chain breaks, and why. */
  brokenAt: { seq: number; problem: 'sequence_gap' | 'previous_hash_mismatch' | 'hash_mismatch' | 'count_mismatch' | 'head_mismatch' } | null;
}

/**
 * Recomputes the chain over ballots in seq order. `sealed`, the count and head kept when the
 * vote closed, also catches ballots taken off the end.
 */
export function verifyChain(motionId: string, ballots: readonly ChainedBallot[], sealed?: { count: number; headHash: string } | null): ChainCheck {
  const sorted = [...ballots].sort((a, b) => a.seq - b.seq);
  let prev = genesisHash(motionId);
  for (const [i, b] of sorted.entries()) {
    const at = (problem: NonNullable<ChainCheck['brokenAt']>['problem']): ChainCheck => ({ valid: false, ballots: sorted.length, headHash: prev, brokenAt: { seq: b.seq, problem } });
    if (b.seq !== i + 1) return at('sequence_gap');
    if (b.prevHash !== prev) return at('previous_hash_mismatch');
    if (ballotHash(motionId, b) !== b.hash) return at('hash_mismatch');
    prev = b.hash;
  }
  if (sealed && sealed.count !== sorted.length) return { valid: false, ballots: sorted.length, headHash: prev, brokenAt: { seq: sorted.length, problem: 'count_mismatch' } };
  if (sealed && sealed.headHash !== prev) return { valid: false, ballots: sorted.length, headHash: prev, brokenAt: { seq: sorted.length, problem: 'head_mismatch' } };
  return { valid: true, ballots: sorted.length, headHash: prev, brokenAt: null };
}

/** The next ballot on the chain. */
export function chainNext(motionId: string, head: { seq: number; hash: string } | null, ballot: { id: string; choice: ChainedBallot['choice']; memberId: string | null; castAt: string | null }): ChainedBallot {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? genesisHash(motionId);
  const unsealed = { ...ballot, seq, prevHash };
  return { ...unsealed, hash: ballotHash(motionId, unsealed) };
}
