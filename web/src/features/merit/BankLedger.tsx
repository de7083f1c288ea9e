import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import type { BankView, Entry } from './api';

type Row = Entry & { residentName: string; correctsSeq: number | null };

/**
 * The newest entries of the ledger. The office corrects a grant by a reversing entry with a reason
 * (the grant stays as written, the chain goes on), and writes the lapse of points past their expiry.
 */
export function BankLedger({ bank, office }: { bank: BankView; office: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const ledger = useQuery({ queryKey: ['merit', 'ledger', bank.placeId], queryFn: () => api.get<{ items: Row[] }>(`/api/merit-banks/${bank.placeId}/ledger${query({ limit: 30 })}`).then((r) => r.items) });
  const refresh = () => void client.invalidateQueries({ queryKey: ['merit'] });
  const expire = useMutation({ mutationFn: () => api.post<{ expired: number }>(`/api/merit-banks/${bank.placeId}/expire`, {}), onSuccess: refresh });
  const corrected = new Set((ledger.data ?? []).map((e) => e.correctsSeq).filter((s) => s !== null));
  const [correcting, setCorrecting] = useState<number | null>(null);
  return (
    <section className="panel stack" aria-labelledby="ledger-title">
      <h2 id="ledger-title" style={{ margin: 0 }}>
        {t('merit.ledger.title')}
      </h2>
      <ErrorNotice error={ledger.error} />
      {ledger.data?.length === 0 && <p className="muted">{t('merit.noEntries')}</p>}
      <ul style={{ margin: 0, padding: 0, listStyle: 'none' }} data-testid="ledger">
        {ledger.data?.map((e) => (
          <li key={e.seq} data-testid="ledger-entry" style={{ borderTop: '1px solid var(--line, #ddd)', padding: '6px 0' }}>
            <span className="muted">#{e.seq}</span> {e.residentName} · {t(`merit.kind.${e.kind}`)} <strong>{e.points > 0 ? `+${e.points}` : e.points}</strong> · {e.deedDate}
            {e.correctsSeq !== null && ` · ${t('merit.ledger.corrects', { seq: e.correctsSeq })}`}
            {e.reason && `：${e.reason}`}
            {office && e.kind === 'grant' && !corrected.has(e.seq) && correcting !== e.seq && (
              <>
                {' '}
                <button type="button" className="btn" onClick={() => setCorrecting(e.seq)} aria-label={t('merit.ledger.correctOne', { seq: e.seq, name: e.residentName })}>
                  {t('merit.ledger.correct')}
                </button>
              </>
            )}
            {correcting === e.seq && <Correction placeId={bank.placeId} entry={e} onDone={() => setCorrecting(null)} />}
          </li>
        ))}
      </ul>
      {office && bank.expiryMonths !== null && (
        <div className="stack" style={{ gap: 4 }}>
          <button type="button" className="btn" style={{ alignSelf: 'start' }} onClick={() => expire.mutate()} disabled={expire.isPending}>
            {t('merit.ledger.expire', { months: bank.expiryMonths })}
          </button>
          <div aria-live="polite">{expire.isSuccess && <p className="notice">{t('merit.ledger.expired', { count: expire.data.expired })}</p>}</div>
          <ErrorNotice error={expire.error} />
        </div>
      )}
    </section>
  );
}

function Correction({ placeId, entry, onDone }: { placeId: string; entry: Row; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const correct = useMutation({
    mutationFn: () => api.post(`/api/merit-banks/${placeId}/corrections`, { seq: entry.seq, reason: reason.trim() }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['merit'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) correct.mutate();
  };
  const id = `correct-${entry.seq}`;
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('merit.ledger.correctOne', { seq: entry.seq, name: entry.residentName })} style={{ marginTop: 6 }}>
      <div className="field">
        <label htmlFor={id}>{t('merit.ledger.reason', { points: entry.points })}</label>
        <input id={id} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="row" style={{ gap: 8 }}>
        <button type="submit" className="btn primary" disabled={!reason.trim() || correct.isPending}>
          {t('merit.ledger.correctSend')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('merit.ledger.cancel')}
        </button>
      </div>
      <ErrorNotice error={correct.error} />
    </form>
  );
}
