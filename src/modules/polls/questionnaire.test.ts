import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SATISFACTION } from './fixtures.js';
import { checkDefinition, type Definition, type Question } from './questionnaire.js';

const codes = (definition: Definition) => checkDefinition(definition).map((p) => `${p.at}:${p.code}`);
const withQuestions = (...questions: Question[]): Definition => ({ sections: [{ id: 's', title: 'S', questions }] });
const yesNo = [
  { id: 'yes', label: '是' },
  { id: 'no', label: '否' },
];

describe('questionnaire definitions', () => {
  it('accepts a questionnaire with every kind of question and skip logic', () => {
    expect(checkDefinition(SATISFACTION)).toEqual([]);
  });

  it('refuses an empty questionnaire and empty sections', () => {
    expect(codes({ sections: [] })).toEqual(['sections:empty']);
    expect(codes({ sections: [{ id: 's', title: '', questions: [] }] })).toEqual(['sections.0.questions:empty']);
  });

  it('refuses repeated or malformed ids of sections, questions and options', () => {
    expect(codes({ sections: [{ id: 's', title: '', questions: [{ id: 'a', type: 'text', text: 'A' }] }, { id: 's', title: '', questions: [{ id: 'a', type: 'text', text: 'B' }] }] })).toEqual([
      'sections.1.id:id_repeated',
      'sections.1.questions.0.id:id_repeated',
    ]);
    expect(codes(withQuestions({ id: 'has space', type: 'single', text: 'Q', options: [{ id: 'x', label: 'X' }, { id: 'x', label: 'Y' }] }))).toEqual([
      'sections.0.questions.0.id:id_invalid',
      'sections.0.questions.0.options.1:id_repeated',
    ]);
  });

  it('needs options for choices, a scale and items for a matrix, two options to rank', () => {
    expect(codes(withQuestions({ id: 'a', type: 'single', text: 'Q' }))).toEqual(['sections.0.questions.0.options:options_missing']);
    expect(codes(withQuestions({ id: 'a', type: 'matrix', text: 'Q', options: yesNo }))).toEqual(['sections.0.questions.0.items:options_missing']);
    expect(codes(withQuestions({ id: 'a', type: 'ranking', text: 'Q', options: [{ id: 'x', label: 'X' }] }))).toEqual(['sections.0.questions.0.options:too_few']);
    expect(codes(withQuestions({ id: 'a', type: 'text', text: 'Q', options: yesNo }))).toEqual(['sections.0.questions.0.options:not_allowed']);
    expect(codes(withQuestions({ id: 'a', type: 'single', text: ' ', options: [{ id: 'x', label: ' ' }] }))).toEqual(['sections.0.questions.0:text_invalid', 'sections.0.questions.0.options.0:label_invalid']);
  });

  it('checks the ranges of multiple choices, numbers and text lengths', () => {
    expect(codes(withQuestions({ id: 'a', type: 'multiple', text: 'Q', options: yesNo, maxChoices: 3 }))).toEqual(['sections.0.questions.0.maxChoices:range_invalid']);
    expect(codes(withQuestions({ id: 'a', type: 'multiple', text: 'Q', options: yesNo, minChoices: 2, maxChoices: 1 }))).toEqual(['sections.0.questions.0.maxChoices:range_invalid']);
    expect(codes(withQuestions({ id: 'a', type: 'number', text: 'Q', min: 5, max: 1 }))).toEqual(['sections.0.questions.0.max:range_invalid']);
    expect(codes(withQuestions({ id: 'a', type: 'text', text: 'Q', maxLength: 0 }))).toEqual(['sections.0.questions.0.maxLength:range_invalid']);
    expect(codes(withQuestions({ id: 'a', type: 'single', text: 'Q', options: yesNo, min: 1 }))).toEqual(['sections.0.questions.0.max:not_allowed']);
  });

  it('lets skip logic refer only to an earlier choice question and its real options', () => {
    const first: Question = { id: 'a', type: 'single', text: 'A', options: yesNo };
    expect(codes(withQuestions(first, { id: 'b', type: 'text', text: 'B', showIf: { question: 'a', anyOf: ['yes'] } }))).toEqual([]);
    // Later, itself, unknown: the answerer has not seen it yet, and loops would follow.
    expect(codes(withQuestions({ id: 'b', type: 'text', text: 'B', showIf: { question: 'a', anyOf: ['yes'] } }, first))).toEqual(['sections.0.questions.0.showIf:refers_to_later_or_unknown']);
    expect(codes(withQuestions({ id: 'a', type: 'single', text: 'A', options: yesNo, showIf: { question: 'a', anyOf: ['yes'] } }))).toEqual(['sections.0.questions.0.showIf:refers_to_later_or_unknown']);
    expect(codes(withQuestions(first, { id: 'b', type: 'text', text: 'B', showIf: { question: 'a', anyOf: ['maybe'] } }))).toEqual(['sections.0.questions.1.showIf.anyOf:option_unknown']);
    expect(codes(withQuestions(first, { id: 'b', type: 'text', text: 'B', showIf: { question: 'a', anyOf: [] } }))).toEqual(['sections.0.questions.1.showIf.anyOf:option_unknown']);
    expect(codes(withQuestions({ id: 'n', type: 'number', text: 'N' }, { id: 'b', type: 'text', text: 'B', showIf: { question: 'n', anyOf: ['1'] } }))).toEqual([
      'sections.0.questions.1.showIf:refers_to_non_choice',
    ]);
  });

  it('accepts skip logic across sections to an earlier section', () => {
    const definition: Definition = {
      sections: [
        { id: 's1', title: '', questions: [{ id: 'a', type: 'rating', text: 'A', options: yesNo }] },
        { id: 's2', title: '', questions: [{ id: 'b', type: 'text', text: 'B', showIf: { question: 'a', anyOf: ['no'] } }] },
      ],
    };
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('never accepts a condition on a question that does not come before (property)', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(ids, fc.nat(), fc.nat(), (names, i, j) => {
        const from = i % names.length;
        const to = j % names.length;
        const questions: Question[] = names.map((id) => ({ id, type: 'single', text: id, options: yesNo }));
        questions[from] = { ...questions[from]!, showIf: { question: names[to]!, anyOf: ['yes'] } };
        const ok = checkDefinition(withQuestions(...questions)).length === 0;
        expect(ok).toBe(to < from);
      }),
    );
  });
});
