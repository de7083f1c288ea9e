import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { bankFor, findBank } from './banks.js';
import { type Break, type EntryKind, entryHash, GENESIS } from './chain.js';
import { localDay } from './criteria.js';
import { meritBanks, meritLedger } from './schema.js';
import { eq } from 'drizzle-orm';

export interface NewEntry {
  residentId: string;
  kind: EntryKind;
  points: number;
  deedType: string;
  deedDate: string;
  claimId?: string | null;
  correctsSeq?: number | null;
  reason?: string | null;
  expiresOn?: string | null;
}

export interface LedgerEntry {
  seq: number;
  residentId: string;
  kind: EntryKind;
  points: number;
  deedType: string;
  deedDate: string;
  claimId: string | null;
  correctsSeq: number | null;
  reason: string | null;
  expiresOn: string | null;
  recordedAt: string;
  hash: string;
}

/**
 * Appends entries to a bank's ledger, chained after its head. The bank row is locked for the rest of
 * the transaction, so appends to one bank queue one behind the other and the numbering has no gaps.
 */
export async function appendEntries(tx: Executor, ctx: Ctx, placeId: string, entries: NewEntry[]): Promise<LedgerEntry[]> {
  const bank = await findBank(tx, placeId, true);
  if (!bank) return fail('merit_bank_not_found');
  let seq = bank.headSeq;
  let prev = bank.headHash;
  const recordedAt = ctx.now();
  const rows = entries.map((e) => {
    const full = {
      seq: ++seq,
      placeId,
      residentId: e.residentId,
      kind: e.kind,
      points: e.points,
      deedType: e.deedType,
      deedDate: e.deedDate,
      claimId: e.claimId ?? null,
      correctsSeq: e.correctsSeq ?? null,
      reason: e.reason ?? null,
      expiresOn: e.expiresOn ?? null,
      recordedAt,
      prevHash: prev,
    };
    prev = entryHash(full);
    return { ...full, id: newId(), recordedBy: ctx.actor.accountId, hash: prev };
  });
  if (rows.length === 0) return [];
  await tx.insert(meritLedger).values(rows);
  await tx.update(meritBanks).set({ headSeq: seq, headHash: prev }).where(eq(meritBanks.placeId, placeId));
  return rows.map((r) => ({ ...view(r), recordedAt: recordedAt.toISOString() }));
}

function view(r: Omit<LedgerEntry, 'recordedAt'> & { recordedAt: unknown }): Omit<LedgerEntry, 'recordedAt'> {
  return {
    seq: Number(r.seq),
    residentId: r.residentId,
    kind: r.kind,
    points: r.points,
    deedType: r.deedType,
    deedDate: r.deedDate,
    claimId: r.claimId,
    correctsSeq: r.correctsSeq === null ? null : Number(r.correctsSeq),
    reason: r.reason,
    expiresOn: r.expiresOn,
    hash: r.hash,
  };
}

const ENTRY_COLUMNS = sql`l.seq::int as seq, l.resident_id as "residentId", l.kind, l.points, l.deed_type as "deedType", to_char(l.deed_date, 'YYYY-MM-DD') as "deedDate",
  l.claim_id as "claimId", l.corrects_seq::int as "correctsSeq", l.reason, to_char(l.expires_on, 'YYYY-MM-DD') as "expiresOn", l.recorded_at as "recordedAt", l.hash`;

export async function entriesWhere(db: Executor, where: ReturnType<typeof sql>, limit = 500): Promise<LedgerEntry[]> {
  const rows = await queryRows<LedgerEntry & { recordedAt: string | Date }>(db, sql`select ${ENTRY_COLUMNS} from merit_ledger l where ${where} order by l.seq desc limit ${limit}`);
  return rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString() }));
}

/**
 * Reverses a grant with a reason: a new entry of the opposite points that names the grant. The
 * grant itself stays as it was written. A grant is corrected (or expires) at most once.
 */
export async function correctEntry(ctx: Ctx, placeId: string, seq: number, reason: string): Promise<LedgerEntry> {
  return ctx.db.transaction(async (tx) => {
    const bank = await bankFor(ctx, tx, placeId, 'merit.manage', true);
    if (!reason.trim()) fail('merit_reason_required');
    const [entry] = await entriesWhere(tx, sql`l.place_id = ${placeId} and l.seq = ${seq}`, 1);
    if (!entry) return fail('merit_entry_not_found');
    if (entry.kind !== 'grant') return fail('merit_entry_not_correctable');
    const [done] = await queryRows(tx, sql`select 1 from merit_ledger where place_id = ${placeId} and corrects_seq = ${seq} limit 1`);
    if (done) return fail('merit_entry_already_corrected');
    const [written] = await appendEntries(tx, ctx, placeId, [
      { residentId: entry.residentId, kind: 'correction', points: -entry.points, deedType: entry.deedType, deedDate: entry.deedDate, claimId: entry.claimId, correctsSeq: seq, reason: reason.trim() },
    ]);
    await recordAudit(tx, ctx, { action: 'merit.ledger.correct', entityType: 'merit_ledger', entityId: `${placeId}:${seq}`, place: { id: placeId, path: bank.path }, after: { points: -entry.points, reason } });
    return written!;
  });
}

/** Writes the lapse of every grant whose day to expire has passed (and that nothing reversed yet). */
export async function expireDue(ctx: Ctx, placeId: string): Promise<{ expired: number }> {
  return ctx.db.transaction(async (tx) => {
    const bank = await bankFor(ctx, tx, placeId, 'merit.manage', true);
    const today = localDay(ctx.now());
    const due = await entriesWhere(
      tx,
      sql`l.place_id = ${placeId} and l.kind = 'grant' and l.points <> 0 and l.expires_on < ${today}::date
          and not exists (select 1 from merit_ledger c where c.place_id = l.place_id and c.corrects_seq = l.seq)`,
      100_000,
    );
    const ordered = due.reverse();
    await appendEntries(
      tx,
      ctx,
      placeId,
      ordered.map((e) => ({ residentId: e.residentId, kind: 'expiry' as const, points: -e.points, deedType: e.deedType, deedDate: e.deedDate, claimId: e.claimId, correctsSeq: e.seq, reason: `expired ${e.expiresOn}` })),
    );
    if (ordered.length) await recordAudit(tx, ctx, { action: 'merit.ledger.expire', entityType: 'merit_bank', entityId: placeId, place: { id: placeId, path: bank.path }, after: { expired: ordered.length } });
    return { expired: ordered.length };
  });
}

export interface AccountSummary {
  residentId: string;
  name: string;
  balance: number;
  yearPoints: number;
  entries: LedgerEntry[];
}

/** Balance (all entries), the current year's points and the latest entries of some residents of a bank. */
export async function accountsOf(db: Executor, placeId: string, residentIds: string[], year: number, limit = 200): Promise<AccountSummary[]> {
  const out: AccountSummary[] = [];
  for (const residentId of residentIds) {
    const [sums] = await queryRows<{ name: string; balance: number; year: number }>(
      db,
      sql`select r.name, coalesce((select sum(points) from merit_ledger where place_id = ${placeId} and resident_id = r.id), 0)::int as balance,
            coalesce((select sum(points) from merit_tallies where place_id = ${placeId} and resident_id = r.id and year = ${year}), 0)::int as year
          from residents r where r.id = ${residentId}`,
    );
    if (!sums) continue;
    out.push({ residentId, name: sums.name, balance: sums.balance, yearPoints: sums.year, entries: await entriesWhere(db, sql`l.place_id = ${placeId} and l.resident_id = ${residentId}`, limit) });
  }
  return out;
}

/** The bank's entries, newest first, each with whose account it is: the office's view of the ledger. */
export async function ledgerOf(ctx: Ctx, placeId: string, residentId: string | undefined, limit: number): Promise<(LedgerEntry & { residentName: string })[]> {
  await bankFor(ctx, ctx.db, placeId, 'merit.read');
  const entries = await entriesWhere(ctx.db, residentId ? sql`l.place_id = ${placeId} and l.resident_id = ${residentId}` : sql`l.place_id = ${placeId}`, limit);
  const ids = [...new Set(entries.map((e) => e.residentId))];
  const names = new Map(
    (await queryRows<{ id: string; name: string }>(ctx.db, sql`select id, name from residents where id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) x)`)).map((r) => [r.id, r.name]),
  );
  return entries.map((e) => ({ ...e, residentName: names.get(e.residentId) ?? '' }));
}

export interface Verification {
  intact: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  /** The first entry where the chain breaks, and how. */
  firstBreak: (Break & { hashStored: string | null }) | null;
  /** Each published report's head, and whether the ledger still holds that entry with that hash. */
  reports: { quarter: string; headSeq: number; headHash: string; matches: boolean }[];
  checkedAt: string;
}

/**
 * Verifies the whole chain of a bank inside the database, on one snapshot. Two scans, because the
 * costly part parallelises and the ordered part does not: recomputing every entry's hash from its
 * content (merit_entry_hash, the SQL twin of chain.ts) is a plain filter that PostgreSQL spreads
 * over its workers; following the chain (no gap in seq, each entry naming the hash before it) is a
 * window over the ordered index with no hashing. Then the bank's head must be the last entry, and
 * every published report's head must still be in the ledger as published.
 */
export async function verifyChainIn(db: Executor, placeId: string, now: Date): Promise<Verification> {
  return db.transaction(
    async (tx) => {
      const bank = await findBank(tx, placeId);
      if (!bank) return fail('merit_bank_not_found');
      // FILTER keeps the planner from turning min() into an ordered index walk, which cannot run in parallel.
      const [scan] = await queryRows<{ n: number; lastSeq: number | null; badHash: number | null }>(
        tx,
        sql`select count(*)::int as n, max(seq)::int as "lastSeq",
              (min(seq) filter (where hash is distinct from merit_entry_hash(seq, place_id, resident_id, kind, points, deed_type, deed_date, claim_id, corrects_seq, reason, expires_on, recorded_at, prev_hash)))::int as "badHash"
            from merit_ledger where place_id = ${placeId}`,
      );
      const [broken] = await queryRows<{ seq: number; problem: 'sequence' | 'link' }>(
        tx,
        sql`select seq::int as seq, problem from (
              select seq,
                case when seq <> row_number() over w then 'sequence'
                     when prev_hash is distinct from lag(hash, 1, ${GENESIS}) over w then 'link'
                end as problem
              from merit_ledger where place_id = ${placeId}
              window w as (order by seq)) walked
            where problem is not null order by seq limit 1`,
      );
      const [last] = scan?.lastSeq ? await queryRows<{ hash: string }>(tx, sql`select hash from merit_ledger where place_id = ${placeId} and seq = ${scan.lastSeq}`) : [];
      const reports = await queryRows<{ quarter: string; headSeq: number; headHash: string; matches: boolean }>(
        tx,
        sql`select r.quarter, r.head_seq::int as "headSeq", r.head_hash as "headHash",
              (r.head_seq = 0 and r.head_hash = ${GENESIS}) or exists (select 1 from merit_ledger l where l.place_id = r.place_id and l.seq = r.head_seq and l.hash = r.head_hash) as matches
            from merit_reports r where r.place_id = ${placeId} order by r.quarter`,
      );
      const found = [broken, scan?.badHash != null ? { seq: scan.badHash, problem: 'hash' as const } : undefined].filter((b) => b !== undefined);
      // The earliest break; at the same entry a broken order or link says more than its content.
      const first = found.sort((a, b) => a.seq - b.seq)[0];
      let firstBreak: Verification['firstBreak'] = first
        ? { ...first, hashStored: (await queryRows<{ hash: string }>(tx, sql`select hash from merit_ledger where place_id = ${placeId} and seq = ${first.seq}`))[0]?.hash ?? null }
        : null;
      // Entries removed from the end leave a chain that holds but no longer reaches the head.
      const lastSeq = scan?.lastSeq ?? 0;
      if (!firstBreak && (lastSeq !== bank.headSeq || (last?.hash ?? GENESIS) !== bank.headHash)) {
        firstBreak = { seq: Math.min(lastSeq, bank.headSeq) + 1, problem: 'sequence', hashStored: null };
      }
      return {
        intact: firstBreak === null && reports.every((r) => r.matches),
        entries: scan?.n ?? 0,
        headSeq: bank.headSeq,
        headHash: bank.headHash,
        firstBreak,
        reports,
        checkedAt: now.toISOString(),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export async function verifyChain(ctx: Ctx, placeId: string): Promise<Verification> {
  await bankFor(ctx, ctx.db, placeId, 'merit.read');
  return verifyChainIn(ctx.db, placeId, ctx.now());
}
