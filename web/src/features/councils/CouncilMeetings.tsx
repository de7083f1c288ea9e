import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { failure } from '../../app/StatusPage';
import { formatTime } from '../cases/words';
import { meetingsQuery, type MeetingView } from './api';
import { DemocracyDays } from './DemocracyDays';
import { lines, MeetingPlanFields, planReady, type PlanValues } from './MeetingPlanFields';
import { ErrorNotice } from '../../app/ErrorNotice';

const FORMS = ['democracy_day', 'topical', 'festive'] as const;
const GUEST_KINDS = ['representative', 'resident', 'official'] as const;

/** A council's meetings, the latest first; for its office, also the form to schedule one. */
export function CouncilMeetings({ councilId, placeId, democracyDays, office }: { councilId: string; placeId: string; democracyDays: string[]; office: boolean }) {
  const { t } = useTranslation();
  const list = useQuery(meetingsQuery(councilId));
  return (
    <section className="stack" aria-labelledby="meetings" data-testid="meetings">
      <h2 id="meetings" style={{ fontSize: '1.2em', margin: 0 }}>
        {t('councils.meeting.title')}
      </h2>
      <DemocracyDays councilId={councilId} placeId={placeId} upcoming={democracyDays} office={office} />
      {office && <ScheduleForm councilId={councilId} />}
      {list.isError && failure(list.error, () => void list.refetch())}
      {list.data?.length === 0 && <p className="muted">{t('councils.meeting.none')}</p>}
      <ul className="case-list">
        {list.data?.map((m) => (
          <li key={m.id}>
            <Link className="case-card" to={`/meetings/${m.id}`}>
              <span className="text">{m.title}</span>
              <span className="muted">
                {formatTime(m.startsAt)} · {t(`councils.decision.form.${m.form}`)} · {t(`councils.meeting.status.${m.status}`)}
                {m.membersPresent !== null && ` · ${t('councils.meeting.present', { present: m.membersPresent, total: m.membersTotal })}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ScheduleForm({ councilId }: { councilId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<(typeof FORMS)[number]>('democracy_day');
  const [plan, setPlan] = useState<PlanValues>({ title: '', startsAt: '', location: '', mode: 'face_to_face', agenda: '' });
  const [guests, setGuests] = useState('');
  const [guestKind, setGuestKind] = useState<(typeof GUEST_KINDS)[number]>('representative');
  const schedule = useMutation({
    mutationFn: () =>
      api.post<MeetingView>(`/api/councils/${councilId}/meetings`, {
        form,
        mode: plan.mode,
        title: plan.title.trim(),
        startsAt: new Date(plan.startsAt).toISOString(),
        ...(plan.location.trim() ? { location: plan.location.trim() } : {}),
        agenda: lines(plan.agenda).map((item) => ({ title: item })),
        guests: lines(guests).map((name) => ({ name, kind: guestKind })),
      }),
    onSuccess: (meeting) => {
      void queryClient.invalidateQueries({ queryKey: ['councils', 'meetings', councilId] });
      void navigate(`/meetings/${meeting.id}`);
    },
  });
  const ready = planReady(plan);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) schedule.mutate();
  };
  const id = (name: string) => `${councilId}-meeting-${name}`;
  return (
    <details className="panel">
      <summary>{t('councils.meeting.schedule')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.meeting.schedule')} style={{ marginTop: 12 }}>
        <div className="field">
          <label htmlFor={id('form')}>{t('councils.meeting.form')}</label>
          <select id={id('form')} value={form} onChange={(e) => setForm(e.target.value as typeof form)}>
            {FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`councils.decision.form.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <MeetingPlanFields idPrefix={`${councilId}-meeting`} values={plan} onChange={(change) => setPlan((was) => ({ ...was, ...change }))} />
        <div className="field">
          <label htmlFor={id('guests')}>{t('councils.meeting.guests')}</label>
          <textarea id={id('guests')} rows={2} value={guests} aria-describedby={id('guests-hint')} onChange={(e) => setGuests(e.target.value)} />
          <span id={id('guests-hint')} className="muted">
            {t('councils.meeting.guestsHint')}
          </span>
        </div>
        {guests.trim() && (
          <div className="field">
            <label htmlFor={id('guest-kind')}>{t('councils.meeting.guestKind')}</label>
            <select id={id('guest-kind')} value={guestKind} onChange={(e) => setGuestKind(e.target.value as typeof guestKind)}>
              {GUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`councils.meeting.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="muted" style={{ margin: 0 }}>
          {t('councils.meeting.membersInvited')}
        </p>
        <ErrorNotice error={schedule.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={schedule.isPending || !ready}>
          {t('councils.meeting.scheduleSend')}
        </button>
      </form>
    </details>
  );
}
