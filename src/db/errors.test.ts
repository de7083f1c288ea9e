import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('telling a database that is away from one that refuses a statement', () => {
  it('counts refused and dropped connections, shutdowns and start-ups as unavailable, however wrapped', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Failed query: select 1', { cause: withCode('ECONNRESET') }),
      Object.assign(new Error(''), { errors: [withCode('ECONNREFUSED')] }),
    ]) {
      expect(isDatabaseUnavailable(error), String((error as Error).message || (error as { code?: string }).code)).toBe(true);
    }
  });

  it('does not count a refused statement, a constraint or a bug', () => {
    for (const error of [withCode('23505', 'duplicate key'), withCode('42P01', 'relation does not exist'), new TypeError('x is undefined'), null, 'text']) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
