import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * What every PDF of ours starts with: an A4 page and a font with Chinese glyphs when the machine
 * has one. PDF_FONT names one; otherwise Noto Sans CJK (Debian's fonts-noto-cjk) or WenQuanYi.
 * Without any, the page falls back to Helvetica and Chinese text does not show.
 */
const CJK_FONTS = [process.env.PDF_FONT, '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'];

/** Registers the first font found and answers its name for `doc.font`. */
function registerFont(doc: PDFKit.PDFDocument): string {
  const file = CJK_FONTS.find((f): f is string => !!f && existsSync(f));
  if (!file) return 'Helvetica';
  // A collection (.ttc) holds several faces: Noto's simplified Chinese one is asked for by name.
  if (file.endsWith('.ttc')) doc.registerFont('cjk', file, file.includes('Noto') ? 'NotoSansCJKsc-Regular' : undefined);
  else doc.registerFont('cjk', file);
  return 'cjk';
}

/** A new document, the name of its font (for drawings placed in it) and the promise of its bytes once `doc.end()` is called. */
export function startPdf(title: string, margin = 50): { doc: PDFKit.PDFDocument; font: string; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: title, Creator: 'Tongxin' } });
  const font = registerFont(doc);
  doc.font(font);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, font, bytes };
}
