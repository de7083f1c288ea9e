import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from './api';

type DeedKey = 'deedDate' | 'quantity' | 'description' | 'witnesses';
type Change = (key: DeedKey) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;

/** What a claim says of the deed — its day, how many times or hours, what happened, who saw it — as a resident's and the office's claim forms both ask. */
export function DeedFields({ id, values, set }: { id: string; values: Record<DeedKey, string>; set: Change }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('merit.file.date')}</label>
        <input id={`${id}-date`} type="date" value={values.deedDate} max={chinaToday()} onChange={set('deedDate')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-quantity`}>{t('merit.file.quantity')}</label>
        <input id={`${id}-quantity`} type="number" min="0.25" step="0.25" inputMode="decimal" value={values.quantity} onChange={set('quantity')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('merit.file.description')}</label>
        <textarea id={`${id}-description`} rows={3} maxLength={2000} value={values.description} onChange={set('description')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-witnesses`}>{t('merit.file.witnesses')}</label>
        <input id={`${id}-witnesses`} value={values.witnesses} onChange={set('witnesses')} />
      </div>
    </>
  );
}
