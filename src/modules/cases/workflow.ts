/**
 * The life of a case: which states exist, which actions move it, who may take each action and
 * when. Pure: the service loads a case, asks `checkAction`, stores the answer and writes the
 * timeline. The server checks every transition here; the web app only hides buttons.
 */

export const CASE_STATUSES = ['received', 'dispatched', 'accepted', 'on_scene', 'resolved', 'closed', 'returned', 'suspended', 'merged', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CHANNELS = ['phone', 'web', 'walk_in', 'deputy', 'liaison', 'patrol', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** States in which someone still owes the requester something. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'dispatched', 'accepted', 'on_scene', 'returned', 'suspended', 'reopened'];
export const isOpen = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);

/** Who takes an action: the one-number line's dispatchers, the department holding the case, or the requester. */
export type Party = 'dispatcher' | 'department' | 'requester';

export const ACTIONS = {
  /** Confirm or change the proposed department and send the case there. */
  dispatch: { by: 'dispatcher', from: ['received', 'returned', 'reopened'], to: 'dispatched' },
  accept: { by: 'department', from: ['dispatched', 'reopened'], to: 'accepted' },
  /** "Not ours": back to the dispatcher, with a reason. */
  return: { by: 'department', from: ['dispatched', 'accepted'], to: 'returned' },
  arrive: { by: 'department', from: ['accepted'], to: 'on_scene' },
  resolve: { by: 'department', from: ['accepted', 'on_scene'], to: 'resolved' },
  suspend: { by: 'dispatcher', from: ['dispatched', 'accepted', 'on_scene'], to: 'suspended' },
  /** Back to where it was suspended from. */
  resume: { by: 'dispatcher', from: ['suspended'], to: null },
  /** Closed without a rating (the requester could not be reached, or stays anonymous). */
  close: { by: 'dispatcher', from: ['resolved'], to: 'closed' },
  /** Rated by the requester, or by an operator on the callback: closes, or reopens once if dissatisfied. */
  rate: { by: 'requester', from: ['resolved'], to: null },
  merge: { by: 'dispatcher', from: OPEN_STATUSES, to: 'merged' },
} as const satisfies Record<string, { by: Party; from: readonly CaseStatus[]; to: CaseStatus | null }>;
export type Action = keyof typeof ACTIONS;

export interface CaseState {
  status: CaseStatus;
  /** Where a suspended case goes back to. */
  statusBeforeSuspend: CaseStatus | null;
  reopenCount: number;
}

/** A dissatisfied requester may reopen a case this many times; after that the rating stands. */
export const MAX_REOPENS = 1;

export type ActionProblem = 'case_transition_invalid' | 'case_reason_required' | 'case_reply_required';

export interface ActionInput {
  reason?: string | null | undefined;
  reply?: string | null | undefined;
  rating?: Rating | undefined;
}

/** Actions that need words from the person taking them, so nobody on the other side is left guessing. */
const NEEDS_REASON: readonly Action[] = ['return', 'suspend'];
const NEEDS_REPLY: readonly Action[] = ['resolve'];

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/** The state a case moves to, or why it may not. */
export function checkAction(state: CaseState, action: Action, input: ActionInput = {}): { to: CaseStatus } | { problem: ActionProblem } {
  const rule = ACTIONS[action];
  if (!(rule.from as readonly CaseStatus[]).includes(state.status)) return { problem: 'case_transition_invalid' };
  if (NEEDS_REASON.includes(action) && blank(input.reason)) return { problem: 'case_reason_required' };
  if (NEEDS_REPLY.includes(action) && blank(input.reply)) return { problem: 'case_reply_required' };
  if (action === 'resume') return { to: state.statusBeforeSuspend ?? 'dispatched' };
  if (action === 'rate') {
    const reopens = input.rating === 'dissatisfied' && state.reopenCount < MAX_REOPENS;
    return { to: reopens ? 'reopened' : 'closed' };
  }
  return { to: rule.to as CaseStatus };
}

/** The actions a party could take on a case now: the buttons to show. */
export const availableActions = (state: CaseState, party: Party): Action[] =>
  (Object.keys(ACTIONS) as Action[]).filter((a) => ACTIONS[a].by === party && (ACTIONS[a].from as readonly CaseStatus[]).includes(state.status));

/** A merge joins an open case into another open case of the same city, never into itself. */
export function mergeProblem(source: { id: string; status: CaseStatus; cityId: string }, target: { id: string; status: CaseStatus; cityId: string }): 'case_merge_self' | 'case_merge_target_closed' | 'case_merge_other_city' | null {
  if (source.id === target.id) return 'case_merge_self';
  if (!isOpen(target.status)) return 'case_merge_target_closed';
  if (source.cityId !== target.cityId) return 'case_merge_other_city';
  return null;
}

/** What a requester reads on the timeline, in plain words, for each state. */
export const STATUS_WORDS: Record<CaseStatus, { 'zh-CN': string; en: string }> = {
  received: { 'zh-CN': '已受理，正在分派', en: 'Received; being assigned' },
  dispatched: { 'zh-CN': '已派给责任部门', en: 'Sent to the department responsible' },
  accepted: { 'zh-CN': '部门已接单，正在处理', en: 'The department has taken it on' },
  on_scene: { 'zh-CN': '工作人员已到现场', en: 'Staff are on the scene' },
  resolved: { 'zh-CN': '已办结，请评价', en: 'Resolved; please rate the handling' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  returned: { 'zh-CN': '正在重新分派', en: 'Being reassigned' },
  suspended: { 'zh-CN': '暂缓办理', en: 'On hold' },
  merged: { 'zh-CN': '已与相同问题合并办理', en: 'Joined with a report of the same problem' },
  reopened: { 'zh-CN': '已重新办理', en: 'Reopened' },
};
