import PDFDocument from 'pdfkit';
import type { Locale } from '../../config.js';
import { registerFont } from '../polls/report.js';
import type { PublicDecision } from './decisions.js';

/**
 * The public decision as a PDF, the way the polls report is made (pdfkit, a CJK font when the
 * machine has one): what was decided, the vote and how it was counted, the meeting (how it was
 * held, who took part in numbers, how the outcome was made known) and what has been done since.
 */
const WORDS = {
  title: { 'zh-CN': '议事决定公示', en: 'Public decision' },
  result: { 'zh-CN': '表决结果', en: 'Result' },
  passed: { 'zh-CN': '通过', en: 'Passed' },
  failed: { 'zh-CN': '未通过', en: 'Not passed' },
  counts: { 'zh-CN': '赞成 {yes}，反对 {no}，弃权 {abstain}', en: '{yes} yes, {no} no, {abstain} abstaining' },
  secret: { 'zh-CN': '无记名投票', en: 'Secret ballot' },
  votes: { 'zh-CN': '各成员投票', en: 'Each member’s vote' },
  yes: { 'zh-CN': '赞成', en: 'yes' },
  no: { 'zh-CN': '反对', en: 'no' },
  abstain: { 'zh-CN': '弃权', en: 'abstain' },
  meeting: { 'zh-CN': '会议', en: 'Meeting' },
  form: { 'zh-CN': '形式', en: 'Form' },
  mode: { 'zh-CN': '参与方式', en: 'Participation' },
  present: { 'zh-CN': '到会成员', en: 'Members present' },
  guests: { 'zh-CN': '列席人员', en: 'Guests' },
  communication: { 'zh-CN': '结果告知方式', en: 'How the outcome was made known' },
  tasks: { 'zh-CN': '落实情况', en: 'Implementation' },
  none: { 'zh-CN': '尚未交付落实', en: 'Not yet handed over' },
  face_to_face: { 'zh-CN': '现场', en: 'in person' },
  online: { 'zh-CN': '网上', en: 'online' },
  both: { 'zh-CN': '现场和网上', en: 'in person and online' },
  festive: { 'zh-CN': '节庆恳谈会', en: 'festive gathering' },
  democracy_day: { 'zh-CN': '民主日会议', en: 'democracy-day meeting' },
  topical: { 'zh-CN': '专题邀请（同心议事室）', en: 'topical invitation (Tongxin meeting room)' },
  pending: { 'zh-CN': '待办', en: 'to do' },
  in_progress: { 'zh-CN': '推进中', en: 'under way' },
  done: { 'zh-CN': '已完成', en: 'done' },
} as const;

export async function decisionPdf(d: PublicDecision, locale: Locale): Promise<Buffer> {
  const w = (key: keyof typeof WORDS) => WORDS[key][locale];
  const word = (key: string) => (key in WORDS ? WORDS[key as keyof typeof WORDS][locale] : key);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: d.title, Creator: 'Tongxin' } });
  doc.font(registerFont(doc));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const place = locale === 'en' ? d.placeNameEn : d.placeNameZh;
  doc.fontSize(10).fillColor('#555').text(`${w('title')} · ${d.councilName} · ${place}`);
  doc.moveDown(0.5).fontSize(18).fillColor('#000').text(d.title);
  doc.moveDown(0.5).fontSize(11).text(d.body);
  doc.moveDown().fontSize(14).text(`${w('result')}: ${d.result.passed ? w('passed') : w('failed')}`);
  doc.fontSize(11).text(w('counts').replace('{yes}', String(d.result.counts.yes)).replace('{no}', String(d.result.counts.no)).replace('{abstain}', String(d.result.counts.abstain)));
  doc.text(d.result.explanation[locale]);
  if (d.ballot === 'secret') doc.text(w('secret'));
  if (d.votes.length > 0) {
    doc.moveDown().fontSize(14).text(w('votes'));
    doc.fontSize(11).text(d.votes.map((v) => `${v.name}: ${word(v.choice)}`).join(locale === 'en' ? '; ' : '；'));
  }
  if (d.meeting) {
    doc.moveDown().fontSize(14).text(`${w('meeting')}: ${d.meeting.title}`);
    doc.fontSize(11).text(`${w('form')}: ${word(d.meeting.form)} · ${w('mode')}: ${word(d.meeting.mode)} · ${d.meeting.startsAt.slice(0, 10)}`);
    if (d.meeting.membersPresent !== null) doc.text(`${w('present')}: ${d.meeting.membersPresent} · ${w('guests')}: ${d.meeting.guests}`);
    if (d.meeting.outcomeCommunication) doc.text(`${w('communication')}: ${d.meeting.outcomeCommunication}`);
  }
  doc.moveDown().fontSize(14).text(w('tasks'));
  doc.fontSize(11);
  if (d.tasks.length === 0) doc.text(w('none'));
  for (const task of d.tasks) {
    doc.text(`${task.title} · ${task.assignee} · ${word(task.status)}${task.caseNumber ? ` · ${task.caseNumber}` : ''}`);
    for (const p of task.progress) doc.fillColor('#555').text(`  ${p.at.slice(0, 10)} ${p.note}`).fillColor('#000');
  }
  doc.end();
  return done;
}
