import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { nameOf } from '../../i18n';
import type { BankView, BodyView } from './api';

/** The assessing bodies and who sits on each; the office seats and unseats people by name. */
export function BankBodies({ bank, office }: { bank: BankView; office: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="panel stack" aria-labelledby="bodies-title">
      <h2 id="bodies-title" style={{ margin: 0 }}>
        {t('merit.bodies.title')}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t(`merit.bodies.rule.${bank.grantRule}`, { count: bank.bodies.length })}
      </p>
      {bank.bodies.map((body) => (
        <BodyMembers key={body.id} bank={bank} body={body} office={office} />
      ))}
    </section>
  );
}

function BodyMembers({ bank, body, office }: { bank: BankView; body: BodyView; office: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const candidates = useQuery({
    queryKey: ['merit', 'candidates', bank.placeId, q.trim()],
    queryFn: () => api.get<{ items: { accountId: string; displayName: string; username: string }[] }>(`/api/merit-banks/${bank.placeId}/candidates${query({ q: q.trim() })}`).then((r) => r.items),
    enabled: office && q.trim().length > 0,
  });
  const seat = useMutation({
    mutationFn: (accountIds: string[]) => api.put<BodyView>(`/api/merit-bodies/${body.id}/members`, { accountIds }),
    onSuccess: (saved) => {
      client.setQueryData<BankView>(['merit', 'bank', bank.placeId], (old) => old && { ...old, bodies: old.bodies.map((b) => (b.id === saved.id ? saved : b)) });
      setQ('');
    },
  });
  const seated = body.members.map((m) => m.accountId);
  const name = nameOf(body);
  return (
    <div className="stack" data-testid="merit-body" style={{ gap: 6 }}>
      <h3 style={{ margin: 0, fontSize: '1.05em' }}>
        {name}
        {body.supervisory && <span className="muted"> · {t('merit.bodies.supervisory')}</span>}
      </h3>
      {body.members.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('merit.bodies.empty')}
        </p>
      ) : (
        <ul style={{ margin: 0 }}>
          {body.members.map((m) => (
            <li key={m.accountId}>
              {m.displayName}{' '}
              {office && (
                <button type="button" className="btn" onClick={() => seat.mutate(seated.filter((id) => id !== m.accountId))} disabled={seat.isPending} aria-label={t('merit.bodies.remove', { name: m.displayName, body: name })}>
                  {t('merit.bodies.removeShort')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {office && (
        <div className="field">
          <label htmlFor={`seat-${body.id}`}>{t('merit.bodies.find', { body: name })}</label>
          <input id={`seat-${body.id}`} value={q} maxLength={50} onChange={(e) => setQ(e.target.value)} placeholder={t('merit.bodies.findHint')} />
          {candidates.data && (
            <ul data-testid="seat-candidates" style={{ margin: '4px 0 0' }}>
              {candidates.data.length === 0 && <li className="muted">{t('merit.bodies.noneFound')}</li>}
              {candidates.data
                .filter((c) => !seated.includes(c.accountId))
                .map((c) => (
                  <li key={c.accountId}>
                    <button type="button" className="btn" onClick={() => seat.mutate([...seated, c.accountId])} disabled={seat.isPending}>
                      {t('merit.bodies.seat', { name: `${c.displayName} (${c.username})` })}
                    </button>
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
      <ErrorNotice error={seat.error} />
    </div>
  );
}
