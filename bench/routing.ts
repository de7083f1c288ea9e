import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classify, features, train } from '../src/modules/cases/classifier.js';
import { DEFAULT_CATALOG } from '../src/modules/departments/catalog.js';
import { routerExamples } from '../src/modules/cases/training/examples.js';

/**
 * Routing accuracy on requests held out from training (bench/data/routing-heldout*.tsv, written
 * apart from the training examples and never used to choose the model: that is done by
 * cross-validation on the training examples, bench/routing-cv.ts), for each set and all together,
 * and time per classification next to the time of merely extracting the text's features in the
 * same run (the floor any model over them pays).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SETS = ['routing-heldout.tsv', 'routing-heldout-2.tsv', 'routing-heldout-3.tsv'];
const readHeldOut = (file: string) => readFileSync(path.join(ROOT, 'bench/data', file), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [department, ...text] = l.split('\t');
    return { set: file, department: department!.trim(), text: text.join('\t').trim() };
  });
const heldOut = SETS.flatMap(readHeldOut);

// Exactly what the router trains on (src/modules/cases/routing.ts), with no history.
const examples = routerExamples(DEFAULT_CATALOG);
let start = process.hrtime.bigint();
const model = train(examples);
const trainingMs = Number(process.hrtime.bigint() - start) / 1e6;
const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

type Tally = { n: number; top1: number; top3: number };
const tallies = new Map<string, Tally>();
const count = (key: string, top1: boolean, top3: boolean) => {
  const t = tallies.get(key) ?? { n: 0, top1: 0, top3: 0 };
  t.n++;
  if (top1) t.top1++;
  if (top3) t.top3++;
  tallies.set(key, t);
};
const misses: string[] = [];
for (const { set, department, text } of heldOut) {
  const suggestion = classify(model, text, 2);
  const top3 = [suggestion.department, ...suggestion.alternatives.map((a) => a.department)];
  const language = isChinese(text) ? 'zh' : 'en';
  for (const key of ['all', language, set, `${set} ${language}`]) count(key, top3[0] === department, top3.includes(department));
  if (top3[0] !== department) misses.push(`[${set}] ${department} → ${top3.join(', ')}: ${text}`);
}

const time = (work: (text: string) => unknown) => {
  const rounds = 200;
  const begin = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const { text } of heldOut) work(text);
  return Number(process.hrtime.bigint() - begin) / (rounds * heldOut.length) / 1000; // µs
};
time((text) => classify(model, text)); // warm up
const classifyMicros = time((text) => classify(model, text));
const featuresMicros = time((text) => features(text, model.options.features));

// Training time with a few thousand examples, as after retraining from history.
const history = Array.from({ length: 3 }, () => routerExamples(DEFAULT_CATALOG)).flat();
start = process.hrtime.bigint();
train(history);
const trainingMsLarge = Number(process.hrtime.bigint() - start) / 1e6;

const pct = (a: number, b: number) => Math.round((a / b) * 1000) / 10;
const figures = (key: string) => {
  const t = tallies.get(key)!;
  return { n: t.n, top1: pct(t.top1, t.n), top3: pct(t.top3, t.n) };
};
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  model: { method: model.options.method, features: model.options.features, alpha: model.options.alpha, sharpness: model.options.sharpness },
  trainingExamples: examples.length,
  heldOut: heldOut.length,
  top1: { all: figures('all').top1, zh: figures('zh').top1, en: figures('en').top1 },
  top3: { all: figures('all').top3, zh: figures('zh').top3, en: figures('en').top3 },
  sets: Object.fromEntries(SETS.map((set) => [set, { ...figures(set), zh: figures(`${set} zh`), en: figures(`${set} en`) }])),
  targets: { top1: 90, top3: 98 },
  microsecondsPerClassification: Math.round(classifyMicros * 10) / 10,
  microsecondsPerFeatureExtraction: Math.round(featuresMicros * 10) / 10,
  trainingMilliseconds: Math.round(trainingMs),
  trainingMillisecondsFor: { examples: history.length, milliseconds: Math.round(trainingMsLarge) },
  misses,
};
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/routing.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify({ ...result, misses: `${misses.length} (see bench/results/routing.json)` }, null, 2));
