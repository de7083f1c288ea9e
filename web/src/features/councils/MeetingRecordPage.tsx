import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PreferenceControls } from '../../app/PreferenceControls';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage, nameOf } from '../../i18n';
import { formatTime } from '../cases/words';
import { pdfHref, publicMeetingQuery } from './api';
import '../cases/cases.css';

/**
 * A meeting for the public, without an account: how it was held, the members who came by name
 * and guests by number, the agenda, the minutes once held, and the decisions taken in it.
 */
export default function MeetingRecordPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useQuery(publicMeetingQuery(id));
  const m = meeting.data;
  return (
    <main id="main" className="stack" style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <PreferenceControls />
      </div>
      {meeting.isPending && <Loading />}
      {meeting.isError && failure(meeting.error, () => void meeting.refetch())}
      {m && (
        <>
          <p className="muted" style={{ margin: 0 }}>
            {t('councils.meeting.record')} · <Link to={`/forum/${m.councilId}`}>{m.councilName}</Link> · {nameOf({ nameZh: m.placeNameZh, nameEn: m.placeNameEn })}
          </p>
          <h1 style={{ fontSize: '1.6em', margin: 0 }}>{m.title}</h1>
          <p style={{ margin: 0 }}>
            {formatTime(m.startsAt)}
            {m.location && ` · ${m.location}`}
          </p>
          <p className="muted" style={{ margin: 0 }}>
            {t(`councils.decision.form.${m.form}`)} · {t(`councils.decision.mode.${m.mode}`)} · {t(`councils.meeting.status.${m.status}`)}
          </p>
          <a className="btn" style={{ justifySelf: 'start' }} href={pdfHref(`/api/public/meetings/${m.id}/report.pdf`, currentLanguage())}>
            {t('councils.meeting.pdf')}
          </a>
          {m.membersPresent !== null && (
            <section aria-labelledby="who" data-testid="who">
              <h2 id="who" style={{ fontSize: '1.2em' }}>{t('councils.meeting.whoCame')}</h2>
              <p style={{ margin: 0 }}>
                {t('councils.meeting.present', { present: m.membersPresent, total: m.membersTotal })} · {t(m.quorumPresent ? 'councils.meeting.quorum' : 'councils.meeting.noQuorum')}
              </p>
              {Object.entries(m.guestsAttending).length > 0 && (
                <p className="muted" style={{ margin: '4px 0 0' }}>
                  {Object.entries(m.guestsAttending)
                    .map(([kind, count]) => t('councils.meeting.guestCount', { kind: t(`councils.meeting.kind.${kind}`), count }))
                    .join(' · ')}
                </p>
              )}
              {m.membersAttending.length > 0 && <p style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}>{m.membersAttending.join(currentLanguage() === 'en' ? ', ' : '、')}</p>}
            </section>
          )}
          {m.agenda.length > 0 && (
            <section aria-labelledby="agenda">
              <h2 id="agenda" style={{ fontSize: '1.2em' }}>{t('councils.meeting.agenda')}</h2>
              <ol>
                {m.agenda.map((item, i) => (
                  <li key={i}>{item.title}</li>
                ))}
              </ol>
            </section>
          )}
          {m.minutes && (
            <section aria-labelledby="minutes">
              <h2 id="minutes" style={{ fontSize: '1.2em' }}>{t('councils.meeting.minutes')}</h2>
              <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.minutes}</p>
              {m.outcomeCommunication && (
                <p>
                  <span className="muted">{t('councils.decision.communication')}：</span>
                  {m.outcomeCommunication}
                </p>
              )}
            </section>
          )}
          {m.decisions.length > 0 && (
            <section aria-labelledby="decided">
              <h2 id="decided" style={{ fontSize: '1.2em' }}>{t('councils.meeting.decided')}</h2>
              <ul className="case-list">
                {m.decisions.map((d) => (
                  <li key={d.id}>
                    <Link className="case-card" to={`/decisions/${d.id}`}>
                      <span className="text">{d.title}</span>
                      <span className="muted">{t(d.passed ? 'councils.motion.passed' : 'councils.motion.failed')}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </main>
  );
}
