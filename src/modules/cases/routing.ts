import { DEFAULT_CATALOG } from '../departments/catalog.js';
import { classify, type Example, type Model, type Suggestion, train } from './classifier.js';
import { catalogExamples, glossaryExamples, startingExamples } from './training/examples.js';

let model: Model | undefined;

/** What every model starts from: the shipped examples, the glossary and what the default catalog says. */
const baseExamples = (): Example[] => [...startingExamples(), ...glossaryExamples(), ...catalogExamples(DEFAULT_CATALOG)];

/**
 * The department a request's text most likely belongs to. The model is trained once, on first
 * use, from the shipped examples and the default catalog (a few milliseconds); retraining from
 * corrected cases replaces it.
 */
export function suggestDepartment(text: string): Suggestion {
  model ??= train(baseExamples());
  return classify(model, text);
}

/**
 * Rebuilds the router from the shipped examples, the catalog and `extra` (cases dispatchers have
 * confirmed or corrected), and swaps it in at once: requests in flight keep the model they had.
 */
export function retrainRouter(extra: Example[]): void {
  model = train([...baseExamples(), ...extra]);
}
