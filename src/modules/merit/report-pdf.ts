import type { Locale } from '../../config.js';
import { startPdf } from '../../platform/pdf.js';
import { TIE_RULE } from './ranking.js';
import type { ReportView } from './reports.js';

const WORDS = {
  title: { 'zh-CN': '功德银行季度积分公示', en: 'Bank of Merit: quarterly report' },
  published: { 'zh-CN': '发布时间', en: 'Published' },
  head: { 'zh-CN': '账本链头（可据此核验公示后数据未被改动）', en: 'Ledger chain head (lets anyone check the figures were not changed afterwards)' },
  rank: { 'zh-CN': '名次', en: 'Rank' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  quarter: { 'zh-CN': '本季积分', en: 'Quarter' },
  year: { 'zh-CN': '全年累计', en: 'Year' },
  byType: { 'zh-CN': '按善行类别统计', en: 'By type of deed' },
  deeds: { 'zh-CN': '次数', en: 'deeds' },
  people: { 'zh-CN': '人数', en: 'people' },
  points: { 'zh-CN': '积分', en: 'points' },
  tie: { 'zh-CN': '年度功德之星同分规则', en: 'Tie rule for the Outstanding Contributor of the Year' },
} as const;

/** The quarterly report as a PDF for the notice board: the ranking, deed types and the chain head. */
export function reportPdf(report: ReportView, locale: Locale): Promise<Buffer> {
  const { doc, bytes } = startPdf(`${WORDS.title[locale]} ${report.quarter}`, 48);
  const place = locale === 'zh-CN' ? report.placeNameZh : report.placeNameEn;
  doc.fontSize(18).text(`${place} · ${WORDS.title[locale]} · ${report.quarter}`);
  doc.moveDown(0.3).fontSize(9).fillColor('#444').text(`${WORDS.published[locale]}: ${report.publishedAt}`);
  doc.text(`${WORDS.head[locale]}: #${report.headSeq} ${report.headHash}`);
  doc.fillColor('#000').moveDown();

  doc.fontSize(12).text(WORDS.byType[locale]);
  doc.fontSize(9);
  for (const d of report.figures.deedTypes) {
    doc.text(`${locale === 'zh-CN' ? d.nameZh : d.nameEn}: ${d.points} ${WORDS.points[locale]}, ${d.deeds} ${WORDS.deeds[locale]}, ${d.people} ${WORDS.people[locale]}`);
  }
  doc.moveDown();

  const columns = [48, 100, 300, 400];
  const row = (cells: string[]) => {
    if (doc.y > doc.page.height - 72) doc.addPage();
    const y = doc.y;
    cells.forEach((c, i) => doc.text(c, columns[i]!, y, { width: (columns[i + 1] ?? 520) - columns[i]! - 4, lineBreak: false }));
    doc.x = 48;
    doc.y = y + 13;
  };
  doc.fontSize(10);
  row([WORDS.rank[locale], WORDS.name[locale], WORDS.quarter[locale], WORDS.year[locale]]);
  doc.fontSize(9);
  for (const a of report.figures.accounts) row([String(a.rank), a.name, String(a.quarterPoints), String(a.yearPoints)]);
  doc.moveDown().fontSize(9).text(`${WORDS.tie[locale]}: ${TIE_RULE[locale]}`, 48, doc.y, { width: 500 });
  doc.end();
  return bytes;
}
