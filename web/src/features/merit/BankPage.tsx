import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { holds } from '../../app/permissions';
import { failure, Loading } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { type BankView, chinaToday } from './api';
import { BankActivities } from './BankActivities';
import { BankBodies } from './BankBodies';
import { BankCriteria } from './BankCriteria';
import { BankGroupClaim } from './BankGroupClaim';
import { BankLedger } from './BankLedger';
import { BankRules } from './BankRules';
import { ExemplarPanel } from './ExemplarPanel';
import '../cases/cases.css';

interface Verification {
  intact: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  firstBreak: { seq: number; problem: 'hash' | 'link' | 'sequence' } | null;
  reports: { quarter: string; matches: boolean }[];
}

/**
 * A bank's office: its rules, its bodies and who sits on them, its criteria catalog; verifying the
 * ledger's chain, publishing a quarter, and the reports published. Readers see it all; the
 * office (merit.manage) changes it, and the server decides each change again.
 */
export default function BankPage() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const placeId = params.get('placeId') ?? '';
  const me = useMe();
  const office = holds(me.data, 'merit.manage');
  const bank = useQuery({ queryKey: ['merit', 'bank', placeId], queryFn: () => api.get<BankView>(`/api/merit-banks/${placeId}`), enabled: !!placeId });
  const reports = useQuery({ queryKey: ['merit', 'reports', placeId], queryFn: () => api.get<{ items: { id: string; quarter: string }[] }>(`/api/merit-reports${query({ placeId })}`).then((r) => r.items), enabled: !!placeId });
  const verify = useMutation({ mutationFn: () => api.get<Verification>(`/api/merit-banks/${placeId}/verify`) });
  const [quarter, setQuarter] = useState('');
  const publish = useMutation({
    mutationFn: () => api.post<{ id: string }>(`/api/merit-banks/${placeId}/reports`, { quarter: quarter.trim() }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['merit', 'reports', placeId] }),
  });
  if (bank.isPending && placeId) return <Loading />;
  if (bank.isError) return failure(bank.error, () => void bank.refetch());
  const v = verify.data;
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <p style={{ margin: 0 }}>
        <Link to="/merit">{t('merit.office.back')}</Link>
      </p>
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>
        {t('merit.bankTitle')}
        {bank.data ? ` · ${nameOf({ nameZh: bank.data.placeNameZh, nameEn: bank.data.placeNameEn })}` : ''}
      </h1>
      {bank.data && (
        <>
          <BankRules bank={bank.data} office={office} />
          <BankBodies bank={bank.data} office={office} />
          <BankCriteria placeId={placeId} office={office} today={chinaToday()} />
          <BankActivities placeId={placeId} office={office} />
          {office && <BankGroupClaim placeId={placeId} />}
          <BankLedger bank={bank.data} office={office} />
          <ExemplarPanel placeId={placeId} seats={bank.data.bodies.filter((b) => b.members.some((m) => m.accountId === me.data?.accountId))} />
        </>
      )}
      <section className="panel stack">
        <button type="button" className="btn primary" onClick={() => verify.mutate()} disabled={verify.isPending || !placeId}>
          {t('merit.bank.verify')}
        </button>
        <div aria-live="polite">
          {v && (
            <p className={v.intact ? 'notice' : 'notice error'} data-testid="verify-result">
              {v.firstBreak ? t('merit.bank.broken', { seq: v.firstBreak.seq, problem: t(`merit.bank.problem.${v.firstBreak.problem}`) }) : t('merit.bank.intact', { count: v.entries })}
            </p>
          )}
          <ErrorNotice error={verify.error} />
        </div>
      </section>
      {office && (
        <section className="panel">
          <form
            className="form-grid"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              publish.mutate();
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-quarter`}>{t('merit.bank.quarter')}</label>
              <input id={`${id}-quarter`} value={quarter} maxLength={6} onChange={(e) => setQuarter(e.target.value)} />
            </div>
            <ErrorNotice error={publish.error} />
            <button type="submit" className="btn block" disabled={!quarter.trim() || publish.isPending || !placeId}>
              {t('merit.bank.publish')}
            </button>
          </form>
        </section>
      )}
      <section className="panel" aria-labelledby={`${id}-reports`}>
        <h2 id={`${id}-reports`}>{t('merit.bank.reports')}</h2>
        <ul data-testid="reports">
          {reports.data?.map((r) => (
            <li key={r.id}>
              <Link to={`/merit/reports/${r.id}`}>{r.quarter}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
