import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

describe('password rules', () => {
  it('accept a long password of three character classes', () => {
    expect(passwordProblems('Tongxin@2026', 'admin')).toEqual([]);
    expect(passwordProblems('river-stone-42', 'liaison')).toEqual([]);
  });

  it('name every problem of a weak password', () => {
    expect(passwordProblems('abc', 'x')).toEqual(['too_short', 'too_simple']);
    expect(passwordProblems('alllowercase', 'x')).toEqual(['too_simple']);
    expect(passwordProblems('Zhangwei-2026', 'zhangwei')).toEqual(['contains_username']);
    expect(passwordProblems('P@ssw0rd123', 'x')).toEqual(['too_common']);
    expect(passwordProblems(`Aa1!${'x'.repeat(130)}`, 'x')).toEqual(['too_long']);
  });

  it('count characters, not bytes, and take Chinese characters as symbols', () => {
    expect(passwordProblems('同心协力共建a2026', 'x')).toEqual([]);
    expect(passwordProblems('同心协力a1!', 'x')).toEqual(['too_short']); // 7 characters, 17 bytes
  });
});

describe('password hashing (argon2id)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Tongxin@2026');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'Tongxin@2026')).toBe(true);
    expect(await verifyPassword(stored, 'tongxin@2026')).toBe(false);
  });

  it('salts: the same password never hashes the same twice', async () => {
    expect(await hashPassword('Tongxin@2026')).not.toBe(await hashPassword('Tongxin@2026'));
  });

  it('answers false, not an exception, for a damaged stored hash', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
