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
  url_invalid: { 'zh-CN': '请求地址有误或过长', en: 'The address is malformed or a part of it is too long' },
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
  questionnaire_not_found: { 'zh-CN': '找不到该问卷', en: 'The questionnaire was not found' },
  poll_not_found: { 'zh-CN': '找不到该调查', en: 'The poll was not found' },
  poll_definition_invalid: { 'zh-CN': '问卷内容有误：{problems}', en: 'The questionnaire is not valid: {problems}' },
  poll_answers_invalid: { 'zh-CN': '以下题目的回答有误：{questions}', en: 'These answers are not valid: {questions}' },
  poll_period_invalid: { 'zh-CN': '调查的结束时间须晚于开始时间', en: 'The poll must close after it opens' },
  poll_sample_size_invalid: { 'zh-CN': '抽样人数须在 1 到 {population}（调查对象总数）之间', en: 'The sample size must be between 1 and {population}, the number of residents targeted' },
  poll_breakdown_invalid: { 'zh-CN': '最多按两个不同的属性分组', en: 'Break down by at most two different attributes' },
  poll_closed: { 'zh-CN': '该调查已结束，不能再作答', en: 'This poll has closed; answers are no longer taken' },
  poll_not_open: { 'zh-CN': '该调查尚未开始', en: 'This poll has not opened yet' },
  poll_already_answered: { 'zh-CN': '您已参加过本次调查，每人只能作答一次', en: 'You have already answered this poll; each resident answers once' },
  poll_not_targeted: { 'zh-CN': '您不在本次调查的对象范围内', en: 'This poll does not ask you: you are outside the places or group it targets' },
  poll_code_invalid: { 'zh-CN': '答题码无效，请核对后重试', en: 'The answer code is not valid; please check it and try again' },
  poll_code_required: { 'zh-CN': '请登录，或输入联络员发给您的答题码', en: 'Log in, or enter the answer code your liaison gave you' },
  poll_resident_required: { 'zh-CN': '您的账号尚未关联居民信息，请联系社区联络员', en: 'Your account is not linked to a resident record; please ask your community liaison' },
  merit_bank_not_found: { 'zh-CN': '该地区尚未开设功德银行', en: 'This place does not run a Bank of Merit' },
  merit_body_not_found: { 'zh-CN': '找不到该评议机构', en: 'The assessing body was not found' },
  merit_criterion_not_found: { 'zh-CN': '找不到该积分标准', en: 'The criterion was not found' },
  merit_criterion_code_taken: { 'zh-CN': '已有代码为 {code} 的积分标准', en: 'A criterion with the code {code} already exists' },
  merit_criterion_invalid: { 'zh-CN': '积分标准有误：{problems}', en: 'The criterion is not valid: {problems}' },
  merit_no_version_in_force: { 'zh-CN': '{date} 当天该积分标准不适用', en: 'The criterion does not apply on {date}' },
  merit_quantity_invalid: { 'zh-CN': '次数须为正整数，时长须以一刻钟（0.25 小时）为单位', en: 'Occurrences are whole numbers; hours are counted in quarter hours (0.25)' },
  merit_evidence_missing: { 'zh-CN': '该积分标准需要以下证明：{evidence}', en: 'This criterion needs this evidence: {evidence}' },
  merit_claim_future: { 'zh-CN': '善行日期不能晚于今天', en: 'The deed cannot be dated after today' },
  merit_claim_too_late: { 'zh-CN': '已超过申报期限：善行发生后 {windowDays} 天内可以申报', en: 'Too late: a deed may be claimed up to {windowDays} days after it' },
  merit_claim_duplicate: { 'zh-CN': '同一人同一天的同一善行已申报过（{number}），次数请填在该申报中', en: 'This deed of this person on this day is already claimed ({number}); put further occurrences in that claim' },
  merit_claim_not_found: { 'zh-CN': '找不到该申报', en: 'The claim was not found' },
  merit_not_in_bank: { 'zh-CN': '该居民不属于本功德银行所在的村或社区', en: 'This resident does not belong to the place of this Bank of Merit' },
  merit_resident_required: { 'zh-CN': '您的账号尚未关联居民信息，请联系村（社区）工作人员', en: 'Your account is not linked to a resident record; please ask your village or community office' },
  merit_not_body_member: { 'zh-CN': '您不是该评议机构的成员', en: 'You are not a member of this assessing body' },
  merit_conflict_of_interest: { 'zh-CN': '评议人不能评议本人或本户家庭成员的申报', en: 'A member may not assess a claim about himself or his household' },
  merit_claim_decided: { 'zh-CN': '该申报已有结论（{status}），不能再评议', en: 'This claim is already {status}; it can no longer be assessed' },
  merit_reason_required: { 'zh-CN': '请填写理由', en: 'Please give a reason' },
  merit_entry_not_found: { 'zh-CN': '找不到该积分记录', en: 'The ledger entry was not found' },
  merit_entry_already_corrected: { 'zh-CN': '该积分记录已被更正过', en: 'This ledger entry has already been corrected' },
  merit_entry_not_correctable: { 'zh-CN': '只能更正积分发放记录', en: 'Only grants can be corrected' },
  merit_quarter_invalid: { 'zh-CN': '季度格式应为 2026Q3', en: 'A quarter looks like 2026Q3' },
  merit_report_exists: { 'zh-CN': '{quarter} 的季度报告已发布', en: 'The report for {quarter} is already published' },
  merit_report_not_found: { 'zh-CN': '找不到该季度报告', en: 'The quarterly report was not found' },
  merit_extract_not_found: { 'zh-CN': '核验码无效：没有这份证明', en: 'The verification code is not valid: there is no such extract' },
  merit_activity_not_found: { 'zh-CN': '找不到该志愿活动', en: 'The volunteer activity was not found' },
  merit_activity_invalid: { 'zh-CN': '活动的结束时间须晚于开始时间', en: 'The activity must end after it starts' },
  merit_not_signed_up: { 'zh-CN': '该居民未报名或未签到', en: 'This resident has not signed up or checked in' },
  merit_already_checked_out: { 'zh-CN': '该居民已签退', en: 'This resident has already checked out' },
  merit_appeal_not_allowed: { 'zh-CN': '只能对被驳回的申报或被更正的积分提出一次申诉', en: 'Only a rejected claim or a corrected grant can be appealed, once' },
  merit_appeal_not_open: { 'zh-CN': '该申报没有待处理的申诉', en: 'This claim has no open appeal' },
  merit_not_candidate: { 'zh-CN': '该居民不在年度功德之星候选人之中', en: 'This resident is not among the candidates for Outstanding Contributor of the Year' },
  council_not_found: { 'zh-CN': '找不到该议事会', en: 'The council was not found' },
  council_type_unknown: { 'zh-CN': '没有这种议事会类型：{typeCode}', en: 'There is no council type {typeCode}' },
  council_rules_required: { 'zh-CN': '请选择议事会类型，或写明组成规则和表决规则', en: 'Choose a council type, or give the composition rules and the vote threshold' },
  council_rules_invalid: { 'zh-CN': '组成规则有误：{problems}', en: 'The composition rules are not valid: {problems}' },
  council_composition_violated: {
    'zh-CN': '此项变动会违反议事会的 {count} 条组成规则：{reasons}',
    en: 'This change would break {count} of the council’s composition rules: {reasons}',
  },
  council_already_active: { 'zh-CN': '该议事会已经组成', en: 'This council has already been constituted' },
  council_not_active: { 'zh-CN': '议事会尚未按规则组成，不能表决', en: 'The council has not yet been constituted by its rules, so it cannot vote' },
  council_member_not_found: { 'zh-CN': '该议事会没有这名成员：{memberId}', en: 'This council has no such member: {memberId}' },
  council_member_repeated: { 'zh-CN': '同一成员在一次变动中只能出现一次：{memberId}', en: 'A member may appear only once in one change: {memberId}' },
  council_account_not_found: { 'zh-CN': '找不到成员的登录账号：{accountId}', en: 'The member’s account was not found: {accountId}' },
  council_account_taken: { 'zh-CN': '该账号已是本议事会的在任成员', en: 'This account already belongs to a current member of the council' },
  council_term_invalid: { 'zh-CN': '任期结束日期须晚于开始日期', en: 'A term must end after it starts' },
  motion_not_found: { 'zh-CN': '找不到该议题表决', en: 'The motion was not found' },
  motion_not_draft: { 'zh-CN': '表决已经开始，不能再开启', en: 'The vote on this motion has already been opened' },
  motion_not_open: { 'zh-CN': '该表决未在进行中', en: 'The vote on this motion is not open' },
  motion_no_electorate: { 'zh-CN': '议事会没有可以投票的在任成员', en: 'The council has no current members who can vote' },
  motion_not_member: { 'zh-CN': '您不是本次表决的议事会成员，不能投票', en: 'You are not a member of the council voting on this motion' },
  motion_already_voted: { 'zh-CN': '您已对该议题投过票，每名成员只能投一票', en: 'You have already voted on this motion; each member votes once' },
  meeting_not_found: { 'zh-CN': '找不到该会议', en: 'The meeting was not found' },
  meeting_invitee_not_found: { 'zh-CN': '该会议没有这名受邀人：{inviteeId}', en: 'This meeting has no such invitee: {inviteeId}' },
  democracy_day_rule_invalid: { 'zh-CN': '重复规则无法识别，或比每天一次更频繁（{problem}）', en: 'The recurrence rule cannot be read, or repeats more often than daily ({problem})' },
  calendar_range_invalid: { 'zh-CN': '日历的结束日期须晚于开始日期，且相隔不超过 400 天', en: 'The calendar must end after it starts, at most 400 days later' },
  conversation_not_found: { 'zh-CN': '找不到该网上讨论', en: 'The discussion was not found' },
  statement_not_found: { 'zh-CN': '找不到这条观点，可能已被隐藏', en: 'The statement was not found; it may have been hidden' },
  report_period_invalid: { 'zh-CN': '报告期须从开始日到结束日，且不超过三年', en: 'The period must run from its first day to its last, three years at most' },
  conversation_period_invalid: { 'zh-CN': '征集截止时间须晚于现在', en: 'The consultation must end in the future' },
  conversation_closed: { 'zh-CN': '该讨论已经结束', en: 'This discussion has closed' },
  statement_duplicate: { 'zh-CN': '已经有人写过同样的观点，可以直接对它表态', en: 'Someone has written that already; you can vote on it instead' },
  statement_limit: { 'zh-CN': '每人在一次讨论中最多写 {max} 条观点', en: 'One person can write at most {max} statements in a discussion' },
  statement_already_voted: { 'zh-CN': '您已经对这条观点表过态', en: 'You have already voted on this statement' },
  topic_not_found: { 'zh-CN': '找不到该议题建议', en: 'The topic was not found' },
  topic_decided: { 'zh-CN': '该议题建议已经处理，不能再更改或附议', en: 'This topic has already been decided on' },
  topic_already_supported: { 'zh-CN': '您已附议过该议题', en: 'You already support this topic' },
  topic_merge_self: { 'zh-CN': '议题不能合并到它自己', en: 'A topic cannot be merged into itself' },
  topic_merge_target_invalid: { 'zh-CN': '只能合并到同一议事会中尚在处理或已采纳的另一议题', en: 'A topic can be merged only into another open or accepted topic of the same council' },
  motion_not_passed: { 'zh-CN': '只有已通过的决定才能交付落实', en: 'Only a decision that passed can be handed over for implementation' },
  task_not_found: { 'zh-CN': '找不到该落实任务', en: 'The implementation task was not found' },
  poll_case_place_invalid: { 'zh-CN': '诉求地点须在本次调查的范围内', en: 'The request must be about a place the poll covers' },
  poll_question_unknown: { 'zh-CN': '问卷中没有这道题', en: 'The questionnaire has no such question' },
  poll_rating_link_invalid: { 'zh-CN': '不能这样关联诉求评价：{problem}', en: 'The case ratings cannot be linked so: {problem}' },
  poll_topic_question_unsuited: { 'zh-CN': '只有选择题、评分题等有选项的题目结果可以提交议事会', en: 'Only the result of a question with options (choice, rating…) can be put before a council' },
  poll_topic_too_few: { 'zh-CN': '作答人数少于 {min} 人，公开结果可能让人认出是谁的回答，暂不能提交议事会', en: 'Fewer than {min} answered: made public, the result could show who said what, so it cannot go before a council yet' },
  poll_topic_out_of_area: { 'zh-CN': '只能提交给与本次调查范围相关、且您所在地方的议事会', en: 'The result can go only before a council of your place whose area overlaps the poll’s' },
  poll_topic_already_attached: { 'zh-CN': '这道题的结果已经提交给该议题', en: 'This question’s result is already before that topic' },
  deputy_account_invalid: { 'zh-CN': '该账号不是人大代表账号，或已关联其他代表', en: 'That account does not hold the deputy role, or belongs to another deputy already' },
  deputy_not_found: { 'zh-CN': '找不到该代表', en: 'The deputy was not found' },
  workstation_not_found: { 'zh-CN': '找不到该代表工作站', en: 'The workstation was not found' },
  reception_not_found: { 'zh-CN': '该工作站没有这次接待安排', en: 'The workstation has no such reception' },
  reception_period_invalid: { 'zh-CN': '接待须结束晚于开始，且不超过 12 小时', en: 'A reception must end after it starts and last no more than 12 hours' },
  reception_cancelled: { 'zh-CN': '这次接待已经取消，不能再更改', en: 'This reception has been cancelled and cannot change' },
  reception_over: { 'zh-CN': '这次接待已经结束，不能再更改', en: 'This reception is over and cannot change' },
  reception_overlaps: { 'zh-CN': '该代表在这段时间已有其他接待安排', en: 'The deputy already has a reception at that time' },
  visit_not_found: { 'zh-CN': '找不到该来访记录', en: 'The visit was not found' },
  visit_already_forwarded: { 'zh-CN': '该来访反映的问题已转为诉求', en: 'This visitor’s issue has already been forwarded as a request' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageCode = keyof typeof MESSAGES;

type Localized = Record<Locale, string>;

/**
 * Words that stand inside messages as codes in `details` (a place level, a password problem),
 * translated when the message is written; the codes themselves stay in `details` for programs.
 */
const VOCABULARY: Record<string, Record<string, Localized>> = {
  evidence: {
    photo: { 'zh-CN': '照片', en: 'a photo' },
    witness: { 'zh-CN': '证明人', en: 'a witness' },
    attendance: { 'zh-CN': '签到名单', en: 'an attendance list' },
  },
  status: {
    pending: { 'zh-CN': '待评议', en: 'pending' },
    more_requested: { 'zh-CN': '待补充材料', en: 'waiting for more evidence' },
    granted: { 'zh-CN': '已通过', en: 'granted' },
    rejected: { 'zh-CN': '已驳回', en: 'rejected' },
  },
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
  problem: {
    question_unknown: { 'zh-CN': '问卷中没有这道题', en: 'the questionnaire has no such question' },
    question_not_rating: { 'zh-CN': '只能关联评价量表或单选题', en: 'only a rating or single-choice question can be linked' },
    mapping_incomplete: { 'zh-CN': '须为满意、基本满意、不满意各选一个选项', en: 'choose an option for each of satisfied, basically satisfied and dissatisfied' },
    option_unknown: { 'zh-CN': '所选选项不属于这道题', en: 'an option chosen is not one of the question’s' },
  },
};
VOCABULARY.parentLevel = VOCABULARY.level!;

/** Times in messages are read by people in China: one time zone for the whole country. */
const formatTime = (iso: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function word(key: string, value: unknown, locale: Locale): string {
  if (key === 'until' && typeof value === 'string') return formatTime(value, locale);
  // A detail already written in both languages (a broken council rule's reason) is read in the reader's.
  if (typeof value === 'object' && value !== null && typeof (value as Localized)[locale] === 'string') return (value as Localized)[locale];
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
