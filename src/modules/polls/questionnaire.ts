/**
 * Questionnaire definitions: sections of questions of seven kinds, required questions and skip
 * logic. Pure: the definition is JSON kept on a questionnaire version, checked here before it is
 * stored, so answers can always be validated against it.
 */

export const QUESTION_TYPES = ['single', 'multiple', 'rating', 'ranking', 'matrix', 'number', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Option {
  id: string;
  label: string;
}

/** Show the question only when an earlier choice question was answered with one of these options. */
export interface ShowIf {
  question: string;
  anyOf: string[];
}

export interface Question {
  id: string;
  type: QuestionType;
  text: string;
  required?: boolean | undefined;
  /** single, multiple, rating, ranking: the choices; matrix: the scale every item is rated on. */
  options?: Option[] | undefined;
  /** matrix: the items rated on the scale. */
  items?: Option[] | undefined;
  /** multiple: how many choices at least / at most. */
  minChoices?: number | undefined;
  maxChoices?: number | undefined;
  /** number: the range allowed, and whether fractions are. */
  min?: number | undefined;
  max?: number | undefined;
  integer?: boolean | undefined;
  /** text: the longest answer. */
  maxLength?: number | undefined;
  showIf?: ShowIf | undefined;
}

export interface Section {
  id: string;
  title: string;
  questions: Question[];
}

export interface Definition {
  sections: Section[];
}

export interface Problem {
  /** Where: `sections.0.questions.2.options`, or a question id. */
  at: string;
  code: string;
}

export const LIMITS = { sections: 30, questions: 200, options: 50, items: 50, text: 1000, textAnswer: 5000 } as const;
const KEY = /^[A-Za-z0-9_-]{1,40}$/;

/** Questions whose answer is one or several of the options: they can drive skip logic. */
export const isChoice = (type: QuestionType): boolean => type === 'single' || type === 'multiple' || type === 'rating';
const hasOptions = (type: QuestionType): boolean => isChoice(type) || type === 'ranking' || type === 'matrix';

export const questionsOf = (definition: Definition): Question[] => definition.sections.flatMap((s) => s.questions);

function checkList(list: Option[] | undefined, at: string, max: number, problems: Problem[]): void {
  if (!list || list.length === 0) return void problems.push({ at, code: 'options_missing' });
  if (list.length > max) problems.push({ at, code: 'too_many' });
  const seen = new Set<string>();
  list.forEach((option, i) => {
    if (!KEY.test(option.id)) problems.push({ at: `${at}.${i}`, code: 'id_invalid' });
    else if (seen.has(option.id)) problems.push({ at: `${at}.${i}`, code: 'id_repeated' });
    seen.add(option.id);
    if (!option.label.trim() || option.label.length > LIMITS.text) problems.push({ at: `${at}.${i}`, code: 'label_invalid' });
  });
}

function checkQuestion(question: Question, at: string, earlier: Map<string, Question>, problems: Problem[]): void {
  if (!question.text.trim() || question.text.length > LIMITS.text) problems.push({ at, code: 'text_invalid' });
  if (hasOptions(question.type)) checkList(question.options, `${at}.options`, LIMITS.options, problems);
  else if (question.options !== undefined) problems.push({ at: `${at}.options`, code: 'not_allowed' });
  if (question.type === 'matrix') checkList(question.items, `${at}.items`, LIMITS.items, problems);
  else if (question.items !== undefined) problems.push({ at: `${at}.items`, code: 'not_allowed' });
  if (question.type === 'ranking' && (question.options?.length ?? 0) < 2) problems.push({ at: `${at}.options`, code: 'too_few' });
  if (question.type === 'multiple') {
    const count = question.options?.length ?? 0;
    const least = question.minChoices ?? 0;
    const most = question.maxChoices ?? count;
    if (!Number.isInteger(least) || !Number.isInteger(most) || least < 0 || most < Math.max(1, least) || most > count) problems.push({ at: `${at}.maxChoices`, code: 'range_invalid' });
  } else if (question.minChoices !== undefined || question.maxChoices !== undefined) problems.push({ at: `${at}.maxChoices`, code: 'not_allowed' });
  if (question.type === 'number') {
    const { min, max } = question;
    if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max)) || (min !== undefined && max !== undefined && min > max))
      problems.push({ at: `${at}.max`, code: 'range_invalid' });
  } else if (question.min !== undefined || question.max !== undefined || question.integer !== undefined) problems.push({ at: `${at}.max`, code: 'not_allowed' });
  if (question.type === 'text') {
    if (question.maxLength !== undefined && (!Number.isInteger(question.maxLength) || question.maxLength < 1 || question.maxLength > LIMITS.textAnswer))
      problems.push({ at: `${at}.maxLength`, code: 'range_invalid' });
  } else if (question.maxLength !== undefined) problems.push({ at: `${at}.maxLength`, code: 'not_allowed' });
  if (question.showIf) {
    // Only an earlier choice question may decide: the answerer has already seen it, and no loops.
    const driver = earlier.get(question.showIf.question);
    if (!driver) problems.push({ at: `${at}.showIf`, code: 'refers_to_later_or_unknown' });
    else if (!isChoice(driver.type)) problems.push({ at: `${at}.showIf`, code: 'refers_to_non_choice' });
    else {
      const ids = new Set(driver.options?.map((o) => o.id));
      if (question.showIf.anyOf.length === 0 || question.showIf.anyOf.some((id) => !ids.has(id))) problems.push({ at: `${at}.showIf.anyOf`, code: 'option_unknown' });
    }
  }
}

/** Everything wrong with a definition, in order; empty when it can be stored. */
export function checkDefinition(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  if (definition.sections.length === 0) problems.push({ at: 'sections', code: 'empty' });
  if (definition.sections.length > LIMITS.sections) problems.push({ at: 'sections', code: 'too_many' });
  const earlier = new Map<string, Question>();
  const sectionIds = new Set<string>();
  let count = 0;
  definition.sections.forEach((section, s) => {
    const at = `sections.${s}`;
    if (!KEY.test(section.id)) problems.push({ at: `${at}.id`, code: 'id_invalid' });
    else if (sectionIds.has(section.id)) problems.push({ at: `${at}.id`, code: 'id_repeated' });
    sectionIds.add(section.id);
    if (section.title.length > LIMITS.text) problems.push({ at: `${at}.title`, code: 'text_invalid' });
    if (section.questions.length === 0) problems.push({ at: `${at}.questions`, code: 'empty' });
    section.questions.forEach((question, q) => {
      const qAt = `${at}.questions.${q}`;
      count++;
      if (!KEY.test(question.id)) problems.push({ at: `${qAt}.id`, code: 'id_invalid' });
      else if (earlier.has(question.id)) problems.push({ at: `${qAt}.id`, code: 'id_repeated' });
      checkQuestion(question, qAt, earlier, problems);
      if (!earlier.has(question.id)) earlier.set(question.id, question);
    });
  });
  if (count > LIMITS.questions) problems.push({ at: 'sections', code: 'too_many_questions' });
  return problems;
}
