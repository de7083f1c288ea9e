import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIMILAR_ENOUGH, textSimilarity } from './similarity.js';

describe('text similarity for duplicates', () => {
  it('puts two reports of the same broken light together and apart from others', () => {
    expect(textSimilarity('水湾路8号路灯不亮了', '水湾路八号的路灯坏了不亮')).toBeGreaterThan(SIMILAR_ENOUGH);
    expect(textSimilarity('水湾路8号路灯不亮了', '楼下餐馆油烟太大')).toBeLessThan(SIMILAR_ENOUGH);
    expect(textSimilarity('The street light on Shuiwan Road is out', 'street light out on shuiwan road')).toBeGreaterThan(SIMILAR_ENOUGH);
  });

  it('is symmetric, between 0 and 1, and 1 for the same text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = textSimilarity(a, b);
        return ab === textSimilarity(b, a) && ab >= 0 && ab <= 1;
      }),
    );
    expect(textSimilarity('井盖松动', '井盖松动')).toBe(1);
  });
});
