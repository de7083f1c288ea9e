import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { holds } from '../../app/permissions';
import { failure, Loading } from '../../app/StatusPage';
import { useMe } from '../auth/session';
import { conversationsQuery, type Motion, motionQuery } from './api';
import { MotionTasks } from './MotionTasks';
import { Outcome } from './Outcome';
import '../cases/cases.css';

const CHOICES = ['yes', 'no', 'abstain'] as const;

/**
 * One motion. A member votes from a phone: a choice, then a confirmation, since a vote cannot be
 * changed. The office opens and closes the vote; everyone who may read sees the result and how
 * the threshold was applied.
 */
export default function MotionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const motion = useQuery(motionQuery(id));
  const me = useMe();
  const [choice, setChoice] = useState<(typeof CHOICES)[number] | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['motions', id] });
  const vote = useMutation({ mutationFn: (c: string) => api.post(`/api/motions/${id}/votes`, { choice: c }), onSuccess: refresh, onSettled: () => setChoice(null) });
  const step = useMutation({ mutationFn: (what: 'open' | 'close') => api.post<Motion>(`/api/motions/${id}/${what}`), onSuccess: refresh });
  if (motion.isPending) return <Loading />;
  if (motion.isError) return failure(motion.error, () => void motion.refetch());
  const m = motion.data;
  const office = holds(me.data, 'councils.manage');
  const error = (vote.error ?? step.error) as ApiError | null;
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        <Link to={`/councils/${m.councilId}`}>{m.councilName}</Link>
      </p>
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{m.title}</h1>
      <p className="muted" style={{ margin: 0 }}>
        {t(`councils.motion.${m.status}`)} · {t(m.ballot === 'secret' ? 'councils.motion.secret' : 'councils.motion.openBallot')}
        {m.electorate !== null && ` · ${t('councils.vote.cast', { voted: m.voted, electorate: m.electorate })}`}
      </p>
      <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.body}</p>
      <Consultations councilId={m.councilId} motionId={m.id} />
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}

      {m.status === 'open' && (
        <section aria-labelledby="vote" data-testid="vote">
          <h2 id="vote" style={{ fontSize: '1.2em' }}>{t('councils.vote.title')}</h2>
          {!m.mine.member && <p className="muted">{t('councils.vote.notMember')}</p>}
          {m.mine.voted && <p className="notice">{t('councils.vote.done')}</p>}
          {m.mine.member && !m.mine.voted && choice === null && (
            <div className="stack" style={{ gap: 10 }}>
              {CHOICES.map((c) => (
                <button key={c} type="button" className={`btn block${c === 'yes' ? ' primary' : ''}`} onClick={() => setChoice(c)}>
                  {t(`councils.vote.${c}`)}
                </button>
              ))}
            </div>
          )}
          {choice !== null && (
            <div className="stack" style={{ gap: 10 }} role="group" aria-labelledby="confirm-text">
              <p id="confirm-text" style={{ margin: 0 }}>{t('councils.vote.confirm', { choice: t(`councils.vote.${choice}`) })}</p>
              <button type="button" className="btn block primary" disabled={vote.isPending} onClick={() => vote.mutate(choice)}>
                {t('councils.vote.title')}：{t(`councils.vote.${choice}`)}
              </button>
              <button type="button" className="btn block" onClick={() => setChoice(null)}>
                {t('common.cancel')}
              </button>
            </div>
          )}
        </section>
      )}

      {office && m.status !== 'closed' && (
        <div className="row">
          <button type="button" className="btn primary" disabled={step.isPending} onClick={() => step.mutate(m.status === 'draft' ? 'open' : 'close')}>
            {t(m.status === 'draft' ? 'councils.office.open' : 'councils.office.close')}
          </button>
        </div>
      )}

      {m.result && <Outcome result={m.result} />}
      {m.status === 'closed' && (
        <p>
          <Link to={`/decisions/${m.id}`}>{t('councils.decision.title')}</Link>
        </p>
      )}
      {m.result?.passed && <MotionTasks motionId={m.id} office={office} />}
      {m.votes.length > 0 && (
        <section aria-labelledby="votes">
          <h2 id="votes" style={{ fontSize: '1.2em' }}>{t('councils.votes')}</h2>
          <table className="counts">
            <tbody>
              {m.votes.map((v) => (
                <tr key={v.memberId}>
                  <th scope="row">{v.name}</th>
                  <td>{t(`councils.vote.${v.choice}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** The consultations held on this draft, so members read what the place said before voting. */
function Consultations({ councilId, motionId }: { councilId: string; motionId: string }) {
  const { t } = useTranslation();
  const list = useQuery(conversationsQuery(councilId));
  const mine = list.data?.filter((c) => c.motionId === motionId) ?? [];
  if (mine.length === 0) return null;
  return (
    <ul className="case-list" aria-label={t('councils.discussion.consultation')} data-testid="consultations">
      {mine.map((c) => (
        <li key={c.id}>
          <Link className="case-card" to={`/discussions/${c.id}`}>
            <span className="text">{c.title}</span>
            <span className="muted">
              {t('councils.discussion.consultation')} · {t(`councils.discussion.${c.status}`)} · {t('councils.discussion.counts', { statements: c.statements, participants: c.participants, votes: c.votes })}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
