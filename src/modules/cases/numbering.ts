import { type SQL, sql } from 'drizzle-orm';

/**
 * Case numbers people read out on the phone: a prefix for the district or city, the year, and
 * a six-digit serial (more digits once a line passes a million a year), e.g. NS-2026-000123.
 */
export const formatCaseNumber = (prefix: string, year: number, serial: number | bigint): string =>
  `${prefix}-${year}-${String(serial).padStart(6, '0')}`;

/**
 * `formatCaseNumber` as an SQL expression, so that intake numbers a case in the statement that
 * stores it. `serial` is read twice: give a column, not a call to nextval.
 */
export const caseNumberSql = (prefix: SQL, year: SQL, serial: SQL): SQL =>
  sql`${prefix} || '-' || ${year} || '-' || lpad(${serial}::text, greatest(6, length(${serial}::text)), '0')`;

/** Prefixes are short capitals or digits, so a number stays easy to say and to type. */
export const isValidNumberPrefix = (prefix: string): boolean => /^[A-Z0-9]{1,8}$/.test(prefix);

/** Whether a string looks like a case number, so a search box can look it up directly. */
export const looksLikeCaseNumber = (text: string): boolean => /^[A-Z0-9]{1,8}-\d{4}-\d{6,}$/.test(text.trim().toUpperCase());
