import { classify, type Example, train, type TrainOptions } from '../src/modules/cases/classifier.js';
import { DEFAULT_CATALOG } from '../src/modules/departments/catalog.js';
import { CATALOG_WEIGHT, GLOSSARY_WEIGHT, catalogExamples, glossaryExamples, startingExamples } from '../src/modules/cases/training/examples.js';

/**
 * Model selection by stratified k-fold cross-validation on the TRAINING examples only
 * (src/modules/cases/training/examples.tsv): each fold is classified by a model trained on the
 * other folds plus the catalog's phrases (which are never themselves tested: they are not how
 * residents write). The held-out sets in bench/data are not read here, so that choosing among
 * the variants cannot tune them to those sets.
 *
 *   npx tsx bench/routing-cv.ts [k=5] [repeats=2] [variant-name-filter]
 */
const k = Number(process.argv[2] ?? 5);
const repeats = Number(process.argv[3] ?? 2);
const filter = process.argv[4];

type Variant = { name: string; options: Partial<TrainOptions> };
const cjk13 = { cjk: [1, 3] as [number, number], englishPairs: true, englishChars: null };
const cjk14 = { ...cjk13, cjk: [1, 4] as [number, number] };
const cjk12 = { ...cjk13, cjk: [1, 2] as [number, number] };
const chars35 = { ...cjk13, englishChars: [3, 5] as [number, number] };
const chars14_35 = { ...cjk14, englishChars: [3, 5] as [number, number] };
const chars13_34 = { ...cjk13, englishChars: [3, 4] as [number, number] };

const variants: Variant[] = [
  { name: 'nb a=0.5 cjk1-3 (old default)', options: { method: 'nb', alpha: 0.5, features: cjk13 } },
  { name: 'nb a=0.1 cjk1-3', options: { method: 'nb', alpha: 0.1, features: cjk13 } },
  { name: 'nb a=0.2 cjk1-3', options: { method: 'nb', alpha: 0.2, features: cjk13 } },
  { name: 'nb a=1 cjk1-3', options: { method: 'nb', alpha: 1, features: cjk13 } },
  { name: 'nb a=0.2 cjk1-2', options: { method: 'nb', alpha: 0.2, features: cjk12 } },
  { name: 'nb a=0.2 cjk1-4', options: { method: 'nb', alpha: 0.2, features: cjk14 } },
  { name: 'nb a=0.2 cjk1-3 +en chars3-5', options: { method: 'nb', alpha: 0.2, features: chars35 } },
  { name: 'cnb a=0.3 cjk1-3', options: { method: 'cnb', alpha: 0.3, features: cjk13 } },
  { name: 'cnb a=0.3 cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.3, features: chars35 } },
  { name: 'perceptron cjk1-3', options: { method: 'perceptron', epochs: 20, features: cjk13 } },
  { name: 'perceptron cjk1-3 +en chars3-5', options: { method: 'perceptron', epochs: 20, features: chars35 } },
  { name: 'logistic cjk1-3', options: { method: 'logistic', features: cjk13 } },
  { name: 'logistic cjk1-4', options: { method: 'logistic', features: cjk14 } },
  { name: 'logistic cjk1-3 +en chars3-5', options: { method: 'logistic', features: chars35 } },
  { name: 'logistic cjk1-3 +en chars3-4', options: { method: 'logistic', features: chars13_34 } },
  { name: 'logistic cjk1-4 +en chars3-5', options: { method: 'logistic', features: chars14_35 } },
  { name: 'logistic lr=1 cjk1-3 +en chars3-5', options: { method: 'logistic', learningRate: 1, features: chars35 } },
  { name: 'logistic lr=2 ep=30 cjk1-3 +en chars3-5', options: { method: 'logistic', learningRate: 2, epochs: 30, features: chars35 } },
  { name: 'logistic l2=1e-4 cjk1-3 +en chars3-5', options: { method: 'logistic', l2: 1e-4, features: chars35 } },
  { name: 'ensemble w=0.5 T=4 cjk1-3 +en chars3-5', options: { method: 'ensemble', ensembleWeight: 0.5, nbTemperature: 4, alpha: 0.2, features: chars35 } },
  { name: 'ensemble w=0.7 T=4 cjk1-3 +en chars3-5', options: { method: 'ensemble', ensembleWeight: 0.7, nbTemperature: 4, alpha: 0.2, features: chars35 } },
  { name: 'ensemble w=0.5 T=10 cjk1-3 +en chars3-5', options: { method: 'ensemble', ensembleWeight: 0.5, nbTemperature: 10, alpha: 0.2, features: chars35 } },
  { name: 'ensemble w=0.5 T=4 cjk1-3', options: { method: 'ensemble', ensembleWeight: 0.5, nbTemperature: 4, alpha: 0.2, features: cjk13 } },
  // Round 2, around complement NB (best of round 1 once the glossary was in).
  { name: 'cnb a=0.1 cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.1, features: chars35 } },
  { name: 'cnb a=1 cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 1, features: chars35 } },
  { name: 'cnb a=0.3 cjk1-2 +en chars3-5', options: { method: 'cnb', alpha: 0.3, features: { ...chars35, cjk: [1, 2] } } },
  { name: 'cnb a=0.3 cjk1-4 +en chars3-5', options: { method: 'cnb', alpha: 0.3, features: chars14_35 } },
  { name: 'cnb a=0.3 cjk2-3 +en chars3-5', options: { method: 'cnb', alpha: 0.3, features: { ...chars35, cjk: [2, 3] } } },
  { name: 'cnb a=0.3 cjk1-3 +en chars3-4', options: { method: 'cnb', alpha: 0.3, features: chars13_34 } },
  { name: 'cnb a=0.3 unnormalized cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.3, cnbNormalize: false, features: chars35 } },
  { name: 'cnb a=0.3 tfidf cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.3, nbTransform: true, features: chars35 } },
  { name: 'cnb a=0.1 tfidf cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.1, nbTransform: true, features: chars35 } },
  { name: 'cnb a=0.03 tfidf cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.03, nbTransform: true, features: chars35 } },
  { name: 'nb a=0.1 tfidf cjk1-3 +en chars3-5', options: { method: 'nb', alpha: 0.1, nbTransform: true, features: chars35 } },
  { name: 'cnb a=0.3 +en chars3-5, categories nb', options: { method: 'cnb', categoryMethod: 'nb', alpha: 0.3, features: chars35 } },
  { name: 'ensemble cnb+logistic w=0.5', options: { method: 'ensemble', ensembleComplement: true, ensembleWeight: 0.5, nbTemperature: 1, alpha: 0.3, features: chars35 } },
  { name: 'ensemble cnb+logistic w=0.3', options: { method: 'ensemble', ensembleComplement: true, ensembleWeight: 0.3, nbTemperature: 1, alpha: 0.3, features: chars35 } },
  { name: 'cnb a=0.3 binary cjk1-2 +en chars3-5', options: { method: 'cnb', alpha: 0.3, binary: true, features: { ...chars35, cjk: [1, 2] } } },
  { name: 'cnb a=0.3 binary cjk1-3 +en chars3-5', options: { method: 'cnb', alpha: 0.3, binary: true, features: chars35 } },
  { name: 'cnb a=1 binary cjk1-2 +en chars3-5', options: { method: 'cnb', alpha: 1, binary: true, features: { ...chars35, cjk: [1, 2] } } },
  { name: 'cnb a=1 cjk1-2 +en chars3-5', options: { method: 'cnb', alpha: 1, features: { ...chars35, cjk: [1, 2] } } },
  { name: 'nb a=0.5 binary cjk1-3 +en chars3-5', options: { method: 'nb', alpha: 0.5, binary: true, features: chars35 } },
  { name: 'logistic binary cjk1-3', options: { method: 'logistic', binary: true, features: cjk13 } },
  // Ensembles with each model first put on a calibrated scale (sharpness from the rows above).
  ...[0.2, 0.35, 0.5].map((w) => ({
    name: `ensemble cnb×130+logistic×5.6 w=${w}`,
    options: { method: 'ensemble', ensembleComplement: true, ensembleWeight: w, nbTemperature: 1 / 130, linearSharpness: 5.6, alpha: 0.3, features: { ...chars35, cjk: [1, 2] } } as Partial<TrainOptions>,
  })),
  // Round 3, with the glossary and catalog weighted (6 and 3): the ensemble made cheaper.
  ...[10, 20].map((epochs) => ({
    name: `ensemble w=0.35 ep=${epochs} categories cnb`,
    options: { method: 'ensemble', categoryMethod: 'cnb', epochs, ensembleComplement: true, ensembleWeight: 0.35, nbTemperature: 1 / 130, linearSharpness: 5.6, alpha: 1, features: { ...chars35, cjk: [1, 2] } } as Partial<TrainOptions>,
  })),
  { name: 'cnb a=1 cjk1-2 (no en chars)', options: { method: 'cnb', alpha: 1, features: cjk12 } },
  { name: 'cnb a=1 cjk1-3 (no en chars)', options: { method: 'cnb', alpha: 1, features: cjk13 } },
  { name: 'chosen: the defaults of classifier.ts', options: {} },
  ...[0.1, 0.25, 0.5].map((w) => ({ name: `cnb a=1 cjk1-2 +en chars3-5 ×${w}`, options: { method: 'cnb', alpha: 1, features: { ...chars35, cjk: [1, 2], englishCharWeight: w } } as Partial<TrainOptions> })),
];

/** Deterministic shuffle (mulberry32), so that folds are the same from run to run. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Folds with each department spread evenly over them. */
function stratifiedFolds(examples: Example[], folds: number, seed: number): Example[][] {
  const out: Example[][] = Array.from({ length: folds }, () => []);
  const byDepartment = new Map<string, Example[]>();
  for (const e of shuffled(examples, seed)) byDepartment.set(e.department, [...(byDepartment.get(e.department) ?? []), e]);
  let at = 0;
  for (const department of [...byDepartment.keys()].sort()) for (const e of byDepartment.get(department)!) out[at++ % folds]!.push(e);
  return out;
}

const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/**
 * With TYPOS=p, each English word of 4+ letters in a test text gets, with probability p, one
 * typing slip (two letters swapped, one dropped, one doubled or one replaced by its keyboard
 * neighbour), deterministically: how well a variant copes with residents' typos.
 */
const typoRate = Number(process.env.TYPOS ?? 0);
function withTypos(text: string, seed: number): string {
  if (!typoRate || isChinese(text)) return text;
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const neighbours = 'qwertyuiopasdfghjklzxcvbnm';
  return text.replace(/[a-zA-Z]{4,}/g, (word) => {
    if (next() >= typoRate) return word;
    const i = 1 + Math.floor(next() * (word.length - 2));
    switch (Math.floor(next() * 4)) {
      case 0: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      case 1: return word.slice(0, i) + word.slice(i + 1);
      case 2: return word.slice(0, i) + word[i] + word.slice(i);
      default: {
        const at = neighbours.indexOf(word[i]!.toLowerCase());
        return word.slice(0, i) + (neighbours[at + 1] ?? 'a') + word.slice(i + 1);
      }
    }
  });
}
const shipped = startingExamples();
// Weights of the glossary's and the catalog's lines (each counts as that many examples).
const glossaryWeight = Number(process.env.GLOSSARY_WEIGHT ?? GLOSSARY_WEIGHT);
const catalogWeight = Number(process.env.CATALOG_WEIGHT ?? CATALOG_WEIGHT);
const catalog = [
  ...catalogExamples(DEFAULT_CATALOG).map((e) => ({ ...e, weight: catalogWeight })),
  ...(process.env.NO_GLOSSARY ? [] : glossaryExamples().map((e) => ({ ...e, weight: glossaryWeight }))),
];
const pct = (a: number, b: number) => (Math.round((a / b) * 1000) / 10).toFixed(1);

console.log(`${shipped.length} training examples (+${catalog.length} catalog phrases and glossary lines always in training, weights ${catalogWeight} and ${glossaryWeight}), ${k}-fold × ${repeats}\n`);
console.log('variant'.padEnd(44), 'top1', ' top3', '  zh1', '  en1', ' cat1', ' train ms', ' µs/req');
const results: { name: string; top1: number; top3: number }[] = [];
for (const variant of variants) {
  if (filter && !variant.name.includes(filter)) continue;
  const tally = { n: 0, top1: 0, top3: 0, zh: 0, zhN: 0, en: 0, enN: 0, cat: 0, catN: 0 };
  let trainMs = 0;
  const distributions: { truth: number; logP: number[] }[] = [];
  let classifyNs = 0;
  for (let r = 0; r < repeats; r++) {
    const folds = stratifiedFolds(shipped, k, 1000 + r);
    for (let f = 0; f < k; f++) {
      const training = [...folds.filter((_, i) => i !== f).flat(), ...catalog];
      let start = process.hrtime.bigint();
      const model = train(training, variant.options);
      trainMs += Number(process.hrtime.bigint() - start) / 1e6;
      start = process.hrtime.bigint();
      for (const e of folds[f]!) {
        const s = classify(model, withTypos(e.text, tally.n + 7), 30);
        const top3 = [s.department, ...s.alternatives.slice(0, 2).map((a) => a.department)];
        const all = [{ department: s.department, confidence: s.confidence }, ...s.alternatives];
        distributions.push({ truth: all.findIndex((a) => a.department === e.department), logP: all.map((a) => Math.log(Math.max(a.confidence, 1e-300))) });
        tally.n++;
        if (top3[0] === e.department) tally.top1++;
        else if (process.env.MISSES) console.log(`  ${e.department} → ${top3.join(', ')}: ${e.text}`);
        if (top3.includes(e.department)) tally.top3++;
        if (isChinese(e.text)) {
          tally.zhN++;
          if (top3[0] === e.department) tally.zh++;
        } else {
          tally.enN++;
          if (top3[0] === e.department) tally.en++;
        }
        if (top3[0] === e.department && e.category) {
          tally.catN++;
          if (s.category === e.category) tally.cat++;
        }
      }
      classifyNs += Number(process.hrtime.bigint() - start);
    }
  }
  results.push({ name: variant.name, top1: tally.top1 / tally.n, top3: tally.top3 / tally.n });
  // The sharpness (a multiplier of the scores) that gives confidences the lowest log-loss.
  const logLoss = (sharpness: number) => {
    let total = 0;
    for (const { truth, logP } of distributions) {
      const scaled = logP.map((l) => l * sharpness);
      const max = Math.max(...scaled);
      const logSum = max + Math.log(scaled.reduce((a, b) => a + Math.exp(b - max), 0));
      total -= truth < 0 ? -50 : scaled[truth]! - logSum;
    }
    return total / distributions.length;
  };
  let bestSharpness = 1;
  for (let e = -3; e <= 4; e += 0.125) if (logLoss(10 ** e) < logLoss(bestSharpness)) bestSharpness = 10 ** e;
  console.log(
    variant.name.padEnd(44),
    pct(tally.top1, tally.n),
    pct(tally.top3, tally.n).padStart(5),
    pct(tally.zh, tally.zhN).padStart(5),
    pct(tally.en, tally.enN).padStart(5),
    pct(tally.cat, tally.catN).padStart(5),
    (trainMs / (k * repeats)).toFixed(0).padStart(9),
    (classifyNs / tally.n / 1000).toFixed(1).padStart(7),
    `  logloss ${logLoss(1).toFixed(2)} → ${logLoss(bestSharpness).toFixed(2)} at ×${bestSharpness.toPrecision(2)}`,
  );
}
const best = [...results].sort((a, b) => b.top1 - a.top1 || b.top3 - a.top3)[0];
if (best) console.log(`\nbest by CV top-1: ${best.name}`);
