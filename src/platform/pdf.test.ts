import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startPdf } from './pdf.js';

// CI installs fonts-noto-cjk (.ci/run), as docs/deployment.md asks of a server that makes PDFs.
const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

describe('startPdf', () => {
  it('sets Chinese text in the simplified-Chinese face of Noto Sans CJK and ends in a whole PDF', async () => {
    expect(existsSync(NOTO), 'fonts-noto-cjk is installed').toBe(true);
    const { doc, font, bytes } = startPdf('水湾社区公示');
    doc.text('水湾社区 2026 年第四季度');
    doc.end();
    const text = (await bytes).toString('latin1');
    expect(font).toBe('cjk');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // Only the glyphs used are embedded, under a subset prefix.
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(text).toContain('/Creator');
  });
});
