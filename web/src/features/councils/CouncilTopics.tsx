import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { failure } from '../../app/StatusPage';
import { formatDate } from '../cases/words';
import { type PollTopicView, topicGroundsQuery, topicsQuery, type TopicView } from './api';
import { Bars } from './Bars';

/**
 * The topics proposed to a council, what the office decided and why, and the poll results put
 * before each as its ground: the figures as they stood when put, so the members deliberate on
 * what residents said.
 */
export function CouncilTopics({ councilId, action, Heading = 'h2' }: { councilId: string; action?: (topic: TopicView) => ReactNode; Heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const topics = useQuery(topicsQuery(councilId));
  const grounds = useQuery(topicGroundsQuery(councilId));
  if (topics.isError) return failure(topics.error, () => void topics.refetch());
  if (grounds.isError) return failure(grounds.error, () => void grounds.refetch());
  const byTopic = new Map<string, PollTopicView[]>();
  for (const g of grounds.data ?? []) byTopic.set(g.topicId, [...(byTopic.get(g.topicId) ?? []), g]);
  return (
    <section aria-labelledby={`topics-${councilId}`}>
      <Heading id={`topics-${councilId}`} style={{ fontSize: '1.2em' }}>
        {t('councils.topics.title')}
      </Heading>
      {topics.data?.length === 0 && <p className="muted">{t('councils.topics.none')}</p>}
      <ul className="case-list" data-testid="topics">
        {topics.data?.map((topic) => (
          <li key={topic.id} className="case-card stack" style={{ gap: 6 }}>
            <strong className="text">{topic.title}</strong>
            <span className="muted">
              {t(`councils.topics.status.${topic.status}`)} · {t('councils.topics.supporters', { count: topic.supporters })}
            </span>
            <span style={{ whiteSpace: 'pre-wrap' }}>{topic.body}</span>
            {topic.reason && <span>{t('councils.topics.reason', { reason: topic.reason })}</span>}
            {action?.(topic)}
            {(byTopic.get(topic.id) ?? []).map((g) => (
              <figure key={`${g.topicId}:${g.question}`} style={{ margin: 0 }} data-testid="topic-grounds">
                <figcaption className="muted">{t('councils.topics.from', { poll: g.result.pollTitle, count: g.result.respondents, date: formatDate(g.result.takenAt) })}</figcaption>
                <strong>{g.result.questionText}</strong>
                <Bars label={g.result.questionText} rows={g.result.options.map((o) => ({ label: o.label, percent: o.percent, figure: `${o.percent === null ? '—' : `${o.percent.toFixed(1)}%`} (${o.count})` }))} />
              </figure>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
