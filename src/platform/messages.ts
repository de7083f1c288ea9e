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
  grant_department_invalid: {
    'zh-CN': '只有部门工作人员和负责人可以指定部门，且部门须属于授权地区所在的市',
    en: 'Only department staff and heads name a department, and it must belong to the city of the granted place',
  },

  case_not_found: { 'zh-CN': '找不到该诉求', en: 'The request was not found' },
  case_place_invalid: { 'zh-CN': '所选地区不属于任何一个市，无法受理', en: 'The chosen place lies in no city, so no hotline can take the request' },
  case_contact_required: {
    'zh-CN': '未登录提交时请留下手机号码，以便告知办理结果',
    en: 'Without logging in, please leave a phone number so we can tell you the outcome',
  },
  case_department_invalid: {
    'zh-CN': '该部门不属于本市或已撤销',
    en: 'The department does not belong to this city or has been retired',
  },
  case_category_invalid: { 'zh-CN': '该类别不属于所选部门或已停用', en: 'The category does not belong to the chosen department or is retired' },
  case_transition_invalid: {
    'zh-CN': '诉求当前状态为「{status}」，不能进行「{action}」',
    en: 'The request is {status}; it cannot be {action} now',
  },
  case_reason_required: { 'zh-CN': '请填写原因', en: 'Please give a reason' },
  case_reply_required: { 'zh-CN': '请填写给群众的答复', en: 'Please write the reply to the requester' },
  case_not_your_department: { 'zh-CN': '该诉求不是您所在部门办理的', en: 'This request is not handled by your department' },
  case_not_requester: { 'zh-CN': '只有提出诉求的群众本人可以评价', en: 'Only the person who made the request can rate it' },
  case_merge_self: { 'zh-CN': '不能把诉求与自身合并', en: 'A request cannot be merged into itself' },
  case_merge_target_closed: { 'zh-CN': '只能合并到仍在办理中的诉求', en: 'A request can only be merged into one still being handled' },
  case_merge_other_city: { 'zh-CN': '不能合并不同城市的诉求', en: 'Requests of different cities cannot be merged' },
  case_handoff_none: { 'zh-CN': '该诉求没有待审核的转办申请', en: 'There is no handover request waiting on this request' },
  case_helper_invalid: { 'zh-CN': '协办部门须为本市其他部门', en: 'The helping department must be another department of the same city' },
  idempotency_key_invalid: {
    'zh-CN': 'Idempotency-Key 须为 1 至 100 个可见字符',
    en: 'The Idempotency-Key header must be 1 to 100 visible characters',
  },
  case_calendar_empty: { 'zh-CN': '工作日历须有工作日和工作时段', en: 'A work calendar needs working days and working hours' },
  case_calendar_hours_invalid: { 'zh-CN': '工作时段须按先后排列且互不重叠', en: 'Working hours must be in order and must not overlap' },
  case_policy_invalid: { 'zh-CN': '时限规则中受理或到场时限不能长于办结时限', en: 'A policy cannot give more time to accept or to arrive than to resolve' },
  case_policy_default_missing: { 'zh-CN': '时限规则须包含一条适用于所有类别和优先级的默认规则', en: 'The policies need a default one for any category and any priority' },
  case_number_prefix_invalid: { 'zh-CN': '编号前缀须为 1 至 8 位大写字母或数字', en: 'A number prefix is 1 to 8 capital letters or digits' },
  whistle_already_called: { 'zh-CN': '已对该部门吹哨', en: 'The whistle has already been blown for this department' },
  whistle_not_called: { 'zh-CN': '没有对您所在部门吹哨', en: 'No whistle was blown for your department on this request' },
  whistle_already_checked_in: { 'zh-CN': '已经报到过了', en: 'Your department has already checked in' },
  whistle_check_in_too_far: {
    'zh-CN': '报到位置距现场 {distance} 米，请到现场后再报到',
    en: 'You are {distance} m from the scene; check in when you are there',
  },
  // Open311 GeoReport v2: the descriptions of its errors, read by the client's developer and user.
  open311_not_found: { 'zh-CN': '没有这个 Open311 资源（路径以 .json 或 .xml 结尾）', en: 'There is no such Open311 resource (paths end in .json or .xml)' },
  open311_jurisdiction_required: { 'zh-CN': '本服务器服务多个城市，请提供 jurisdiction_id（如 440300）', en: 'This server serves several cities: give a jurisdiction_id (e.g. 440300)' },
  open311_jurisdiction_unknown: { 'zh-CN': '没有 jurisdiction_id 为 {jurisdiction_id} 的城市', en: 'No city has the jurisdiction_id {jurisdiction_id}' },
  open311_api_key_invalid: { 'zh-CN': 'api_key 缺失，或对该城市无效', en: 'The api_key is missing or not valid for this jurisdiction' },
  open311_service_code_required: { 'zh-CN': '请提供 service_code', en: 'A service_code is required' },
  open311_service_unknown: { 'zh-CN': '该城市没有 service_code 为 {service_code} 的服务', en: 'This jurisdiction has no service with the service_code {service_code}' },
  open311_location_required: { 'zh-CN': '请提供位置：lat 和 long、address_string 或 address_id 之一', en: 'A location is required: lat and long, address_string or address_id' },
  open311_lat_long_pair: { 'zh-CN': 'lat 和 long 须同时提供', en: 'lat and long must be given together' },
  open311_coordinate_invalid: { 'zh-CN': '{field} 须为 {min} 到 {max} 之间的数', en: '{field} must be a number from {min} to {max}' },
  open311_address_unknown: { 'zh-CN': 'address_id {address_id} 不是该城市的地点', en: 'address_id {address_id} is not a place of this jurisdiction' },
  open311_attribute_unknown: { 'zh-CN': '该服务没有属性 attribute[{attribute}]', en: 'This service has no attribute[{attribute}]' },
  open311_attribute_required: { 'zh-CN': '缺少必填属性 attribute[{attribute}]', en: 'attribute[{attribute}] is required' },
  open311_attribute_not_number: { 'zh-CN': 'attribute[{attribute}] 须为数字', en: 'attribute[{attribute}] must be a number' },
  open311_attribute_not_datetime: { 'zh-CN': 'attribute[{attribute}] 须为带时区的日期时间，如 2026-01-01T08:00:00+08:00', en: 'attribute[{attribute}] must be a date-time with its time zone, e.g. 2026-01-01T08:00:00+08:00' },
  open311_attribute_line_break: { 'zh-CN': 'attribute[{attribute}] 须为一行文字', en: 'attribute[{attribute}] must be one line of text' },
  open311_attribute_value_unknown: { 'zh-CN': 'attribute[{attribute}] 的取值须为：{allowed}', en: 'attribute[{attribute}] must be one of: {allowed}' },
  open311_attribute_one_value: { 'zh-CN': 'attribute[{attribute}] 只能有一个值', en: 'attribute[{attribute}] takes one value' },
  open311_attribute_too_long: { 'zh-CN': 'attribute[{attribute}] 最多 {max} 个字符', en: 'attribute[{attribute}] is limited to {max} characters' },
  open311_field_repeated: { 'zh-CN': '{field} 只能有一个值', en: '{field} takes one value' },
  open311_media_url_invalid: { 'zh-CN': 'media_url 须为 http 或 https 网址', en: 'media_url must be an http or https URL' },
  open311_description_too_long: { 'zh-CN': 'description 最多 4000 个字符', en: 'description is limited to 4,000 characters' },
  open311_email_invalid: { 'zh-CN': 'email 不是有效的电子邮箱地址', en: 'email is not a valid e-mail address' },
  open311_status_invalid: { 'zh-CN': 'status 只能是 open 或 closed（可用逗号分隔）', en: 'status must be open or closed (or both, comma separated)' },
  open311_date_invalid: { 'zh-CN': '{field} 须为带时区的 W3C 日期时间，如 2026-01-01T00:00:00Z', en: '{field} must be a W3C date-time with its time zone, e.g. 2026-01-01T00:00:00Z' },
  open311_date_range_invalid: { 'zh-CN': 'start_date 须早于 end_date，且相隔不超过 90 天', en: 'start_date must come before end_date, at most 90 days apart' },
  open311_request_unknown: { 'zh-CN': '该城市没有编号为 {service_request_id} 的诉求', en: 'This jurisdiction has no service request {service_request_id}' },
  open311_token_unknown: { 'zh-CN': '没有令牌 {token}', en: 'There is no token {token}' },
  open311_key_name_required: { 'zh-CN': '请写明密钥的使用方（1 至 100 个字符）', en: 'Say who the key is for (1 to 100 characters)' },
  open311_service_notice: {
    'zh-CN': '已受理，编号 {number}。热线将派给负责部门办理，可凭编号查询进度。',
    en: 'Received as {number}. The one-number line sends it to the department responsible; follow it by this number.',
  },
  open311_merged_into: { 'zh-CN': '与诉求 {number} 重复，已合并办理', en: 'A duplicate of {number}, handled together with it' },
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
