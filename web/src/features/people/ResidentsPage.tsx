import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Resident } from '../../api/types';
import { holds } from '../../app/permissions';
import { adminPage } from '../../app/AdminPage';
import { ListToolbar, useRemoval } from '../../app/listTools';
import { failure } from '../../app/StatusPage';
import { PageHeading, usePagedList } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { ResidentDialog } from './ResidentDialog';

/** Residents of one's places: search, page, register, correct; full numbers only on request, and audited. */
function ResidentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe().data;
  const canWrite = holds(me, 'people.write');
  const canRevealPhone = holds(me, 'people.revealPhone');
  const canRevealId = holds(me, 'people.revealIdNumber');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Resident | 'new' | null>(null);

  const { list, table } = usePagedList<Resident>('residents', { placeId, q });
  const remove = useRemoval('residents');
  const reveal = async (resident: Resident, field: 'phone' | 'idNumber') => {
    try {
      const { value } = await api.post<{ value: string | null }>(`/api/residents/${resident.id}/reveal`, { field });
      modal.info({
        title: `${resident.name} · ${t(field === 'phone' ? 'people.phone' : 'people.idNumber')}`,
        content: (
          <>
            <Typography.Text copyable strong style={{ fontSize: '1.2em' }}>
              {value ?? t('common.none')}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('people.revealed')}
            </Typography.Paragraph>
          </>
        ),
      });
    } catch (error) {
      void message.error((error as Error).message);
    }
  };

  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());

  return (
    <div className="stack">
      <PageHeading>{t('people.title')}</PageHeading>
      <ListToolbar
        place={{ value: placeId, onChange: setPlaceId, label: t('people.place') }}
        search={{ hint: t('people.searchHint'), onSearch: setQ }}
        add={canWrite && { label: t('people.add'), onClick: () => setEditing('new') }}
      ></ListToolbar>
      <Table<Resident>
        {...table}
        columns={[
          { title: t('people.name'), dataIndex: 'name', fixed: 'left' },
          { title: t('people.place'), render: (_, r) => nameOf({ nameZh: r.placeNameZh, nameEn: r.placeNameEn }) },
          { title: t('people.household'), dataIndex: 'householdNumber' },
          { title: t('people.gender'), render: (_, r) => (r.gender ? t(`gender.${r.gender}`) : '') },
          { title: t('people.age'), dataIndex: 'ageGroup' },
          { title: t('people.phone'), render: (_, r) => <Masked value={r.phoneMasked} canReveal={canRevealPhone} label={`${t('people.reveal')} ${t('people.phone')} ${r.name}`} onReveal={() => void reveal(r, 'phone')} /> },
          {
            title: t('people.idNumber'),
            render: (_, r) => <Masked value={r.idNumberMasked} canReveal={canRevealId} label={`${t('people.reveal')} ${t('people.idNumber')} ${r.name}`} onReveal={() => void reveal(r, 'idNumber')} />,
          },
          { title: t('people.residency'), render: (_, r) => t(`residency.${r.residency}`) },
          { title: t('people.vulnerable'), render: (_, r) => r.vulnerableGroups.map((g) => <Tag key={g}>{t(`vulnerable.${g}`)}</Tag>) },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, r: Resident) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(r)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('common.confirmDelete')} onConfirm={() => remove.mutate(r.id)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ResidentDialog resident={editing === 'new' ? undefined : editing} defaultPlaceId={placeId} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** A masked number, with a button to see it in full for those whose work needs it. */
function Masked({ value, canReveal, label, onReveal }: { value: string | null; canReveal: boolean; label: string; onReveal: () => void }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Space size={4}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{value}</span>
      {canReveal && (
        <Button size="small" type="link" onClick={onReveal} aria-label={label}>
          {t('people.reveal')}
        </Button>
      )}
    </Space>
  );
}

export default adminPage(ResidentsPage);
