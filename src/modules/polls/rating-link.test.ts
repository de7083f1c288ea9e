import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATINGS } from '../cases/workflow.js';
import { SATISFACTION } from './fixtures.js';
import { checkRatingLink, defaultMapping, mapRatings } from './rating-link.js';

const THREE = { satisfied: 'satisfied', basically_satisfied: 'basically', dissatisfied: 'dissatisfied' };

describe('linking a satisfaction question to the closing rating of cases', () => {
  it('accepts a rating question with every case rating mapped onto one of its options', () => {
    expect(checkRatingLink(SATISFACTION, 'satisfaction', THREE)).toBeNull();
    // Two ratings may share an option (a two-step scale).
    expect(checkRatingLink(SATISFACTION, 'satisfaction', { ...THREE, basically_satisfied: 'satisfied' })).toBeNull();
  });

  it('refuses an unknown question, one that is not a scale, a missing rating, an extra key and an unknown option', () => {
    expect(checkRatingLink(SATISFACTION, 'nope', THREE)).toBe('question_unknown');
    expect(checkRatingLink(SATISFACTION, 'why', THREE)).toBe('question_not_rating');
    expect(checkRatingLink(SATISFACTION, 'visits', THREE)).toBe('question_not_rating');
    expect(checkRatingLink(SATISFACTION, 'satisfaction', { satisfied: 'satisfied', dissatisfied: 'dissatisfied' })).toBe('mapping_incomplete');
    expect(checkRatingLink(SATISFACTION, 'satisfaction', { ...THREE, happy: 'satisfied' })).toBe('mapping_incomplete');
    expect(checkRatingLink(SATISFACTION, 'satisfaction', { ...THREE, dissatisfied: 'angry' })).toBe('option_unknown');
  });

  it('maps counts without losing or inventing a rating, whatever the mapping', () => {
    const options = ['1', '2', '3', '4', '5'];
    fc.assert(
      fc.property(
        fc.record({ satisfied: fc.constantFrom(...options), basically_satisfied: fc.constantFrom(...options), dissatisfied: fc.constantFrom(...options) }),
        fc.record({ satisfied: fc.nat(1000), basically_satisfied: fc.nat(1000), dissatisfied: fc.nat(1000) }),
        (mapping, counts) => {
          const mapped = mapRatings(mapping, counts, options);
          expect(Object.keys(mapped)).toEqual(options);
          expect(Object.values(mapped).reduce((a, b) => a + b, 0)).toBe(counts.satisfied + counts.basically_satisfied + counts.dissatisfied);
          for (const o of options) expect(mapped[o]).toBe(RATINGS.filter((r) => mapping[r] === o).reduce((s, r) => s + counts[r], 0));
        },
      ),
    );
  });

  it('guesses best first: satisfied to the first option, dissatisfied to the last, basically to the middle', () => {
    expect(defaultMapping(['satisfied', 'basically', 'dissatisfied'])).toEqual(THREE);
    expect(defaultMapping(['5', '4', '3', '2', '1'])).toEqual({ satisfied: '5', basically_satisfied: '3', dissatisfied: '1' });
    expect(defaultMapping(['yes', 'no'])).toEqual({ satisfied: 'yes', basically_satisfied: 'yes', dissatisfied: 'no' });
    expect(defaultMapping(['only'])).toBeNull();
  });
});
