import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { formatDate } from '../cases/words';
import { isoDay } from './api';

/**
 * The council's democracy days: the next ones (read from the place's calendar by the council page),
 * and for the office a monthly day to set (one day each month for each village, as in Linhai).
 */
export function DemocracyDays({ councilId, placeId, upcoming, office }: { councilId: string; placeId: string; upcoming: string[]; office: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const days = upcoming.slice(0, 3);
  const [title, setTitle] = useState(() => t('councils.democracyDay.defaultTitle'));
  const [monthDay, setMonthDay] = useState('5');
  const [time, setTime] = useState('09:00');
  const add = useMutation({
    mutationFn: () =>
      api.post(`/api/councils/${councilId}/democracy-days`, {
        title: title.trim(),
        recurrence: `FREQ=MONTHLY;BYMONTHDAY=${monthDay}`,
        start: new Date(`${isoDay(Date.now())}T${time}`).toISOString(),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['councils', 'calendar', placeId] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) add.mutate();
  };
  return (
    <div className="stack" data-testid="democracy-days">
      <p style={{ margin: 0 }}>
        {days.length > 0 ? t('councils.democracyDay.next', { dates: days.map((d) => formatDate(d)).join('、') }) : t('councils.democracyDay.none')}
      </p>
      {office && (
        <details className="panel">
          <summary>{t('councils.democracyDay.set')}</summary>
          <form className="row" onSubmit={submit} aria-label={t('councils.democracyDay.set')} style={{ marginTop: 12, alignItems: 'end' }}>
            <div className="field">
              <label htmlFor={`${councilId}-day-title`}>{t('councils.democracyDay.title')}</label>
              <input id={`${councilId}-day-title`} value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${councilId}-day`}>{t('councils.democracyDay.monthDay')}</label>
              <select id={`${councilId}-day`} value={monthDay} onChange={(e) => setMonthDay(e.target.value)}>
                {Array.from({ length: 28 }, (_, i) => String(i + 1)).map((d) => (
                  <option key={d} value={d}>
                    {t('councils.democracyDay.nth', { day: d })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${councilId}-day-time`}>{t('councils.democracyDay.time')}</label>
              <input id={`${councilId}-day-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            </div>
            <button type="submit" className="btn primary" disabled={!title.trim() || add.isPending}>
              {t('councils.democracyDay.send')}
            </button>
          </form>
          <ErrorNotice error={add.error} />
        </details>
      )}
    </div>
  );
}
