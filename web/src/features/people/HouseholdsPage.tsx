import { App, Button, Input, Popconfirm, Space, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Household } from '../../api/types';
import { holds } from '../../app/permissions';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { PageHeading, usePagedList } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PlacePicker } from '../places/PlacePicker';
import { HouseholdDialog } from './HouseholdDialog';
import { HouseholdMembers } from './HouseholdMembers';

/** Households of one's places: search, open one to see who lives there, register, correct, remove an empty one. */
function HouseholdsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = holds(useMe().data, 'people.write');
  const queryClient = useQueryClient();
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Household | 'new' | null>(null);

  const { list, table } = usePagedList<Household>('households', { placeId, q });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/households/${id}`),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: ['households'] });
    },
    onError: (error) => void message.error(error.message),
  });
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());

  return (
    <div className="stack">
      <PageHeading>{t('people.householdsTitle')}</PageHeading>
      <div className="toolbar">
        <div className="tool">
          <PlacePicker value={placeId} onChange={setPlaceId} placeholder={t('people.place')} />
        </div>
        <Input.Search
          className="tool-wide"
          allowClear
          placeholder={t('people.householdSearchHint')}
          aria-label={t('people.householdSearchHint')}
          onSearch={(text) => setQ(text.trim())}
          enterButton={t('common.search')}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('people.addHousehold')}
          </Button>
        )}
      </div>
      <Table<Household>
        {...table}
        expandable={{ expandedRowRender: (h) => <HouseholdMembers householdId={h.id} />, rowExpandable: (h) => h.memberCount > 0 }}
        columns={[
          { title: t('people.number'), dataIndex: 'number' },
          { title: t('people.place'), render: (_, h) => nameOf({ nameZh: h.placeNameZh, nameEn: h.placeNameEn }) },
          { title: t('people.address'), dataIndex: 'address' },
          { title: t('people.memberCount'), dataIndex: 'memberCount', align: 'right' },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, h: Household) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(h)}>
                        {t('common.edit')}
                      </Button>
                      {/* Only an empty household can go: its members would be left pointing nowhere. */}
                      {h.memberCount === 0 && (
                        <Popconfirm title={t('common.confirmDelete')} onConfirm={() => remove.mutate(h.id)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                          <Button size="small" danger>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <HouseholdDialog household={editing === 'new' ? undefined : editing} defaultPlaceId={placeId} onClose={() => setEditing(null)} />}
    </div>
  );
}

export default adminPage(HouseholdsPage);
