import { useTranslation } from 'react-i18next';

const MODES = ['face_to_face', 'online', 'both'] as const;

/** Agenda items and guests are typed one per line, as an office clerk writes a notice. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What a meeting's plan holds as its forms edit it; the agenda one item per line. */
export interface PlanValues {
  title: string;
  /** As a datetime-local field holds it. */
  startsAt: string;
  location: string;
  mode: (typeof MODES)[number];
  agenda: string;
}

/** The plan's fields, shared by the form that schedules a meeting and the one that changes its plan. */
export function MeetingPlanFields({ idPrefix, values, onChange }: { idPrefix: string; values: PlanValues; onChange: (change: Partial<PlanValues>) => void }) {
  const { t } = useTranslation();
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <div className="field">
        <label htmlFor={id('title')}>{t('councils.meeting.name')}</label>
        <input id={id('title')} value={values.title} maxLength={200} onChange={(e) => onChange({ title: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={id('starts')}>{t('councils.meeting.startsAt')}</label>
        <input id={id('starts')} type="datetime-local" value={values.startsAt} onChange={(e) => onChange({ startsAt: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={id('location')}>{t('councils.meeting.location')}</label>
        <input id={id('location')} value={values.location} maxLength={200} onChange={(e) => onChange({ location: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={id('mode')}>{t('councils.meeting.mode')}</label>
        <select id={id('mode')} value={values.mode} onChange={(e) => onChange({ mode: e.target.value as PlanValues['mode'] })}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`councils.decision.mode.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('agenda')}>{t('councils.meeting.agenda')}</label>
        <textarea id={id('agenda')} rows={3} value={values.agenda} aria-describedby={id('agenda-hint')} onChange={(e) => onChange({ agenda: e.target.value })} />
        <span id={id('agenda-hint')} className="muted">
          {t('councils.meeting.agendaHint')}
        </span>
      </div>
    </>
  );
}

/** Whether the plan can be sent: a name and a time. */
export const planReady = (plan: PlanValues) => plan.title.trim() !== '' && plan.startsAt !== '';
