import { Button, Descriptions, Select, Table } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { zhCN } from '../../i18n/zh-CN';
import { describeEntry } from './describeEntry';

const PAGE_SIZE = 50;
// Every action the server records has a label in both languages; the filter offers them all.
const ACTIONS = Object.entries(zhCN.auditActions).flatMap(([group, actions]) => Object.keys(actions).map((a) => `${group}.${a}`));
const ENTITIES = Object.keys(zhCN.entities);
const time = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));

/** The audit log of one's places, newest first, paged by the id of the oldest entry shown. */
function AuditPage() {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState<string>();
  const [entityType, setEntityType] = useState<string>();
  const entries = useInfiniteQuery({
    queryKey: ['audit', { action, entityType }],
    queryFn: ({ pageParam }) => api.get<{ items: AuditEntry[] }>(`/api/audit${query({ action, entityType, limit: PAGE_SIZE, before: pageParam })}`).then((r) => r.items),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length === PAGE_SIZE ? last.at(-1)!.id : undefined),
  });
  if (entries.isError && !entries.data) return failure(entries.error, () => void entries.refetch());
  return (
    <div className="stack">
      <PageHeading>{t('audit.title')}</PageHeading>
      <div className="toolbar">
        <Select
          className="tool"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.action')}
          aria-label={t('audit.action')}
          value={action}
          onChange={setAction}
          options={ACTIONS.map((a) => ({ value: a, label: t(`auditActions.${a}`) }))}
        />
        <Select
          className="tool"
          allowClear
          placeholder={t('audit.entity')}
          aria-label={t('audit.entity')}
          value={entityType}
          onChange={setEntityType}
          options={ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
        />
      </div>
      <Table<AuditEntry>
        rowKey="id"
        loading={entries.isFetching && !entries.isFetchingNextPage}
        dataSource={entries.data?.pages.flat()}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('audit.entityId')}>
                <code>{e.entityId}</code>
              </Descriptions.Item>
              {e.before !== null && <Descriptions.Item label={t('audit.before')}>{json(e.before)}</Descriptions.Item>}
              {e.after !== null && <Descriptions.Item label={t('audit.after')}>{json(e.after)}</Descriptions.Item>}
            </Descriptions>
          ),
        }}
        columns={[
          { title: t('audit.at'), render: (_, e) => time(e.at, i18n.language) },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), render: (_, e) => t(`auditActions.${e.action}`, { defaultValue: e.action }) },
          { title: t('audit.entity'), render: (_, e) => describeEntry(e, t) },
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

const json = (value: unknown) => <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, fontSize: '0.85em' }}>{JSON.stringify(value, null, 1)}</pre>;

export default adminPage(AuditPage);
