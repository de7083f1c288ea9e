import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { WhistleCallView } from '../../api/types';
import { deadlineState, deadlineText } from './words';

/**
 * Tag colours dark enough on their pale backgrounds for WCAG AA (Ant Design's status presets use
 * the lighter default blue and orange), and always beside words that say the same.
 */
const TONES = {
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  blue: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  grey: { color: 'rgba(0, 0, 0, 0.78)', background: '#fafafa', borderColor: '#d9d9d9' },
} satisfies Record<string, CSSProperties>;

export function ToneTag({ tone, children, ...rest }: { tone: keyof typeof TONES; children: React.ReactNode } & Record<`data-${string}`, string>) {
  return (
    <Tag style={{ ...TONES[tone], marginInlineEnd: 0, whiteSpace: 'normal' }} {...rest}>
      {children}
    </Tag>
  );
}

/** A case's present deadline: overdue in red, due soon in orange, and always said in words. */
export function DeadlineTag({ dueAt, now }: { dueAt: string | null; now?: number }) {
  const { t } = useTranslation();
  const state = deadlineState(dueAt, now);
  if (!dueAt || !state) return <span className="muted">{t('cases.deadline.none')}</span>;
  return (
    <ToneTag tone={state === 'overdue' ? 'red' : state === 'soon' ? 'orange' : 'grey'} data-deadline={state}>
      {deadlineText(t, dueAt, now)}
    </ToneTag>
  );
}

/** Reported on time, late, not at all, or still waiting: in words, the colour a second cue. */
export function DutyTag({ duty }: { duty: WhistleCallView['duty'] }) {
  const { t } = useTranslation();
  return <ToneTag tone={duty === 'on_time' ? 'green' : duty === 'late' ? 'orange' : duty === 'absent' ? 'red' : 'blue'}>{t(`cases.duty.${duty}`)}</ToneTag>;
}
