import { useTranslation } from 'react-i18next';
import type { CaseEventView } from '../../api/types';
import { eventText, formatTime } from './words';
import './cases.css';

/**
 * What happened to a case, oldest first, in plain words: the requester's view (public entries,
 * departments by name) and the staff view (who did it, internal notes marked as such).
 */
export function Timeline({ events, staff = false, nameOfCode }: { events: CaseEventView[]; staff?: boolean; nameOfCode?: (code: unknown) => string }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className={event.public ? undefined : 'internal'}>
          <time dateTime={event.at} className="muted">
            {formatTime(event.at)}
          </time>
          <p className="what">
            {eventText(t, event, nameOfCode)}
            {staff && !event.public && <span className="tag internal-tag">{t('cases.internal')}</span>}
          </p>
          {event.body && <p className="said">{event.body}</p>}
          {staff && event.actorName && <p className="muted who">{t('cases.by', { name: event.actorName })}</p>}
        </li>
      ))}
    </ol>
  );
}
