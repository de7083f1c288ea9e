import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { holds } from '../../app/permissions';
import { failure, Loading } from '../../app/StatusPage';
import { TopBar } from '../../app/TopBar';
import { useMe } from '../auth/session';
import { PublicBar } from '../cases/PublicBar';
import { formatTime } from '../cases/words';
import { conversationQuery, nextStatementQuery, type OpinionGroupsView } from './api';
import { Bars } from './Bars';
import '../cases/cases.css';
import { ErrorNotice } from '../../app/ErrorNotice';

const STATEMENT_MAX = 140;
const groupName = (i: number) => String.fromCharCode(65 + i);

/**
 * A statement-voting discussion, open to read without an account: the question, the opinion
 * groups and what they all agree on; for the people of the place, one statement at a time to
 * vote on and a box to write their own. Plain HTML, for phones.
 */
export default function ConversationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const conversation = useQuery(conversationQuery(id));
  if (me.isPending) return <Loading />;
  const account = me.data ?? null;
  const c = conversation.data;
  return (
    <>
      {account ? <TopBar me={account} /> : <PublicBar next={`/discussions/${id}`} />}
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 720 }}>
        {conversation.isPending && <Loading />}
        {conversation.isError && failure(conversation.error, () => void conversation.refetch())}
        {c && (
          <>
            <p className="muted" style={{ margin: 0 }}>
              {t('councils.discussion.title')} · {c.conversation.councilName} · {t(`councils.discussion.${c.conversation.status}`)}
            </p>
            <h1 style={{ fontSize: '1.6em', margin: 0 }}>{c.conversation.title}</h1>
            {c.conversation.motion && (
              <section className="panel stack" aria-labelledby="draft" style={{ gap: 4 }} data-testid="draft">
                <h2 id="draft" style={{ fontSize: '1.1em', margin: 0 }}>
                  {t('councils.discussion.consultation')} · {t('councils.discussion.draft', { title: c.conversation.motion.title })}
                </h2>
                <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.conversation.motion.body}</p>
              </section>
            )}
            <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.conversation.prompt}</p>
            {c.conversation.status === 'scheduled' && c.conversation.opensAt && <p className="notice" style={{ margin: 0 }}>{t('councils.discussion.opensAt', { date: formatTime(c.conversation.opensAt) })}</p>}
            {c.conversation.status === 'open' && c.conversation.closesAt && <p className="muted" style={{ margin: 0 }}>{t('councils.discussion.closesAt', { date: formatTime(c.conversation.closesAt) })}</p>}
            <p className="muted" style={{ margin: 0 }} data-testid="discussion-counts">
              {t('councils.discussion.counts', { statements: c.conversation.statements, participants: c.conversation.participants, votes: c.conversation.votes })}
            </p>
            {c.conversation.status === 'open' && (account ? <TakePart id={id} /> : <p className="notice">{t('councils.discussion.loginToJoin')}</p>)}
            <GroupsSection view={c} />
            <StatementsSection view={c} me={account} />
          </>
        )}
      </main>
    </>
  );
}

/** One statement at a time to vote on, then the box to write one's own. */
function TakePart({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const next = useQuery(nextStatementQuery(id));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['conversations', id] });
  const vote = useMutation({ mutationFn: ({ statementId, value }: { statementId: string; value: 1 | 0 | -1 }) => api.post(`/api/statements/${statementId}/votes`, { value }), onSettled: refresh });
  const [text, setText] = useState('');
  const write = useMutation({
    mutationFn: () => api.post(`/api/conversations/${id}/statements`, { text: text.trim() }),
    onSuccess: () => {
      setText('');
      refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim().length >= 2) write.mutate();
  };
  if (next.isError) return failure(next.error, () => void next.refetch());
  const statement = next.data?.statement;
  return (
    <>
      <section className="panel stack" aria-labelledby="vote-now" data-testid="vote-card">
        <h2 id="vote-now" style={{ fontSize: '1.2em', margin: 0 }}>{t('councils.discussion.next')}</h2>
        {next.isPending && <Loading />}
        {statement && (
          <>
            <p style={{ fontSize: '1.2em', margin: 0 }} data-testid="statement">
              {statement.text}
            </p>
            <div className="row">
              {([1, -1, 0] as const).map((value) => (
                <button key={value} type="button" className={value === 1 ? 'btn primary' : 'btn'} disabled={vote.isPending} onClick={() => vote.mutate({ statementId: statement.id, value })}>
                  {t(`councils.discussion.${value === 1 ? 'agree' : value === -1 ? 'disagree' : 'pass'}`)}
                </button>
              ))}
            </div>
            <span className="muted">{t('councils.discussion.remaining', { count: next.data!.remaining })}</span>
          </>
        )}
        {next.data && !statement && <p style={{ margin: 0 }}>{t('councils.discussion.allDone')}</p>}
        <ErrorNotice error={vote.error} />
      </section>
      <form className="panel stack" onSubmit={submit} noValidate aria-labelledby="write">
        <h2 id="write" style={{ fontSize: '1.2em', margin: 0 }}>{t('councils.discussion.write')}</h2>
        <div className="field">
          <label htmlFor="statement-text" className="visually-hidden">
            {t('councils.discussion.write')}
          </label>
          <textarea id="statement-text" value={text} maxLength={STATEMENT_MAX} rows={2} aria-describedby="statement-hint" onChange={(e) => setText(e.target.value)} />
          <span className="hint" id="statement-hint">
            {t('councils.discussion.writeHint')} {text.length}/{STATEMENT_MAX}
          </span>
        </div>
        <ErrorNotice error={write.error} />
        {write.isSuccess && !text && (
          <p className="notice" role="status">
            {t('councils.discussion.sent')}
          </p>
        )}
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={write.isPending || text.trim().length < 2}>
          {t('councils.discussion.send')}
        </button>
      </form>
    </>
  );
}

/** Each group with what sets it apart, then what every group agrees on, each statement with its share of agreement per group. */
function GroupsSection({ view }: { view: OpinionGroupsView }) {
  const { t } = useTranslation();
  const shares = (agreePercent: number[], label: string) => (
    <Bars label={label} rows={agreePercent.map((percent, gi) => ({ label: t('councils.discussion.agreeIn', { name: groupName(gi) }), percent, figure: `${percent.toFixed(1)}%` }))} />
  );
  return (
    <section className="stack" aria-labelledby="groups" data-testid="groups">
      <h2 id="groups" style={{ fontSize: '1.2em', margin: 0 }}>{t('councils.discussion.groups')}</h2>
      <span className="muted">{t('councils.discussion.groupsHint')}</span>
      {view.groupedVotes < view.conversation.votes && <span className="muted">{t('councils.discussion.asOf', { votes: view.groupedVotes })}</span>}
      {view.groups.length === 0 && <p className="notice">{t('councils.discussion.tooFew')}</p>}
      {view.groups.map((g, gi) => (
        <div key={gi} className="panel stack" style={{ gap: 6 }} data-testid="group">
          <h3 style={{ fontSize: '1.05em', margin: 0 }}>{t('councils.discussion.group', { name: groupName(gi), count: g.size })}</h3>
          {g.representative.map((s) => (
            <div key={s.id} className="stack" style={{ gap: 2 }}>
              <span>{s.text}</span>
              {shares(s.agreePercent, s.text)}
            </div>
          ))}
        </div>
      ))}
      {view.groups.length > 0 && (
        <div className="panel stack" style={{ gap: 6 }} data-testid="consensus">
          <h3 style={{ fontSize: '1.05em', margin: 0 }}>{t('councils.discussion.consensus')}</h3>
          {view.consensus.length === 0 && <span className="muted">{t('councils.discussion.noConsensus')}</span>}
          {view.consensus.map((s) => (
            <div key={s.id} className="stack" style={{ gap: 2 }}>
              <strong>{s.text}</strong>
              {shares(s.agreePercent, s.text)}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** Every statement with its votes; hidden ones with the office's reason. The office hides from here. */
function StatementsSection({ view, me }: { view: OpinionGroupsView; me: Me | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [hiding, setHiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const hide = useMutation({
    mutationFn: (statementId: string) => api.post(`/api/statements/${statementId}/hide`, { reason: reason.trim() }),
    onSuccess: () => {
      setHiding(null);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['conversations', view.conversation.id] });
    },
  });
  const office = holds(me, 'councils.manage');
  return (
    <details className="panel">
      <summary>
        {t('councils.discussion.statements')} ({view.statements.length})
      </summary>
      <ul className="case-list" data-testid="statements">
        {view.statements.map((s) => (
          <li key={s.id} className="case-card stack" style={{ gap: 4 }}>
            {s.hiddenReason === null ? <span>{s.text}</span> : <span className="muted">{t('councils.discussion.hidden', { reason: s.hiddenReason })}</span>}
            <span className="muted">{t('councils.discussion.statementCounts', { agree: s.agree, disagree: s.disagree, pass: s.pass })}</span>
            {office && s.hiddenReason === null && hiding !== s.id && (
              <button type="button" className="btn" style={{ justifySelf: 'start' }} onClick={() => (hide.reset(), setHiding(s.id))}>
                {t('councils.discussion.hide')}
              </button>
            )}
            {hiding === s.id && (
              <div className="stack" style={{ gap: 4 }}>
                <label htmlFor={`hide-${s.id}`}>{t('councils.discussion.hideReason')}</label>
                <input id={`hide-${s.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
                <ErrorNotice error={hide.error} />
                <div className="row">
                  <button type="button" className="btn primary" disabled={!reason.trim() || hide.isPending} onClick={() => hide.mutate(s.id)}>
                    {t('councils.discussion.hide')}
                  </button>
                  <button type="button" className="btn" onClick={() => setHiding(null)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
