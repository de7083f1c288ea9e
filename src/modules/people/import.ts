import { and, eq } from 'drizzle-orm';
import type { Locale } from '../../config.js';
import type { Executor } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { message, type MessageCode } from '../../platform/messages.js';
import { findPlaceByCodes } from '../places/service.js';
import { type ColumnKey, mapHeaders, parseRow, type RowProblem } from './rows.js';
import { parseIdNumber } from './rules.js';
import { households } from './schema.js';
import { createHouseholdIn, createResidentIn } from './service.js';
import type { Sheet } from './spreadsheet.js';

export interface ImportProblem {
  /** Line in the file, the header being line 1; 0 for the file as a whole. */
  line: number;
  column: ColumnKey | null;
  message: string;
}

export interface ImportReport {
  rows: number;
  imported: number;
  householdsCreated: number;
  dryRun: boolean;
  problems: ImportProblem[];
}

const PROBLEM_TEXT: Record<RowProblem['code'], Record<Locale, string>> = {
  required: { 'zh-CN': '必填', en: 'is required' },
  unknown_value: { 'zh-CN': '无法识别的值', en: 'is not a value we know' },
  not_a_number: { 'zh-CN': '应为数字', en: 'must be a number' },
};

/** Which column an error from the resident rules is about, so the report points at the cell. */
const COLUMN_OF: Partial<Record<MessageCode, ColumnKey>> = {
  id_number_invalid: 'id_number',
  id_number_taken: 'id_number',
  id_number_mismatch: 'id_number',
  phone_invalid: 'phone',
  place_not_found: 'place',
  out_of_scope: 'place',
  household_elsewhere: 'household',
  household_number_taken: 'household',
  validation_failed: 'name',
};

class RollBack extends Error {}

/**
 * Imports residents from a sheet in one transaction: every row is checked, every problem is
 * reported with its line and column, and unless there were none nothing is kept. A dry run
 * checks the same way and keeps nothing either.
 */
export async function importResidents(
  ctx: Ctx,
  sheet: Sheet,
  options: { dryRun?: boolean; locale: Locale; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const { locale } = options;
  const report: ImportReport = { rows: sheet.rows.length, imported: 0, householdsCreated: 0, dryRun: options.dryRun ?? false, problems: [] };
  const problem = (line: number, column: ColumnKey | null, text: string) => report.problems.push({ line, column, message: text });

  const { keys, missing, unknown } = mapHeaders(sheet.headers);
  for (const key of missing) problem(1, key, locale === 'zh-CN' ? `缺少“${key}”列` : `the column "${key}" is missing`);
  for (const header of unknown) problem(1, null, locale === 'zh-CN' ? `无法识别的列“${header}”` : `unknown column "${header}"`);
  if (report.problems.length) return report;

  // Pure checks first, for every row, so one run lists everything that is wrong.
  const parsed = sheet.rows.map((cells, index) => {
    const record: Partial<Record<ColumnKey, string>> = {};
    keys.forEach((key, i) => {
      if (key) record[key] = cells[i] ?? '';
    });
    const result = parseRow(record);
    for (const p of result.problems) problem(index + 2, p.column, `${p.value ? `“${p.value}” ` : ''}${PROBLEM_TEXT[p.code][locale]}`);
    return result.row;
  });
  const seenIds = new Map<string, number>();
  parsed.forEach((row, index) => {
    const id = row?.idNumber ? parseIdNumber(row.idNumber)?.normalized : undefined;
    if (!id) return;
    const first = seenIds.get(id);
    if (first) problem(index + 2, 'id_number', locale === 'zh-CN' ? `与第 ${first} 行的身份证号码重复` : `same ID number as line ${first}`);
    else seenIds.set(id, index + 2);
  });

  try {
    await ctx.db.transaction(async (tx) => {
      const placeIds = new Map<string, string | null>();
      const householdIds = new Map<string, string>();
      for (const [index, row] of parsed.entries()) {
        const line = index + 2;
        options.onProgress?.(index + 1, parsed.length);
        if (!row) continue;
        const placeKey = row.placeCodes.join('/');
        if (!placeIds.has(placeKey)) placeIds.set(placeKey, (await findPlaceByCodes(tx, row.placeCodes))?.id ?? null);
        const placeId = placeIds.get(placeKey);
        if (!placeId) {
          problem(line, 'place', message('place_not_found', locale));
          continue;
        }
        try {
          // A savepoint per row: a refused row is reported and the others still get checked.
          // A household made for a refused row goes with it, so it is remembered only after.
          const household = await tx.transaction(async (rowTx) => {
            const found = row.household ? await householdFor(rowTx, ctx, householdIds, placeId, row.household, row.address) : null;
            await createResidentIn(rowTx, ctx, { ...row, placeId, householdId: found?.id ?? null, householdRole: row.relation });
            return found;
          });
          if (household?.created) report.householdsCreated++;
          if (household) householdIds.set(`${placeId}|${row.household}`, household.id);
          report.imported++;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problem(line, COLUMN_OF[error.code] ?? null, message(error.code, locale, error.details));
        }
      }
      if (report.problems.length || report.dryRun) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    // Rolled back: with problems nothing was imported; a clean dry run reports what would have been.
    if (report.problems.length) Object.assign(report, { imported: 0, householdsCreated: 0 });
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}

/** The household with this number in the place, created on first mention. */
async function householdFor(
  tx: Executor,
  ctx: Ctx,
  known: Map<string, string>,
  placeId: string,
  number: string,
  address: string | null,
): Promise<{ id: string; created: boolean }> {
  const cached = known.get(`${placeId}|${number}`);
  if (cached) return { id: cached, created: false };
  const [existing] = await tx.select({ id: households.id }).from(households).where(and(eq(households.placeId, placeId), eq(households.number, number)));
  if (existing) return { id: existing.id, created: false };
  return { id: await createHouseholdIn(tx, ctx, { placeId, number, address: address ?? number }), created: true };
}
