import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failure, Loading } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { holds } from '../../app/permissions';
import { useMe } from '../auth/session';
import { councilsQuery } from './api';
import { NewCouncil } from './NewCouncil';
import '../cases/cases.css';

/** The councils in the caller's places: members, the office and the supervision group start here. */
export default function CouncilsPage() {
  const { t } = useTranslation();
  const list = useQuery(councilsQuery());
  const office = holds(useMe().data, 'councils.manage');
  return (
    <div className="stack">
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('councils.title')}</h1>
      {office && <NewCouncil />}
      {list.isPending && <Loading />}
      {list.isError && failure(list.error, () => void list.refetch())}
      {list.data?.length === 0 && <p className="notice">{t('councils.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="case-list" data-testid="councils">
          {list.data.map((c) => (
            <li key={c.id}>
              <Link className="case-card" to={`/councils/${c.id}`}>
                <span className="text">{c.name}</span>
                <span className="muted">
                  {nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn })} · {t(`councils.status.${c.status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
