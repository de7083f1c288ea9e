import { List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Page, Resident } from '../../api/types';

/** The people registered in one household, shown when its row is opened. */
export function HouseholdMembers({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: ['residents', { householdId }],
    queryFn: () => api.get<Page<Resident>>(`/api/residents${query({ householdId, limit: 50 })}`),
  });
  return (
    <List
      size="small"
      loading={members.isPending}
      dataSource={members.data?.items ?? []}
      locale={{ emptyText: members.isError ? members.error.message : t('people.noMembers') }}
      renderItem={(r) => (
        <List.Item>
          <span>
            {r.name}
            {r.householdRole && ` · ${r.householdRole}`}
          </span>
          <span>
            {r.ageGroup && <Tag>{r.ageGroup}</Tag>}
            {t(`residency.${r.residency}`)}
          </span>
        </List.Item>
      )}
    />
  );
}
