import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import type { Deps } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { bankOfResident, findBank } from './banks.js';
import { localDay } from './criteria.js';
import { meritExtracts } from './schema.js';

/**
 * What an extract shows, and all that its public verification page shows: enough for a bank or a
 * land committee to weigh the record, nothing more (the ID number masked, no entry-level history).
 */
export interface ExtractContents {
  name: string;
  idMasked: string | null;
  placeNameZh: string;
  placeNameEn: string;
  purpose: 'loan' | 'homestead';
  asOf: string;
  balance: number;
  years: { year: number; points: number }[];
  latestReport: { quarter: string; rank: number | null; yearPoints: number | null } | null;
  headSeq: number;
  headHash: string;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Twelve characters without look-alikes (about 60 bits), printed on the extract and read out at the bank counter. */
const newCode = (): string => Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const normalize = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

/** A resident's own extract, for a loan or a homestead application. */
export async function requestExtract(ctx: Ctx, purpose: 'loan' | 'homestead'): Promise<{ code: string; issuedAt: string; contents: ExtractContents }> {
  const residentId = ctx.actor.residentId;
  if (!residentId) return fail('merit_resident_required');
  return ctx.db.transaction(async (tx) => {
    const found = await bankOfResident(tx, residentId);
    if (!found) return fail('merit_bank_not_found');
    const bank = (await findBank(tx, found.placeId, true))!;
    const [person] = await queryRows<{ name: string; idMasked: string | null }>(tx, sql`select name, id_masked as "idMasked" from residents where id = ${residentId}`);
    const years = await queryRows<{ year: number; points: number }>(
      tx,
      sql`select year::int, sum(points)::int as points from merit_tallies where place_id = ${bank.placeId} and resident_id = ${residentId} group by year order by year desc`,
    );
    const [balance] = await queryRows<{ n: number }>(tx, sql`select coalesce(sum(points), 0)::int as n from merit_ledger where place_id = ${bank.placeId} and resident_id = ${residentId}`);
    const [report] = await queryRows<{ quarter: string; figures: { accounts: { residentId: string; yearRank: number; yearPoints: number }[] } }>(
      tx,
      sql`select quarter, figures from merit_reports where place_id = ${bank.placeId} order by quarter desc limit 1`,
    );
    const contents: ExtractContents = {
      name: person!.name,
      idMasked: person!.idMasked,
      placeNameZh: bank.placeNameZh,
      placeNameEn: bank.placeNameEn,
      purpose,
      asOf: localDay(ctx.now()),
      balance: balance!.n,
      years,
      latestReport: report ? lineOf(report, residentId) : null,
      headSeq: bank.headSeq,
      headHash: bank.headHash,
    };
    const code = newCode();
    const id = newId();
    await tx.insert(meritExtracts).values({ id, codeHash: ctx.vault.blindIndex(code), placeId: bank.placeId, residentId, purpose, contents, createdBy: ctx.actor.accountId, createdAt: ctx.now() });
    await recordAudit(tx, ctx, { action: 'merit.extract.issue', entityType: 'merit_extract', entityId: id, place: { id: bank.placeId, path: bank.path }, after: { purpose } });
    return { code, issuedAt: ctx.now().toISOString(), contents };
  });
}

/** The resident's line in the latest published report, as published. */
function lineOf(report: { quarter: string; figures: { accounts: { residentId: string; yearRank: number; yearPoints: number }[] } }, residentId: string): ExtractContents['latestReport'] {
  const line = report.figures.accounts.find((a) => a.residentId === residentId);
  return { quarter: report.quarter, rank: line?.yearRank ?? null, yearPoints: line?.yearPoints ?? null };
}

/** Anyone holding the code (a bank clerk) sees what the extract shows and when it was issued; nothing else. */
export async function verifyExtract(deps: Deps, code: string): Promise<{ issuedAt: string; purpose: string; contents: ExtractContents }> {
  const [row] = await queryRows<{ createdAt: string | Date; purpose: string; contents: ExtractContents }>(
    deps.db,
    sql`select created_at as "createdAt", purpose, contents from merit_extracts where code_hash = ${deps.vault.blindIndex(normalize(code))}`,
  );
  if (!row) return fail('merit_extract_not_found');
  return { issuedAt: new Date(row.createdAt).toISOString(), purpose: row.purpose, contents: row.contents };
}
