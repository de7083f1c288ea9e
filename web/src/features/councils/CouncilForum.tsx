import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { nameOf } from '../../i18n';
import type { PlaceCouncil, TopicView } from './api';
import { Conversations } from './Conversations';
import { CouncilTopics } from './CouncilTopics';
import { ErrorNotice } from '../../app/ErrorNotice';

/**
 * A council for the people of its place: its open discussions, a way to propose a topic, and the
 * topics with what the office decided and the poll results put before them, each open one with
 * a button to support it once. Titled with the council's name where several are listed.
 */
export function CouncilForum({ council, titled = false }: { council: PlaceCouncil; titled?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [supported, setSupported] = useState<Set<string>>(new Set());
  const support = useMutation({
    mutationFn: (topicId: string) => api.post(`/api/topics/${topicId}/support`, {}),
    onSettled: (_data, error, topicId) => {
      // Supported before, on another phone or visit: the same as supported now.
      if (!error || (error instanceof ApiError && error.code === 'topic_already_supported')) setSupported((s) => new Set(s).add(topicId));
      void queryClient.invalidateQueries({ queryKey: ['councils', 'topics', council.id] });
    },
  });
  const supportButton = (topic: TopicView) =>
    topic.status !== 'proposed' ? null : supported.has(topic.id) ? (
      <span className="state done" style={{ justifySelf: 'start' }}>
        {t('councils.resident.supported')}
      </span>
    ) : (
      <button type="button" className="btn" style={{ justifySelf: 'start' }} disabled={support.isPending} onClick={() => support.mutate(topic.id)} data-testid="support">
        {t('councils.resident.support')}
      </button>
    );
  const sub = titled ? 'h3' : 'h2';
  const parts = (
    <>
      <ProposeForm councilId={council.id} />
      {support.isError && !(support.error instanceof ApiError && support.error.code === 'topic_already_supported') && (
        <p className="notice error" role="alert">
          {support.error.message}
        </p>
      )}
      <Conversations councilId={council.id} Heading={sub} />
      <CouncilTopics councilId={council.id} action={supportButton} Heading={sub} />
    </>
  );
  if (!titled) return <div className="stack">{parts}</div>;
  return (
    <section className="stack" aria-labelledby={`council-${council.id}`}>
      <h2 id={`council-${council.id}`} style={{ fontSize: '1.3em', margin: 0 }}>
        {council.name} <span className="muted" style={{ fontSize: '0.8em' }}>{nameOf({ nameZh: council.placeNameZh, nameEn: council.placeNameEn })}</span>
      </h2>
      {parts}
    </section>
  );
}

function ProposeForm({ councilId }: { councilId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => api.post(`/api/councils/${councilId}/topics`, { title: title.trim(), body: body.trim() }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['councils', 'topics', councilId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() && body.trim()) send.mutate();
  };
  if (!open)
    return (
      <div className="stack" style={{ gap: 6 }}>
        {send.isSuccess && (
          <p className="notice" role="status">
            {t('councils.resident.proposed')}
          </p>
        )}
        <button type="button" className="btn primary" style={{ justifySelf: 'start' }} onClick={() => (send.reset(), setOpen(true))} data-testid="propose">
          {t('councils.resident.propose')}
        </button>
      </div>
    );
  return (
    <form className="panel stack" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${councilId}-title`}>{t('councils.resident.proposeTitle')}</label>
        <input id={`${councilId}-title`} value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${councilId}-body`}>{t('councils.resident.proposeBody')}</label>
        <textarea id={`${councilId}-body`} value={body} maxLength={5000} rows={4} required onChange={(e) => setBody(e.target.value)} />
      </div>
      <ErrorNotice error={send.error} />
      <div className="row">
        <button type="submit" className="btn primary" disabled={send.isPending || !title.trim() || !body.trim()}>
          {t('councils.resident.send')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
