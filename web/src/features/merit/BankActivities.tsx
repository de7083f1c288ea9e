import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { currentLanguage } from '../../i18n';
import { type Activity, activitiesQuery, activityTime, criteriaQuery } from './api';
import { ResidentFinder } from './ResidentFinder';

/**
 * Volunteer activities for the office: set one up under an hourly criterion, then check people in
 * and out on the day; at check-out the hours become a claim the bodies assess like any other.
 */
export function BankActivities({ placeId, office }: { placeId: string; office: boolean }) {
  const { t } = useTranslation();
  const activities = useQuery(activitiesQuery(placeId));
  return (
    <section className="panel stack" aria-labelledby="activities-title">
      <h2 id="activities-title" style={{ margin: 0 }}>
        {t('merit.activities.title')}
      </h2>
      <ErrorNotice error={activities.error} />
      {activities.data?.length === 0 && <p className="muted">{t('merit.activities.none')}</p>}
      <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {activities.data?.map((a) => (
          <ActivitySheet key={a.id} activity={a} office={office} />
        ))}
      </ul>
      {office && <NewActivity placeId={placeId} />}
    </section>
  );
}

function ActivitySheet({ activity, office }: { activity: Activity; office: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const check = useMutation({
    mutationFn: ({ residentId, step }: { residentId: string; step: 'in' | 'out' }) => api.post<Activity>(`/api/merit-activities/${activity.id}/check-${step}`, { residentId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['merit'] }),
  });
  return (
    <li className="stack" data-testid="activity" style={{ gap: 4, borderTop: '1px solid var(--line, #ddd)', paddingTop: 8 }}>
      <strong>{activity.title}</strong>
      <span className="muted">
        {activity.organiser} · {activityTime(activity.startsAt)} – {activityTime(activity.endsAt)}
      </span>
      {activity.participants.length === 0 ? (
        <span className="muted">{t('merit.activities.nobody')}</span>
      ) : (
        <ul style={{ margin: 0 }}>
          {activity.participants.map((p) => (
            <li key={p.residentId} data-testid="participant">
              {p.name} ·{' '}
              {p.checkedOutAt
                ? t(p.claimId ? 'merit.activities.outWithClaim' : 'merit.activities.outNoHours', { at: activityTime(p.checkedOutAt) })
                : p.checkedInAt
                  ? t('merit.activities.inAt', { at: activityTime(p.checkedInAt) })
                  : t('merit.activities.signedUp')}{' '}
              {office && !p.checkedOutAt && (
                <button
                  type="button"
                  className="btn"
                  disabled={check.isPending}
                  onClick={() => check.mutate({ residentId: p.residentId, step: p.checkedInAt ? 'out' : 'in' })}
                  aria-label={t(p.checkedInAt ? 'merit.activities.checkOutOne' : 'merit.activities.checkInOne', { name: p.name })}
                >
                  {t(p.checkedInAt ? 'merit.activities.checkOut' : 'merit.activities.checkIn')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {office && (
        // Someone who came without signing up is checked in from here (which signs them up).
        <ResidentFinder
          id={`walk-in-${activity.id}`}
          placeId={activity.placeId}
          label={t('merit.activities.walkIn')}
          pickLabel={(name) => t('merit.activities.checkInOne', { name })}
          exclude={new Set(activity.participants.map((p) => p.residentId))}
          onPick={(r) => check.mutate({ residentId: r.residentId, step: 'in' })}
          busy={check.isPending}
        />
      )}
      <ErrorNotice error={check.error} />
    </li>
  );
}

function NewActivity({ placeId }: { placeId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const criteria = useQuery(criteriaQuery(placeId));
  // Hours are credited only under a criterion counted by the hour.
  const hourly = (criteria.data ?? []).filter((c) => c.versions[c.versions.length - 1]!.unit === 'hour');
  const [form, setForm] = useState({ title: '', organiser: '', criterionId: '', startsAt: '', endsAt: '' });
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const criterionId = form.criterionId || hourly[0]?.id || '';
  const create = useMutation({
    mutationFn: () =>
      api.post<Activity>('/api/merit-activities', {
        placeId,
        title: form.title.trim(),
        organiser: form.organiser.trim(),
        criterionId,
        startsAt: new Date(form.startsAt).toISOString(),
        endsAt: new Date(form.endsAt).toISOString(),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: activitiesQuery(placeId).queryKey });
      setForm({ title: '', organiser: '', criterionId: '', startsAt: '', endsAt: '' });
    },
  });
  const ready = form.title.trim() !== '' && form.organiser.trim() !== '' && criterionId !== '' && form.startsAt !== '' && form.endsAt > form.startsAt;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) create.mutate();
  };
  const en = currentLanguage() === 'en';
  return (
    <details className="panel">
      <summary>{t('merit.activities.add')}</summary>
      <form className="form-grid" onSubmit={submit} noValidate aria-label={t('merit.activities.add')} style={{ marginTop: 8 }}>
        <div className="field">
          <label htmlFor="activity-title">{t('merit.activities.name')}</label>
          <input id="activity-title" value={form.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="activity-organiser">{t('merit.activities.organiser')}</label>
          <input id="activity-organiser" value={form.organiser} maxLength={100} placeholder={t('merit.activities.organiserHint')} onChange={(e) => set('organiser', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="activity-criterion">{t('merit.activities.criterion')}</label>
          <select id="activity-criterion" value={criterionId} onChange={(e) => set('criterionId', e.target.value)}>
            {hourly.map((c) => {
              const v = c.versions[c.versions.length - 1]!;
              return (
                <option key={c.id} value={c.id}>
                  {en ? v.nameEn : v.nameZh} · {t('merit.criteria.worth.hour', { count: v.pointsPerUnit })}
                </option>
              );
            })}
          </select>
          {criteria.data && hourly.length === 0 && <small className="muted">{t('merit.activities.noHourly')}</small>}
        </div>
        <div className="field">
          <label htmlFor="activity-starts">{t('merit.activities.startsAt')}</label>
          <input id="activity-starts" type="datetime-local" value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="activity-ends">{t('merit.activities.endsAt')}</label>
          <input id="activity-ends" type="datetime-local" value={form.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
        </div>
        <button type="submit" className="btn primary block" disabled={!ready || create.isPending}>
          {t('merit.activities.create')}
        </button>
        <ErrorNotice error={create.error} />
      </form>
    </details>
  );
}
