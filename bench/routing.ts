import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classify, features, train } from '../src/modules/cases/classifier.js';
import { DEFAULT_CATALOG } from '../src/modules/departments/catalog.js';
import { catalogExamples, startingExamples } from '../src/modules/cases/training/examples.js';

/**
 * Routing accuracy on requests held out from training (bench/data/routing-heldout*.tsv, written
 * apart from the training examples), and time per classification next to the time of merely
 * extracting the text's features in the same run (the floor any model over them pays).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const readHeldOut = (file: string) => readFileSync(path.join(ROOT, 'bench/data', file), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [department, ...text] = l.split('\t');
    return { department: department!.trim(), text: text.join('\t').trim() };
  });
const heldOut = [...readHeldOut('routing-heldout.tsv'), ...readHeldOut('routing-heldout-2.tsv')];

const examples = [...startingExamples(), ...catalogExamples(DEFAULT_CATALOG)];
const model = train(examples);
const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

const tally = { all: { n: 0, top1: 0, top3: 0 }, zh: { n: 0, top1: 0, top3: 0 }, en: { n: 0, top1: 0, top3: 0 } };
const misses: string[] = [];
for (const { department, text } of heldOut) {
  const suggestion = classify(model, text, 2);
  const top3 = [suggestion.department, ...suggestion.alternatives.map((a) => a.department)];
  for (const key of ['all', isChinese(text) ? 'zh' : 'en'] as const) {
    tally[key].n++;
    if (top3[0] === department) tally[key].top1++;
    if (top3.includes(department)) tally[key].top3++;
  }
  if (top3[0] !== department) misses.push(`${department} → ${top3.join(', ')}: ${text}`);
}

const time = (work: (text: string) => unknown) => {
  const rounds = 200;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const { text } of heldOut) work(text);
  return Number(process.hrtime.bigint() - start) / (rounds * heldOut.length) / 1000; // µs
};
time((text) => classify(model, text)); // warm up
const classifyMicros = time((text) => classify(model, text));
const featuresMicros = time((text) => features(text));

const pct = (a: number, b: number) => Math.round((a / b) * 1000) / 10;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  trainingExamples: examples.length,
  heldOut: heldOut.length,
  top1: { all: pct(tally.all.top1, tally.all.n), zh: pct(tally.zh.top1, tally.zh.n), en: pct(tally.en.top1, tally.en.n) },
  top3: { all: pct(tally.all.top3, tally.all.n), zh: pct(tally.zh.top3, tally.zh.n), en: pct(tally.en.top3, tally.en.n) },
  targets: { top1: 90, top3: 98 },
  microsecondsPerClassification: Math.round(classifyMicros * 10) / 10,
  microsecondsPerFeatureExtraction: Math.round(featuresMicros * 10) / 10,
  misses,
};
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/routing.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify({ ...result, misses: `${misses.length} (see bench/results/routing.json)` }, null, 2));
