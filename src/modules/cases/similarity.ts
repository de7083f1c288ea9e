/**
 * How alike two requests read, without a segmenter: the overlap of their character bigrams
 * (Chinese) and words (English), as a Dice coefficient from 0 to 1. Pure. Good enough to put
 * "路灯不亮" beside "路灯坏了不亮" for an operator to judge; the operator decides the merge.
 */
function grams(text: string): Set<string> {
  const normalized = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const run of normalized.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  for (const word of normalized.match(/[a-z0-9]{2,}/g) ?? []) out.add(word);
  return out;
}

export function textSimilarity(a: string, b: string): number {
  const ga = grams(a);
  const gb = grams(b);
  if (ga.size === 0 || gb.size === 0) return 0;
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return (2 * shared) / (ga.size + gb.size);
}

/** Below this, two texts are about different things as far as an operator is concerned. */
export const SIMILAR_ENOUGH = 0.25;
/** Reports this close together may be about the same broken thing. */
export const NEAR_ENOUGH_M = 500;

