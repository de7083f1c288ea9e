import type { Locale } from '../../config.js';
import { startPdf } from '../../platform/pdf.js';
import { heading, placeTime, wordsFor } from './pdf.js';
import type { PublicMeeting } from './public-meeting.js';

/** The public record of a meeting as a PDF: how it was held, who took part, the agenda, minutes and decisions. */
const OWN = {
  title: { 'zh-CN': '会议公开记录', en: 'Public record of a meeting' },
  when: { 'zh-CN': '时间', en: 'When' },
  where: { 'zh-CN': '地点', en: 'Where' },
  scheduled: { 'zh-CN': '尚未召开', en: 'Not yet held' },
  quorum: { 'zh-CN': '达到法定人数', en: 'Quorum present' },
  noQuorum: { 'zh-CN': '未达到法定人数', en: 'No quorum' },
  attending: { 'zh-CN': '出席成员', en: 'Members attending' },
  agenda: { 'zh-CN': '议程', en: 'Agenda' },
  minutes: { 'zh-CN': '会议纪要', en: 'Minutes' },
  decisions: { 'zh-CN': '会上表决的事项', en: 'Decided in the meeting' },
};

export async function meetingPdf(m: PublicMeeting, locale: Locale): Promise<Buffer> {
  const w = wordsFor(OWN, locale);
  const { doc, bytes } = startPdf(m.title);
  const place = locale === 'en' ? m.placeNameEn : m.placeNameZh;
  doc.fontSize(10).fillColor('#555').text(`${w('title')} · ${m.councilName} · ${place}`);
  doc.moveDown(0.5).fontSize(18).fillColor('#000').text(m.title);
  doc.moveDown(0.5).fontSize(11).text(`${w('form')}: ${w(m.form)} · ${w('mode')}: ${w(m.mode)}`);
  doc.text(`${w('when')}: ${placeTime(m.startsAt)}${m.location ? ` · ${w('where')}: ${m.location}` : ''}`);
  if (m.status === 'scheduled') doc.text(w('scheduled'));
  if (m.membersPresent !== null) {
    doc.text(`${w('present')}: ${m.membersPresent} / ${m.membersTotal} · ${m.quorumPresent ? w('quorum') : w('noQuorum')}`);
    const guests = Object.entries(m.guestsAttending).map(([kind, n]) => `${w(kind)} ${n}`);
    if (guests.length > 0) doc.text(`${w('guests')}: ${guests.join(locale === 'en' ? ', ' : '，')}`);
    if (m.membersAttending.length > 0) doc.text(`${w('attending')}: ${m.membersAttending.join(locale === 'en' ? ', ' : '、')}`);
  }
  if (m.agenda.length > 0) {
    heading(doc, w('agenda'));
    m.agenda.forEach((item, i) => doc.text(`${i + 1}. ${item.title}`));
  }
  if (m.minutes) {
    heading(doc, w('minutes'));
    doc.text(m.minutes);
  }
  if (m.outcomeCommunication) doc.moveDown(0.5).text(`${w('communication')}: ${m.outcomeCommunication}`);
  if (m.decisions.length > 0) {
    heading(doc, w('decisions'));
    for (const d of m.decisions) doc.text(`${d.title} · ${d.passed ? w('passed') : w('failed')}`);
  }
  doc.end();
  return bytes;
}
