import { DEFAULT_CATALOG } from '../departments/catalog.js';
import { classify, type Example, type Model, type Suggestion, train } from './classifier.js';
import { routerExamples } from './training/examples.js';

let model: Model | undefined;

/**
 * The department a request's text most likely belongs to. The model is trained once, on first
 * use, from the shipped examples, the glossary and the default catalog (a fraction of a second);
 * retraining from corrected cases replaces it.
 */
export function suggestDepartment(text: string): Suggestion {
  model ??= train(routerExamples(DEFAULT_CATALOG));
  return classify(model, text);
}

/**
 * Rebuilds the router from the shipped examples, the glossary, the catalog and `extra` (cases
 * dispatchers have confirmed or corrected), and swaps it in at once: requests in flight keep the
 * model they had.
 */
export function retrainRouter(extra: Example[]): void {
  model = train(routerExamples(DEFAULT_CATALOG, extra));
}
