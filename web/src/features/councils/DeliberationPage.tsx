import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { failure, Loading } from '../../app/StatusPage';
import { useMe } from '../auth/session';
import { formatDate, formatTime } from '../cases/words';
import { calendarAheadQuery, placeCouncilsQuery } from './api';
import { CouncilForum } from './CouncilForum';
import '../cases/cases.css';

/** Where the person lives, or else the first place they work in: the councils above it are theirs. */
const homePlace = (me: Me | null | undefined): string | null => me?.grants.find((g) => g.role === 'resident')?.placeId ?? me?.grants.find((g) => g.placeId)?.placeId ?? null;

/**
 * Deliberation for a resident, from a phone: the democracy days and meetings ahead, the councils
 * of their village or community and of the town above, the topics proposed there with what the
 * office decided, a way to propose one and to support others'. Plain HTML, no component library.
 */
export default function DeliberationPage() {
  const { t } = useTranslation();
  const placeId = homePlace(useMe().data);
  const [from] = useState(() => Date.now());
  const calendar = useQuery({ ...calendarAheadQuery(placeId ?? '', from, 60), enabled: !!placeId });
  const councils = useQuery({ ...placeCouncilsQuery(placeId ?? ''), enabled: !!placeId });
  if (!placeId) return <p className="notice">{t('councils.resident.noCouncils')}</p>;
  return (
    <div className="stack">
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('councils.resident.title')}</h1>
      <Link to={`/places/${placeId}/deliberation-report`}>{t('councils.report.link')}</Link>
      <section className="panel" aria-labelledby="calendar">
        <h2 id="calendar" style={{ fontSize: '1.2em', marginTop: 0 }}>{t('councils.resident.calendar')}</h2>
        {calendar.isPending && <Loading />}
        {calendar.isError && failure(calendar.error, () => void calendar.refetch())}
        {calendar.data?.length === 0 && <p className="muted">{t('councils.resident.noDates')}</p>}
        {calendar.data && calendar.data.length > 0 && (
          <ul className="case-list" data-testid="calendar">
            {calendar.data.slice(0, 20).map((e) => (
              <li key={`${e.kind}:${e.date}:${e.title}`} className="case-card">
                {e.meetingId ? (
                  <Link className="text" to={`/meeting-records/${e.meetingId}`}>
                    {formatTime(e.date)} · {e.title}
                  </Link>
                ) : (
                  <span className="text">
                    {e.kind === 'meeting' ? formatTime(e.date) : formatDate(e.date)} · {e.title}
                  </span>
                )}
                <span className="muted">
                  {t(e.kind === 'meeting' ? 'councils.resident.meeting' : 'councils.resident.democracyDay')} · {e.councilName}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {councils.isPending && <Loading />}
      {councils.isError && failure(councils.error, () => void councils.refetch())}
      {councils.data?.length === 0 && <p className="notice">{t('councils.resident.noCouncils')}</p>}
      {councils.data?.map((c) => <CouncilForum key={c.id} council={c} titled />)}
    </div>
  );
}
