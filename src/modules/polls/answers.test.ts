import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answers, checkAnswers, normalizeAnswers, visibleQuestions } from './answers.js';
import { SATISFACTION } from './fixtures.js';

const problems = (answers: Answers, complete = true) => checkAnswers(SATISFACTION, answers, complete).map((p) => `${p.question}:${p.code}`);
const full: Answers = {
  satisfaction: 'satisfied',
  used: 'yes',
  aspects: { safety: '4', clean: '5' },
  priorities: ['parking', 'elderly', 'children'],
  visits: 3,
};

describe('answers against a questionnaire version', () => {
  it('accepts complete answers of every kind', () => {
    expect(problems(full)).toEqual([]);
    expect(problems({ satisfaction: 'dissatisfied', why: ['slow', 'unfair'], detail: '窗口只开一个' })).toEqual([]);
  });

  it('asks for visible required questions only', () => {
    expect(problems({})).toEqual(['satisfaction:required']);
    expect(problems({ satisfaction: 'dissatisfied' })).toEqual(['why:required']);
    // A draft may leave them open.
    expect(problems({ satisfaction: 'dissatisfied' }, false)).toEqual([]);
  });

  it('refuses answers to questions the skip logic hides, also in drafts', () => {
    expect(problems({ satisfaction: 'satisfied', why: ['slow'] })).toEqual(['why:hidden_answered']);
    // `detail` depends on `why`, which is hidden: hidden too, in a chain.
    expect(problems({ satisfaction: 'basically', why: ['unfair'], detail: 'x' }, false)).toEqual(['why:hidden_answered', 'detail:hidden_answered']);
    expect(problems({ satisfaction: 'dissatisfied', why: ['slow'], detail: 'x' })).toEqual(['detail:hidden_answered']);
  });

  it('treats a blank answer to a hidden or optional question as no answer', () => {
    expect(problems({ satisfaction: 'satisfied', why: [], detail: ' ', used: '' })).toEqual([]);
    expect(normalizeAnswers({ satisfaction: 'satisfied', why: [], detail: '  ', visits: 0, used: ' yes ' })).toEqual({ satisfaction: 'satisfied', visits: 0, used: 'yes' });
  });

  it('refuses answers of the wrong shape or outside the options', () => {
    expect(problems({ ...full, satisfaction: ['satisfied'] as unknown as string })).toEqual(['satisfaction:wrong_shape']);
    expect(problems({ ...full, satisfaction: 'happy' })).toEqual(['satisfaction:unknown_option']);
    expect(problems({ ...full, nonsense: 'x' })).toEqual(['nonsense:unknown_question']);
    expect(problems({ satisfaction: 'dissatisfied', why: ['slow', 'slow'] })).toEqual(['why:repeated']);
    expect(problems({ satisfaction: 'dissatisfied', why: ['slow', 'attitude', 'unfair'] })).toEqual(['why:too_many']);
    expect(problems({ ...full, aspects: { safety: '4' } })).toEqual(['aspects:too_few']);
    expect(problems({ ...full, aspects: { safety: '4', clean: '9' } })).toEqual(['aspects:unknown_option']);
    expect(problems({ ...full, aspects: ['4', '5'] as unknown as Record<string, string> })).toEqual(['aspects:wrong_shape']);
    expect(problems({ ...full, priorities: ['parking', 'elderly'] })).toEqual(['priorities:too_few']);
    expect(problems({ ...full, priorities: ['parking', 'parking', 'elderly'] })).toEqual(['priorities:repeated']);
    expect(problems({ ...full, visits: 2.5 })).toEqual(['visits:not_integer']);
    expect(problems({ ...full, visits: 400 })).toEqual(['visits:out_of_range']);
    expect(problems({ ...full, visits: '3' })).toEqual(['visits:wrong_shape']);
    expect(problems({ satisfaction: 'dissatisfied', why: ['unfair'], detail: 'x'.repeat(501) })).toEqual(['detail:too_long']);
  });

  it('shows a question exactly when its deciding answer is one of the listed options (property)', () => {
    const satisfaction = fc.constantFrom('satisfied', 'basically', 'dissatisfied');
    const why = fc.subarray(['slow', 'attitude', 'unfair'], { maxLength: 2 });
    fc.assert(
      fc.property(satisfaction, why, (s, w) => {
        const visible = visibleQuestions(SATISFACTION, { satisfaction: s, why: w });
        expect(visible.has('why')).toBe(s === 'dissatisfied');
        expect(visible.has('detail')).toBe(s === 'dissatisfied' && w.includes('unfair'));
        expect(visible.has('satisfaction') && visible.has('used')).toBe(true);
      }),
    );
  });

  it('never accepts a submission that leaves a visible required question empty (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('satisfied', 'basically', 'dissatisfied', undefined), fc.subarray(['slow', 'attitude']), (s, w) => {
        const answers: Answers = {};
        if (s) answers.satisfaction = s;
        if (s === 'dissatisfied') answers.why = w;
        const ok = checkAnswers(SATISFACTION, answers).length === 0;
        expect(ok).toBe(s !== undefined && (s !== 'dissatisfied' || w.length > 0));
      }),
    );
  });
});
