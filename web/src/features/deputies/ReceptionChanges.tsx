import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceptionView } from '../../../../src/modules/deputies/deputies';
import { api } from '../../api/client';
import { dateTimeLocal } from '../../app/dateTimeLocal';
import { ErrorNotice } from '../../app/ErrorNotice';

/**
 * Moving a reception to other hours or cancelling it with a reason, for the workstation's staff;
 * the server checks the deputy is free and that the reception is still to come.
 */
export function ReceptionChanges({ reception }: { reception: ReceptionView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'move' | 'cancel' | null>(null);
  const [period, setPeriod] = useState({ startsAt: dateTimeLocal(reception.startsAt), endsAt: dateTimeLocal(reception.endsAt) });
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: () =>
      open === 'move'
        ? api.patch(`/api/receptions/${reception.id}`, { startsAt: new Date(period.startsAt).toISOString(), endsAt: new Date(period.endsAt).toISOString() })
        : api.post(`/api/receptions/${reception.id}/cancel`, { reason: reason.trim() }),
    onSuccess: () => {
      setOpen(null);
      void queryClient.invalidateQueries({ queryKey: ['workstations', reception.workstationId] });
      void queryClient.invalidateQueries({ queryKey: ['deputies'] });
      void message.success(t('common.saved'));
    },
  });
  const ready = open === 'move' ? !!period.startsAt && !!period.endsAt : reason.trim().length > 0;
  return (
    <>
      <Space size="small">
        <Button size="small" onClick={() => (change.reset(), setOpen('move'))} data-testid="move-reception">
          {t('deputies.move')}
        </Button>
        <Button size="small" danger onClick={() => (change.reset(), setOpen('cancel'))} data-testid="cancel-reception">
          {t('deputies.cancel')}
        </Button>
      </Space>
      <Modal
        open={open !== null}
        title={t(open === 'move' ? 'deputies.moveTitle' : 'deputies.cancelTitle')}
        onCancel={() => setOpen(null)}
        onOk={() => change.mutate()}
        okButtonProps={{ loading: change.isPending, disabled: !ready }}
        destroyOnHidden
      >
        <div className="stack">
          {open === 'move' ? (
            <>
              <div className="field">
                <label htmlFor={`mv-start-${reception.id}`}>{t('deputies.startsAt')}</label>
                <Input id={`mv-start-${reception.id}`} type="datetime-local" value={period.startsAt} onChange={(e) => setPeriod({ ...period, startsAt: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`mv-end-${reception.id}`}>{t('deputies.endsAt')}</label>
                <Input id={`mv-end-${reception.id}`} type="datetime-local" value={period.endsAt} onChange={(e) => setPeriod({ ...period, endsAt: e.target.value })} />
              </div>
            </>
          ) : (
            <div className="field">
              <label htmlFor={`cancel-${reception.id}`}>{t('deputies.cancelReason')}</label>
              <Input id={`cancel-${reception.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <ErrorNotice error={change.error} />
        </div>
      </Modal>
    </>
  );
}
