import { hash, verify } from '@node-rs/argon2';

/**
 * Password rules in the spirit of MLPS 2.0 (等保), which Chinese government systems are
 * assessed against: length, three of four character classes, not the username, not a
 * password everybody tries first.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password123', 'password1234', 'qwertyuiop', 'qwerty123456', '1234567890', '12345678910', 'abc1234567',
  'a123456789', 'woaini1314', 'woaini520', 'aa12345678', 'admin12345', 'admin@1234', 'administrator',
  'iloveyou12', 'p@ssw0rd123', 'password@1', 'passw0rd!!', 'zxcvbnm123', '1qaz2wsx3edc', 'qazwsxedc123',
  'tongxin123', 'changeme123', 'welcome123', 'abcd@12345', 'asdfghjkl1',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'contains_username' | 'too_common';

export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_simple');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  if (COMMON.has(password.toLowerCase())) problems.push('too_common');
  return problems;
}

/** argon2id with the library's defaults (19 MiB, 2 passes), the OWASP recommendation. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the username does not exist, so a wrong name takes as long as a wrong password. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hash('no such account: decoy password'));
