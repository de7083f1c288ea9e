import type { MessageCode } from './messages.js';

/** The one HTTP status for each error code, kept here so routes never pick statuses themselves. */
const STATUS: Partial<Record<MessageCode, number>> = {
  validation_failed: 400,
  malformed_json: 400,
  password_too_weak: 400,
  id_number_invalid: 400,
  phone_invalid: 400,
  vulnerable_group_unknown: 400,
  id_number_mismatch: 400,
  place_code_format: 400,
  place_level_invalid: 400,
  place_cycle: 400,
  household_elsewhere: 400,
  catalog_code_format: 400,
  place_not_city: 400,
  grant_department_invalid: 400,
  case_place_invalid: 400,
  case_contact_required: 400,
  case_department_invalid: 400,
  case_category_invalid: 400,
  case_reason_required: 400,
  case_reply_required: 400,
  case_merge_self: 400,
  case_merge_other_city: 400,
  case_helper_invalid: 400,
  idempotency_key_invalid: 400,
  whistle_check_in_too_far: 400,
  case_calendar_empty: 400,
  case_calendar_hours_invalid: 400,
  case_policy_invalid: 400,
  case_policy_default_missing: 400,
  case_number_prefix_invalid: 400,
  case_not_your_department: 403,
  case_not_requester: 403,
  whistle_not_called: 403,
  case_not_found: 404,
  case_transition_invalid: 409,
  case_merge_target_closed: 409,
  case_handoff_none: 409,
  whistle_already_called: 409,
  whistle_already_checked_in: 409,
  unauthenticated: 401,
  invalid_credentials: 401,
  password_wrong: 400,
  forbidden: 403,
  out_of_scope: 403,
  csrf_invalid: 403,
  account_disabled: 403,
  grant_outside_scope: 403,
  route_not_found: 404,
  not_found: 404,
  place_not_found: 404,
  resident_not_found: 404,
  household_not_found: 404,
  grant_not_found: 404,
  token_not_found: 404,
  department_not_found: 404,
  category_not_found: 404,
  conflict: 409,
  username_taken: 409,
  place_code_taken: 409,
  place_has_children: 409,
  place_in_use: 409,
  household_number_taken: 409,
  household_not_empty: 409,
  department_code_taken: 409,
  category_code_taken: 409,
  id_number_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

export const statusOf = (code: MessageCode): number => STATUS[code] ?? 400;

/** An expected failure with a stable code; the error handler turns it into the JSON error shape. */
export class AppError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
  get status(): number {
    return statusOf(this.code);
  }
}

export const fail = (code: MessageCode, details?: Record<string, unknown>): never => {
  throw new AppError(code, details);
};
