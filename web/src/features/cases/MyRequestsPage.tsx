import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failure, Loading } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { myCasesQuery } from './api';
import { StatusBadge } from './StatusBadge';
import { formatTime } from './words';
import './cases.css';

const STEP = 20;

/** A resident's own requests, newest first: number, state in plain words, and the way to each. */
export default function MyRequestsPage() {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(STEP);
  const mine = useQuery({ ...myCasesQuery(limit), placeholderData: keepPreviousData });
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('cases.my.title')}</h1>
        <Link className="btn primary" to="/report">
          {t('cases.report.title')}
        </Link>
      </div>
      {mine.isPending && <Loading />}
      {mine.isError && failure(mine.error, () => void mine.refetch())}
      {mine.data && mine.data.total === 0 && <p className="notice">{t('cases.my.none')}</p>}
      {mine.data && mine.data.items.length > 0 && (
        <>
          <p className="muted" style={{ margin: 0 }}>
            {t('common.total', { count: mine.data.total })}
          </p>
          <ul className="case-list" data-testid="my-requests">
            {mine.data.items.map((c) => (
              <li key={c.id}>
                <Link className="case-card" to={`/cases/${c.id}`}>
                  <span className="row" style={{ justifyContent: 'space-between' }}>
                    <span className="number">{c.number}</span>
                    <StatusBadge status={c.status} plain />
                  </span>
                  <span className="text">{c.description}</span>
                  <span className="muted">
                    {nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn })} · {formatTime(c.receivedAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {mine.data.total > mine.data.items.length && (
            <button type="button" className="btn block" onClick={() => setLimit((l) => Math.min(100, l + STEP))} disabled={mine.isFetching || limit >= 100}>
              {mine.isFetching ? t('common.loading') : t('cases.my.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
