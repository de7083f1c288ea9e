import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WhistleCallView } from '../../api/types';
import { deadlineState, deadlineText } from './words';

/** A case's present deadline: overdue in red, due soon in orange, and always said in words. */
export function DeadlineTag({ dueAt, now }: { dueAt: string | null; now?: number }) {
  const { t } = useTranslation();
  const state = deadlineState(dueAt, now);
  if (!dueAt || !state) return <span className="muted">{t('cases.deadline.none')}</span>;
  const color = state === 'overdue' ? 'error' : state === 'soon' ? 'warning' : 'default';
  return (
    <Tag color={color} data-deadline={state} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
      {deadlineText(t, dueAt, now)}
    </Tag>
  );
}

/** Reported on time, late, not at all, or still waiting: in words, the colour a second cue. */
export function DutyTag({ duty }: { duty: WhistleCallView['duty'] }) {
  const { t } = useTranslation();
  const color = duty === 'on_time' ? 'success' : duty === 'late' ? 'warning' : duty === 'absent' ? 'error' : 'processing';
  return <Tag color={color}>{t(`cases.duty.${duty}`)}</Tag>;
}
