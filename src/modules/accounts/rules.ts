/** Usernames people can type on a phone keyboard and read aloud on the phone line. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{2,31}$';

export const normalizeUsername = (raw: string): string => raw.trim().toLowerCase();

export const isValidUsername = (username: string): boolean => new RegExp(USERNAME_PATTERN).test(username);
