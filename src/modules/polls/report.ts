import * as echarts from 'echarts';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Locale } from '../../config.js';
import { startPdf } from '../../platform/pdf.js';
import type { QuestionResult, Results } from './results.js';

/**
 * The PDF report of a poll: its figures and one bar chart per choice question. The charts are
 * drawn by ECharts' server-side SVG renderer (the same library and look as the web app's charts,
 * no browser needed) and placed into the PDF as vectors by svg-to-pdfkit.
 */

const WORDS = {
  report: { 'zh-CN': '调查结果报告', en: 'Poll report' },
  responses: { 'zh-CN': '有效答卷', en: 'Responses' },
  population: { 'zh-CN': '调查对象', en: 'Residents targeted' },
  margin: { 'zh-CN': '误差范围（95% 置信度）', en: 'Margin of error (95% confidence)' },
  versions: { 'zh-CN': '问卷版本', en: 'Questionnaire versions' },
  respondents: { 'zh-CN': '作答', en: 'answered' },
  mean: { 'zh-CN': '平均', en: 'mean' },
  sample: { 'zh-CN': '随机抽样', en: 'random sample' },
  open: { 'zh-CN': '全员开放', en: 'open to everyone targeted' },
} as const;

/** A horizontal bar chart of one question's shares, as SVG. */
export function questionChartSvg(question: QuestionResult, width: number, height: number): string {
  const options = question.options;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    grid: { left: 120, right: 50, top: 10, bottom: 20 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: options.map((o) => o.label) },
    series: [
      {
        type: 'bar',
        data: options.map((o) => Number((o.percent ?? 0).toFixed(1))),
        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => `${String(p.value)}%` },
        itemStyle: { color: '#1677ff' },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function resultsPdf(results: Results, locale: Locale): Promise<Buffer> {
  const { doc, font, bytes } = startPdf(results.poll.title);
  const w = (k: keyof typeof WORDS) => WORDS[k][locale];
  const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)}%`);

  doc.fontSize(18).text(results.poll.title);
  doc.fontSize(10).fillColor('#555').text(`${w('report')} · ${locale === 'en' ? results.poll.placeNameEn : results.poll.placeNameZh} · ${results.poll.opensAt.slice(0, 10)} – ${results.poll.closesAt.slice(0, 10)}`);
  doc.moveDown();
  doc.fillColor('#000').fontSize(11);
  doc.text(`${w('responses')}: ${results.responses}    ${w('population')}: ${results.poll.population} (${results.poll.sampled ? `${w('sample')} ${results.poll.sampleSize}` : w('open')})`);
  if (results.marginOfError !== null) doc.text(`${w('margin')}: ±${results.marginOfError.toFixed(1)}`);
  doc.text(`${w('versions')}: ${results.versions.map((v) => `v${v.version} (${v.responses})`).join(', ') || '—'}`);
  doc.moveDown();

  const width = doc.page.width - 100;
  for (const question of results.questions) {
    const charted = question.options.length > 0 && question.type !== 'ranking';
    const height = charted ? 30 + 24 * question.options.length : 0;
    if (doc.y + 40 + height > doc.page.height - 50) doc.addPage();
    doc.fontSize(12).fillColor('#000').text(question.text);
    const extra = question.mean !== undefined && question.mean !== null ? ` · ${w('mean')} ${question.mean.toFixed(2)}` : '';
    doc.fontSize(9).fillColor('#555').text(`${question.respondents} ${w('respondents')}${extra}`);
    if (charted) {
      const y = doc.y + 4;
      SVGtoPDF(doc, questionChartSvg(question, width, height), 50, y, { width, height, fontCallback: () => font });
      doc.y = y + height + 6;
    } else if (question.type === 'ranking') {
      for (const o of [...question.options].sort((a, b) => (a.meanRank ?? 99) - (b.meanRank ?? 99))) doc.text(`${o.label}: ${o.meanRank?.toFixed(2) ?? '—'}`);
    }
    for (const item of question.items ?? []) doc.text(`${item.label}: ${item.options.map((o) => `${o.label} ${pct(o.percent)}`).join('  ')}`);
    doc.moveDown();
  }
  doc.end();
  return bytes;
}
