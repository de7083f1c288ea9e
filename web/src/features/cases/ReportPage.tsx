import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { failure, Loading } from '../../app/StatusPage';
import { TopBar } from '../../app/TopBar';
import { PublicBar } from './PublicBar';
import { useMe } from '../auth/session';
import { ReportForm, type SentReport } from './ReportForm';

/** The community a resident lives in, to start the form there. */
const residentPlace = (me: Me | null): string | null => me?.grants.find((g) => g.role === 'resident')?.placeId ?? null;

/**
 * "Report a problem": the resident's way into the one-number line from a phone, with or without
 * an account. Outside the logged-in frame, so that anybody with the link can use it.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [sent, setSent] = useState<SentReport | null>(null);
  if (me.isPending) return <Loading />;
  if (me.isError) return failure(me.error, () => void me.refetch());
  const account = me.data ?? null;
  return (
    <>
      {account ? <TopBar me={account} /> : <PublicBar next="/report" />}
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 640 }}>
        <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('cases.report.title')}</h1>
        {sent ? (
          <Confirmation sent={sent} loggedIn={!!account} onAgain={() => setSent(null)} />
        ) : (
          <section className="panel">
            <ReportForm kind="resident" loggedIn={!!account} defaultPlaceId={residentPlace(account)} onSent={setSent} />
          </section>
        )}
      </main>
    </>
  );
}

/** The number to quote, said so that it is read first, and where to follow the request. */
function Confirmation({ sent, loggedIn, onAgain }: { sent: SentReport; loggedIn: boolean; onAgain: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel stack" aria-labelledby="sent-title" data-testid="report-sent">
      <h2 id="sent-title" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        {t('cases.report.sentTitle')}
      </h2>
      <p style={{ margin: 0 }}>{t('cases.report.numberIs')}</p>
      <p className="big-number" style={{ margin: 0 }} data-testid="case-number">
        {sent.submitted.number}
      </p>
      <p style={{ margin: 0 }}>{loggedIn ? t('cases.report.followHere') : t('cases.report.followByPhone')}</p>
      {!loggedIn && (
        <p style={{ margin: 0 }}>
          <Link to={`/track?number=${encodeURIComponent(sent.submitted.number)}`}>{t('cases.track.link')}</Link>
        </p>
      )}
      <div className="row">
        {loggedIn && (
          <>
            <Link className="btn primary" to={`/cases/${sent.submitted.id}`}>
              {t('cases.report.open')}
            </Link>
            <Link className="btn" to="/my/requests">
              {t('cases.my.title')}
            </Link>
          </>
        )}
        <button type="button" className="btn" onClick={onAgain}>
          {t('cases.report.another')}
        </button>
      </div>
    </section>
  );
}
