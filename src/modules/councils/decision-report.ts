import type { Locale } from '../../config.js';
import { startPdf } from '../../platform/pdf.js';
import type { PublicDecision } from './decisions.js';
import { heading, wordsFor } from './pdf.js';

/**
 * The public decision as a PDF: what was decided, the vote and how it was counted, the meeting
 * (how it was held, who took part in numbers, how the outcome was made known) and what has been
 * done since.
 */
const OWN = {
  title: { 'zh-CN': '议事决定公示', en: 'Public decision' },
  result: { 'zh-CN': '表决结果', en: 'Result' },
  counts: { 'zh-CN': '赞成 {yes}，反对 {no}，弃权 {abstain}', en: '{yes} yes, {no} no, {abstain} abstaining' },
  secret: { 'zh-CN': '无记名投票', en: 'Secret ballot' },
  votes: { 'zh-CN': '各成员投票', en: 'Each member’s vote' },
  meeting: { 'zh-CN': '会议', en: 'Meeting' },
  tasks: { 'zh-CN': '落实情况', en: 'Implementation' },
  none: { 'zh-CN': '尚未交付落实', en: 'Not yet handed over' },
};

export async function decisionPdf(d: PublicDecision, locale: Locale): Promise<Buffer> {
  const w = wordsFor(OWN, locale);
  const { doc, bytes } = startPdf(d.title);
  const place = locale === 'en' ? d.placeNameEn : d.placeNameZh;
  doc.fontSize(10).fillColor('#555').text(`${w('title')} · ${d.councilName} · ${place}`);
  doc.moveDown(0.5).fontSize(18).fillColor('#000').text(d.title);
  doc.moveDown(0.5).fontSize(11).text(d.body);
  heading(doc, `${w('result')}: ${d.result.passed ? w('passed') : w('failed')}`);
  doc.text(w('counts').replace('{yes}', String(d.result.counts.yes)).replace('{no}', String(d.result.counts.no)).replace('{abstain}', String(d.result.counts.abstain)));
  doc.text(d.result.explanation[locale]);
  if (d.ballot === 'secret') doc.text(w('secret'));
  if (d.votes.length > 0) {
    heading(doc, w('votes'));
    doc.text(d.votes.map((v) => `${v.name}: ${w(v.choice)}`).join(locale === 'en' ? '; ' : '；'));
  }
  if (d.meeting) {
    heading(doc, `${w('meeting')}: ${d.meeting.title}`);
    doc.text(`${w('form')}: ${w(d.meeting.form)} · ${w('mode')}: ${w(d.meeting.mode)} · ${d.meeting.startsAt.slice(0, 10)}`);
    if (d.meeting.membersPresent !== null) doc.text(`${w('present')}: ${d.meeting.membersPresent} · ${w('guests')}: ${d.meeting.guests}`);
    if (d.meeting.outcomeCommunication) doc.text(`${w('communication')}: ${d.meeting.outcomeCommunication}`);
  }
  heading(doc, w('tasks'));
  if (d.tasks.length === 0) doc.text(w('none'));
  for (const task of d.tasks) {
    doc.text(`${task.title} · ${task.assignee} · ${w(task.status)}${task.caseNumber ? ` · ${task.caseNumber}` : ''}`);
    for (const p of task.progress) doc.fillColor('#555').text(`  ${p.at.slice(0, 10)} ${p.note}`).fillColor('#000');
  }
  doc.end();
  return bytes;
}
