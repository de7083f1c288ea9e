import { stemmer } from 'stemmer';

/**
 * Routing a resident's words to the department responsible: a multinomial naive Bayes model
 * over character n-grams for Chinese (no segmentation dictionary needed: 漏水, 停电 and
 * 占道经营 are caught as runs of characters) and over words and word pairs for English.
 * Pure: training and classification take data in and give data out; storing a trained
 * model and retraining from corrected history belong to the service.
 */

export interface Example {
  text: string;
  department: string;
  category?: string | undefined;
}

export interface Suggestion {
  department: string;
  category: string | null;
  /** Posterior probability of the department, 0..1. */
  confidence: number;
  alternatives: { department: string; confidence: number }[];
}

interface NaiveBayes {
  labels: string[];
  logPrior: number[];
  /** Per feature, the log probability under each label. */
  logLikelihood: Map<string, number[]>;
  /** Log probability of a feature never seen with a label (smoothing mass). */
  logUnseen: number[];
}

export interface Model {
  departments: NaiveBayes;
  /** Within each department, which of its categories. */
  categories: Map<string, NaiveBayes>;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const ENGLISH_STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'is', 'are', 'was', 'it', 'my', 'our', 'for', 'with', 'there', 'this', 'that', 'i', 'we', 'please', 'has', 'have', 'been', 'be', 'by', 'from', 'but', 'no', 'not']);


/** The features of a text: CJK character 1- to 3-grams, English word stems and stem pairs, digits dropped. */
export function features(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  let run = '';
  const flushRun = () => {
    const chars = [...run];
    for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
    run = '';
  };
  let previousWord: string | null = null;
  for (const token of normalized.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+/g) ?? []) {
    if (CJK.test(token)) {
      run = token;
      flushRun();
      previousWord = null;
      continue;
    }
    if (ENGLISH_STOP.has(token) || token.length < 2) continue;
    // Porter stems, so that "leaks", "leaking" and "leaked" count as one word.
    const word = stemmer(token);
    out.push(`w:${word}`);
    if (previousWord) out.push(`w:${previousWord}_${word}`);
    previousWord = word;
  }
  return out;
}

function trainNaiveBayes(samples: { features: string[]; label: string }[], alpha: number): NaiveBayes {
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const docCount = new Array<number>(labels.length).fill(0);
  const featureTotal = new Array<number>(labels.length).fill(0);
  const counts = new Map<string, number[]>();
  for (const sample of samples) {
    const i = index.get(sample.label)!;
    docCount[i]!++;
    for (const f of sample.features) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Array<number>(labels.length).fill(0)));
      row[i]!++;
      featureTotal[i]!++;
    }
  }
  const vocabulary = counts.size;
  const denominators = featureTotal.map((total) => Math.log(total + alpha * (vocabulary + 1)));
  const logLikelihood = new Map<string, number[]>();
  for (const [f, row] of counts) logLikelihood.set(f, row.map((c, i) => Math.log(c + alpha) - denominators[i]!));
  return {
    labels,
    // Departments get cases in very different volumes; a flat prior keeps a rare one reachable.
    logPrior: labels.map(() => -Math.log(labels.length)),
    logLikelihood,
    logUnseen: denominators.map((d) => Math.log(alpha) - d),
  };
}

/** Posterior over the labels, highest first. */
function rank(model: NaiveBayes, textFeatures: string[]): { label: string; probability: number }[] {
  const scores = [...model.logPrior];
  for (const f of textFeatures) {
    const row = model.logLikelihood.get(f);
    if (!row) continue; // a feature never seen in training says nothing about any label
    for (let i = 0; i < scores.length; i++) scores[i]! += row[i]!;
  }
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return model.labels.map((label, i) => ({ label, probability: exp[i]! / sum })).sort((a, b) => b.probability - a.probability);
}

export function train(examples: Example[], alpha = 0.5): Model {
  const prepared = examples.map((e) => ({ ...e, features: features(e.text) }));
  const departments = trainNaiveBayes(prepared.map((e) => ({ features: e.features, label: e.department })), alpha);
  const categories = new Map<string, NaiveBayes>();
  for (const department of departments.labels) {
    const labelled = prepared.filter((e) => e.department === department && e.category);
    if (labelled.length) categories.set(department, trainNaiveBayes(labelled.map((e) => ({ features: e.features, label: e.category! })), alpha));
  }
  return { departments, categories };
}

export function classify(model: Model, text: string, alternatives = 3): Suggestion {
  const textFeatures = features(text);
  const ranked = rank(model.departments, textFeatures);
  const best = ranked[0]!;
  const categoryModel = model.categories.get(best.label);
  return {
    department: best.label,
    category: categoryModel ? rank(categoryModel, textFeatures)[0]!.label : null,
    confidence: best.probability,
    alternatives: ranked.slice(1, 1 + alternatives).map((r) => ({ department: r.label, confidence: r.probability })),
  };
}
