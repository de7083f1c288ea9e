import { RATINGS, type Rating } from '../cases/workflow.js';
import { type Definition, questionsOf } from './questionnaire.js';

/**
 * Linking a poll's satisfaction question to the closing rating of cases. Pure.
 *
 * A case is rated satisfied, basically satisfied or dissatisfied; the question may use the same
 * three steps or another scale (1–5, say). The mapping names, for each case rating, the option of
 * the question it counts as, so the two channels are read on one scale.
 */
export type RatingMapping = Record<Rating, string>;

export type RatingLinkProblem = 'question_unknown' | 'question_not_rating' | 'mapping_incomplete' | 'option_unknown';

export function checkRatingLink(definition: Definition, question: string, mapping: Partial<Record<string, string>>): RatingLinkProblem | null {
  const found = questionsOf(definition).find((q) => q.id === question);
  if (!found) return 'question_unknown';
  if (found.type !== 'rating' && found.type !== 'single') return 'question_not_rating';
  const keys = Object.keys(mapping);
  if (keys.length !== RATINGS.length || !RATINGS.every((r) => typeof mapping[r] === 'string')) return 'mapping_incomplete';
  const options = new Set(found.options?.map((o) => o.id));
  return RATINGS.every((r) => options.has(mapping[r]!)) ? null : 'option_unknown';
}

/** The cases' rating counts as counts per option of the question; options no rating maps to count 0. */
export function mapRatings(mapping: RatingMapping, counts: Record<Rating, number>, options: string[]): Record<string, number> {
  const mapped: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
  for (const rating of RATINGS) mapped[mapping[rating]] = (mapped[mapping[rating]] ?? 0) + counts[rating];
  return mapped;
}

/**
 * A first guess at the mapping for a question, to offer in the form: the options in order, best
 * first, as the cases' ratings are — the first option for satisfied, the last for dissatisfied,
 * the middle one for basically satisfied.
 */
export function defaultMapping(options: string[]): RatingMapping | null {
  if (options.length < 2) return null;
  return { satisfied: options[0]!, basically_satisfied: options[Math.floor((options.length - 1) / 2)]!, dissatisfied: options[options.length - 1]! };
}
