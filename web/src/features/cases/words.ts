import type { TFunction } from 'i18next';
import { STATUS_WORDS, type CaseStatus } from '../../../../src/modules/cases/workflow';
import type { CaseEventView, Department, DepartmentRef } from '../../api/types';
import { currentLanguage, nameOf } from '../../i18n';

/** What a requester reads for a state, in plain words: the server's own table, so both say the same. */
export const statusWords = (status: CaseStatus): string => STATUS_WORDS[status][currentLanguage()];

/** A date and time in the reader's language and the device's clock. */
export const formatTime = (iso: string | null | undefined): string =>
  iso ? new Intl.DateTimeFormat(currentLanguage(), { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) : '';

export const formatDate = (iso: string): string => new Intl.DateTimeFormat(currentLanguage(), { year: 'numeric', month: 'numeric', day: 'numeric' }).format(new Date(iso));

/** A length of time in words: "2 h 5 min", "3 d 4 h". */
export function formatDuration(t: TFunction, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('cases.time.minutes', { count: m });
  if (m < 24 * 60) {
    const rest = m % 60;
    return rest ? `${t('cases.time.hours', { count: Math.floor(m / 60) })} ${t('cases.time.minutes', { count: rest })}` : t('cases.time.hours', { count: m / 60 });
  }
  const hours = Math.floor((m % (24 * 60)) / 60);
  const days = t('cases.time.days', { count: Math.floor(m / (24 * 60)) });
  return hours ? `${days} ${t('cases.time.hours', { count: hours })}` : days;
}

/** Within this many minutes of its deadline, a case shows as due soon. */
export const DUE_SOON_MINUTES = 120;

export type DeadlineState = 'overdue' | 'soon' | 'ok';

export function deadlineState(dueAt: string | null, now = Date.now()): DeadlineState | null {
  if (!dueAt) return null;
  const left = (new Date(dueAt).getTime() - now) / 60_000;
  return left < 0 ? 'overdue' : left <= DUE_SOON_MINUTES ? 'soon' : 'ok';
}

/** The deadline said in words, never by colour alone: "Overdue by 3 h", "Due in 40 min", "Due 24/11 10:00". */
export function deadlineText(t: TFunction, dueAt: string, now = Date.now()): string {
  const left = (new Date(dueAt).getTime() - now) / 60_000;
  if (left < 0) return t('cases.deadline.overdue', { duration: formatDuration(t, -left) });
  if (left <= DUE_SOON_MINUTES) return t('cases.deadline.soon', { duration: formatDuration(t, left) });
  return t('cases.deadline.ok', { time: formatTime(dueAt) });
}

/** A department's name, or a plain stand-in when the entry names none. */
const departmentOf = (t: TFunction, ref: DepartmentRef | null) => (ref ? nameOf(ref) : t('cases.theDepartment'));

/** Names for department codes that timeline data carries (handovers, whistles). */
export const codeNamer = (departments: Department[] | undefined) => (code: unknown) => {
  const found = departments?.find((d) => d.code === code);
  return found ? nameOf(found) : String(code ?? '');
};

/**
 * One timeline entry in plain words. Requesters get entries without `data` (the server keeps
 * internal detail from them), so every sentence reads well without it.
 */
export function eventText(t: TFunction, event: CaseEventView, nameOfCode: (code: unknown) => string = String): string {
  const department = departmentOf(t, event.department);
  const data = event.data ?? {};
  switch (event.kind) {
    case 'received':
    case 'dispatch':
    case 'accept':
    case 'return':
    case 'arrive':
    case 'resolve':
    case 'suspend':
    case 'resume':
    case 'close':
    case 'merged_in':
    case 'note':
    case 'handoff_refused':
    case 'help_requested':
    case 'checked_in':
      return t(`cases.event.${event.kind}`, { department });
    case 'reply':
      return event.department ? t('cases.event.reply', { department }) : t('cases.event.replyHotline');
    case 'rate': {
      const rating = typeof data.rating === 'string' ? t(`cases.rating.${data.rating}`) : null;
      const said = rating ? t('cases.event.rated', { rating }) : t('cases.event.rate');
      return event.toStatus === 'reopened' ? `${said}${t('cases.event.reopenedAfter')}` : said;
    }
    case 'merge':
      return typeof data.into === 'string' ? t('cases.event.mergeInto', { number: data.into }) : t('cases.event.merge');
    case 'handoff_requested':
      return t('cases.event.handoff_requested', { department: nameOfCode(data.to) || t('cases.theDepartment') });
    case 'handoff_agreed':
      return t('cases.event.handoff_agreed', { department });
    case 'whistle': {
      const called = Array.isArray(data.departments) ? data.departments.map(nameOfCode).join(t('cases.listSeparator')) : '';
      return called ? t('cases.event.whistleCalled', { departments: called }) : t('cases.event.whistle');
    }
    case 'whistle_evaluated':
      return t('cases.event.whistle_evaluated', { department, evaluation: typeof data.evaluation === 'string' ? t(`cases.evaluation.${data.evaluation}`) : '' });
    case 'escalated':
      return t('cases.event.escalated', { level: typeof data.level === 'number' ? data.level : 1 });
    default:
      return event.kind;
  }
}
