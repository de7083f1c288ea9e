import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage } from '../../i18n';
import { useMe } from '../auth/session';
import type { BodyView, Claim } from './api';
import { ExemplarPanel } from './ExemplarPanel';
import { ClaimRecord } from './ClaimRecord';
import { ErrorNotice } from '../../app/ErrorNotice';
import '../cases/cases.css';

interface Waiting {
  claim: Claim & { placeId: string };
  bodyIds: string[];
}

/** A body member's word on one claim (or, for the supervisory body, on an appeal): which body he speaks for, the reason, and the decision. */
function Assess({ item, bodies }: { item: Waiting; bodies: Map<string, { nameZh: string; nameEn: string }> }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [bodyId, setBodyId] = useState(item.bodyIds[0]!);
  const [reason, setReason] = useState('');
  const c = item.claim;
  // A rejected claim under appeal is here for the supervisory body only: it upholds or overturns.
  const appeal = c.appeal === 'open';
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject' | 'more' | 'upheld' | 'overturned') =>
      appeal
        ? api.post<Claim>(`/api/merit-claims/${c.id}/appeal-decision`, { bodyId, outcome: decision, reason })
        : api.post<Claim>(`/api/merit-claims/${c.id}/decisions`, { bodyId, decision, reason }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['merit'] }),
  });
  const name = (b: { nameZh: string; nameEn: string } | undefined) => (currentLanguage() === 'en' ? b?.nameEn : b?.nameZh) ?? '';
  return (
    <li className="case-card" data-testid="assess-item">
      <span className="row" style={{ justifyContent: 'space-between' }}>
        <span className="number">{c.number}</span>
        <span className="tag">{appeal ? t('merit.appeal.state.open') : t(`merit.status.${c.status}`)}</span>
      </span>
      <span>
        {c.residentName} · {currentLanguage() === 'en' ? c.nameEn : c.nameZh} · {c.deedDate} · {c.quantity}
      </span>
      <span className="text">{c.description}</span>
      <ClaimRecord claim={c} />
      <div className="form-grid">
        {item.bodyIds.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-body`}>{t('merit.assess.body')}</label>
            <select id={`${id}-body`} value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
              {item.bodyIds.map((b) => (
                <option key={b} value={b}>
                  {name(bodies.get(b))}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {t('merit.assess.reason')}（{name(bodies.get(bodyId))}）
          </label>
          <input id={`${id}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
          {(appeal ? (['upheld', 'overturned'] as const) : (['approve', 'reject', 'more'] as const)).map((d) => (
            <button key={d} type="button" className={d === 'approve' || d === 'overturned' ? 'btn primary' : 'btn'} disabled={decide.isPending} onClick={() => decide.mutate(d)}>
              {t(`merit.assess.${d}`)}
            </button>
          ))}
        </div>
        <div aria-live="assertive">
          <ErrorNotice error={decide.error} testId="assess-error" />
        </div>
      </div>
    </li>
  );
}

/** Claims waiting on the bodies the member sits on (never his own or his household's). */
export default function AssessPage() {
  const { t } = useTranslation();
  const waiting = useQuery({ queryKey: ['merit', 'assess'], queryFn: () => api.get<{ items: Waiting[] }>('/api/my/merit-assessments').then((r) => r.items) });
  const me = useMe();
  const mine = useQuery({ queryKey: ['merit', 'mine'], queryFn: () => api.get<{ bank: { placeId: string; bodies: BodyView[] } }>('/api/my/merit'), retry: false });
  const bodies = new Map((mine.data?.bank.bodies ?? []).map((b) => [b.id, b]));
  const seats = (mine.data?.bank.bodies ?? []).filter((b) => b.members.some((m) => m.accountId === me.data?.accountId));
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('merit.assessTitle')}</h1>
      {waiting.isPending && <Loading />}
      {waiting.isError && failure(waiting.error, () => void waiting.refetch())}
      {waiting.data?.length === 0 && <p className="notice">{t('merit.assess.none')}</p>}
      <ul className="case-list">
        {waiting.data?.map((item) => (
          <Assess key={item.claim.id} item={item} bodies={bodies} />
        ))}
      </ul>
      {mine.data && seats.length > 0 && <ExemplarPanel placeId={mine.data.bank.placeId} seats={seats} />}
    </div>
  );
}
