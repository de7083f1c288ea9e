import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES, occurrences, parseRecurrence } from './calendar.js';

const START = new Date('2026-01-05T01:00:00Z'); // 09:00 in Linhai

describe('democracy days as recurrence rules', () => {
  it('lists one day a month for a village: the 5th', () => {
    const parsed = parseRecurrence('RRULE:FREQ=MONTHLY;BYMONTHDAY=5', START);
    expect(parsed).toEqual({ ok: true, rule: 'DTSTART:20260105T010000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=5' });
    if (!parsed.ok) return;
    expect(occurrences(parsed.rule, new Date('2026-01-01T00:00:00Z'), new Date('2026-04-30T00:00:00Z')).map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05']);
  });

  it('reads "the first Monday of each month" and skips months without the 31st', () => {
    const firstMonday = parseRecurrence('FREQ=MONTHLY;BYDAY=1MO', START);
    expect(firstMonday.ok && occurrences(firstMonday.rule, START, new Date('2026-03-31T00:00:00Z')).map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-01-05', '2026-02-02', '2026-03-02']);
    const last = parseRecurrence('FREQ=MONTHLY;BYMONTHDAY=31', START);
    expect(last.ok && occurrences(last.rule, START, new Date('2026-04-30T00:00:00Z')).length).toBe(2); // January, March
  });

  it('refuses rules that are not rules, or tick more often than daily', () => {
    expect(parseRecurrence('FREQ=HOURLY', START)).toEqual({ ok: false, problem: 'more_often_than_daily' });
    expect(parseRecurrence('FREQ=SOMETIMES', START)).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseRecurrence('FREQ=DAILY\nEXDATE:x', START)).toEqual({ ok: false, problem: 'characters' });
  });

  it('never lists more than a bounded number of days', () => {
    const daily = parseRecurrence('FREQ=DAILY', START);
    expect(daily.ok && occurrences(daily.rule, START, new Date('2030-01-01T00:00:00Z')).length).toBe(MAX_OCCURRENCES);
  });
});
