import { type Definition, LIMITS, type Question, questionsOf } from './questionnaire.js';

/**
 * Answers checked against one version of a questionnaire. Pure.
 *
 * Shapes: single and rating take an option id; multiple a list of distinct option ids; ranking
 * every option id once, best first; matrix an object from item id to option id (every item);
 * number a finite number; text a string.
 */
export type Answer = string | number | string[] | Record<string, string>;
export type Answers = Record<string, Answer>;

export interface AnswerProblem {
  question: string;
  code: 'unknown_question' | 'hidden_answered' | 'required' | 'wrong_shape' | 'unknown_option' | 'too_few' | 'too_many' | 'out_of_range' | 'not_integer' | 'too_long' | 'repeated';
}

const isStringList = (value: Answer): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isPlainObject = (value: Answer): value is Record<string, string> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The option ids an answer chose, for skip logic (single, rating, multiple). */
const chosen = (answer: Answer | undefined): string[] => (typeof answer === 'string' ? [answer] : isStringList(answer ?? 0) ? (answer as string[]) : []);

/**
 * Which questions the answerer is shown: those without a condition, and those whose deciding
 * question is itself shown and was answered with one of the listed options. The definition only
 * lets a question depend on an earlier one, so one pass in order settles it.
 */
export function visibleQuestions(definition: Definition, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const question of questionsOf(definition)) {
    const rule = question.showIf;
    if (!rule || (visible.has(rule.question) && chosen(answers[rule.question]).some((id) => rule.anyOf.includes(id)))) visible.add(question.id);
  }
  return visible;
}

function checkShape(question: Question, answer: Answer): AnswerProblem['code'] | null {
  const options = new Set(question.options?.map((o) => o.id));
  switch (question.type) {
    case 'single':
    case 'rating':
      if (typeof answer !== 'string') return 'wrong_shape';
      return options.has(answer) ? null : 'unknown_option';
    case 'multiple': {
      if (!isStringList(answer)) return 'wrong_shape';
      if (new Set(answer).size !== answer.length) return 'repeated';
      if (answer.some((id) => !options.has(id))) return 'unknown_option';
      if (answer.length < Math.max(1, question.minChoices ?? 0)) return 'too_few';
      if (answer.length > (question.maxChoices ?? options.size)) return 'too_many';
      return null;
    }
    case 'ranking': {
      if (!isStringList(answer)) return 'wrong_shape';
      if (new Set(answer).size !== answer.length) return 'repeated';
      if (answer.some((id) => !options.has(id))) return 'unknown_option';
      return answer.length === options.size ? null : 'too_few';
    }
    case 'matrix': {
      if (!isPlainObject(answer)) return 'wrong_shape';
      const items = new Set(question.items?.map((i) => i.id));
      for (const [item, option] of Object.entries(answer)) {
        if (!items.has(item) || typeof option !== 'string' || !options.has(option)) return 'unknown_option';
      }
      return Object.keys(answer).length === items.size ? null : 'too_few';
    }
    case 'number':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'wrong_shape';
      if (question.integer && !Number.isInteger(answer)) return 'not_integer';
      if ((question.min !== undefined && answer < question.min) || (question.max !== undefined && answer > question.max)) return 'out_of_range';
      return null;
    case 'text':
      if (typeof answer !== 'string') return 'wrong_shape';
      return answer.length > (question.maxLength ?? LIMITS.textAnswer) ? 'too_long' : null;
  }
}

/** An answer that says nothing: the answerer skipped an optional question. */
const isBlank = (answer: Answer | undefined): boolean =>
  answer === undefined || (typeof answer === 'string' && answer.trim() === '') || (Array.isArray(answer) && answer.length === 0) || (isPlainObject(answer ?? 0) && Object.keys(answer as object).length === 0);

/**
 * Problems with a set of answers, empty when they can be stored. A draft (`complete: false`)
 * may leave required questions open; a submission may not. Either way hidden questions must be
 * empty and every answer must fit its question.
 */
export function checkAnswers(definition: Definition, answers: Answers, complete = true): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byId = new Map(questionsOf(definition).map((q) => [q.id, q]));
  const visible = visibleQuestions(definition, answers);
  for (const [id, answer] of Object.entries(answers)) {
    const question = byId.get(id);
    if (!question) problems.push({ question: id, code: 'unknown_question' });
    else if (isBlank(answer)) continue;
    else if (!visible.has(id)) problems.push({ question: id, code: 'hidden_answered' });
    else {
      const code = checkShape(question, answer);
      if (code) problems.push({ question: id, code });
    }
  }
  if (complete) {
    for (const question of byId.values()) {
      if (question.required && visible.has(question.id) && isBlank(answers[question.id])) problems.push({ question: question.id, code: 'required' });
    }
  }
  return problems;
}

/** The answers as stored: blanks dropped, text trimmed. Call after checkAnswers found nothing. */
export function normalizeAnswers(answers: Answers): Answers {
  const kept: Answers = {};
  for (const [id, answer] of Object.entries(answers)) {
    if (isBlank(answer)) continue;
    kept[id] = typeof answer === 'string' ? answer.trim() : answer;
  }
  return kept;
}
