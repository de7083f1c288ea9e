import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Household } from '../../api/types';
import { PlacePicker } from '../places/PlacePicker';

type Values = Pick<Household, 'placeId' | 'number' | 'address'>;

/** Register a household, or correct its number, address or community. */
export function HouseholdDialog({ household, defaultPlaceId, onClose }: { household?: Household; defaultPlaceId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (values: Values) => (household ? api.patch(`/api/households/${household.id}`, values) : api.post('/api/households', values)),
    onSuccess: () => {
      void message.success(t('common.saved'));
      // Residents show their household's number: both lists are stale now.
      void queryClient.invalidateQueries({ queryKey: ['households'] });
      void queryClient.invalidateQueries({ queryKey: ['residents'] });
      onClose();
    },
  });
  const initial = household ? { placeId: household.placeId, number: household.number, address: household.address } : { placeId: defaultPlaceId ?? undefined };
  return (
    <Modal
      open
      title={household ? t('people.editHousehold') : t('people.addHousehold')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      {save.isError && (
        <Typography.Paragraph type="danger" role="alert">
          {save.error.message}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="placeId" label={t('people.place')} rules={[{ required: true, message: t('people.placeRequired') }]}>
          <PlacePicker />
        </Form.Item>
        <Form.Item name="number" label={t('people.number')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('people.address')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
