import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { failure } from '../../app/StatusPage';
import { formatTime } from '../cases/words';
import type { TrailEntry } from './api';

const PAGE = 50;

/** The supervision group's view: everything done to the council and its business, newest first. */
export function CouncilTrail({ councilId }: { councilId: string }) {
  const { t } = useTranslation();
  const trail = useInfiniteQuery({
    queryKey: ['councils', 'trail', councilId],
    queryFn: ({ pageParam }) => api.get<{ items: TrailEntry[] }>(`/api/councils/${councilId}/trail?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ''}`).then((r) => r.items),
    initialPageParam: '',
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)!.id : undefined),
  });
  if (trail.isError) return failure(trail.error, () => void trail.refetch());
  const entries = trail.data?.pages.flat() ?? [];
  return (
    <details className="panel" data-testid="trail">
      <summary>{t('councils.trail.title')}</summary>
      <p className="muted">{t('councils.trail.hint')}</p>
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.id}>
            <p className="what" style={{ margin: 0 }}>
              {t(`auditActions.${e.action}`, { defaultValue: e.action })}
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {formatTime(e.at)} · {e.actorName}
            </p>
          </li>
        ))}
      </ol>
      {trail.hasNextPage && (
        <button type="button" className="btn" disabled={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()}>
          {t('audit.more')}
        </button>
      )}
    </details>
  );
}
