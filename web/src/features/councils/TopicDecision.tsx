import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { formatTime } from '../cases/words';
import { meetingsQuery, topicsQuery, type TopicView } from './api';

const DECISIONS = ['accept', 'merge', 'decline'] as const;

/**
 * The office answers a topic in public: onto a meeting's agenda, merged into another topic that
 * says the same, or declined; each with the reason residents will read.
 */
export function TopicDecision({ councilId, topic }: { councilId: string; topic: TopicView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const meetings = useQuery(meetingsQuery(councilId));
  const topics = useQuery(topicsQuery(councilId));
  const [decision, setDecision] = useState<(typeof DECISIONS)[number]>('accept');
  const [reason, setReason] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [intoId, setIntoId] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      api.post(`/api/topics/${topic.id}/decision`, {
        decision,
        reason: reason.trim(),
        ...(decision === 'accept' && meetingId ? { meetingId } : {}),
        ...(decision === 'merge' ? { intoId } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: topicsQuery(councilId).queryKey });
      void queryClient.invalidateQueries({ queryKey: meetingsQuery(councilId).queryKey });
    },
  });
  const upcoming = meetings.data?.filter((m) => m.status === 'scheduled') ?? [];
  const others = topics.data?.filter((o) => o.id !== topic.id && o.status !== 'declined' && o.status !== 'merged') ?? [];
  const ready = reason.trim() !== '' && (decision !== 'merge' || intoId !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) decide.mutate();
  };
  const id = (name: string) => `topic-${topic.id}-${name}`;
  return (
    <details>
      <summary>{t('councils.topicDecision.title')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.topicDecision.title')} style={{ marginTop: 8 }}>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="muted">{t('councils.topicDecision.what')}</legend>
          {DECISIONS.map((d) => (
            <label key={d} style={{ display: 'inline-flex', gap: 6, alignItems: 'center', minHeight: 32 }}>
              <input type="radio" name={id('decision')} checked={decision === d} onChange={() => setDecision(d)} />
              {t(`councils.topicDecision.${d}`)}
            </label>
          ))}
        </fieldset>
        {decision === 'accept' && upcoming.length > 0 && (
          <div className="field">
            <label htmlFor={id('meeting')}>{t('councils.topicDecision.meeting')}</label>
            <select id={id('meeting')} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
              <option value="">{t('councils.topicDecision.noMeeting')}</option>
              {upcoming.map((m) => (
                <option key={m.id} value={m.id}>
                  {formatTime(m.startsAt)} · {m.title}
                </option>
              ))}
            </select>
          </div>
        )}
        {decision === 'merge' && (
          <div className="field">
            <label htmlFor={id('into')}>{t('councils.topicDecision.into')}</label>
            <select id={id('into')} value={intoId} onChange={(e) => setIntoId(e.target.value)}>
              <option value="">{t('councils.wards.choose')}</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={id('reason')}>{t('councils.topicDecision.reason')}</label>
          <textarea id={id('reason')} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ErrorNotice error={decide.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={!ready || decide.isPending}>
          {t('councils.topicDecision.send')}
        </button>
      </form>
    </details>
  );
}
