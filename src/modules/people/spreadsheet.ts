import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A table as read from or written to a file: one header row, then text cells. */
export interface Sheet {
  headers: string[];
  rows: string[][];
}

export type SheetFormat = 'csv' | 'xlsx';

export function formatOf(file: string): SheetFormat | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlinks
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formulas
    return '';
  }
  return String(value);
}

export async function readSheet(file: string): Promise<Sheet> {
  const format = formatOf(file);
  if (format === 'csv') {
    // Excel in China saves CSV with a byte-order mark; csv-parse drops it with `bom`.
    const records: string[][] = parse(await readFile(file), { bom: true, relax_column_count: true, skip_empty_lines: true });
    const [headers = [], ...rows] = records;
    return { headers, rows };
  }
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { headers: [], rows: [] };
    const all: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) values.push(cellText(row.getCell(c).value).trim());
      all.push(values);
    });
    const [headers = [], ...rows] = all;
    return { headers, rows: rows.filter((r) => r.some((v) => v !== '')) };
  }
  throw new Error(`${file}: only .csv and .xlsx files can be read`);
}

export async function writeSheet(file: string, sheet: Sheet, title: string): Promise<void> {
  const format = formatOf(file);
  if (format === 'csv') {
    await writeFile(file, stringify([sheet.headers, ...sheet.rows], { bom: true }));
    return;
  }
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    const worksheet = workbook.addWorksheet(title);
    worksheet.addRow(sheet.headers).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    // Text cells: an ID number or phone must not become a number in scientific notation.
    worksheet.columns.forEach((column) => {
      column.numFmt = '@';
      column.width = 16;
    });
    await workbook.xlsx.writeFile(file);
    return;
  }
  throw new Error(`${file}: only .csv and .xlsx files can be written`);
}

/** A CSV document as text, for standard output. */
export const sheetToCsv = (sheet: Sheet): string => stringify([sheet.headers, ...sheet.rows], { bom: false });
