import { stemmer } from 'stemmer';

/**
 * Routing a resident's words to the department responsible. Features: character n-grams for
 * Chinese (no segmentation dictionary needed: 漏水, 停电 and 占道经营 are caught as runs of
 * characters), and for English word stems, stem pairs and, optionally, character n-grams inside
 * words (so that "elevater" and "watter" still share most of their features with the right word).
 *
 * Several models over those features, chosen by cross-validation on the training examples
 * (bench/routing-cv.ts): multinomial and complement naive Bayes, TF-IDF with a softmax
 * regression or an averaged perceptron, and an ensemble of naive Bayes and the regression.
 * Pure and deterministic: training and classification take data in and give data out (a fixed
 * seed orders the examples); storing a trained model and retraining from corrected history
 * belong to the service.
 */

export interface Example {
  text: string;
  department: string;
  category?: string | undefined;
  /** How many examples this one counts as (1 unless said): the glossary's word lists weigh more. */
  weight?: number | undefined;
}

export interface Suggestion {
  department: string;
  category: string | null;
  /** Probability the model gives the department, 0..1. */
  confidence: number;
  alternatives: { department: string; confidence: number }[];
}

export interface FeatureOptions {
  /** Lengths of the Chinese character n-grams, inclusive. */
  cjk: [number, number];
  /** English word stem pairs as well as single stems. */
  englishPairs: boolean;
  /** Lengths of character n-grams inside each English word (with its boundaries), or none. */
  englishChars: [number, number] | null;
  /**
   * How much one of those character n-grams counts in naive Bayes, against 1 for a word: a word
   * gives a dozen of them, all saying much the same thing, which would make the model overconfident.
   */
  englishCharWeight?: number | undefined;
}

export type Method = 'nb' | 'cnb' | 'logistic' | 'perceptron' | 'ensemble';

export interface TrainOptions {
  method: Method;
  /** The model choosing a category within a department (few examples each), if not `method`. */
  categoryMethod?: Method | undefined;
  features: FeatureOptions;
  /** Additive smoothing of the naive Bayes models. */
  alpha: number;
  /**
   * Naive Bayes counts each training text's features as TF-IDF weights (log term frequency,
   * inverse document frequency) normalised to unit length, rather than raw counts (Rennie et
   * al. 2003): long texts and words in every text then weigh less.
   */
  nbTransform: boolean;
  /** Complement NB normalises each label's weights to sum to one in magnitude (WCNB). */
  cnbNormalize: boolean;
  /** A feature counts once per text however often it occurs (in training and in classifying). */
  binary: boolean;
  /**
   * Scores are multiplied by this before the softmax that turns them into confidences: it does
   * not change the ranking, only how sure the model says it is (chosen by cross-validated log-loss).
   */
  sharpness: number;
  /** Passes over the examples of the regression and the perceptron. */
  epochs: number;
  /** Initial learning rate and L2 penalty of the regression. */
  learningRate: number;
  l2: number;
  /** Weight of the regression in the ensemble (the naive Bayes has 1 − this). */
  ensembleWeight: number;
  /** The naive Bayes of the ensemble is the complement one. */
  ensembleComplement: boolean;
  /** In the ensemble, the regression's scores are multiplied by this (to put both on one scale). */
  linearSharpness: number;
  /** Naive Bayes posteriors are overconfident: in the ensemble its log-scores are divided by this. */
  nbTemperature: number;
  seed: number;
}

/**
 * The features and model chosen by 5-fold cross-validation on the training examples
 * (bench/routing-cv.ts, which never reads the held-out sets): complement naive Bayes over
 * Chinese character 1–2-grams and English stems, stem pairs and 3–5-character pieces of words
 * (each piece counting a quarter: they make English requests with typos still route, without
 * making the model overconfident), smoothing 1. Its scores multiplied by 230 give the confidences
 * with the lowest cross-validated log-loss.
 */
export const DEFAULT_FEATURES: FeatureOptions = { cjk: [1, 2], englishPairs: true, englishChars: [3, 5], englishCharWeight: 0.25 };

export const DEFAULT_OPTIONS: TrainOptions = {
  method: 'cnb',
  features: DEFAULT_FEATURES,
  alpha: 1,
  nbTransform: false,
  cnbNormalize: true,
  binary: false,
  sharpness: 230,
  epochs: 20,
  learningRate: 0.5,
  l2: 0,
  ensembleWeight: 0.5,
  ensembleComplement: false,
  linearSharpness: 1,
  nbTemperature: 4,
  seed: 1,
};

/** A naive Bayes model (multinomial or complement): per feature, a log weight under each label. */
interface NaiveBayes {
  kind: 'nb';
  labels: string[];
  logPrior: number[];
  /** Where each feature's row starts in `logLikelihood`. */
  rowOf: Map<string, number>;
  /**
   * Per feature, a log weight under each label: one row of `labels.length` after another, in one
   * typed array rather than an array per feature, so that the eighty or so rows a request reads
   * are plain offsets into one block of memory instead of as many objects.
   */
  logLikelihood: Float64Array;
  /** Complement NB scores by subtracting the weights of the other labels: sign of the sum. */
  sign: 1 | -1;
  features: FeatureOptions;
}

/** A linear model over TF-IDF weighted, length-normalised features (regression or perceptron). */
interface Linear {
  kind: 'linear';
  labels: string[];
  /** Feature → row in `weights`, and its inverse document frequency. */
  index: Map<string, number>;
  idf: Float64Array;
  /** Row-major, one row of `labels.length` weights per feature. */
  weights: Float64Array;
  bias: Float64Array;
  /** Softmax (regression) or scores scaled into a softmax (perceptron). */
  scale: number;
}

interface Ensemble {
  kind: 'ensemble';
  labels: string[];
  /** Naive Bayes, multinomial or complement. */
  nb: NaiveBayes;
  linear: Linear;
  weight: number;
  nbTemperature: number;
  linearSharpness: number;
}

type Scorer = NaiveBayes | Linear | Ensemble;

export interface Model {
  options: TrainOptions;
  departments: Scorer;
  /** Within each department, which of its categories. */
  categories: Map<string, Scorer>;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const ENGLISH_STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'is', 'are', 'was', 'it', 'my', 'our', 'for', 'with', 'there', 'this', 'that', 'i', 'we', 'please', 'has', 'have', 'been', 'be', 'by', 'from', 'but', 'no', 'not']);

/**
 * The features of a text: CJK character n-grams, English word stems and stem pairs (and, if
 * asked, character n-grams of English words), digits dropped. A feature occurs once per occurrence.
 */
export function features(text: string, options: FeatureOptions = DEFAULT_FEATURES): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  const [cjkMin, cjkMax] = options.cjk;
  let previousWord: string | null = null;
  for (const token of normalized.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+/g) ?? []) {
    if (CJK.test(token)) {
      const chars = [...token];
      for (let n = cjkMin; n <= cjkMax; n++) for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
      previousWord = null;
      continue;
    }
    if (ENGLISH_STOP.has(token) || token.length < 2) continue;
    // Porter stems, so that "leaks", "leaking" and "leaked" count as one word.
    const word = stemmer(token);
    out.push(`w:${word}`);
    if (options.englishPairs && previousWord) out.push(`w:${previousWord}_${word}`);
    previousWord = word;
    if (options.englishChars) {
      const padded = `<${token}>`;
      const [min, max] = options.englishChars;
      for (let n = min; n <= max; n++) for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  return out;
}

/** What one occurrence of a feature counts for in naive Bayes. */
const featureWeight = (feature: string, options: FeatureOptions) => (feature.startsWith('c:') ? options.englishCharWeight ?? 1 : 1);

interface Sample {
  features: string[];
  label: string;
  weight: number;
}

const labelsOf = (samples: Sample[]) => [...new Set(samples.map((s) => s.label))].sort();

function trainNaiveBayes(samples: Sample[], options: TrainOptions, complement: boolean): NaiveBayes {
  const { alpha } = options;
  const labels = labelsOf(samples);
  const index = new Map(labels.map((l, i) => [l, i]));
  const featureTotal = new Array<number>(labels.length).fill(0);
  const counts = new Map<string, number[]>();
  let idf: Map<string, number> | undefined;
  if (options.nbTransform) {
    const df = new Map<string, number>();
    for (const sample of samples) for (const f of new Set(sample.features)) df.set(f, (df.get(f) ?? 0) + 1);
    idf = new Map([...df].map(([f, n]) => [f, Math.log(samples.length / n)]));
  }
  for (const sample of samples) {
    const i = index.get(sample.label)!;
    const weights = new Map<string, number>();
    for (const f of sample.features) weights.set(f, (weights.get(f) ?? 0) + featureWeight(f, options.features));
    if (idf) {
      let norm = 0;
      for (const [f, c] of weights) {
        const w = Math.log(1 + c) * idf.get(f)!;
        weights.set(f, w);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [f, w] of weights) weights.set(f, w / norm);
    }
    for (const [f, w] of weights) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Array<number>(labels.length).fill(0)));
      row[i]! += w * sample.weight;
      featureTotal[i]! += w * sample.weight;
    }
  }
  const vocabulary = counts.size;
  const logLikelihood = new Map<string, number[]>();
  if (!complement) {
    const denominators = featureTotal.map((total) => Math.log(total + alpha * (vocabulary + 1)));
    for (const [f, row] of counts) logLikelihood.set(f, row.map((c, i) => Math.log(c + alpha) - denominators[i]!));
  } else {
    // Complement NB (Rennie et al. 2003): a label's weight for a feature comes from how often the
    // feature occurs in the *other* labels' texts, which is steadier when labels have few examples;
    // weights are normalised per label so a label with long texts does not dominate.
    const grandTotal = featureTotal.reduce((a, b) => a + b, 0);
    const raw = new Map<string, number[]>();
    const norms = new Array<number>(labels.length).fill(0);
    for (const [f, row] of counts) {
      const sum = row.reduce((a, b) => a + b, 0);
      const weights = row.map((c, i) => Math.log((sum - c + alpha) / (grandTotal - featureTotal[i]! + alpha * vocabulary)));
      weights.forEach((w, i) => (norms[i]! += Math.abs(w)));
      raw.set(f, weights);
    }
    const normalize = options.cnbNormalize;
    for (const [f, weights] of raw) logLikelihood.set(f, weights.map((w, i) => (normalize ? (w / norms[i]!) * 1000 : w)));
  }
  const rowOf = new Map<string, number>();
  const packed = new Float64Array(logLikelihood.size * labels.length);
  for (const [f, row] of logLikelihood) {
    rowOf.set(f, rowOf.size * labels.length);
    packed.set(row, rowOf.get(f)!);
  }
  return {
    kind: 'nb',
    labels,
    // Departments get cases in very different volumes; a flat prior keeps a rare one reachable.
    logPrior: labels.map(() => 0),
    rowOf,
    logLikelihood: packed,
    sign: complement ? -1 : 1,
    features: options.features,
  };
}

/** A small deterministic generator (mulberry32), so that training gives the same model every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text's features as TF-IDF weights (sublinear term frequency), length-normalised. */
function vectorize(index: Map<string, number>, idf: Float64Array, textFeatures: string[]): { rows: number[]; values: number[] } {
  const counts = new Map<number, number>();
  for (const f of textFeatures) {
    const row = index.get(f);
    if (row !== undefined) counts.set(row, (counts.get(row) ?? 0) + 1);
  }
  const rows: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [row, count] of counts) {
    const value = (1 + Math.log(count)) * idf[row]!;
    rows.push(row);
    values.push(value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { rows, values };
}

const GRADIENT_FLOOR = 1e-3;

/**
 * A softmax regression (stochastic gradient descent with L2 penalty and a decaying rate) or a
 * multiclass perceptron, both averaged over all steps (which steadies the result without tuning
 * when to stop), over TF-IDF features.
 */
function trainLinear(samples: Sample[], options: TrainOptions, perceptron: boolean): Linear {
  const labels = labelsOf(samples);
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const index = new Map<string, number>();
  const documentFrequency: number[] = [];
  for (const sample of samples) {
    for (const f of new Set(sample.features)) {
      let row = index.get(f);
      if (row === undefined) {
        index.set(f, (row = index.size));
        documentFrequency.push(0);
      }
      documentFrequency[row]!++;
    }
  }
  const idf = new Float64Array(index.size);
  for (let row = 0; row < idf.length; row++) idf[row] = Math.log((samples.length + 1) / (documentFrequency[row]! + 1)) + 1;
  const vectors = samples.map((s) => ({ ...vectorize(index, idf, s.features), label: labelIndex.get(s.label)!, weight: s.weight }));

  const weights = new Float64Array(index.size * L);
  const bias = new Float64Array(L);
  // Averaging by the usual trick: besides the weights keep the sum of each update times its step;
  // the average over all steps is then weights − that sum / steps.
  const weighted = new Float64Array(index.size * L);
  const weightedBias = new Float64Array(L);
  const next = random(options.seed);
  const order = vectors.map((_, i) => i);
  const scores = new Float64Array(L);
  let step = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.learningRate / (1 + epoch);
    for (const n of order) {
      const { rows, values, label, weight } = vectors[n]!;
      scores.set(bias);
      for (let k = 0; k < rows.length; k++) {
        const base = rows[k]! * L;
        const v = values[k]!;
        for (let c = 0; c < L; c++) scores[c]! += weights[base + c]! * v;
      }
      if (perceptron) {
        let predicted = 0;
        for (let c = 1; c < L; c++) if (scores[c]! > scores[predicted]!) predicted = c;
        if (predicted !== label) {
          for (let k = 0; k < rows.length; k++) {
            const base = rows[k]! * L;
            const v = values[k]! * weight;
            weights[base + label]! += v;
            weighted[base + label]! += step * v;
            weights[base + predicted]! -= v;
            weighted[base + predicted]! -= step * v;
          }
          bias[label]! += weight;
          weightedBias[label]! += step * weight;
          bias[predicted]! -= weight;
          weightedBias[predicted]! -= step * weight;
        }
      } else {
        let max = -Infinity;
        for (let c = 0; c < L; c++) max = Math.max(max, scores[c]!);
        let sum = 0;
        for (let c = 0; c < L; c++) sum += scores[c] = Math.exp(scores[c]! - max);
        const decay = rate * options.l2;
        for (let c = 0; c < L; c++) {
          const gradient = scores[c]! / sum - (c === label ? 1 : 0);
          // Most labels get almost no probability once the model has learnt a little: updating
          // them would change nothing but the time training takes.
          if (Math.abs(gradient) < GRADIENT_FLOOR) continue;
          const delta = -rate * weight * gradient;
          bias[c]! += delta;
          weightedBias[c]! += step * delta;
          for (let k = 0; k < rows.length; k++) {
            const at = rows[k]! * L + c;
            const d = decay ? delta * values[k]! - decay * weights[at]! : delta * values[k]!;
            weights[at]! += d;
            weighted[at]! += step * d;
          }
        }
      }
      step++;
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i]! -= weighted[i]! / step;
  for (let c = 0; c < L; c++) bias[c]! -= weightedBias[c]! / step;
  return { kind: 'linear', labels, index, idf, weights, bias, scale: perceptron ? 4 : 1 };
}

function trainScorer(samples: Sample[], options: TrainOptions): Scorer {
  switch (options.method) {
    case 'nb':
      return trainNaiveBayes(samples, options, false);
    case 'cnb':
      return trainNaiveBayes(samples, options, true);
    case 'logistic':
      return trainLinear(samples, options, false);
    case 'perceptron':
      return trainLinear(samples, options, true);
    case 'ensemble':
      return {
        kind: 'ensemble',
        labels: labelsOf(samples),
        nb: trainNaiveBayes(samples, options, options.ensembleComplement),
        linear: trainLinear(samples, options, false),
        weight: options.ensembleWeight,
        nbTemperature: options.nbTemperature,
        linearSharpness: options.linearSharpness,
      };
  }
}

/** Log-scores of each label (up to a constant), in the order of `scorer.labels`. */
function logScores(scorer: Scorer, textFeatures: string[]): number[] {
  if (scorer.kind === 'nb') {
    const scores = [...scorer.logPrior];
    const { logLikelihood } = scorer;
    for (const f of textFeatures) {
      const row = scorer.rowOf.get(f);
      if (row === undefined) continue; // a feature never seen in training says nothing about any label
      const weight = scorer.sign * featureWeight(f, scorer.features);
      for (let i = 0; i < scores.length; i++) scores[i]! += weight * logLikelihood[row + i]!;
    }
    return scores;
  }
  if (scorer.kind === 'linear') {
    const L = scorer.labels.length;
    const scores = Array.from(scorer.bias);
    const { rows, values } = vectorize(scorer.index, scorer.idf, textFeatures);
    for (let k = 0; k < rows.length; k++) {
      const base = rows[k]! * L;
      for (let c = 0; c < L; c++) scores[c]! += scorer.weights[base + c]! * values[k]!;
    }
    return scores.map((s) => s * scorer.scale);
  }
  // The two models were trained on the same labels, so their scores line up.
  const nb = normalizeLog(logScores(scorer.nb, textFeatures).map((s) => s / scorer.nbTemperature));
  const linear = normalizeLog(logScores(scorer.linear, textFeatures).map((s) => s * scorer.linearSharpness));
  return nb.map((s, i) => (1 - scorer.weight) * s + scorer.weight * linear[i]!);
}

/** Log-probabilities from log-scores. */
function normalizeLog(scores: number[]): number[] {
  const max = Math.max(...scores);
  const logSum = max + Math.log(scores.reduce((sum, s) => sum + Math.exp(s - max), 0));
  return scores.map((s) => s - logSum);
}

/** Probability of each label, highest first. */
function rank(scorer: Scorer, textFeatures: string[], sharpness: number): { label: string; probability: number }[] {
  const logProbabilities = normalizeLog(logScores(scorer, textFeatures).map((s) => s * sharpness));
  return scorer.labels
    .map((label, i) => ({ label, probability: Math.exp(logProbabilities[i]!) }))
    .sort((a, b) => b.probability - a.probability || (a.label < b.label ? -1 : 1));
}

function textFeatures(text: string, options: TrainOptions): string[] {
  const found = features(text, options.features);
  return options.binary ? [...new Set(found)] : found;
}

export function train(examples: Example[], options: Partial<TrainOptions> = {}): Model {
  const settings: TrainOptions = { ...DEFAULT_OPTIONS, ...options };
  const prepared = examples.map((e) => ({ ...e, features: textFeatures(e.text, settings) }));
  const departments = trainScorer(prepared.map((e) => ({ features: e.features, label: e.department, weight: e.weight ?? 1 })), settings);
  const categories = new Map<string, Scorer>();
  for (const department of departments.labels) {
    const labelled = prepared.filter((e) => e.department === department && e.category);
    const categorySettings = { ...settings, method: settings.categoryMethod ?? settings.method };
    if (labelled.length) categories.set(department, trainScorer(labelled.map((e) => ({ features: e.features, label: e.category!, weight: e.weight ?? 1 })), categorySettings));
  }
  return { options: settings, departments, categories };
}

export function classify(model: Model, text: string, alternatives = 3): Suggestion {
  const found = textFeatures(text, model.options);
  const ranked = rank(model.departments, found, model.options.sharpness);
  const best = ranked[0]!;
  const categoryModel = model.categories.get(best.label);
  return {
    department: best.label,
    category: categoryModel ? rank(categoryModel, found, 1)[0]!.label : null,
    confidence: best.probability,
    alternatives: ranked.slice(1, 1 + alternatives).map((r) => ({ department: r.label, confidence: r.probability })),
  };
}
