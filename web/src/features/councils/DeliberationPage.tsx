import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { failure, Loading } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { formatDate, formatTime } from '../cases/words';
import { calendarQuery, placeCouncilsQuery, type PlaceCouncil, type TopicView } from './api';
import { CouncilTopics } from './CouncilTopics';
import '../cases/cases.css';

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

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
  const calendar = useQuery({ ...calendarQuery(placeId ?? '', isoDay(from), isoDay(from + 60 * DAY)), enabled: !!placeId });
  const councils = useQuery({ ...placeCouncilsQuery(placeId ?? ''), enabled: !!placeId });
  if (!placeId) return <p className="notice">{t('councils.resident.noCouncils')}</p>;
  return (
    <div className="stack">
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('councils.resident.title')}</h1>
      <section className="panel" aria-labelledby="calendar">
        <h2 id="calendar" style={{ fontSize: '1.2em', marginTop: 0 }}>{t('councils.resident.calendar')}</h2>
        {calendar.isPending && <Loading />}
        {calendar.isError && failure(calendar.error, () => void calendar.refetch())}
        {calendar.data?.length === 0 && <p className="muted">{t('councils.resident.noDates')}</p>}
        {calendar.data && calendar.data.length > 0 && (
          <ul className="case-list" data-testid="calendar">
            {calendar.data.slice(0, 20).map((e) => (
              <li key={`${e.kind}:${e.date}:${e.title}`} className="case-card">
                <span className="text">
                  {e.kind === 'meeting' ? formatTime(e.date) : formatDate(e.date)} · {e.title}
                </span>
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
      {councils.data?.map((c) => <CouncilSection key={c.id} council={c} />)}
    </div>
  );
}

function CouncilSection({ council }: { council: PlaceCouncil }) {
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
  return (
    <section className="stack" aria-labelledby={`council-${council.id}`}>
      <h2 id={`council-${council.id}`} style={{ fontSize: '1.3em', margin: 0 }}>
        {council.name} <span className="muted" style={{ fontSize: '0.8em' }}>{nameOf({ nameZh: council.placeNameZh, nameEn: council.placeNameEn })}</span>
      </h2>
      <ProposeForm councilId={council.id} />
      {support.isError && !(support.error instanceof ApiError && support.error.code === 'topic_already_supported') && (
        <p className="notice error" role="alert">
          {support.error.message}
        </p>
      )}
      <CouncilTopics councilId={council.id} action={supportButton} Heading="h3" />
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
      {send.isError && (
        <p className="notice error" role="alert">
          {send.error.message}
        </p>
      )}
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
