import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../src/platform/access';
import { api } from '../../api/client';
import type { Account } from '../../api/types';
import { holds } from '../../app/permissions';
import { adminPage } from '../../app/AdminPage';
import { ListToolbar } from '../../app/listTools';
import { failure } from '../../app/StatusPage';
import { PageHeading, usePagedList } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PlacePicker } from '../places/PlacePicker';

// Ant Design's preset green and orange tags fall short of AA contrast; these dark-on-light pairs meet it.
const STATUS_STYLE = {
  active: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  locked: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
  disabled: { color: 'rgba(0, 0, 0, 0.75)', background: '#f5f5f5', borderColor: '#d9d9d9' },
} as const;
type Dialog = { kind: 'create' } | { kind: 'grant'; account: Account } | { kind: 'password'; account: Account } | null;

/** Accounts of one's places: create, grant and revoke roles on places, disable, unlock, reset passwords. */
function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = holds(useMe().data, 'accounts.write');
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [role, setRole] = useState<Role>();
  const [dialog, setDialog] = useState<Dialog>(null);

  const { list, table } = usePagedList<Account>('accounts', { q, placeId, role });
  const done = () => {
    void message.success(t('common.saved'));
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  };
  const change = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'post' | 'patch' | 'delete'; body?: unknown }) =>
      method === 'delete' ? api.delete(path) : api[method](path, body),
    onSuccess: done,
    onError: (error) => void message.error(error.message),
  });
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());

  return (
    <div className="stack">
      <PageHeading>{t('accounts.title')}</PageHeading>
      <ListToolbar
        place={{ value: placeId, onChange: setPlaceId, label: t('accounts.homePlace') }}
        search={{ hint: t('accounts.searchHint'), onSearch: setQ }}
        add={canWrite && { label: t('accounts.add'), onClick: () => setDialog({ kind: 'create' }) }}
      >
        <Select<Role>
          className="tool"
          allowClear
          placeholder={t('accounts.role')}
          aria-label={t('accounts.role')}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      </ListToolbar>
      <Table<Account>
        {...table}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username' },
          { title: t('accounts.displayName'), dataIndex: 'displayName' },
          { title: t('accounts.homePlace'), render: (_, a) => (a.placeId ? nameOf({ nameZh: a.placeNameZh, nameEn: a.placeNameEn }) : t('common.everywhere')) },
          {
            title: t('accounts.roles'),
            render: (_, a) =>
              a.grants.map((g) => (
                <Tag
                  key={g.id}
                  closable={canWrite}
                  closeIcon={canWrite ? undefined : false}
                  onClose={(event) => {
                    event.preventDefault();
                    change.mutate({ path: `/api/accounts/${a.id}/grants/${g.id}`, method: 'delete' });
                  }}
                >
                  {t(`roles.${g.role}`)} · {g.placeId ? nameOf({ nameZh: g.placeNameZh, nameEn: g.placeNameEn }) : t('common.everywhere')}
                </Tag>
              )),
          },
          {
            title: t('accounts.status'),
            render: (_, a) => {
              const status = a.disabled ? 'disabled' : a.lockedUntil && new Date(a.lockedUntil) > new Date() ? 'locked' : 'active';
              return <Tag style={STATUS_STYLE[status]}>{t(`accounts.${status}`)}</Tag>;
            },
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, a: Account) => (
                    <Space wrap>
                      <Button size="small" onClick={() => setDialog({ kind: 'grant', account: a })}>
                        {t('accounts.grant')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'password', account: a })}>
                        {t('accounts.resetPassword')}
                      </Button>
                      {a.lockedUntil && (
                        <Button size="small" onClick={() => change.mutate({ path: `/api/accounts/${a.id}`, method: 'patch', body: { unlock: true } })}>
                          {t('accounts.unlock')}
                        </Button>
                      )}
                      <Popconfirm title={a.disabled ? t('accounts.enable') : t('accounts.disable')} onConfirm={() => change.mutate({ path: `/api/accounts/${a.id}`, method: 'patch', body: { disabled: !a.disabled } })}>
                        <Button size="small" danger={!a.disabled}>
                          {a.disabled ? t('accounts.enable') : t('accounts.disable')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'create' && <CreateAccount onDone={done} onCancel={() => setDialog(null)} />}
      {dialog?.kind === 'grant' && (
        <FormDialog<{ role: Role; placeId: string | null }>
          title={`${t('accounts.grant')} · ${dialog.account.username}`}
          onCancel={() => setDialog(null)}
          submit={(values) => api.post(`/api/accounts/${dialog.account.id}/grants`, { role: values.role, placeId: values.placeId ?? null })}
          onDone={done}
        >
          <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Form.Item name="placeId" label={t('accounts.onPlace')}>
            <PlacePicker placeholder={t('common.everywhere')} />
          </Form.Item>
        </FormDialog>
      )}
      {dialog?.kind === 'password' && (
        <FormDialog<{ password: string }>
          title={`${t('accounts.resetPassword')} · ${dialog.account.username}`}
          onCancel={() => setDialog(null)}
          submit={(values) => api.post(`/api/accounts/${dialog.account.id}/password`, values)}
          onDone={done}
        >
          <Form.Item name="password" label={t('accounts.newPassword')} rules={[{ required: true, min: 10 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </FormDialog>
      )}
    </div>
  );
}

function CreateAccount({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog<{ username: string; displayName: string; password: string; placeId: string | null; role?: Role }>
      title={t('accounts.add')}
      onCancel={onCancel}
      onDone={onDone}
      submit={({ role, placeId, ...rest }) => api.post('/api/accounts', { ...rest, placeId: placeId ?? null, grants: role ? [{ role, placeId: placeId ?? null }] : [] })}
    >
      <Form.Item name="username" label={t('accounts.username')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/ }]}>
        <Input autoComplete="off" autoCapitalize="none" />
      </Form.Item>
      <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="password" label={t('accounts.password')} rules={[{ required: true, min: 10 }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="placeId" label={t('accounts.homePlace')}>
        <PlacePicker placeholder={t('common.everywhere')} />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.role')}>
        <Select allowClear options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
    </FormDialog>
  );
}

/** A modal form whose submission goes to the server; the server's message is shown in it when refused. */
function FormDialog<T extends object>({ title, children, submit, onDone, onCancel }: { title: string; children: React.ReactNode; submit: (values: T) => Promise<unknown>; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const mutation = useMutation({ mutationFn: submit, onSuccess: onDone });
  return (
    <Modal open title={title} onCancel={onCancel} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={mutation.isPending}>
      {mutation.isError && <Typography.Paragraph type="danger" role="alert">{mutation.error.message}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        {children}
      </Form>
    </Modal>
  );
}

export default adminPage(AccountsPage);
