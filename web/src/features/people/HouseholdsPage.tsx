import { Button, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../api/types';
import { holds } from '../../app/permissions';
import { adminPage } from '../../app/AdminPage';
import { ListToolbar, useRemoval } from '../../app/listTools';
import { failure } from '../../app/StatusPage';
import { PageHeading, usePagedList } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { HouseholdDialog } from './HouseholdDialog';
import { HouseholdMembers } from './HouseholdMembers';

/** Households of one's places: search, open one to see who lives there, register, correct, remove an empty one. */
function HouseholdsPage() {
  const { t } = useTranslation();
  const canWrite = holds(useMe().data, 'people.write');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Household | 'new' | null>(null);

  const { list, table } = usePagedList<Household>('households', { placeId, q });
  const remove = useRemoval('households');
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());

  return (
    <div className="stack">
      <PageHeading>{t('people.householdsTitle')}</PageHeading>
      <ListToolbar
        place={{ value: placeId, onChange: setPlaceId, label: t('people.place') }}
        search={{ hint: t('people.householdSearchHint'), onSearch: setQ }}
        add={canWrite && { label: t('people.addHousehold'), onClick: () => setEditing('new') }}
      ></ListToolbar>
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
