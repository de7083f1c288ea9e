import { useMutation } from '@tanstack/react-query';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { nameOf } from '../../i18n';
import { PublicBar } from '../cases/PublicBar';
import type { ExtractContents } from './api';
import { ErrorNotice } from '../../app/ErrorNotice';
import '../cases/cases.css';

/** For a bank clerk or a land committee: the extract's code gives back what the extract shows, and nothing more. */
export default function VerifyExtractPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const check = useMutation({ mutationFn: () => api.post<{ issuedAt: string; purpose: string; contents: ExtractContents }>('/api/merit-extracts/verify', { code: code.trim() }) });
  const c = check.data?.contents;
  return (
    <>
      <PublicBar next="/my/merit" />
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 640 }}>
        <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('merit.verifyTitle')}</h1>
        <section className="panel">
          <form
            className="form-grid"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (code.trim()) check.mutate();
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-code`}>{t('merit.verify.code')}</label>
              <input id={`${id}-code`} value={code} maxLength={30} autoCapitalize="characters" autoComplete="off" onChange={(e) => setCode(e.target.value)} />
            </div>
            <div aria-live="assertive">
              <ErrorNotice error={check.error} testId="verify-error" />
            </div>
            <button type="submit" className="btn primary block" disabled={!code.trim() || check.isPending}>
              {t('merit.verify.submit')}
            </button>
          </form>
        </section>
        {c && check.data && (
          <section className="panel" aria-labelledby={`${id}-result`} data-testid="extract">
            <h2 id={`${id}-result`}>{t('merit.verify.genuine')}</h2>
            <dl className="facts">
              <dt>{t('merit.name')}</dt>
              <dd>{c.name}</dd>
              <dt>{t('home.place')}</dt>
              <dd>{nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn })}</dd>
              <dt>{t('merit.verify.purpose')}</dt>
              <dd>{t(`merit.extract.${c.purpose === 'loan' ? 'loan' : 'homestead'}`)}</dd>
              <dt>{t('merit.verify.issuedAt')}</dt>
              <dd>{new Date(check.data.issuedAt).toLocaleString()}</dd>
              <dt>{t('merit.balance')}</dt>
              <dd data-testid="extract-balance">{c.balance}</dd>
              {c.years.map((y) => (
                <Fragment key={y.year}>
                  <dt>{y.year}</dt>
                  <dd>{y.points}</dd>
                </Fragment>
              ))}
              {c.latestReport && (
                <>
                  <dt>{t('merit.verify.latest')}</dt>
                  <dd>
                    {c.latestReport.quarter} · {t('merit.rank')} {c.latestReport.rank ?? '—'}
                  </dd>
                </>
              )}
              <dt>{t('merit.chainHead')}</dt>
              <dd style={{ wordBreak: 'break-all' }}>
                #{c.headSeq} {c.headHash}
              </dd>
            </dl>
          </section>
        )}
      </main>
    </>
  );
}
