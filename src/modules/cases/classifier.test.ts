import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../departments/catalog.js';
import { classify, DEFAULT_FEATURES, features, type Method, train } from './classifier.js';
import { retrainRouter, suggestDepartment } from './routing.js';
import { routerExamples } from './training/examples.js';

const WORDS_ONLY = { cjk: [1, 3] as [number, number], englishPairs: true, englishChars: null };

describe('features of a text', () => {
  it('are runs of Chinese characters, with no word list needed', () => {
    expect(features('停水了')).toEqual(['停', '水', '了', '停水', '水了']);
    expect(features('停水了', WORDS_ONLY)).toEqual(['停', '水', '了', '停水', '水了', '停水了']);
  });

  it('are English word stems and stem pairs, without filler words, in any case', () => {
    expect(features('The pipes are Leaking!', WORDS_ONLY)).toEqual(['w:pipe', 'w:leak', 'w:pipe_leak']);
    expect(features('leaked', WORDS_ONLY)).toEqual(features('leaks', WORDS_ONLY));
    expect(features('The pipes are Leaking!')).toEqual(expect.arrayContaining(['w:pipe', 'w:leak', 'w:pipe_leak']));
  });

  it('include pieces of English words, which a misspelt word mostly shares with the right one', () => {
    const right = new Set(features('elevator').filter((f) => f.startsWith('c:')));
    const misspelt = features('elevater').filter((f) => f.startsWith('c:'));
    expect(misspelt.filter((f) => right.has(f)).length / misspelt.length).toBeGreaterThan(0.5);
    expect(features('elevator', { ...DEFAULT_FEATURES, englishChars: null })).toEqual(['w:elev']);
  });

  it('read full-width letters as ordinary ones', () => {
    expect(features('ＷＡＴＥＲ')).toEqual(features('water'));
  });
});

describe('the department classifier', () => {
  const examples = routerExamples(DEFAULT_CATALOG);
  const model = train(examples);
  const codes = new Set(DEFAULT_CATALOG.map((d) => d.code));

  it('routes plain requests in both languages to the department responsible, with its category', () => {
    expect(classify(model, '小区停水了，什么时候来水')).toMatchObject({ department: 'water', category: 'water-supply' });
    expect(classify(model, '楼道里电动车充电很危险')).toMatchObject({ department: 'fire-rescue' });
    expect(classify(model, 'My boss has not paid my salary')).toMatchObject({ department: 'human-resources' });
    expect(classify(model, 'Gas smell in the kitchen')).toMatchObject({ department: 'gas-heating', category: 'gas-leaks' });
  });

  it('routes requests written the way residents write them: long, colloquial, misspelt', () => {
    expect(classify(model, '你好，我想反映一下，我们家楼下那个路口的红绿灯坏了好几天了，早上上班的时候车子乱成一锅粥，差点撞到人，麻烦你们赶紧派人来修一下，谢谢').department).toBe('traffic-police');
    expect(classify(model, 'the elevater in our bulding keeps geting stuck betwen floors, my mum was traped for an hour').department).toBe('market-regulation');
    // Misspelt and with "compound" (a housing word) it is not sure, but the right one is offered.
    const unsure = classify(model, 'no watter since yesterday morning in the hole compound!!!', 2);
    expect([unsure.department, ...unsure.alternatives.map((a) => a.department)]).toContain('water');
    expect(unsure.confidence).toBeLessThan(0.5);
  });

  it('answers with a known department, a confidence between 0 and 1, and distinct alternatives sorted by confidence, for any text and any method', () => {
    const small = examples.filter((_, i) => i % 3 === 0);
    const models = (['nb', 'cnb', 'logistic', 'perceptron', 'ensemble'] as Method[]).map((method) => train(small, { method, epochs: 3 }));
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: models.length - 1 }), (text, m) => {
        const suggestion = classify(m === 0 ? model : models[m]!, text);
        expect(codes.has(suggestion.department)).toBe(true);
        expect(suggestion.confidence).toBeGreaterThan(0);
        expect(suggestion.confidence).toBeLessThanOrEqual(1);
        const all = [suggestion.department, ...suggestion.alternatives.map((a) => a.department)];
        expect(new Set(all).size).toBe(all.length);
        const confidences = [suggestion.confidence, ...suggestion.alternatives.map((a) => a.confidence)];
        expect(confidences.every((c, i) => c >= 0 && c <= 1 && (i === 0 || c <= confidences[i - 1]!))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is sure of a clear request and unsure of an empty one', () => {
    expect(classify(model, '家里停电了，整栋楼都没电').confidence).toBeGreaterThan(0.5);
    expect(classify(model, '').confidence).toBeLessThan(0.2);
  });

  it('gives a category that belongs to the department it chose', () => {
    const categoriesOf = new Map(DEFAULT_CATALOG.map((d) => [d.code, new Set(d.categories.map((c) => c.code))]));
    for (const text of ['路灯不亮', 'broken traffic light', '低保怎么申请', 'fake fertiliser']) {
      const { department, category } = classify(model, text);
      expect(categoriesOf.get(department)!.has(category!), `${text}: ${department}/${category}`).toBe(true);
    }
  });

  it('trains the same model every time, whatever the method', () => {
    for (const method of ['cnb', 'logistic'] as Method[]) {
      const a = classify(train(examples, { method, epochs: 3 }), '小区门口的垃圾桶满了没人清');
      const b = classify(train(examples, { method, epochs: 3 }), '小区门口的垃圾桶满了没人清');
      expect(a).toEqual(b);
    }
  });

  it('learns from a correction: a history example moves a request of that kind it could not place', () => {
    const text = '小区喷泉的水泵坏了';
    expect(classify(model, text).department).not.toBe('greening');
    const corrected = train([...examples, { text: '小区喷泉坏了，水泵不转', department: 'greening', category: 'parks' }]);
    expect(classify(corrected, text)).toMatchObject({ department: 'greening', category: 'parks' });
  });

  it('weighs an example as many times as its weight', () => {
    const text = 'the dog park gate is broken';
    const extra = { text: 'dog park gate broken', department: 'subdistrict-office' };
    const once = classify(train([...examples, extra]), text);
    const heavy = classify(train([...examples, { ...extra, weight: 5 }]), text);
    const confidenceIn = (s: typeof once) => (s.department === 'subdistrict-office' ? s.confidence : s.alternatives.find((a) => a.department === 'subdistrict-office')?.confidence ?? 0);
    expect(confidenceIn(heavy)).toBeGreaterThan(confidenceIn(once));
  });
});

describe('the router', () => {
  it('is retrained from corrected history, which changes its answer for that kind of request', () => {
    const text = '小区喷泉的水泵坏了';
    try {
      retrainRouter([]);
      expect(suggestDepartment(text).department).not.toBe('greening');
      retrainRouter([
        { text: '小区喷泉坏了，水泵不转', department: 'greening', category: 'parks' },
        { text: '公园的喷泉不出水了', department: 'greening', category: 'parks' },
      ]);
      expect(suggestDepartment(text).department).toBe('greening');
    } finally {
      retrainRouter([]);
    }
  });
});
