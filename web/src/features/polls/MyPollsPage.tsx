import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failure, Loading } from '../../app/StatusPage';
import { formatDate } from '../cases/words';
import { myPollsQuery } from './api';
import './polls.css';
import './words';

/** The open polls that ask the logged-in resident, with the way to answer each. Plain HTML for phones. */
export default function MyPollsPage() {
  const { t } = useTranslation();
  const mine = useQuery(myPollsQuery());
  return (
    <div className="stack">
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('polls.my.title')}</h1>
      {mine.isPending && <Loading />}
      {mine.isError && failure(mine.error, () => void mine.refetch())}
      {mine.data?.length === 0 && <p className="notice">{t('polls.my.none')}</p>}
      {mine.data && mine.data.length > 0 && (
        <ul className="poll-list" data-testid="my-polls">
          {mine.data.map((p) => (
            <li key={p.id}>
              <span className="title">{p.title}</span>
              <span className="muted">{t('polls.my.closes', { date: formatDate(p.closesAt) })}</span>
              {p.answered ? (
                <span className="state done" style={{ justifySelf: 'start' }}>
                  {t('polls.my.answered')}
                </span>
              ) : (
                <Link className="btn primary" to={`/answer/${p.id}`}>
                  {t('polls.my.answer')}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
