import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { bankFor } from './banks.js';
import { parseQuarter, type QuarterBounds } from './criteria.js';
import { type Privacy, publishedName, rank } from './ranking.js';
import { meritReports } from './schema.js';

export interface ReportAccount {
  /** Kept with the published figures for extracts; never part of the public answer (see ReportOut). */
  residentId: string;
  rank: number;
  yearRank: number;
  name: string;
  quarterPoints: number;
  yearPoints: number;
  quarterDeeds: number;
}

export interface DeedTypeFigure {
  deedType: string;
  nameZh: string;
  nameEn: string;
  points: number;
  deeds: number;
  people: number;
}

export interface Figures {
  accounts: ReportAccount[];
  deedTypes: DeedTypeFigure[];
  totals: { accounts: number; withPoints: number; points: number; deeds: number };
}

export interface ReportView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  quarter: string;
  privacy: Privacy;
  headSeq: number;
  headHash: string;
  publishedAt: string;
  figures: Figures;
}

/**
 * The figures of a quarter, read from the tallies the ledger's trigger keeps: every resident of the
 * place (with no points too), his points in the quarter and in the year up to its end, ranked, and
 * the quarter's points by deed type. Names are published in the form the place chose.
 */
export async function quarterFigures(db: Executor, bank: { placeId: string; path: string }, q: QuarterBounds, privacy: Privacy): Promise<Figures> {
  const rows = await queryRows<{ residentId: string; name: string; quarterPoints: number; yearPoints: number; quarterDeeds: number }>(
    db,
    sql`with sums as (
          select resident_id, sum(points) filter (where quarter = ${q.quarter})::int as q, sum(points)::int as y, sum(deeds) filter (where quarter = ${q.quarter})::int as d
          from merit_tallies where place_id = ${bank.placeId} and year = ${q.year} and quarter <= ${q.quarter} group by resident_id)
        select r.id as "residentId", r.name, coalesce(s.q, 0) as "quarterPoints", coalesce(s.y, 0) as "yearPoints", coalesce(s.d, 0) as "quarterDeeds"
        from residents r join places p on p.id = r.place_id left join sums s on s.resident_id = r.id
        where starts_with(p.path, ${bank.path})`,
  );
  const byYear = new Map(rank(rows.map((r) => ({ residentId: r.residentId, points: r.yearPoints }))).map((r) => [r.residentId, r.rank]));
  const accounts = rank(rows.map((r) => ({ ...r, points: r.quarterPoints }))).map((r) => ({
    residentId: r.residentId,
    rank: r.rank,
    yearRank: byYear.get(r.residentId)!,
    name: publishedName(r.name, privacy),
    quarterPoints: r.quarterPoints,
    yearPoints: r.yearPoints,
    quarterDeeds: r.quarterDeeds,
  }));
  const deedTypes = await queryRows<DeedTypeFigure>(
    db,
    sql`select t.deed_type as "deedType",
          coalesce((select v.name_zh from merit_criterion_versions v join merit_criteria c on c.id = v.criterion_id where c.place_id = t.place_id and v.deed_type = t.deed_type order by v.created_at desc limit 1), t.deed_type) as "nameZh",
          coalesce((select v.name_en from merit_criterion_versions v join merit_criteria c on c.id = v.criterion_id where c.place_id = t.place_id and v.deed_type = t.deed_type order by v.created_at desc limit 1), t.deed_type) as "nameEn",
          sum(t.points)::int as points, sum(t.deeds)::int as deeds, (count(distinct t.resident_id) filter (where t.points <> 0))::int as people
        from merit_tallies t where t.place_id = ${bank.placeId} and t.year = ${q.year} and t.quarter = ${q.quarter}
        group by t.place_id, t.deed_type order by points desc, t.deed_type`,
  );
  return {
    accounts,
    deedTypes,
    totals: {
      accounts: accounts.length,
      withPoints: accounts.filter((a) => a.quarterPoints !== 0).length,
      points: deedTypes.reduce((s, d) => s + d.points, 0),
      deeds: deedTypes.reduce((s, d) => s + d.deeds, 0),
    },
  };
}

/**
 * Publishes a quarter's report, once. The bank row is locked while the figures are read, so they
 * are exactly those of the ledger up to the chain head published with them.
 */
export async function publishReport(ctx: Ctx, placeId: string, quarter: string): Promise<ReportView> {
  return ctx.db.transaction(async (tx) => {
    const bank = await bankFor(ctx, tx, placeId, 'merit.manage', true);
    const q = parseQuarter(quarter);
    if (!q) return fail('merit_quarter_invalid');
    const [exists] = await queryRows(tx, sql`select 1 from merit_reports where place_id = ${placeId} and quarter = ${q.label}`);
    if (exists) fail('merit_report_exists', { quarter: q.label });
    const figures = await quarterFigures(tx, bank, q, bank.privacy);
    const id = newId();
    const publishedAt = ctx.now();
    await tx.insert(meritReports).values({ id, placeId, quarter: q.label, headSeq: bank.headSeq, headHash: bank.headHash, privacy: bank.privacy, figures, publishedAt, publishedBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'merit.report.publish', entityType: 'merit_report', entityId: id, place: { id: placeId, path: bank.path }, after: { quarter: q.label, headSeq: bank.headSeq, headHash: bank.headHash } });
    // What was just stored, without reading a hundred thousand accounts back.
    const { placeNameZh, placeNameEn, headSeq, headHash, privacy } = bank;
    return { id, placeId, placeNameZh, placeNameEn, quarter: q.label, privacy, headSeq, headHash, publishedAt: publishedAt.toISOString(), figures };
  });
}

export async function readReport(db: Executor, id: string): Promise<ReportView | null> {
  const [row] = await queryRows<ReportView & { publishedAt: string | Date }>(
    db,
    sql`select r.id, r.place_id as "placeId", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", r.quarter, r.privacy, r.head_seq::int as "headSeq", r.head_hash as "headHash",
          r.published_at as "publishedAt", r.figures
        from merit_reports r join places p on p.id = r.place_id where r.id = ${id}`,
  );
  return row ? { ...row, publishedAt: new Date(row.publishedAt).toISOString() } : null;
}

/** A published report is public: the village's notice board, online. */
export async function getReport(db: Executor, id: string): Promise<ReportView> {
  return (await readReport(db, id)) ?? fail('merit_report_not_found');
}

export async function listReports(db: Executor, placeId: string): Promise<Omit<ReportView, 'figures'>[]> {
  const rows = await queryRows<Omit<ReportView, 'figures'> & { publishedAt: string | Date }>(
    db,
    sql`select r.id, r.place_id as "placeId", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", r.quarter, r.privacy, r.head_seq::int as "headSeq", r.head_hash as "headHash", r.published_at as "publishedAt"
        from merit_reports r join places p on p.id = r.place_id where r.place_id = ${placeId} order by r.quarter desc`,
  );
  return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt).toISOString() }));
}
