import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { formatTime } from '../cases/words';
import { meetingsQuery } from './api';
import { ErrorNotice } from '../../app/ErrorNotice';

/**
 * The office puts a motion before the council: a draft, voted on once the office opens it, with
 * the council's own threshold. Taken in a meeting, the members present there make the quorum.
 */
export function NewMotion({ councilId, threshold }: { councilId: string; threshold: { rule: string; quorum: number } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meetings = useQuery(meetingsQuery(councilId));
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [ballot, setBallot] = useState<'open' | 'secret'>('open');
  const [meetingId, setMeetingId] = useState('');
  const create = useMutation({
    mutationFn: () => api.post<{ id: string }>(`/api/councils/${councilId}/motions`, { title: title.trim(), body: body.trim(), ballot, ...(meetingId ? { meetingId } : {}) }),
    onSuccess: (motion) => {
      void queryClient.invalidateQueries({ queryKey: ['councils', 'one', councilId] });
      void navigate(`/motions/${motion.id}`);
    },
  });
  const ready = title.trim() !== '' && body.trim() !== '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) create.mutate();
  };
  return (
    <details className="panel">
      <summary>{t('councils.newMotion.title')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.newMotion.title')} style={{ marginTop: 12 }}>
        <div className="field">
          <label htmlFor="motion-title">{t('councils.newMotion.name')}</label>
          <input id="motion-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="motion-body">{t('councils.newMotion.body')}</label>
          <textarea id="motion-body" rows={4} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="muted">{t('councils.newMotion.ballot')}</legend>
          {(['open', 'secret'] as const).map((b) => (
            <label key={b} style={{ display: 'inline-flex', gap: 6, alignItems: 'center', minHeight: 32 }}>
              <input type="radio" name={`${councilId}-ballot`} checked={ballot === b} onChange={() => setBallot(b)} />
              {t(b === 'secret' ? 'councils.motion.secret' : 'councils.motion.openBallot')}
            </label>
          ))}
        </fieldset>
        {meetings.data && meetings.data.length > 0 && (
          <div className="field">
            <label htmlFor="motion-meeting">{t('councils.newMotion.meeting')}</label>
            <select id="motion-meeting" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
              <option value="">{t('councils.newMotion.noMeeting')}</option>
              {meetings.data.map((m) => (
                <option key={m.id} value={m.id}>
                  {formatTime(m.startsAt)} · {m.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="muted" style={{ margin: 0 }}>
          {t('councils.newMotion.threshold', { rule: t(`councils.newMotion.rules.${threshold.rule}`), quorum: Math.round(threshold.quorum * 100) })}
        </p>
        <ErrorNotice error={create.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={!ready || create.isPending}>
          {t('councils.newMotion.send')}
        </button>
      </form>
    </details>
  );
}
