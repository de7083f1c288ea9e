import type { Locale } from '../config.js';

/**
 * Every user-facing message of the server, in both languages, keyed by the stable error code
 * that API clients program against. `{name}` is filled from the error's details.
 */
export const MESSAGES = {
  validation_failed: { 'zh-CN': '请求内容有误，请检查后重试', en: 'The request is not valid; please check it and try again' },
  malformed_json: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  payload_too_large: { 'zh-CN': '请求内容过大', en: 'The request body is too large' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', en: 'This content type is not supported' },
  route_not_found: { 'zh-CN': '没有这个接口', en: 'There is no such endpoint' },
  not_found: { 'zh-CN': '找不到该记录', en: 'The record was not found' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please log in first' },
  forbidden: { 'zh-CN': '您没有进行此操作的权限', en: 'You are not allowed to do this' },
  out_of_scope: { 'zh-CN': '该地区不在您的管辖范围内', en: 'This place is outside the area you are responsible for' },
  csrf_invalid: { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired; please reload and try again' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  conflict: { 'zh-CN': '该记录已被修改或已存在', en: 'The record already exists or was changed' },
  internal_error: { 'zh-CN': '服务器出错了，请稍后再试', en: 'Something went wrong on the server; please try again later' },
  service_unavailable: { 'zh-CN': '服务暂时不可用，请稍后再试', en: 'The service is temporarily unavailable; please try again later' },

  invalid_credentials: { 'zh-CN': '用户名或密码不正确', en: 'The username or password is wrong' },
  account_locked: {
    'zh-CN': '登录失败次数过多，账号已锁定至 {until}',
    en: 'Too many failed logins; the account is locked until {until}',
  },
  account_disabled: { 'zh-CN': '该账号已停用', en: 'This account has been disabled' },
  password_too_weak: { 'zh-CN': '密码不符合要求：{problems}', en: 'The password does not meet the rules: {problems}' },
  password_wrong: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  username_taken: { 'zh-CN': '用户名已被使用', en: 'This username is already taken' },
  grant_outside_scope: {
    'zh-CN': '不能在您管理范围以外的地区授予角色',
    en: 'You cannot grant a role outside the area you administer',
  },
  grant_not_found: { 'zh-CN': '找不到该角色授权', en: 'The role grant was not found' },
  token_not_found: { 'zh-CN': '找不到该令牌', en: 'The token was not found' },

  place_not_found: { 'zh-CN': '找不到该地区', en: 'The place was not found' },
  place_code_taken: { 'zh-CN': '同一上级下已有代码为 {code} 的地区', en: 'Another place under the same parent already has code {code}' },
  place_code_format: {
    'zh-CN': '{level} 级地区的代码格式应为 {expected}，收到 {code}',
    en: 'A {level} code must look like {expected}; got {code}',
  },
  place_level_invalid: {
    'zh-CN': '{level} 级地区不能放在 {parentLevel} 级地区之下',
    en: 'A {level} cannot sit under a {parentLevel}',
  },
  place_cycle: { 'zh-CN': '不能把地区移到它自己或其下级之下', en: 'A place cannot be moved under itself or one of its descendants' },
  place_has_children: { 'zh-CN': '该地区还有下级地区，不能删除', en: 'This place still has places under it and cannot be deleted' },
  place_in_use: { 'zh-CN': '该地区仍有关联的数据，不能删除', en: 'This place still has records attached to it and cannot be deleted' },

  resident_not_found: { 'zh-CN': '找不到该居民', en: 'The resident was not found' },
  household_not_found: { 'zh-CN': '找不到该户', en: 'The household was not found' },
  household_number_taken: { 'zh-CN': '该地区已有户号 {number}', en: 'Household number {number} already exists in this place' },
  household_elsewhere: {
    'zh-CN': '该户不在所选地区或其上级之内',
    en: 'The household is not in the chosen place or one above it',
  },
  household_not_empty: { 'zh-CN': '该户还有成员，不能删除', en: 'The household still has members and cannot be deleted' },
  id_number_invalid: { 'zh-CN': '身份证号码无效', en: 'The ID number is not valid' },
  id_number_taken: { 'zh-CN': '已有居民登记了该身份证号码', en: 'A resident with this ID number is already registered' },
  phone_invalid: { 'zh-CN': '电话号码无效', en: 'The phone number is not valid' },
  vulnerable_group_unknown: { 'zh-CN': '未知的困难群体类别：{group}', en: 'Unknown vulnerable group: {group}' },
  id_number_mismatch: {
    'zh-CN': '出生年份或性别与身份证号码不一致',
    en: 'The birth year or gender does not match the ID number',
  },

  department_not_found: { 'zh-CN': '找不到该部门', en: 'The department was not found' },
  category_not_found: { 'zh-CN': '找不到该事项类别', en: 'The category was not found' },
  department_code_taken: { 'zh-CN': '本市已有代码为 {code} 的部门', en: 'This city already has a department with the code {code}' },
  category_code_taken: { 'zh-CN': '该部门已有代码为 {code} 的类别', en: 'This department already has a category with the code {code}' },
  catalog_code_format: {
    'zh-CN': '代码只能使用小写字母、数字和连字符，2 至 40 个字符',
    en: 'A code is 2 to 40 lower-case letters, digits and hyphens',
  },
  place_not_city: { 'zh-CN': '部门目录按市设置，请选择一个市', en: 'Departments are kept per city; choose a city' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageCode = keyof typeof MESSAGES;

type Localized = Record<Locale, string>;

/**
 * Words that stand inside messages as codes in `details` (a place level, a password problem),
 * translated when the message is written; the codes themselves stay in `details` for programs.
 */
const VOCABULARY: Record<string, Record<string, Localized>> = {
  level: {
    city: { 'zh-CN': '市', en: 'city' },
    district: { 'zh-CN': '区县', en: 'district or county' },
    subdistrict: { 'zh-CN': '街道乡镇', en: 'subdistrict or town' },
    community: { 'zh-CN': '社区村', en: 'community or village' },
    grid: { 'zh-CN': '网格', en: 'grid' },
    building: { 'zh-CN': '楼栋', en: 'building' },
  },
  problems: {
    too_short: { 'zh-CN': '至少 10 个字符', en: 'at least 10 characters' },
    too_long: { 'zh-CN': '最多 128 个字符', en: 'at most 128 characters' },
    too_simple: {
      'zh-CN': '需包含小写字母、大写字母、数字、符号中的至少三类',
      en: 'use at least three of: lower-case letters, capitals, digits, symbols',
    },
    contains_username: { 'zh-CN': '不能包含用户名', en: 'must not contain the username' },
    too_common: { 'zh-CN': '过于常见，容易被猜到', en: 'is too common and easy to guess' },
  },
};
VOCABULARY.parentLevel = VOCABULARY.level!;

/** Times in messages are read by people in China: one time zone for the whole country. */
const formatTime = (iso: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function word(key: string, value: unknown, locale: Locale): string {
  if (key === 'until' && typeof value === 'string') return formatTime(value, locale);
  return VOCABULARY[key]?.[String(value)]?.[locale] ?? String(value);
}

export function message(code: MessageCode, locale: Locale, details?: Record<string, unknown>): string {
  const template: string = MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details?.[key];
    if (value === undefined || value === null) return whole;
    if (Array.isArray(value)) return value.map((v) => word(key, v, locale)).join(locale === 'zh-CN' ? '；' : '; ');
    return word(key, value, locale);
  });
}
