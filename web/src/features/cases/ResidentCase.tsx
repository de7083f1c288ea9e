import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseView } from '../../api/types';
import { failure, Loading } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { caseQuery } from './api';
import { RatingForm } from './RatingForm';
import { StatusBadge } from './StatusBadge';
import { Timeline } from './Timeline';
import { formatTime } from './words';
import './cases.css';

/**
 * One of a resident's requests: where it stands in plain words, who has it, everything that
 * happened, and the rating once it is resolved. Plain HTML: it opens on a cheap phone.
 */
export function ResidentCase({ id }: { id: string }) {
  const { t } = useTranslation();
  const found = useQuery(caseQuery(id));
  if (found.isPending) return <Loading />;
  if (found.isError) return failure(found.error, () => void found.refetch());
  return (
    <ResidentCaseView
      c={found.data}
      back={
        <p style={{ margin: 0 }}>
          <Link to="/my/requests">{t('cases.my.back')}</Link>
        </p>
      }
    />
  );
}

/** The case as its requester sees it, from wherever it was loaded (the account, or number and phone). */
export function ResidentCaseView({ c, back }: { c: CaseView; back?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {back}
      <h1 style={{ fontSize: '1.5em', margin: 0, overflowWrap: 'anywhere' }}>{t('cases.case.title', { number: c.number })}</h1>
      <section className="panel stack" aria-labelledby="where-now" style={{ gap: 8 }}>
        <h2 id="where-now" style={{ margin: 0 }}>
          {t('cases.case.now')}
        </h2>
        <p className="status-line" style={{ margin: 0 }} data-testid="case-status">
          <StatusBadge status={c.status} plain />
        </p>
        {c.mergedIntoId && c.mergedIntoNumber && (
          <p style={{ margin: 0 }}>
            {t('cases.case.mergedInto')} <Link to={`/cases/${c.mergedIntoId}`}>{c.mergedIntoNumber}</Link>
          </p>
        )}
        {c.department && <p style={{ margin: 0 }}>{t('cases.case.handledBy', { department: nameOf(c.department) })}</p>}
        {c.rating && (
          <p style={{ margin: 0 }} data-testid="my-rating">
            {t('cases.case.yourRating', { rating: t(`cases.rating.${c.rating}`) })}
          </p>
        )}
      </section>
      {c.actions.includes('rate') && (
        <section className="panel" aria-labelledby="rate-title">
          <h2 id="rate-title">{t('cases.rate.title')}</h2>
          <RatingForm caseView={c} />
        </section>
      )}
      <section className="panel" aria-labelledby="what-title">
        <h2 id="what-title">{t('cases.case.what')}</h2>
        <dl className="facts">
          <dt>{t('cases.form.description')}</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{c.description}</dd>
          <dt>{t('cases.case.place')}</dt>
          <dd>
            {nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn })}
            {c.address && ` · ${c.address}`}
          </dd>
          <dt>{t('cases.case.received')}</dt>
          <dd>{formatTime(c.receivedAt)}</dd>
          {c.photos.length > 0 && (
            <>
              <dt>{t('cases.case.photos')}</dt>
              <dd>
                {c.photos.map((url, i) => (
                  <a key={url} href={url} target="_blank" rel="noreferrer noopener" style={{ marginRight: 8 }}>
                    {t('cases.case.photo', { n: i + 1 })}
                  </a>
                ))}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('cases.case.timeline')}</h2>
        <Timeline events={c.timeline} />
      </section>
    </div>
  );
}
