import rrule from 'rrule';

/**
 * Democracy days as iCalendar recurrence rules (RFC 5545), read by the `rrule` library: "the
 * 5th of every month" is `FREQ=MONTHLY;BYMONTHDAY=5`. Pure.
 */
const { rrulestr } = rrule;

/** At most this many days are listed in one answer, so a rule of every minute cannot flood it. */
export const MAX_OCCURRENCES = 400;

export type Parsed = { ok: true; rule: string } | { ok: false; problem: string };

/**
 * Checks a rule given as `RRULE:…` (or only its parts) with a start, and returns it in the one
 * form stored: `DTSTART:…\nRRULE:…`. Rules more frequent than daily are refused: a democracy
 * day is a day.
 */
export function parseRecurrence(rule: string, start: Date): Parsed {
  const body = rule.trim().replace(/^RRULE:/i, '');
  if (!/^[A-Z0-9=;,+-]+$/i.test(body)) return { ok: false, problem: 'characters' };
  const stamp = start.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const text = `DTSTART:${stamp}\nRRULE:${body.toUpperCase()}`;
  try {
    const parsed = rrulestr(text);
    const freq = parsed.options.freq;
    // rrule numbers frequencies YEARLY 0 … DAILY 3, HOURLY 4, MINUTELY 5, SECONDLY 6.
    if (freq > 3) return { ok: false, problem: 'more_often_than_daily' };
    parsed.after(start, true);
    return { ok: true, rule: text };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}

/** The days a stored rule falls on between `from` and `to`, both included. */
export function occurrences(stored: string, from: Date, to: Date): Date[] {
  return rrulestr(stored).between(from, to, true, (_date, i) => i < MAX_OCCURRENCES);
}
