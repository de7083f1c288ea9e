import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../departments/catalog.js';
import { classify, features, train } from './classifier.js';
import { catalogExamples, startingExamples } from './training/examples.js';

describe('features of a text', () => {
  it('are runs of one to three Chinese characters, with no word list needed', () => {
    expect(features('停水了')).toEqual(['停', '水', '了', '停水', '水了', '停水了']);
  });

  it('are English word stems and stem pairs, without filler words, in any case', () => {
    expect(features('The pipes are Leaking!')).toEqual(['w:pipe', 'w:leak', 'w:pipe_leak']);
    expect(features('leaked')).toEqual(features('leaks'));
  });

  it('read full-width letters as ordinary ones', () => {
    expect(features('ＷＡＴＥＲ')).toEqual(features('water'));
  });
});

describe('the department classifier', () => {
  const model = train([...startingExamples(), ...catalogExamples(DEFAULT_CATALOG)]);
  const codes = new Set(DEFAULT_CATALOG.map((d) => d.code));

  it('routes plain requests in both languages to the department responsible, with its category', () => {
    expect(classify(model, '小区停水了，什么时候来水')).toMatchObject({ department: 'water', category: 'water-supply' });
    expect(classify(model, '楼道里电动车充电很危险')).toMatchObject({ department: 'fire-rescue' });
    expect(classify(model, 'My boss has not paid my salary')).toMatchObject({ department: 'human-resources' });
    expect(classify(model, 'Gas smell in the kitchen')).toMatchObject({ department: 'gas-heating', category: 'gas-leaks' });
  });

  it('answers with a known department, a confidence between 0 and 1, and distinct alternatives, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const suggestion = classify(model, text);
        expect(codes.has(suggestion.department)).toBe(true);
        expect(suggestion.confidence).toBeGreaterThan(0);
        expect(suggestion.confidence).toBeLessThanOrEqual(1);
        const all = [suggestion.department, ...suggestion.alternatives.map((a) => a.department)];
        expect(new Set(all).size).toBe(all.length);
        expect(suggestion.alternatives.every((a) => a.confidence <= suggestion.confidence)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a category that belongs to the department it chose', () => {
    const categoriesOf = new Map(DEFAULT_CATALOG.map((d) => [d.code, new Set(d.categories.map((c) => c.code))]));
    for (const text of ['路灯不亮', 'broken traffic light', '低保怎么申请', 'fake fertiliser']) {
      const { department, category } = classify(model, text);
      expect(categoriesOf.get(department)!.has(category!), `${text}: ${department}/${category}`).toBe(true);
    }
  });

  it('learns from a correction: a new example moves a request it could not place', () => {
    const text = '小区喷泉的水泵坏了';
    const corrected = train([...startingExamples(), ...catalogExamples(DEFAULT_CATALOG), { text: '小区喷泉坏了，水泵不转', department: 'greening', category: 'parks' }]);
    expect(classify(corrected, text).department).toBe('greening');
  });
});
