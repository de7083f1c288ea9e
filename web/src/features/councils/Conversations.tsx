import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { failure } from '../../app/StatusPage';
import { formatTime } from '../cases/words';
import { conversationsQuery } from './api';
import { dateTimeLocal } from '../../app/dateTimeLocal';
import { ErrorNotice } from '../../app/ErrorNotice';

/**
 * A council's online discussions with a link to each; for its office, also the way to open one
 * and to close it. Plain HTML, so residents' phones load no component library for it.
 */
export function Conversations({
  councilId,
  office = false,
  drafts = [],
  nextDemocracyDay,
  Heading = 'h2',
}: {
  councilId: string;
  office?: boolean;
  drafts?: { id: string; title: string }[];
  /** When the place's next democracy day begins: a discussion can be set to open then. */
  nextDemocracyDay?: string | undefined;
  Heading?: 'h2' | 'h3';
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(conversationsQuery(councilId));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['councils', 'conversations', councilId] });
  const close = useMutation({ mutationFn: (id: string) => api.post(`/api/conversations/${id}/close`, {}), onSuccess: refresh });
  if (list.isError) return failure(list.error, () => void list.refetch());
  const shown = office ? list.data : list.data?.filter((c) => c.status !== 'closed');
  if (!office && shown?.length === 0) return null;
  return (
    <section className="stack" aria-labelledby={`discussions-${councilId}`} data-testid="discussions">
      <Heading id={`discussions-${councilId}`} style={{ fontSize: '1.2em', margin: 0 }}>
        {t('councils.discussion.title')}
      </Heading>
      {office && <OpenForm councilId={councilId} drafts={drafts} nextDemocracyDay={nextDemocracyDay} onOpened={refresh} />}
      {shown?.length === 0 && <p className="muted">{t('councils.discussion.none')}</p>}
      <ul className="case-list">
        {shown?.map((c) => (
          <li key={c.id} className="case-card stack" style={{ gap: 4 }}>
            <Link to={`/discussions/${c.id}`} className="text">
              {c.title}
            </Link>
            <span className="muted">
              {c.motion && `${t('councils.discussion.consultation')} · `}
              {t(`councils.discussion.${c.status}`)}
              {c.status === 'scheduled' && c.opensAt && ` · ${t('councils.discussion.opensAt', { date: formatTime(c.opensAt) })}`}
              {c.status === 'open' && c.closesAt && ` · ${t('councils.discussion.closesAt', { date: formatTime(c.closesAt) })}`} ·{' '}
              {t('councils.discussion.counts', { statements: c.statements, participants: c.participants, votes: c.votes })}
            </span>
            {office && c.status !== 'closed' && (
              <button type="button" className="btn" style={{ justifySelf: 'start' }} disabled={close.isPending} onClick={() => window.confirm(t('councils.discussion.closeConfirm')) && close.mutate(c.id)}>
                {t('councils.discussion.close')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={close.error} />
    </section>
  );
}

function OpenForm({ councilId, drafts, nextDemocracyDay, onOpened }: { councilId: string; drafts: { id: string; title: string }[]; nextDemocracyDay: string | undefined; onOpened: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [motionId, setMotionId] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const open = useMutation({
    mutationFn: () =>
      api.post(`/api/councils/${councilId}/conversations`, {
        title: title.trim(),
        prompt: prompt.trim(),
        ...(motionId ? { motionId } : {}),
        ...(opensAt ? { opensAt: new Date(opensAt).toISOString() } : {}),
        ...(closesAt ? { closesAt: new Date(closesAt).toISOString() } : {}),
      }),
    onSuccess: () => {
      setTitle('');
      setPrompt('');
      setMotionId('');
      setOpensAt('');
      setClosesAt('');
      onOpened();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() && prompt.trim()) open.mutate();
  };
  return (
    <form className="panel stack" onSubmit={submit} noValidate aria-label={t('councils.discussion.start')}>
      <div className="field">
        <label htmlFor={`${councilId}-discussion-title`}>{t('councils.discussion.startTitle')}</label>
        <input id={`${councilId}-discussion-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${councilId}-discussion-prompt`}>{t('councils.discussion.startPrompt')}</label>
        <textarea id={`${councilId}-discussion-prompt`} value={prompt} maxLength={1000} rows={3} onChange={(e) => setPrompt(e.target.value)} />
      </div>
      {drafts.length > 0 && (
        <div className="field">
          <label htmlFor={`${councilId}-discussion-motion`}>{t('councils.discussion.startMotion')}</label>
          <select id={`${councilId}-discussion-motion`} value={motionId} onChange={(e) => setMotionId(e.target.value)}>
            <option value="">{t('councils.discussion.noMotion')}</option>
            {drafts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${councilId}-discussion-opens`}>{t('councils.discussion.startOpensAt')}</label>
        <input id={`${councilId}-discussion-opens`} type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        {nextDemocracyDay && (
          <button type="button" className="btn" style={{ justifySelf: 'start' }} onClick={() => setOpensAt(dateTimeLocal(nextDemocracyDay))}>
            {t('councils.discussion.onDemocracyDay', { date: formatTime(nextDemocracyDay) })}
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${councilId}-discussion-closes`}>{t('councils.discussion.startClosesAt')}</label>
        <input id={`${councilId}-discussion-closes`} type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
      </div>
      <ErrorNotice error={open.error} />
      <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={open.isPending || !title.trim() || !prompt.trim()}>
        {t('councils.discussion.startSend')}
      </button>
    </form>
  );
}
