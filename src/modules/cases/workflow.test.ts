import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from './deadlines.js';
import { dueAtOf, levelAfter, planEscalation } from './escalation.js';
import { formatCaseNumber, looksLikeCaseNumber } from './numbering.js';
import { ACTIONS, type Action, availableActions, CASE_STATUSES, type CaseState, checkAction, isOpen, mergeProblem, STATUS_WORDS } from './workflow.js';

const state = (status: CaseState['status'], extra: Partial<CaseState> = {}): CaseState => ({ status, statusBeforeSuspend: null, reopenCount: 0, ...extra });

describe('the workflow of a case', () => {
  it('walks the usual path', () => {
    let s = state('received');
    for (const [action, to] of [['dispatch', 'dispatched'], ['accept', 'accepted'], ['arrive', 'on_scene'], ['resolve', 'resolved']] as const) {
      const next = checkAction(s, action, { reply: 'done' });
      expect(next).toEqual({ to });
      s = state(to);
    }
    expect(checkAction(s, 'rate', { rating: 'satisfied' })).toEqual({ to: 'closed' });
  });

  it('refuses any action from a state it does not start from', () => {
    const actions = Object.keys(ACTIONS) as Action[];
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATUSES), fc.constantFrom(...actions), (status, action) => {
        const result = checkAction(state(status), action, { reason: 'r', reply: 'r', rating: 'satisfied' });
        const allowed = (ACTIONS[action].from as readonly string[]).includes(status);
        return allowed ? 'to' in result : 'problem' in result && result.problem === 'case_transition_invalid';
      }),
    );
  });

  it('asks for words where the other side would otherwise be left guessing', () => {
    expect(checkAction(state('dispatched'), 'return', { reason: ' ' })).toEqual({ problem: 'case_reason_required' });
    expect(checkAction(state('accepted'), 'suspend', {})).toEqual({ problem: 'case_reason_required' });
    expect(checkAction(state('accepted'), 'resolve', {})).toEqual({ problem: 'case_reply_required' });
  });

  it('reopens once on a dissatisfied rating, then lets the rating stand', () => {
    expect(checkAction(state('resolved'), 'rate', { rating: 'dissatisfied' })).toEqual({ to: 'reopened' });
    expect(checkAction(state('resolved', { reopenCount: 1 }), 'rate', { rating: 'dissatisfied' })).toEqual({ to: 'closed' });
    expect(checkAction(state('resolved'), 'rate', { rating: 'basically_satisfied' })).toEqual({ to: 'closed' });
  });

  it('resumes a suspended case where it was', () => {
    expect(checkAction(state('suspended', { statusBeforeSuspend: 'on_scene' }), 'resume')).toEqual({ to: 'on_scene' });
  });

  it('offers each party only its own actions', () => {
    expect(availableActions(state('dispatched'), 'department').sort()).toEqual(['accept', 'return']);
    expect(availableActions(state('received'), 'dispatcher').sort()).toEqual(['dispatch', 'merge']);
    expect(availableActions(state('closed'), 'dispatcher')).toEqual([]);
  });

  it('merges only open cases of one city into another', () => {
    const a = { id: 'a', status: 'received' as const, cityId: 'sz' };
    expect(mergeProblem(a, a)).toBe('case_merge_self');
    expect(mergeProblem(a, { id: 'b', status: 'closed', cityId: 'sz' })).toBe('case_merge_target_closed');
    expect(mergeProblem(a, { id: 'b', status: 'accepted', cityId: 'gz' })).toBe('case_merge_other_city');
    expect(mergeProblem(a, { id: 'b', status: 'accepted', cityId: 'sz' })).toBeNull();
  });

  it('has plain words for every state in both languages', () => {
    for (const s of CASE_STATUSES) expect(STATUS_WORDS[s]['zh-CN'] && STATUS_WORDS[s].en).toBeTruthy();
  });
});

describe('escalation of a stored case', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
  const base = { status: 'dispatched' as const, acceptBy: t(4), onSceneBy: null, onSceneAt: null, resolveBy: t(40), receivedAt: t(1), dispatchedAt: t(2), slaClock: 'calendar' as const, escalationLevel: 0 };

  it('looks again at the deadline, then after as long again, then never', () => {
    expect(planEscalation(base, DEFAULT_CALENDAR)).toEqual(new Date(t(4).getTime() + 1));
    expect(planEscalation({ ...base, escalationLevel: 1 }, DEFAULT_CALENDAR)).toEqual(new Date(t(6).getTime() + 1));
    expect(planEscalation({ ...base, escalationLevel: 2 }, DEFAULT_CALENDAR)).toBeNull();
    expect(planEscalation({ ...base, status: 'resolved' }, DEFAULT_CALENDAR)).toBeNull();
  });

  it('starts over when a new stage brings a new deadline', () => {
    expect(dueAtOf({ ...base, status: 'accepted' })).toEqual(t(40));
    expect(levelAfter({ ...base, escalationLevel: 1 }, { ...base, status: 'accepted' })).toBe(0);
    expect(levelAfter({ ...base, escalationLevel: 1 }, { ...base, status: 'suspended' })).toBe(0);
    expect(levelAfter({ ...base, escalationLevel: 1 }, base)).toBe(1);
  });

  it('plans nothing for a closed case and nothing past the district level', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATUSES), fc.integer({ min: 0, max: 2 }), (status, level) => {
        const planned = planEscalation({ ...base, status, escalationLevel: level }, DEFAULT_CALENDAR);
        return !isOpen(status) || level === 2 ? planned === null : true;
      }),
    );
  });
});

describe('case numbers', () => {
  it('reads like the hotlines’ numbers and is recognised in a search box', () => {
    expect(formatCaseNumber('NS', 2026, 123)).toBe('NS-2026-000123');
    expect(formatCaseNumber('NS', 2026, 12_345_678)).toBe('NS-2026-12345678');
    expect(looksLikeCaseNumber(' ns-2026-000123 ')).toBe(true);
    expect(looksLikeCaseNumber('路灯坏了')).toBe(false);
  });
});
