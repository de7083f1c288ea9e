import type { Locale } from '../../config.js';

/**
 * What the councils' public PDFs share besides the page (platform/pdf.ts): the words for how
 * meetings are held and how work stands, headings and times.
 */
export const WORDS = {
  passed: { 'zh-CN': '通过', en: 'Passed' },
  failed: { 'zh-CN': '未通过', en: 'Not passed' },
  yes: { 'zh-CN': '赞成', en: 'yes' },
  no: { 'zh-CN': '反对', en: 'no' },
  abstain: { 'zh-CN': '弃权', en: 'abstain' },
  form: { 'zh-CN': '形式', en: 'Form' },
  mode: { 'zh-CN': '参与方式', en: 'Participation' },
  present: { 'zh-CN': '到会成员', en: 'Members present' },
  guests: { 'zh-CN': '列席人员', en: 'Guests' },
  communication: { 'zh-CN': '结果告知方式', en: 'How the outcome was made known' },
  face_to_face: { 'zh-CN': '现场', en: 'in person' },
  online: { 'zh-CN': '网上', en: 'online' },
  both: { 'zh-CN': '现场和网上', en: 'in person and online' },
  festive: { 'zh-CN': '节庆恳谈会', en: 'festive gathering' },
  democracy_day: { 'zh-CN': '民主日会议', en: 'democracy-day meeting' },
  topical: { 'zh-CN': '专题邀请（同心议事室）', en: 'topical invitation (Tongxin meeting room)' },
  pending: { 'zh-CN': '待办', en: 'to do' },
  in_progress: { 'zh-CN': '推进中', en: 'under way' },
  done: { 'zh-CN': '已完成', en: 'done' },
  representative: { 'zh-CN': '代表', en: 'representatives' },
  resident: { 'zh-CN': '居民', en: 'residents' },
  official: { 'zh-CN': '干部', en: 'officials' },
} as const;

/** A word of WORDS or of a document's own list, in the reader's language; an unknown key as it is. */
export function wordsFor<K extends string>(own: Record<K, Record<Locale, string>>, locale: Locale) {
  const all: Record<string, Record<Locale, string>> = { ...WORDS, ...own };
  return (key: K | keyof typeof WORDS | string): string => all[key]?.[locale] ?? key;
}

/** A heading in the documents' style. */
export function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown().fontSize(14).fillColor('#000').text(text);
  doc.fontSize(11);
}

/** A moment as the place reads its clocks (China), e.g. 2026-12-05 09:00. */
export function placeTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
