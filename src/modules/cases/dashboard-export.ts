import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '../../config.js';
import type { Dashboard, DashboardRow } from './evaluation.js';
import { COUNT_KEYS, INDICATOR_KEYS } from './indicators.js';

/** Column headings of the evaluation tables, in the reader's language. */
const HEADINGS: Record<string, Record<Locale, string>> = {
  label: { 'zh-CN': '名称', en: 'Name' },
  cases: { 'zh-CN': '诉求量', en: 'Requests' },
  dispatched: { 'zh-CN': '已派单', en: 'Dispatched' },
  accepted: { 'zh-CN': '已接单', en: 'Accepted' },
  acceptedOnTime: { 'zh-CN': '按时接单', en: 'Accepted on time' },
  onScene: { 'zh-CN': '已到场', en: 'Reached the scene' },
  onSceneOnTime: { 'zh-CN': '按时到场', en: 'On the scene in time' },
  resolved: { 'zh-CN': '已办结', en: 'Resolved' },
  resolvedOnTime: { 'zh-CN': '按时办结', en: 'Resolved on time' },
  rated: { 'zh-CN': '已评价', en: 'Rated' },
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basicallySatisfied: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
  returned: { 'zh-CN': '退单', en: 'Returned' },
  reopened: { 'zh-CN': '重办', en: 'Reopened' },
  overdueOpen: { 'zh-CN': '超期未办', en: 'Open and overdue' },
  acceptanceTimeliness: { 'zh-CN': '按时接单率', en: 'Acceptance on time' },
  onSceneTimeliness: { 'zh-CN': '按时到场率', en: 'On scene in time' },
  resolutionRate: { 'zh-CN': '办结率', en: 'Resolution rate' },
  resolutionTimeliness: { 'zh-CN': '按时办结率', en: 'Resolved on time' },
  satisfactionRate: { 'zh-CN': '满意率', en: 'Satisfaction rate' },
  returnRate: { 'zh-CN': '退单率', en: 'Return rate' },
  reopenRate: { 'zh-CN': '重办率', en: 'Reopen rate' },
};

const SECTIONS = [
  { key: 'byDepartment', title: { 'zh-CN': '按部门', en: 'By department' } },
  { key: 'byPlace', title: { 'zh-CN': '按地区', en: 'By place' } },
  { key: 'byWeek', title: { 'zh-CN': '按周', en: 'By week' } },
  { key: 'byMonth', title: { 'zh-CN': '按月', en: 'By month' } },
] as const;

export type Breakdown = 'department' | 'place' | 'week' | 'month';

const headings = (locale: Locale) => ['label', ...COUNT_KEYS, ...INDICATOR_KEYS].map((k) => HEADINGS[k]![locale]);
const cells = (row: DashboardRow, locale: Locale): (string | number | null)[] => [
  locale === 'en' ? row.labelEn : row.labelZh,
  ...COUNT_KEYS.map((k) => row[k]),
  ...INDICATOR_KEYS.map((k) => row[k]),
];

/** The whole evaluation as a workbook: a summary sheet and one sheet per breakdown, rates as percentages. */
export async function dashboardWorkbook(dashboard: Dashboard, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tongxin';
  const addSheet = (title: string, rows: DashboardRow[]) => {
    const sheet = workbook.addWorksheet(title);
    sheet.addRow(headings(locale)).font = { bold: true };
    for (const row of rows) sheet.addRow(cells(row, locale));
    INDICATOR_KEYS.forEach((_, i) => (sheet.getColumn(2 + COUNT_KEYS.length + i).numFmt = '0.0%'));
    sheet.getColumn(1).width = 24;
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  };
  addSheet(locale === 'en' ? 'Summary' : '汇总', [dashboard.total]);
  for (const section of SECTIONS) addSheet(section.title[locale], dashboard[section.key]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One breakdown as CSV with a byte-order mark, so Excel in China opens it in the right encoding. */
export function dashboardCsv(dashboard: Dashboard, breakdown: Breakdown, locale: Locale): string {
  const rows = { department: dashboard.byDepartment, place: dashboard.byPlace, week: dashboard.byWeek, month: dashboard.byMonth }[breakdown];
  return '\ufeff' + stringify([headings(locale), ...[...rows, dashboard.total].map((r) => cells(r, locale).map((c) => (c === null ? '' : String(c))))]);
}
