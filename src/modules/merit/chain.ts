import { createHash } from 'node:crypto';

/**
 * The ledger's hash chain. Each entry's hash is SHA-256 over a canonical encoding of the entry and
 * the hash of the entry before it, so changing, removing or reordering any entry changes every
 * hash after it, and the head published with a quarterly report no longer matches.
 *
 * The encoding is written twice, here (when an entry is appended) and in SQL (merit_entry_hash in
 * the migration, when the whole chain is verified inside the database); the tests hold the two
 * together. Each field is its UTF-8 byte length, a colon and its text, or `~` when absent: no
 * choice of text in one field can pass for another field.
 */

export const GENESIS = '0'.repeat(64);
const VERSION = 'tx-merit-1';

export const ENTRY_KINDS = ['grant', 'correction', 'expiry'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface ChainedEntry {
  seq: number;
  placeId: string;
  residentId: string;
  kind: EntryKind;
  points: number;
  deedType: string;
  /** YYYY-MM-DD */
  deedDate: string;
  claimId: string | null;
  correctsSeq: number | null;
  reason: string | null;
  expiresOn: string | null;
  recordedAt: Date;
  prevHash: string;
}

const field = (value: string | number | null): string => {
  if (value === null) return '~';
  const text = String(value);
  return `${Buffer.byteLength(text, 'utf8')}:${text}`;
};

export function canonicalEntry(e: ChainedEntry): string {
  return (
    VERSION +
    [
      e.seq,
      e.placeId.toLowerCase(),
      e.residentId.toLowerCase(),
      e.kind,
      e.points,
      e.deedType,
      e.deedDate,
      e.claimId?.toLowerCase() ?? null,
      e.correctsSeq,
      e.reason,
      e.expiresOn,
      e.recordedAt.getTime(),
      e.prevHash,
    ]
      .map(field)
      .join('')
  );
}

export const entryHash = (e: ChainedEntry): string => createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');

export interface Break {
  seq: number;
  /** hash: the entry's own content no longer gives its hash; link: it does not follow the entry before it. */
  problem: 'hash' | 'link' | 'sequence';
}

/** The first entry (in order of seq) where the chain breaks, or null when it holds. */
export function firstBreak(entries: readonly (ChainedEntry & { hash: string })[]): Break | null {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, problem: 'sequence' };
    if (e.prevHash !== prev) return { seq: e.seq, problem: 'link' };
    if (entryHash(e) !== e.hash) return { seq: e.seq, problem: 'hash' };
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}
