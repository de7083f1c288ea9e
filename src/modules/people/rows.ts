import type { Locale } from '../../config.js';
import { VULNERABLE_GROUPS, type Gender, type Residency, type VulnerableGroup } from './rules.js';

/**
 * The resident spreadsheet: the columns of an import file and of an export, so that an export
 * (unmasked) imports again. Headers are accepted in English or Chinese, values too.
 */
export const COLUMNS = [
  { key: 'place', zh: '地区', en: 'place' },
  { key: 'household', zh: '户号', en: 'household' },
  { key: 'address', zh: '地址', en: 'address' },
  { key: 'relation', zh: '与户主关系', en: 'relation' },
  { key: 'name', zh: '姓名', en: 'name' },
  { key: 'gender', zh: '性别', en: 'gender' },
  { key: 'birth_year', zh: '出生年份', en: 'birth_year' },
  { key: 'phone', zh: '电话', en: 'phone' },
  { key: 'id_number', zh: '身份证号', en: 'id_number' },
  { key: 'residency', zh: '居住类型', en: 'residency' },
  { key: 'party_member', zh: '党员', en: 'party_member' },
  { key: 'vulnerable', zh: '困难群体', en: 'vulnerable' },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

const GENDER_WORDS: Record<string, Gender> = { female: 'female', male: 'male', 女: 'female', 男: 'male', f: 'female', m: 'male' };
const RESIDENCY_WORDS: Record<string, Residency> = {
  established: 'established',
  new: 'new',
  户籍居民: 'established',
  户籍: 'established',
  本地: 'established',
  新居民: 'new',
  流动人口: 'new',
  外来: 'new',
};
const BOOLEAN_WORDS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, '1': true, '0': false, 是: true, 否: false, y: true, n: false };
export const VULNERABLE_LABELS: Record<VulnerableGroup, { 'zh-CN': string; en: string }> = {
  'minimum-subsistence': { 'zh-CN': '低保户', en: 'minimum subsistence' },
  'zero-employment': { 'zh-CN': '零就业家庭', en: 'zero employment' },
  disability: { 'zh-CN': '残疾人', en: 'disability' },
  'elderly-alone': { 'zh-CN': '独居老人', en: 'elderly living alone' },
  'left-behind-child': { 'zh-CN': '留守儿童', en: 'left-behind child' },
  'special-hardship': { 'zh-CN': '特困供养', en: 'special hardship' },
};

export interface RowProblem {
  column: ColumnKey;
  code: 'required' | 'unknown_value' | 'not_a_number';
  value: string;
}

export interface ParsedRow {
  placeCodes: string[];
  household: string | null;
  address: string | null;
  relation: string | null;
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  phone: string | null;
  idNumber: string | null;
  residency: Residency;
  partyMember: boolean;
  vulnerableGroups: VulnerableGroup[];
}

/** Maps a file's header cells to column keys; unknown headers are reported, not guessed. */
export function mapHeaders(headers: string[]): { keys: (ColumnKey | null)[]; missing: ColumnKey[]; unknown: string[] } {
  const keys = headers.map((h) => {
    const text = h.trim().toLowerCase();
    return COLUMNS.find((c) => c.en === text || c.zh === h.trim())?.key ?? null;
  });
  const missing = (['place', 'name', 'residency'] as const).filter((k) => !keys.includes(k));
  const unknown = headers.filter((h, i) => keys[i] === null && h.trim() !== '');
  return { keys, missing, unknown };
}

const cell = (record: Partial<Record<ColumnKey, string>>, key: ColumnKey): string => (record[key] ?? '').trim();

/** One row's cells to resident facts, with every problem found (not just the first). */
export function parseRow(record: Partial<Record<ColumnKey, string>>): { row: ParsedRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const need = (key: ColumnKey) => {
    const value = cell(record, key);
    if (!value) problems.push({ column: key, code: 'required', value });
    return value;
  };
  const place = need('place');
  const name = need('name');
  const residencyText = need('residency');
  const residency = RESIDENCY_WORDS[residencyText.toLowerCase()] ?? RESIDENCY_WORDS[residencyText];
  if (residencyText && !residency) problems.push({ column: 'residency', code: 'unknown_value', value: residencyText });

  const genderText = cell(record, 'gender');
  const gender = genderText ? (GENDER_WORDS[genderText.toLowerCase()] ?? null) : null;
  if (genderText && !gender) problems.push({ column: 'gender', code: 'unknown_value', value: genderText });

  const yearText = cell(record, 'birth_year');
  const birthYear = yearText ? Number(yearText) : null;
  if (yearText && !Number.isInteger(birthYear)) problems.push({ column: 'birth_year', code: 'not_a_number', value: yearText });

  const partyText = cell(record, 'party_member');
  const partyMember = partyText ? BOOLEAN_WORDS[partyText.toLowerCase()] : false;
  if (partyMember === undefined) problems.push({ column: 'party_member', code: 'unknown_value', value: partyText });

  const vulnerableGroups: VulnerableGroup[] = [];
  for (const word of cell(record, 'vulnerable').split(/[;；,，、]/).map((w) => w.trim()).filter(Boolean)) {
    const group = (VULNERABLE_GROUPS as readonly string[]).includes(word)
      ? (word as VulnerableGroup)
      : (Object.entries(VULNERABLE_LABELS).find(([, label]) => label['zh-CN'] === word || label.en === word.toLowerCase())?.[0] as VulnerableGroup | undefined);
    if (group) vulnerableGroups.push(group);
    else problems.push({ column: 'vulnerable', code: 'unknown_value', value: word });
  }

  if (problems.length) return { row: null, problems };
  return {
    row: {
      placeCodes: place.split('/').map((c) => c.trim()).filter(Boolean),
      household: cell(record, 'household') || null,
      address: cell(record, 'address') || null,
      relation: cell(record, 'relation') || null,
      name,
      gender,
      birthYear,
      phone: cell(record, 'phone') || null,
      idNumber: cell(record, 'id_number') || null,
      residency: residency!,
      partyMember: partyMember!,
      vulnerableGroups: [...new Set(vulnerableGroups)],
    },
    problems,
  };
}

/** Header cells of an export in the chosen language. */
export const headersFor = (locale: Locale): string[] => COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en));

export function genderWord(gender: Gender | null, locale: Locale): string {
  if (!gender) return '';
  return locale === 'zh-CN' ? (gender === 'male' ? '男' : '女') : gender;
}
export const residencyWord = (residency: Residency, locale: Locale): string =>
  locale === 'zh-CN' ? (residency === 'new' ? '新居民' : '户籍居民') : residency;
export const booleanWord = (value: boolean, locale: Locale): string => (locale === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no');
export const vulnerableWords = (groups: string[], locale: Locale): string =>
  groups.map((g) => VULNERABLE_LABELS[g as VulnerableGroup]?.[locale] ?? g).join(locale === 'zh-CN' ? '；' : ';');
