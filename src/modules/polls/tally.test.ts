import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers, normalizeAnswers } from './answers.js';
import { SATISFACTION } from './fixtures.js';
import { tallyRows } from './tally.js';

const keys = (rows: ReturnType<typeof tallyRows>) => rows.map((r) => `${r.question}/${r.option}=${r.n},${r.total}`);

describe('what a response adds to the tallies', () => {
  it('counts the poll, each answered question and each chosen option, with ranks and numbers as totals', () => {
    const rows = tallyRows(SATISFACTION, {
      satisfaction: 'dissatisfied',
      why: ['slow', 'unfair'],
      detail: '只开一个窗口',
      aspects: { safety: '4', clean: '2' },
      priorities: ['parking', 'elderly', 'children'],
      visits: 12,
    });
    expect(keys(rows)).toEqual([
      '/=1,0',
      'aspects/=1,0',
      'aspects/clean:2=1,0',
      'aspects/safety:4=1,0',
      'detail/=1,0',
      'priorities/=1,0',
      'priorities/children=1,3',
      'priorities/elderly=1,2',
      'priorities/parking=1,1',
      'satisfaction/=1,0',
      'satisfaction/dissatisfied=1,0',
      'visits/=1,12',
      'why/=1,0',
      'why/slow=1,0',
      'why/unfair=1,0',
    ]);
  });

  it('never counts one cell twice for a response, so one upsert statement can carry it (property)', () => {
    const answers = fc.record(
      {
        satisfaction: fc.constantFrom('satisfied', 'basically', 'dissatisfied'),
        why: fc.subarray(['slow', 'attitude', 'unfair'], { minLength: 1, maxLength: 2 }),
        aspects: fc.record({ safety: fc.constantFrom('1', '2', '3', '4', '5'), clean: fc.constantFrom('1', '5') }),
        priorities: fc.shuffledSubarray(['elderly', 'parking', 'children'], { minLength: 3, maxLength: 3 }),
        visits: fc.integer({ min: 0, max: 365 }),
      },
      { requiredKeys: ['satisfaction'] },
    );
    fc.assert(
      fc.property(answers, (raw) => {
        const given = { ...raw } as Record<string, unknown>;
        if (raw.satisfaction !== 'dissatisfied') delete given.why;
        if (checkAnswers(SATISFACTION, given as never).length > 0) return;
        const rows = tallyRows(SATISFACTION, normalizeAnswers(given as never));
        const cells = rows.map((r) => `${r.question}/${r.option}`);
        expect(new Set(cells).size).toBe(cells.length);
        // Every answered question counts its respondent once.
        expect(rows.filter((r) => r.option === '' && r.question !== '').length).toBe(Object.keys(given).length);
      }),
    );
  });
});
