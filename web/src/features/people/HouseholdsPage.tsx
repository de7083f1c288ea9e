import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
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

/** Households of one's places, and registering a new one. */
function HouseholdsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = holds(useMe().data, 'people.write');
  const queryClient = useQueryClient();
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ placeId: string; number: string; address: string }>();

  const { list, table } = usePagedList<Household>('households', { placeId, q });
  const create = useMutation({
    mutationFn: (values: { placeId: string; number: string; address: string }) => api.post('/api/households', values),
    onSuccess: () => {
      void message.success(t('common.saved'));
      setAdding(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['households'] });
    },
  });
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <PageHeading>{t('people.householdsTitle')}</PageHeading>
      <Space wrap>
        <div style={{ minWidth: 220 }}>
          <PlacePicker value={placeId} onChange={setPlaceId} placeholder={t('people.place')} />
        </div>
        <Input.Search allowClear aria-label={t('common.search')} onSearch={(text) => setQ(text.trim())} style={{ width: 240, maxWidth: '100%' }} enterButton={t('common.search')} />
        {canWrite && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('people.addHousehold')}
          </Button>
        )}
      </Space>
      <Table<Household>
        {...table}
        columns={[
          { title: t('people.number'), dataIndex: 'number' },
          { title: t('people.place'), render: (_, h) => nameOf({ nameZh: h.placeNameZh, nameEn: h.placeNameEn }) },
          { title: t('people.address'), dataIndex: 'address' },
          { title: t('people.memberCount'), dataIndex: 'memberCount', align: 'right' },
        ]}
      />
      <Modal open={adding} title={t('people.addHousehold')} onCancel={() => setAdding(false)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.isPending}>
        {create.isError && <Typography.Paragraph type="danger" role="alert">{create.error.message}</Typography.Paragraph>}
        <Form form={form} layout="vertical" initialValues={{ placeId: placeId ?? undefined }} onFinish={(values) => create.mutate(values)}>
          <Form.Item name="placeId" label={t('people.place')} rules={[{ required: true, message: t('people.placeRequired') }]}>
            <PlacePicker />
          </Form.Item>
          <Form.Item name="number" label={t('people.number')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('people.address')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

export default adminPage(HouseholdsPage);
