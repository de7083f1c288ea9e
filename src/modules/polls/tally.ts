import type { Answers } from './answers.js';
import { type Definition, questionsOf } from './questionnaire.js';

/**
 * What one response adds to the tallies. Pure. `option` '' counts the question's respondents
 * (question '' the poll's); a matrix counts `item:option`; `total` carries a number answer or a
 * rank (1 = first), so that tallies give means without reading responses.
 */
export interface TallyRow {
  question: string;
  option: string;
  n: number;
  total: number;
}

export function tallyRows(definition: Definition, answers: Answers): TallyRow[] {
  const rows: TallyRow[] = [{ question: '', option: '', n: 1, total: 0 }];
  for (const question of questionsOf(definition)) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    const q = question.id;
    rows.push({ question: q, option: '', n: 1, total: typeof answer === 'number' ? answer : 0 });
    if (typeof answer === 'string' && (question.type === 'single' || question.type === 'rating')) rows.push({ question: q, option: answer, n: 1, total: 0 });
    else if (Array.isArray(answer)) answer.forEach((option, i) => rows.push({ question: q, option, n: 1, total: question.type === 'ranking' ? i + 1 : 0 }));
    else if (typeof answer === 'object') for (const [item, option] of Object.entries(answer)) rows.push({ question: q, option: `${item}:${option}`, n: 1, total: 0 });
  }
  // One order for every response, so equal answers always queue equal rows.
  return rows.sort((a, b) => (a.question < b.question ? -1 : a.question > b.question ? 1 : a.option < b.option ? -1 : a.option > b.option ? 1 : 0));
}
