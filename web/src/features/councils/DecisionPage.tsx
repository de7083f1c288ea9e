import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PreferenceControls } from '../../app/PreferenceControls';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage, nameOf } from '../../i18n';
import { formatTime } from '../cases/words';
import { decisionQuery, pdfHref } from './api';
import { Outcome } from './Outcome';
import '../cases/cases.css';

/**
 * A decided motion for the public, without an account: what was decided, the vote (names only
 * for open ballots), the meeting it was taken in, and what has been done since.
 */
export default function DecisionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const decision = useQuery(decisionQuery(id));
  return (
    <main id="main" className="stack" style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <PreferenceControls />
      </div>
      {decision.isPending && <Loading />}
      {decision.isError && failure(decision.error, () => void decision.refetch())}
      {decision.data && (
        <>
          <p className="muted" style={{ margin: 0 }}>
            {t('councils.decision.title')} · {decision.data.councilName} · {nameOf({ nameZh: decision.data.placeNameZh, nameEn: decision.data.placeNameEn })}
          </p>
          <h1 style={{ fontSize: '1.6em', margin: 0 }}>{decision.data.title}</h1>
          <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{decision.data.body}</p>
          <Outcome result={decision.data.result} />
          <a className="btn" style={{ justifySelf: 'start' }} href={pdfHref(`/api/public/motions/${decision.data.id}/report.pdf`, currentLanguage())}>
            {t('councils.decision.pdf')}
          </a>
          {decision.data.meeting && (
            <section aria-labelledby="meeting">
              <h2 id="meeting" style={{ fontSize: '1.2em' }}>{t('councils.decision.meeting')}</h2>
              <p style={{ margin: 0 }}>
                <Link to={`/meeting-records/${decision.data.meeting.id}`}>{decision.data.meeting.title}</Link> · {t(`councils.decision.form.${decision.data.meeting.form}`)} · {t(`councils.decision.mode.${decision.data.meeting.mode}`)} · {formatTime(decision.data.meeting.startsAt)}
              </p>
              <p className="muted" style={{ margin: '4px 0 0' }}>
                {decision.data.meeting.membersPresent !== null && t('councils.decision.present', { count: decision.data.meeting.membersPresent })}
                {decision.data.meeting.guests > 0 && ` · ${t('councils.decision.guests', { count: decision.data.meeting.guests })}`}
              </p>
              {decision.data.meeting.outcomeCommunication && (
                <p style={{ margin: '4px 0 0' }}>
                  <span className="muted">{t('councils.decision.communication')}：</span>
                  {decision.data.meeting.outcomeCommunication}
                </p>
              )}
            </section>
          )}
          {decision.data.votes.length > 0 && (
            <section aria-labelledby="votes">
              <h2 id="votes" style={{ fontSize: '1.2em' }}>{t('councils.votes')}</h2>
              <table className="counts">
                <tbody>
                  {decision.data.votes.map((v, i) => (
                    <tr key={i}>
                      <th scope="row">{v.name}</th>
                      <td>{t(`councils.vote.${v.choice}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <section aria-labelledby="tasks" data-testid="tasks">
            <h2 id="tasks" style={{ fontSize: '1.2em' }}>{t('councils.decision.tasks')}</h2>
            {decision.data.tasks.length === 0 && <p className="muted">{t('councils.decision.noTasks')}</p>}
            <ul className="timeline">
              {decision.data.tasks.map((task) => (
                <li key={task.id}>
                  <p className="what">
                    {task.title} · {task.assignee} · {t(`councils.decision.taskStatus.${task.status}`)}
                  </p>
                  {task.caseNumber && <p className="muted">{t('councils.decision.caseNumber', { number: task.caseNumber })}</p>}
                  {task.progress.map((p, i) => (
                    <p key={i} className="said">
                      {formatTime(p.at)}：{p.note}
                    </p>
                  ))}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
