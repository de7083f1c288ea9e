import type { Locale } from '../../config.js';
import { startPdf } from '../../platform/pdf.js';
import { heading, wordsFor } from './pdf.js';
import type { PlaceReport } from './place-report.js';

/** The periodic report of a place as a PDF: each part as labelled bars, for a notice board. */
const OWN = {
  title: { 'zh-CN': '基层协商议事情况报告', en: 'Deliberation report' },
  councils: { 'zh-CN': '议事组织', en: 'Councils' },
  topics: { 'zh-CN': '群众议题', en: 'Topics from residents' },
  proposed: { 'zh-CN': '待处理', en: 'awaiting the office' },
  accepted: { 'zh-CN': '列入议程', en: 'on an agenda' },
  merged: { 'zh-CN': '合并', en: 'merged' },
  declined: { 'zh-CN': '不予采纳', en: 'declined' },
  meetings: { 'zh-CN': '会议', en: 'Meetings' },
  held: { 'zh-CN': '已召开', en: 'held' },
  scheduled: { 'zh-CN': '待召开', en: 'to come' },
  quorumPresent: { 'zh-CN': '达到法定人数', en: 'with a quorum' },
  decisions: { 'zh-CN': '表决事项', en: 'Decisions' },
  voted: { 'zh-CN': '表决', en: 'voted on' },
  passed: { 'zh-CN': '通过', en: 'passed' },
  notPassed: { 'zh-CN': '未通过', en: 'not passed' },
  secretBallots: { 'zh-CN': '无记名投票', en: 'by secret ballot' },
  tasks: { 'zh-CN': '决定落实', en: 'Work handed over' },
  discussions: { 'zh-CN': '网上议事', en: 'Online discussions' },
  opened: { 'zh-CN': '开启', en: 'opened' },
  statements: { 'zh-CN': '观点', en: 'statements' },
  votes: { 'zh-CN': '表态', en: 'votes' },
};

const LABEL_WIDTH = 170;
const BAR_WIDTH = 250;

export async function placeReportPdf(r: PlaceReport, locale: Locale): Promise<Buffer> {
  const w = wordsFor(OWN, locale);
  const place = locale === 'en' ? r.place.nameEn : r.place.nameZh;
  const { doc, bytes } = startPdf(`${w('title')} · ${place}`);
  doc.fontSize(18).text(`${w('title')} · ${place}`);
  doc.fontSize(11).fillColor('#555').text(`${r.from} – ${r.to} · ${w('councils')} ${r.councils}`).fillColor('#000');
  const bars = (title: string, rows: [string, number][]) => {
    heading(doc, title);
    const most = Math.max(1, ...rows.map(([, n]) => n));
    for (const [label, n] of rows) {
      if (doc.y > doc.page.height - 80) doc.addPage();
      const y = doc.y;
      const left = doc.page.margins.left;
      doc.text(label, left, y, { width: LABEL_WIDTH - 10 });
      doc.rect(left + LABEL_WIDTH, y + 2, Math.max(1, (BAR_WIDTH * n) / most), 10).fill('#1668dc').fillColor('#000');
      doc.text(String(n), left + LABEL_WIDTH + BAR_WIDTH + 8, y);
      doc.x = left;
      doc.y = y + 18;
    }
  };
  bars(w('topics'), (['proposed', 'accepted', 'merged', 'declined'] as const).map((k) => [w(k), r.topics[k]]));
  bars(w('meetings'), [
    [w('held'), r.meetings.held],
    [w('scheduled'), r.meetings.scheduled],
    [w('quorumPresent'), r.meetings.quorumPresent],
    ...Object.entries(r.meetings.byForm).map(([form, n]): [string, number] => [`${w('form')} · ${w(form)}`, n]),
    ...Object.entries(r.meetings.byMode).map(([mode, n]): [string, number] => [`${w('mode')} · ${w(mode)}`, n]),
  ]);
  bars(w('decisions'), (['voted', 'passed', 'notPassed', 'secretBallots'] as const).map((k) => [w(k), r.decisions[k]]));
  bars(w('tasks'), (['pending', 'in_progress', 'done'] as const).map((k) => [w(k), r.tasks[k]]));
  bars(w('discussions'), (['opened', 'statements', 'votes'] as const).map((k) => [w(k), r.discussions[k]]));
  doc.end();
  return bytes;
}
