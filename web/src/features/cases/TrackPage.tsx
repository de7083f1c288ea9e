import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { CaseView } from '../../api/types';
import { PublicBar } from './PublicBar';
import { ResidentCaseView } from './ResidentCase';
import { ErrorNotice } from '../../app/ErrorNotice';
import './cases.css';

/**
 * Following a request without an account, by its number and the phone number given with it: for
 * the many who report from a phone once and never register. The phone is sent in a POST body,
 * never in the address.
 */
export default function TrackPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [phone, setPhone] = useState('');
  const track = useMutation({ mutationFn: () => api.post<{ case: CaseView }>('/api/cases/track', { number: number.trim(), phone: phone.trim() }) });
  const ready = number.trim() !== '' && phone.trim() !== '';
  return (
    <>
      <PublicBar next="/my/requests" />
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 640 }}>
        {track.data ? (
          // The case's own title is the page's heading now.
          <ResidentCaseView
            c={track.data.case}
            back={
              <p style={{ margin: 0 }}>
                <button type="button" className="btn" onClick={() => track.reset()}>
                  {t('cases.track.again')}
                </button>
              </p>
            }
          />
        ) : (
          <>
            <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('cases.track.title')}</h1>
            <section className="panel">
              <form
                className="form-grid"
                noValidate
                data-testid="track-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (ready) track.mutate();
                }}
              >
                <p className="muted" style={{ margin: 0 }}>
                  {t('cases.track.intro')}
                </p>
                <div className="field">
                  <label htmlFor={`${id}-number`}>{t('cases.track.number')}</label>
                  <input id={`${id}-number`} value={number} maxLength={40} autoCapitalize="characters" autoComplete="off" onChange={(e) => setNumber(e.target.value)} />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-phone`}>{t('cases.track.phone')}</label>
                  <input id={`${id}-phone`} value={phone} maxLength={20} type="tel" inputMode="tel" autoComplete="tel" onChange={(e) => setPhone(e.target.value)} />
                </div>
                <div aria-live="assertive">
                  <ErrorNotice error={track.error} testId="track-error" />
                </div>
                <button type="submit" className="btn primary block" disabled={!ready || track.isPending}>
                  {t('cases.track.submit')}
                </button>
              </form>
            </section>
          </>
        )}
      </main>
    </>
  );
}
