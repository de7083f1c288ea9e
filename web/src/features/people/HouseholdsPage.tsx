import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Household, Page } from '../../api/types';
import { holds } from '../../app/permissions';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PlacePicker } from '../places/PlacePicker';

const PAGE_SIZE = 20;

/** Households of one's places, and registering a new one. */
function HouseholdsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = holds(useMe().data, 'people.write');
  const queryClient = useQueryClient();
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ placeId: string; number: string; address: string }>();

  const list = useQuery({
    queryKey: ['households', placeId, q, page],
    queryFn: () => api.get<Page<Household>>(`/api/households${query({ placeId, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`),
    placeholderData: (previous) => previous,
  });
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
      <Typography.Title level={1} style={{ fontSize: '1.5em', margin: 0 }}>
        {t('people.householdsTitle')}
      </Typography.Title>
      <Space wrap>
        <div style={{ minWidth: 220 }}>
          <PlacePicker value={placeId} onChange={(id) => { setPlaceId(id); setPage(1); }} placeholder={t('people.place')} />
        </div>
        <Input.Search allowClear aria-label={t('common.search')} onSearch={(text) => { setQ(text.trim()); setPage(1); }} style={{ width: 240, maxWidth: '100%' }} enterButton={t('common.search')} />
        {canWrite && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('people.addHousehold')}
          </Button>
        )}
      </Space>
      <Table<Household>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (count) => t('common.total', { count }) }}
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
