import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '../../config.js';
import type { Results } from './results.js';

/** Results as flat rows (question, option, count, share, margin), the shape both CSV and the workbook use. */
const HEADINGS = {
  question: { 'zh-CN': '题目', en: 'Question' },
  option: { 'zh-CN': '选项', en: 'Answer' },
  count: { 'zh-CN': '人数', en: 'Count' },
  percent: { 'zh-CN': '占比（%）', en: 'Share (%)' },
  margin: { 'zh-CN': '误差范围（±百分点，95%）', en: 'Margin of error (± points, 95%)' },
  respondents: { 'zh-CN': '作答人数', en: 'Respondents' },
  mean: { 'zh-CN': '平均', en: 'Mean' },
  group: { 'zh-CN': '分组', en: 'Group' },
  hidden: { 'zh-CN': '（人数过少，不显示）', en: '(too few to show)' },
} as const;

type Cell = string | number | null;
const round = (n: number | null | undefined, digits = 2): number | null => (n === null || n === undefined ? null : Number(n.toFixed(digits)));

export function resultRows(results: Results, locale: Locale): Cell[][] {
  const h = (k: keyof typeof HEADINGS) => HEADINGS[k][locale];
  const rows: Cell[][] = [[h('question'), h('option'), h('count'), h('percent'), h('margin')]];
  for (const q of results.questions) {
    rows.push([q.text, h('respondents'), q.respondents, null, null]);
    if (q.mean !== undefined) rows.push([q.text, h('mean'), round(q.mean), null, null]);
    for (const o of q.options) rows.push([q.text, o.label, o.count, round(o.percent), round(o.marginOfError)]);
    for (const item of q.items ?? []) for (const o of item.options) rows.push([`${q.text} · ${item.label}`, o.label, o.count, round(o.percent), round(o.marginOfError)]);
  }
  return rows;
}

/** The breakdown as rows: one per group and question, with suppressed cells left blank and said so. */
export function breakdownRows(results: Results, locale: Locale): Cell[][] {
  if (!results.breakdown) return [];
  const options = results.questions.flatMap((q) =>
    q.type === 'matrix' ? (q.items ?? []).flatMap((i) => i.options.map((o) => ({ q, key: `${i.id}:${o.id}`, label: `${i.label} ${o.label}` }))) : q.options.map((o) => ({ q, key: o.id, label: o.label })),
  );
  const rows: Cell[][] = [[HEADINGS.group[locale], HEADINGS.question[locale], HEADINGS.option[locale], HEADINGS.count[locale]]];
  for (const g of results.breakdown.groups) {
    const name = Object.values(g.labels).join(' / ');
    if (g.respondents === null) {
      rows.push([name, null, null, HEADINGS.hidden[locale]]);
      continue;
    }
    for (const { q, key, label } of options) {
      const count = g.questions[q.id]?.options[key];
      rows.push([name, q.text, label, count === null ? HEADINGS.hidden[locale] : (count ?? 0)]);
    }
  }
  return rows;
}

/** CSV with a byte-order mark, so Excel in China opens it in the right encoding. */
export function resultsCsv(results: Results, locale: Locale): string {
  return '\ufeff' + stringify([...resultRows(results, locale), ...(results.breakdown ? [[], ...breakdownRows(results, locale)] : [])].map((r) => r.map((c) => (c === null ? '' : String(c)))));
}

export async function resultsWorkbook(results: Results, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tongxin';
  const add = (title: string, rows: Cell[][]) => {
    const sheet = workbook.addWorksheet(title);
    rows.forEach((row, i) => {
      const added = sheet.addRow(row);
      if (i === 0) added.font = { bold: true };
    });
    sheet.getColumn(1).width = 36;
    sheet.getColumn(2).width = 24;
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  };
  add(locale === 'en' ? 'Results' : '结果', resultRows(results, locale));
  if (results.breakdown) add(locale === 'en' ? 'Breakdown' : '分组', breakdownRows(results, locale));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
