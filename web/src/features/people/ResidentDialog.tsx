import { App, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GENDERS, RESIDENCY, VULNERABLE_GROUPS } from '../../../../src/modules/people/rules';
import { api } from '../../api/client';
import type { Resident } from '../../api/types';
import { PlacePicker } from '../places/PlacePicker';
import { HouseholdPicker } from './HouseholdPicker';

interface Values {
  placeId: string;
  householdId?: string | null;
  householdRole?: string | null;
  name: string;
  gender?: Resident['gender'];
  birthYear?: number | null;
  phone?: string;
  idNumber?: string;
  residency: Resident['residency'];
  partyMember: boolean;
  vulnerableGroups: string[];
}

/** Register or correct a resident. Phone and ID number are entered in full and never shown back in full. */
export function ResidentDialog({ resident, defaultPlaceId, onClose }: { resident?: Resident; defaultPlaceId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const placeId = Form.useWatch('placeId', form);
  const save = useMutation({
    mutationFn: (values: Values) => {
      // Empty number fields mean "unchanged" when editing, "none" when registering.
      const body: Record<string, unknown> = { ...values, birthYear: values.birthYear ?? null, householdId: values.householdId ?? null, householdRole: values.householdRole?.trim() || null };
      for (const key of ['phone', 'idNumber'] as const) if (!values[key]) (resident ? delete body[key] : (body[key] = null));
      return resident ? api.patch(`/api/residents/${resident.id}`, body) : api.post('/api/residents', body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      // Member counts of households change with their members.
      void queryClient.invalidateQueries({ queryKey: ['residents'] });
      void queryClient.invalidateQueries({ queryKey: ['households'] });
      onClose();
    },
  });
  const initial: Partial<Values> = resident
    ? { placeId: resident.placeId, householdId: resident.householdId, householdRole: resident.householdRole, name: resident.name, gender: resident.gender, birthYear: resident.birthYear, residency: resident.residency, partyMember: resident.partyMember, vulnerableGroups: resident.vulnerableGroups }
    : { placeId: defaultPlaceId ?? undefined, residency: 'established', partyMember: false, vulnerableGroups: [] };
  return (
    <Modal open title={resident ? t('people.editResident') : t('people.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending}>
      {save.isError && <Typography.Paragraph type="danger" role="alert">{save.error.message}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        // A household belongs to one community: choosing another community empties the choice.
        onValuesChange={(changed: Partial<Values>) => 'placeId' in changed && form.setFieldValue('householdId', null)}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="placeId" label={t('people.place')} rules={[{ required: true, message: t('people.placeRequired') }]}>
          <PlacePicker />
        </Form.Item>
        <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="gender" label={t('people.gender')}>
          <Radio.Group options={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
        </Form.Item>
        <Form.Item name="birthYear" label={t('people.birthYear')}>
          <InputNumber min={1890} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')} extra={resident?.phoneMasked ?? undefined}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('people.idNumber')} extra={resident?.idNumberMasked ?? undefined} rules={[{ pattern: /^\s*[0-9]{17}[0-9Xx]\s*$/, message: t('people.idNumberFormat') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="residency" label={t('people.residency')} rules={[{ required: true }]}>
          <Radio.Group options={RESIDENCY.map((r) => ({ value: r, label: t(`residency.${r}`) }))} />
        </Form.Item>
        <Form.Item name="householdId" label={t('people.householdPick')}>
          <HouseholdPicker placeId={placeId} current={resident?.householdId && resident.householdNumber ? { id: resident.householdId, number: resident.householdNumber } : undefined} />
        </Form.Item>
        <Form.Item name="householdRole" label={t('people.relation')} extra={t('people.relationHint')} rules={[{ max: 20 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="partyMember" valuePropName="checked">
          <Checkbox>{t('people.partyMember')}</Checkbox>
        </Form.Item>
        <Form.Item name="vulnerableGroups" label={t('people.vulnerable')}>
          <Select mode="multiple" options={VULNERABLE_GROUPS.map((g) => ({ value: g, label: t(`vulnerable.${g}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
