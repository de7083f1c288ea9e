import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { dateTimeLocal } from '../../app/dateTimeLocal';
import { ErrorNotice } from '../../app/ErrorNotice';
import type { MeetingView } from './api';
import { lines, MeetingPlanFields, planReady, type PlanValues } from './MeetingPlanFields';

const planOf = (meeting: MeetingView): PlanValues => ({
  title: meeting.title,
  startsAt: dateTimeLocal(meeting.startsAt),
  location: meeting.location ?? '',
  mode: meeting.mode,
  agenda: meeting.agenda.map((item) => item.title).join('\n'),
});

/**
 * The office changes a scheduled meeting's plan: name, time, place, how to take part, agenda.
 * An agenda line that keeps the words of a residents' topic stays linked to that topic.
 */
export function MeetingPlanForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // What the form opened with (or last saved): only what differs from it is sent, so that an agenda
  // left alone here does not undo a topic the office put on it meanwhile.
  const [loaded, setLoaded] = useState(() => planOf(meeting));
  const [plan, setPlan] = useState(loaded);
  const changed = (Object.keys(plan) as (keyof PlanValues)[]).filter((key) => plan[key] !== loaded[key]);
  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = {};
      for (const key of changed) {
        if (key === 'startsAt') body.startsAt = new Date(plan.startsAt).toISOString();
        else if (key === 'agenda') body.agenda = lines(plan.agenda).map((line) => meeting.agenda.find((item) => item.topicId && item.title === line) ?? { title: line });
        else if (key === 'mode') body.mode = plan.mode;
        else body[key] = plan[key].trim();
      }
      return api.patch<MeetingView>(`/api/meetings/${meeting.id}`, body);
    },
    onSuccess: (saved) => {
      setLoaded(plan);
      queryClient.setQueryData(['meetings', meeting.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['councils', 'meetings', saved.councilId] });
    },
  });
  const ready = planReady(plan) && changed.length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) save.mutate();
  };
  return (
    <details className="panel">
      <summary>{t('councils.meeting.changePlan')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.meeting.changePlan')} style={{ marginTop: 12 }}>
        <p className="muted" style={{ margin: 0 }}>
          {t('councils.meeting.changePlanHint')}
        </p>
        <MeetingPlanFields idPrefix="meeting-plan" values={plan} onChange={(change) => setPlan((was) => ({ ...was, ...change }))} />
        <ErrorNotice error={save.error} />
        {save.isSuccess && (
          <p className="notice" role="status">
            {t('councils.meeting.planSaved')}
          </p>
        )}
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={save.isPending || !ready}>
          {t('councils.meeting.savePlan')}
        </button>
      </form>
    </details>
  );
}
