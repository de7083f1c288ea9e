import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { holds } from '../../app/permissions';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage } from '../../i18n';
import { useMe } from '../auth/session';
import { formatTime } from '../cases/words';
import { meetingQuery, type MeetingView, pdfHref } from './api';
import { MeetingPlanForm } from './MeetingPlanForm';
import '../cases/cases.css';
import { ErrorNotice } from '../../app/ErrorNotice';

/**
 * A meeting for the council's office: the agenda, who was invited, and the two things recorded
 * on the day: who came (which says whether a quorum was present) and the minutes, with how the
 * outcome was made known. Others who may read councils see the same, without the forms.
 */
export default function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useQuery(meetingQuery(id));
  const office = holds(useMe().data, 'councils.manage');
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return failure(meeting.error, () => void meeting.refetch());
  const m = meeting.data;
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        <Link to={`/councils/${m.councilId}`}>{m.councilName}</Link> · {t(`councils.decision.form.${m.form}`)} · {t(`councils.meeting.status.${m.status}`)}
      </p>
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{m.title}</h1>
      <p style={{ margin: 0 }}>
        {formatTime(m.startsAt)}
        {m.location && ` · ${m.location}`} · {t(`councils.decision.mode.${m.mode}`)}
      </p>
      <p className="row" style={{ margin: 0 }}>
        <Link to={`/meeting-records/${m.id}`}>{t('councils.meeting.publicPage')}</Link>
        <a href={pdfHref(`/api/public/meetings/${m.id}/report.pdf`, currentLanguage())}>{t('councils.meeting.pdf')}</a>
      </p>
      {office && m.status === 'scheduled' && <MeetingPlanForm meeting={m} />}
      <section className="panel" aria-labelledby="agenda">
        <h2 id="agenda" style={{ fontSize: '1.2em', marginTop: 0 }}>{t('councils.meeting.agenda')}</h2>
        {m.agenda.length === 0 ? (
          <p className="muted">{t('councils.meeting.noAgenda')}</p>
        ) : (
          <ol data-testid="agenda">
            {m.agenda.map((item, i) => (
              <li key={i}>{item.title}</li>
            ))}
          </ol>
        )}
      </section>
      <Attendance meeting={m} office={office} />
      <Minutes meeting={m} office={office} />
    </div>
  );
}

function useRecord(meetingId: string, path: 'attendance' | 'minutes') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api.post<MeetingView>(`/api/meetings/${meetingId}/${path}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['meetings', meetingId], saved);
      void queryClient.invalidateQueries({ queryKey: ['councils', 'meetings', saved.councilId] });
    },
  });
}

function Attendance({ meeting, office }: { meeting: MeetingView; office: boolean }) {
  const { t } = useTranslation();
  const [present, setPresent] = useState(() => new Set(meeting.invitees.filter((i) => i.attended).map((i) => i.id)));
  const save = useRecord(meeting.id, 'attendance');
  const toggle = (inviteeId: string) =>
    setPresent((was) => {
      const next = new Set(was);
      if (!next.delete(inviteeId)) next.add(inviteeId);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ present: [...present] });
  };
  const members = meeting.invitees.filter((i) => i.kind === 'member').length;
  const ticked = meeting.invitees.filter((i) => i.kind === 'member' && present.has(i.id)).length;
  return (
    <section className="panel stack" aria-labelledby="attendance" data-testid="attendance">
      <h2 id="attendance" style={{ fontSize: '1.2em', margin: 0 }}>{t('councils.meeting.attendance')}</h2>
      {meeting.quorumPresent !== null && (
        <p className={meeting.quorumPresent ? 'notice' : 'notice error'} role="status">
          {t('councils.meeting.present', { present: meeting.membersPresent, total: meeting.membersTotal })} · {t(meeting.quorumPresent ? 'councils.meeting.quorum' : 'councils.meeting.noQuorum')}
        </p>
      )}
      <form className="stack" onSubmit={submit} aria-label={t('councils.meeting.attendance')}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="muted">{office ? t('councils.meeting.tick', { ticked, members }) : t('councils.meeting.invited')}</legend>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, columns: '14em' }}>
            {meeting.invitees.map((i) => (
              <li key={i.id} style={{ padding: '6px 0' }}>
                <label>
                  <input type="checkbox" checked={present.has(i.id)} disabled={!office} onChange={() => toggle(i.id)} style={{ width: 20, height: 20, verticalAlign: 'middle', marginInlineEnd: 8 }} />
                  {i.name}
                  {i.kind !== 'member' && <span className="muted"> · {t(`councils.meeting.kind.${i.kind}`)}</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <ErrorNotice error={save.error} />
        {office && (
          <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={save.isPending}>
            {t('councils.meeting.saveAttendance')}
          </button>
        )}
      </form>
    </section>
  );
}

function Minutes({ meeting, office }: { meeting: MeetingView; office: boolean }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const [communication, setCommunication] = useState(meeting.outcomeCommunication ?? '');
  const save = useRecord(meeting.id, 'minutes');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (minutes.trim()) save.mutate({ minutes: minutes.trim(), ...(communication.trim() ? { outcomeCommunication: communication.trim() } : {}) });
  };
  if (!office) {
    return (
      <section className="panel" aria-labelledby="minutes">
        <h2 id="minutes" style={{ fontSize: '1.2em', marginTop: 0 }}>{t('councils.meeting.minutes')}</h2>
        <p style={{ whiteSpace: 'pre-wrap' }}>{meeting.minutes ?? t('councils.meeting.noMinutes')}</p>
        {meeting.outcomeCommunication && <p className="muted">{t('councils.decision.communication')}：{meeting.outcomeCommunication}</p>}
      </section>
    );
  }
  return (
    <form className="panel stack" onSubmit={submit} noValidate aria-labelledby="minutes">
      <h2 id="minutes" style={{ fontSize: '1.2em', margin: 0 }}>{t('councils.meeting.minutes')}</h2>
      <div className="field">
        <label htmlFor="meeting-minutes">{t('councils.meeting.minutesText')}</label>
        <textarea id="meeting-minutes" rows={6} maxLength={20000} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="meeting-communication">{t('councils.decision.communication')}</label>
        <input id="meeting-communication" maxLength={1000} value={communication} aria-describedby="meeting-communication-hint" onChange={(e) => setCommunication(e.target.value)} />
        <span id="meeting-communication-hint" className="muted">
          {t('councils.meeting.communicationHint')}
        </span>
      </div>
      <ErrorNotice error={save.error} />
      {save.isSuccess && (
        <p className="notice" role="status">
          {t('councils.meeting.minutesSaved')}
        </p>
      )}
      <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={save.isPending || !minutes.trim()}>
        {t('councils.meeting.saveMinutes')}
      </button>
    </form>
  );
}
