import { DEFAULT_CATALOG } from '../departments/catalog.js';
import { classify, type Model, type Suggestion, train } from './classifier.js';
import { catalogExamples, startingExamples } from './training/examples.js';

let model: Model | undefined;

/**
 * The department a request's text most likely belongs to. The model is trained once, on first
 * use, from the shipped examples and the default catalog (a few milliseconds); retraining from
 * corrected cases replaces it.
 */
export function suggestDepartment(text: string): Suggestion {
  model ??= train([...startingExamples(), ...catalogExamples(DEFAULT_CATALOG)]);
  return classify(model, text);
}
