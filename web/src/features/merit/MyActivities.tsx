import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { type Activity, activitiesQuery, activityTime } from './api';

/** The village's volunteer activities still to come or under way, for a resident to sign up for. */
export function MyActivities({ placeId, residentId }: { placeId: string; residentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const activities = useQuery(activitiesQuery(placeId));
  const signUp = useMutation({
    mutationFn: (activityId: string) => api.post<Activity>(`/api/merit-activities/${activityId}/sign-up`, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: activitiesQuery(placeId).queryKey }),
  });
  const open = (activities.data ?? []).filter((a) => new Date(a.endsAt).getTime() > Date.now());
  if (open.length === 0) return null;
  return (
    <section className="panel stack" aria-labelledby="my-activities">
      <h2 id="my-activities" style={{ margin: 0 }}>
        {t('merit.activities.title')}
      </h2>
      <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {open.map((a) => {
          const joined = a.participants.some((p) => p.residentId === residentId);
          return (
            <li key={a.id} className="stack" data-testid="my-activity" style={{ gap: 4 }}>
              <strong>{a.title}</strong>
              <span className="muted">
                {a.organiser} · {activityTime(a.startsAt)} – {activityTime(a.endsAt)} · {t('merit.activities.count', { count: a.participants.length })}
              </span>
              {joined ? (
                <span className="tag">{t('merit.activities.joined')}</span>
              ) : (
                <button type="button" className="btn primary" style={{ alignSelf: 'start' }} disabled={signUp.isPending} onClick={() => signUp.mutate(a.id)} aria-label={t('merit.activities.signUpFor', { title: a.title })}>
                  {t('merit.activities.signUp')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorNotice error={signUp.error} />
    </section>
  );
}
