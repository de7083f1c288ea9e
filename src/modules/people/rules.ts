/** Rules about residents and households: pure functions, no database. */

export const RESIDENCY = ['established', 'new'] as const;
export type Residency = (typeof RESIDENCY)[number];

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

/** Groups the social-assistance offices track; a resident may be in several. */
export const VULNERABLE_GROUPS = [
  'minimum-subsistence', // 低保户
  'zero-employment', // 零就业家庭
  'disability', // 残疾人
  'elderly-alone', // 独居老人
  'left-behind-child', // 留守儿童
  'special-hardship', // 特困供养
] as const;
export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];

export const AGE_GROUPS = ['0-17', '18-34', '35-59', '60-79', '80+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroup(birthYear: number, currentYear: number): AgeGroup {
  const age = currentYear - birthYear;
  if (age < 18) return '0-17';
  if (age < 35) return '18-34';
  if (age < 60) return '35-59';
  if (age < 80) return '60-79';
  return '80+';
}

/** Mainland mobile numbers, or a landline with area code. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s()]/g, '').replace(/^\+?86/, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  if (/^0\d{2,3}-?\d{7,8}$/.test(compact)) return compact.replace('-', '');
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export interface ParsedIdNumber {
  normalized: string;
  birthDate: string; // YYYY-MM-DD
  birthYear: number;
  gender: Gender;
}

/** The 18-digit resident identity number (GB 11643): region, birth date, sequence, check digit. */
export function parseIdNumber(raw: string): ParsedIdNumber | null {
  const normalized = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return null;
  if (idCheckDigit(normalized.slice(0, 17)) !== normalized[17]) return null;
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1880 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return {
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    birthYear: year,
    gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** 138****5678: enough to recognise one's own number, not enough to call it. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 330***********1234: the province digits and the last four, nothing of the birth date. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

/** 张*明: the family name stays so a caller can be addressed politely. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export interface ResidentFacts {
  name: string;
  gender?: Gender | null | undefined;
  birthYear?: number | null | undefined;
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
}

export type ResidentViolation =
  | { code: 'phone_invalid' }
  | { code: 'id_number_invalid' }
  | { code: 'id_number_mismatch'; details: { field: 'birthYear' | 'gender' } }
  | { code: 'validation_failed'; details: { field: 'birthYear' | 'name' } };

export interface PreparedFacts {
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  phone: string | null;
  idNumber: string | null;
}

/**
 * Normalises what a person typed about a resident and checks it hangs together: the phone
 * is a real mainland number, the ID number's check digit holds, and birth year and gender,
 * when given, agree with the ID number (which supplies them when they are not).
 */
export function prepareResidentFacts(facts: ResidentFacts, currentYear: number): PreparedFacts | ResidentViolation {
  const name = facts.name.trim().replace(/\s+/g, ' ');
  if (!name) return { code: 'validation_failed', details: { field: 'name' } };
  let phone: string | null = null;
  if (facts.phone) {
    phone = normalizePhone(facts.phone);
    if (!phone) return { code: 'phone_invalid' };
  }
  let gender = facts.gender ?? null;
  let birthYear = facts.birthYear ?? null;
  let idNumber: string | null = null;
  if (facts.idNumber) {
    const parsed = parseIdNumber(facts.idNumber);
    if (!parsed || parsed.birthYear > currentYear) return { code: 'id_number_invalid' };
    if (birthYear !== null && birthYear !== parsed.birthYear) return { code: 'id_number_mismatch', details: { field: 'birthYear' } };
    if (gender !== null && gender !== parsed.gender) return { code: 'id_number_mismatch', details: { field: 'gender' } };
    idNumber = parsed.normalized;
    birthYear = parsed.birthYear;
    gender = parsed.gender;
  }
  if (birthYear !== null && (birthYear < 1890 || birthYear > currentYear)) {
    return { code: 'validation_failed', details: { field: 'birthYear' } };
  }
  return { name, gender, birthYear, phone, idNumber };
}

export const isViolation = (value: PreparedFacts | ResidentViolation): value is ResidentViolation => 'code' in value;
