import { App, Breadcrumb, Button, Card, Col, Form, Grid, Input, Modal, Popconfirm, Row, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PLACE_LEVELS } from '../../../../src/modules/places/rules';
import { api } from '../../api/client';
import type { Place } from '../../api/types';
import { holds } from '../../app/permissions';
import { adminPage } from '../../app/AdminPage';
import { useRemoval } from '../../app/listTools';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PlaceTree } from './PlaceTree';
import { childrenQuery, placeQuery } from './queries';

type PlaceForm = Pick<Place, 'level' | 'code' | 'nameZh' | 'nameEn'>;

/** Browse the jurisdiction tree one level at a time; administrators add, rename and remove places. */
function PlacesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { placeId } = useParams();
  const canWrite = holds(useMe().data, 'places.write');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Place | 'new' | null>(null);
  const wide = Grid.useBreakpoint().lg ?? false;

  const current = useQuery(placeQuery(placeId));
  const children = useQuery(childrenQuery(placeId ?? null));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['places'] });

  const save = useMutation({
    mutationFn: (values: PlaceForm) =>
      editing === 'new' ? api.post('/api/places', { ...values, parentId: placeId ?? null }) : api.patch(`/api/places/${(editing as Place).id}`, values),
    onSuccess: () => {
      void message.success(t('common.saved'));
      setEditing(null);
      void refresh();
    },
  });
  const remove = useRemoval('places');

  if (children.isError) return failure(children.error, () => void children.refetch());
  const trail = current.data ? [...current.data.ancestors, current.data.place] : [];

  return (
    <div className="stack">
      <PageHeading>{t('places.title')}</PageHeading>
      <Row gutter={[16, 16]}>
        {/* The whole tree on wide screens; on a phone the trail above the list is the way around. */}
        {wide && (
          <Col lg={7}>
            <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('places.tree')}</h2>}>
              <PlaceTree trail={trail} />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={17} className="stack">
          <Breadcrumb
            items={[{ title: <Link to="/places">{t('places.root')}</Link> }, ...trail.map((p) => ({ title: <Link to={`/places/${p.id}`}>{nameOf(p)}</Link> }))]}
          />
          {canWrite && (
            <div>
              <Button type="primary" onClick={() => setEditing('new')}>
                {placeId ? t('places.addChild') : t('places.addRoot')}
              </Button>
            </div>
          )}
          <Table<Place>
            rowKey="id"
            loading={children.isPending}
            dataSource={children.data?.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('places.name'), render: (_, p) => <Link to={`/places/${p.id}`}>{nameOf(p)}</Link> },
              { title: t('places.code'), dataIndex: 'code' },
              { title: t('places.level'), render: (_, p) => t(`levels.${p.level}`) },
              { title: t('places.children'), dataIndex: 'childCount', align: 'right' },
              ...(canWrite
                ? [
                    {
                      title: t('common.actions'),
                      render: (_: unknown, p: Place) => (
                        <Space>
                          <Button size="small" onClick={() => setEditing(p)}>
                            {t('common.edit')}
                          </Button>
                          <Popconfirm title={t('common.confirmDelete')} onConfirm={() => remove.mutate(p.id)} okText={t('common.delete')} cancelText={t('common.cancel')}>
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
        </Col>
      </Row>
      {editing && (
        <PlaceDialog
          title={editing !== 'new' ? t('places.editPlace') : placeId ? t('places.addChild') : t('places.addRoot')}
          initial={editing === 'new' ? undefined : editing}
          pending={save.isPending}
          error={save.error?.message}
          onCancel={() => {
            setEditing(null);
            save.reset();
          }}
          onSave={(values) => save.mutate(values)}
        />
      )}
    </div>
  );
}

function PlaceDialog({ title, initial, pending, error, onCancel, onSave }: { title: string; initial?: Place; pending: boolean; error?: string; onCancel: () => void; onSave: (values: PlaceForm) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlaceForm>();
  return (
    <Modal open title={title} onCancel={onCancel} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={pending}>
      {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={initial ?? { level: 'community' }} onFinish={onSave}>
        <Form.Item name="level" label={t('places.level')} rules={[{ required: true }]}>
          <Select options={PLACE_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="code" label={t('places.code')} rules={[{ required: true, max: 32 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameZh" label={t('places.nameZh')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('places.nameEn')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default adminPage(PlacesPage);
