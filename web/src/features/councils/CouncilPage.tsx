import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage, nameOf } from '../../i18n';
import { calendarAheadQuery, councilQuery } from './api';
import { Conversations } from './Conversations';
import { CouncilMeetings } from './CouncilMeetings';
import { CouncilTopics } from './CouncilTopics';
import { CouncilTrail } from './CouncilTrail';
import { CouncilWards } from './CouncilWards';
import { MembershipForm, useCodeLabel } from './MembershipForm';
import { NewMotion } from './NewMotion';
import { TopicDecision } from './TopicDecision';
import { holds } from '../../app/permissions';
import { useMe } from '../auth/session';
import '../cases/cases.css';

/**
 * A council for the people who run and watch it: the composition check, motions, meetings and
 * democracy days, residents' topics, discussions, wards and members; the office gets the forms,
 * the supervision group the full record.
 */
export default function CouncilPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const council = useQuery(councilQuery(id));
  const me = useMe().data;
  const label = useCodeLabel();
  const [from] = useState(() => Date.now());
  const calendar = useQuery({ ...calendarAheadQuery(council.data?.placeId ?? '', from, 95), enabled: !!council.data });
  if (council.isPending) return <Loading />;
  if (council.isError) return failure(council.error, () => void council.refetch());
  const c = council.data;
  const language = currentLanguage();
  const office = holds(me, 'councils.manage');
  const democracyDays = calendar.data?.filter((e) => e.kind === 'democracy_day' && e.councilName === c.name).map((e) => e.date) ?? [];
  return (
    <div className="stack">
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{c.name}</h1>
      <p className="muted" style={{ margin: 0 }}>
        {nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn })} · {t(`councils.status.${c.status}`)}
      </p>

      {holds(me, 'audit.read') && <CouncilTrail councilId={c.id} />}

      <section aria-labelledby="check" data-testid="composition">
        <h2 id="check" style={{ fontSize: '1.2em' }}>{t('councils.check')}</h2>
        {c.violations.length === 0 ? (
          <p className="notice">{t('councils.allKept')}</p>
        ) : (
          <>
            <p>{t('councils.broken')}</p>
            <ul>
              {c.violations.map((v) => (
                <li key={v.rule}>{v.reason[language]}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="motions">
        <h2 id="motions" style={{ fontSize: '1.2em' }}>{t('councils.motions')}</h2>
        {office && <NewMotion councilId={c.id} threshold={c.threshold} />}
        {c.motions.length === 0 && <p className="muted">{t('councils.noMotions')}</p>}
        <ul className="case-list" data-testid="motions">
          {c.motions.map((m) => (
            <li key={m.id}>
              <Link className="case-card" to={`/motions/${m.id}`}>
                <span className="text">{m.title}</span>
                <span className="muted">
                  {t(`councils.motion.${m.status}`)}
                  {m.passed !== null && ` · ${t(m.passed ? 'councils.motion.passed' : 'councils.motion.failed')}`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <CouncilMeetings councilId={c.id} placeId={c.placeId} democracyDays={democracyDays} office={office} />

      <CouncilTopics councilId={c.id} action={office ? (topic) => topic.status === 'proposed' && <TopicDecision councilId={c.id} topic={topic} /> : undefined} />

      <Conversations councilId={c.id} office={office} nextDemocracyDay={democracyDays[0]} drafts={c.motions.filter((m) => m.status === 'draft')} />

      <CouncilWards councilId={c.id} office={office} members={c.members} />

      <section aria-labelledby="members">
        <h2 id="members" style={{ fontSize: '1.2em' }}>
          {t('councils.members')} ({c.members.length})
        </h2>
        {office && <MembershipForm council={c} />}
        <div style={{ overflowX: 'auto' }}>
          <table className="counts" data-testid="members">
            <thead>
              <tr>
                <th scope="col">{t('councils.members')}</th>
                <th scope="col">{t('councils.role')}</th>
                <th scope="col">{t('councils.kind')}</th>
                <th scope="col">{t('councils.party')}</th>
              </tr>
            </thead>
            <tbody>
              {c.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{t(`councils.roles.${m.role}`)}</td>
                  <td>{label(m.kind)}</td>
                  <td>{m.partyMember ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
