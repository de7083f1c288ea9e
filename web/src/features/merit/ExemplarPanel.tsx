import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { currentLanguage, nameOf } from '../../i18n';
import { chinaToday, type Body, type Exemplar } from './api';

/**
 * The Outstanding Contributor of the Year: the candidates the points give (ties by the stated
 * rule), each body's confirmation, and for a member the button to confirm for his body. Named
 * once every body has confirmed the same person.
 */
export function ExemplarPanel({ placeId, seats }: { placeId: string; seats: Body[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const key = ['merit', 'exemplar', placeId, year];
  const exemplar = useQuery({ queryKey: key, queryFn: () => api.get<Exemplar>(`/api/merit-banks/${placeId}/exemplar${query({ year })}`) });
  const confirm = useMutation({
    mutationFn: (input: { bodyId: string; residentId: string }) => api.post<Exemplar>(`/api/merit-banks/${placeId}/exemplar`, { year, ...input }),
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
  const e = exemplar.data;
  const en = currentLanguage() === 'en';
  return (
    <section className="panel stack" aria-labelledby="exemplar-title" data-testid="exemplar">
      <h2 id="exemplar-title" style={{ margin: 0 }}>
        {t('merit.exemplar.title')}
      </h2>
      <div className="field">
        <label htmlFor="exemplar-year">{t('merit.exemplar.year')}</label>
        <select id="exemplar-year" value={year} onChange={(ev) => setYear(Number(ev.target.value))}>
          {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={exemplar.error} />
      {e && (
        <>
          {e.confirmed && (
            <p className="notice" data-testid="exemplar-confirmed">
              {t('merit.exemplar.confirmed', { name: e.confirmed.name, year: e.year })}
            </p>
          )}
          {e.candidates.length === 0 ? (
            <p className="muted">{t('merit.exemplar.none')}</p>
          ) : (
            <ul style={{ margin: 0 }}>
              {e.candidates.map((c) => (
                <li key={c.residentId} data-testid="exemplar-candidate">
                  {t('merit.exemplar.candidate', { name: c.name, points: c.points, deeds: c.deeds, date: c.reachedOn })}
                  {seats.map((body) => {
                    const done = e.confirmations.some((x) => x.bodyId === body.id && x.residentId === c.residentId);
                    return done ? (
                      <span key={body.id} className="tag" style={{ marginInlineStart: 8 }}>
                        {t('merit.exemplar.youConfirmed', { body: nameOf(body) })}
                      </span>
                    ) : (
                      <button key={body.id} type="button" className="btn primary" style={{ marginInlineStart: 8 }} disabled={confirm.isPending} onClick={() => confirm.mutate({ bodyId: body.id, residentId: c.residentId })}>
                        {t('merit.exemplar.confirm', { body: nameOf(body), name: c.name })}
                      </button>
                    );
                  })}
                </li>
              ))}
            </ul>
          )}
          <p className="muted" style={{ margin: 0 }}>
            {t('merit.exemplar.tieRule', { rule: en ? e.tieRule.en : e.tieRule['zh-CN'] })}
          </p>
          <p style={{ margin: 0 }}>
            {e.confirmations.length === 0
              ? t('merit.exemplar.noConfirmations')
              : t('merit.exemplar.confirmations', {
                  list: e.confirmations.map((x) => `${en ? x.bodyNameEn : x.bodyNameZh}：${e.candidates.find((c) => c.residentId === x.residentId)?.name ?? '—'}`).join('；'),
                })}
          </p>
        </>
      )}
      <ErrorNotice error={confirm.error} />
    </section>
  );
}
