import { Button, Table } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';

const PAGE_SIZE = 50;
const time = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));

/** The audit log of one's places, newest first, paged by the id of the oldest entry shown. */
function AuditPage() {
  const { t, i18n } = useTranslation();
  const entries = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => api.get<{ items: AuditEntry[] }>(`/api/audit${query({ limit: PAGE_SIZE, before: pageParam })}`).then((r) => r.items),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length === PAGE_SIZE ? last.at(-1)!.id : undefined),
  });
  if (entries.isError) return failure(entries.error, () => void entries.refetch());
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <PageHeading>{t('audit.title')}</PageHeading>
      <Table<AuditEntry>
        rowKey="id"
        loading={entries.isPending}
        dataSource={entries.data?.pages.flat()}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (e) => e.before !== null || e.after !== null,
          expandedRowRender: (e) => (
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: '0.85em' }}>
              {e.before !== null && `${t('audit.before')}: ${JSON.stringify(e.before, null, 1)}\n`}
              {e.after !== null && `${t('audit.after')}: ${JSON.stringify(e.after, null, 1)}`}
            </pre>
          ),
        }}
        columns={[
          { title: t('audit.at'), render: (_, e) => time(e.at, i18n.language) },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entity'), render: (_, e) => `${e.entityType} ${e.entityId.slice(0, 8)}` },
        ]}
      />
      {entries.hasNextPage && (
        <Button onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </div>
  );
}

export default adminPage(AuditPage);
