import { classify, type Example, train, type TrainOptions } from '../src/modules/cases/classifier.js';
import { DEFAULT_CATALOG } from '../src/modules/departments/catalog.js';
import { catalogExamples, glossaryExamples, startingExamples } from '../src/modules/cases/training/examples.js';

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
const shipped = startingExamples();
const withGlossary = process.env.NO_GLOSSARY ? [] : glossaryExamples();
const catalog = [...catalogExamples(DEFAULT_CATALOG), ...withGlossary];
const pct = (a: number, b: number) => (Math.round((a / b) * 1000) / 10).toFixed(1);

console.log(`${shipped.length} training examples (+${catalog.length} catalog phrases and glossary lines always in training), ${k}-fold × ${repeats}\n`);
console.log('variant'.padEnd(44), 'top1', ' top3', '  zh1', '  en1', ' cat1', ' train ms', ' µs/req');
const results: { name: string; top1: number; top3: number }[] = [];
for (const variant of variants) {
  if (filter && !variant.name.includes(filter)) continue;
  const tally = { n: 0, top1: 0, top3: 0, zh: 0, zhN: 0, en: 0, enN: 0, cat: 0, catN: 0 };
  let trainMs = 0;
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
        const s = classify(model, e.text, 2);
        const top3 = [s.department, ...s.alternatives.map((a) => a.department)];
        tally.n++;
        if (top3[0] === e.department) tally.top1++;
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
  console.log(
    variant.name.padEnd(44),
    pct(tally.top1, tally.n),
    pct(tally.top3, tally.n).padStart(5),
    pct(tally.zh, tally.zhN).padStart(5),
    pct(tally.en, tally.enN).padStart(5),
    pct(tally.cat, tally.catN).padStart(5),
    (trainMs / (k * repeats)).toFixed(0).padStart(9),
    (classifyNs / tally.n / 1000).toFixed(1).padStart(7),
  );
}
const best = [...results].sort((a, b) => b.top1 - a.top1 || b.top3 - a.top3)[0];
if (best) console.log(`\nbest by CV top-1: ${best.name}`);
