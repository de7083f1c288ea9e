import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { failure, Loading } from '../../app/StatusPage';
import { TopBar } from '../../app/TopBar';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PublicBar } from '../cases/PublicBar';
import { publicCouncilQuery, publicWardsQuery } from './api';
import { CouncilForum } from './CouncilForum';
import '../cases/cases.css';

/**
 * A council's public page, a link anyone can be sent: its discussions and the topics proposed to
 * it with the office's answers and the poll results put before them. The people of its place
 * propose and support there once logged in.
 */
export default function ForumPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const council = useQuery(publicCouncilQuery(id));
  if (me.isPending) return <Loading />;
  return (
    <>
      {me.data ? <TopBar me={me.data} /> : <PublicBar next={`/forum/${id}`} />}
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 720 }}>
        {council.isPending && <Loading />}
        {council.isError && failure(council.error, () => void council.refetch())}
        {council.data && (
          <>
            <p className="muted" style={{ margin: 0 }}>
              {t('councils.resident.title')} · {nameOf({ nameZh: council.data.placeNameZh, nameEn: council.data.placeNameEn })}
            </p>
            <h1 style={{ fontSize: '1.6em', margin: 0 }}>{council.data.name}</h1>
            <CouncilForum council={council.data} />
            <PublicWards councilId={council.data.id} />
          </>
        )}
      </main>
    </>
  );
}

/** The council's wards and who leads each, when it has drawn any. */
function PublicWards({ councilId }: { councilId: string }) {
  const { t } = useTranslation();
  const wards = useQuery(publicWardsQuery(councilId));
  if (!wards.data || wards.data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="public-wards" data-testid="public-wards">
      <h2 id="public-wards" style={{ fontSize: '1.2em', marginTop: 0 }}>
        {t('councils.wards.title')}
      </h2>
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {wards.data.map((w, i) => (
          <li key={i}>
            {w.name}（{w.places.join('、')}）· {t('councils.wards.people', { count: w.population })} · {w.leader ? t('councils.wards.leader', { name: w.leader }) : t('councils.wards.noLeader')}
          </li>
        ))}
      </ul>
    </section>
  );
}
