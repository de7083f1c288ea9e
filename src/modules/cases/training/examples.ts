import { readFileSync } from 'node:fs';
import type { Example } from '../classifier.js';
import type { CatalogEntry } from '../../departments/rules.js';

/** Lines of `department<TAB>category<TAB>text` (category may be empty); `#` starts a comment. */
export function parseExamples(tsv: string): Example[] {
  return tsv
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [department, category, ...text] = line.split('\t');
      return { department: department!.trim(), category: category?.trim() || undefined, text: text.join('\t').trim() };
    });
}

/** The examples the classifier starts from, shipped with the code. */
export const STARTING_EXAMPLES_FILE = new URL('../../../../src/modules/cases/training/examples.tsv', import.meta.url);

export const startingExamples = (): Example[] => parseExamples(readFileSync(STARTING_EXAMPLES_FILE, 'utf8'));

/** Words residents use about each category, one list a line (`department<TAB>category<TAB>words`). */
export const GLOSSARY_FILE = new URL('../../../../src/modules/cases/training/glossary.tsv', import.meta.url);

/**
 * The glossary as examples: it gives every category the everyday words for its requests, which
 * a few dozen example requests cannot all contain. Not requests themselves, so never a test item.
 */
export const glossaryExamples = (): Example[] => parseExamples(readFileSync(GLOSSARY_FILE, 'utf8'));

/**
 * What the catalog itself says about each department, as examples: its names, its categories'
 * names, and each phrase of what it handles. Gives every department words from the start.
 */
export function catalogExamples(catalog: CatalogEntry[]): Example[] {
  return catalog.flatMap((d) => [
    { department: d.code, text: `${d.zh} ${d.en}` },
    ...d.categories.map((c) => ({ department: d.code, category: c.code, text: `${c.zh} ${c.en}` })),
    ...d.handles.split(/[,;]|\(|\)/).map((phrase) => phrase.trim()).filter(Boolean).map((phrase) => ({ department: d.code, text: phrase })),
  ]);
}

/**
 * How much the glossary's word lists and the catalog's phrases weigh against one resident's
 * request (chosen by cross-validation in bench/routing-cv.ts: they carry words that a few dozen
 * requests per department cannot all contain).
 */
export const GLOSSARY_WEIGHT = 6;
export const CATALOG_WEIGHT = 3;

/** Everything the router trains on: the shipped examples, the glossary, the catalog, and `extra` (corrected history). */
export function routerExamples(catalog: CatalogEntry[], extra: Example[] = []): Example[] {
  return [
    ...startingExamples(),
    ...glossaryExamples().map((e) => ({ ...e, weight: GLOSSARY_WEIGHT })),
    ...catalogExamples(catalog).map((e) => ({ ...e, weight: CATALOG_WEIGHT })),
    ...extra,
  ];
}
