import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, PRIORITIES, type CaseStatus, type Priority } from '../../../../src/modules/cases/workflow';
import type { CaseSummary } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { PlacePicker } from '../places/PlacePicker';
import { placeQuery } from '../places/queries';
import { act, caseListQuery, departmentsQuery } from './api';
import { DeadlineTag, ToneTag } from './tags';
import { formatDuration, formatTime } from './words';
import './cases.css';

type View = 'dispatch' | 'department' | 'all';
const PAGE = 20;
/** What waits for a dispatcher: new requests, those a department sent back, those reopened by a rating. */
const TO_DISPATCH: CaseStatus[] = ['received', 'returned', 'reopened'];

/**
 * The queues: the dispatcher's (what waits to be sent, oldest first, with the router's proposal
 * to confirm in one click), a department's (its open cases by deadline), and a search of all
 * cases the caller may see. `?view=` in the address, so each has its own menu entry.
 */
function QueuePage() {
  const [params] = useSearchParams();
  const view: View = params.get('view') === 'dispatch' ? 'dispatch' : params.get('view') === 'department' ? 'department' : 'all';
  // Each view keeps its own filters and page.
  return view === 'dispatch' ? <DispatchQueue key="dispatch" /> : view === 'department' ? <DepartmentQueue key="department" /> : <AllCases key="all" />;
}

const place = (c: CaseSummary) => nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn }) + (c.address ? ` · ${c.address}` : '');

function useColumns() {
  const { t } = useTranslation();
  return {
    number: { title: t('cases.queue.number'), key: 'number', fixed: 'left' as const, render: (_: unknown, c: CaseSummary) => <Link to={`/cases/${c.id}`}>{c.number}</Link> },
    status: { title: t('cases.queue.status'), key: 'status', render: (_: unknown, c: CaseSummary) => t(`cases.status.${c.status}`) },
    priority: {
      title: t('cases.priorityLabel'),
      key: 'priority',
      render: (_: unknown, c: CaseSummary) => (c.priority === 'urgent' || c.priority === 'high' ? <ToneTag tone="red">{t(`cases.priority.${c.priority}`)}</ToneTag> : t(`cases.priority.${c.priority}`)),
    },
    description: { title: t('cases.form.description'), key: 'description', render: (_: unknown, c: CaseSummary) => <span className="queue-text">{c.description}</span> },
    place: { title: t('cases.case.place'), key: 'place', render: (_: unknown, c: CaseSummary) => place(c) },
    department: { title: t('cases.case.department'), key: 'department', render: (_: unknown, c: CaseSummary) => (c.department ? nameOf(c.department) : '') },
    deadline: { title: t('cases.queue.deadline'), key: 'deadline', render: (_: unknown, c: CaseSummary) => <DeadlineTag dueAt={c.dueAt} /> },
    received: { title: t('cases.case.received'), key: 'received', render: (_: unknown, c: CaseSummary) => formatTime(c.receivedAt) },
  };
}

function DispatchQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const columns = useColumns();
  const [changing, setChanging] = useState<CaseSummary | null>(null);
  // Oldest first: the one waiting longest goes first (up to the API's 200 at once).
  const list = useQuery({ ...caseListQuery({ status: TO_DISPATCH, order: 'oldest', limit: 200 }), refetchInterval: 60_000 });
  const confirm = useMutation({
    mutationFn: (c: CaseSummary) => act(c.id, 'dispatch', { departmentId: (c.department ?? c.suggestedDepartment)!.id }),
    onSuccess: (_, c) => {
      void message.success(t('cases.queue.sent', { number: c.number, department: nameOf(c.department ?? c.suggestedDepartment) }));
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: (error) => void message.error(error.message),
  });
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());
  const items = list.data?.items ?? [];
  const now = Date.now();
  const table: TableColumnsType<CaseSummary> = [
    columns.number,
    { title: t('cases.queue.waiting'), key: 'waiting', render: (_, c) => <span title={formatTime(c.receivedAt)}>{formatDuration(t, (now - new Date(c.receivedAt).getTime()) / 60_000)}</span> },
    columns.status,
    columns.priority,
    columns.description,
    columns.place,
    {
      title: t('cases.queue.proposal'),
      key: 'proposal',
      render: (_, c) => {
        const proposal = c.department ?? c.suggestedDepartment;
        if (!proposal) return <Typography.Text type="secondary">{t('cases.queue.noProposal')}</Typography.Text>;
        const sure = c.department ? null : c.suggestedConfidence;
        return (
          <span>
            {nameOf(proposal)}
            {sure !== null && <Typography.Text type={sure < 0.5 ? 'warning' : 'secondary'}>{` ${Math.round(sure * 100)}%`}</Typography.Text>}
          </span>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space wrap size={4}>
          {(c.department ?? c.suggestedDepartment) && (
            <Button size="small" type="primary" loading={confirm.isPending && confirm.variables?.id === c.id} disabled={confirm.isPending} onClick={() => confirm.mutate(c)}>
              {t('cases.queue.confirm')}
            </Button>
          )}
          <Button size="small" onClick={() => setChanging(c)}>
            {t('cases.queue.change')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <div className="stack">
      <PageHeading>{t('cases.queue.dispatchTitle')}</PageHeading>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('cases.queue.dispatchIntro')}
      </Typography.Paragraph>
      <Table<CaseSummary>
        rowKey="id"
        loading={list.isFetching && !list.data}
        dataSource={items}
        columns={table}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: PAGE, hideOnSinglePage: true, showSizeChanger: false, showTotal: (count) => t('common.total', { count }) }}
        locale={{ emptyText: t('cases.queue.dispatchEmpty') }}
      />
      {list.data && list.data.total > items.length && <Typography.Text type="secondary">{t('cases.queue.more', { count: list.data.total - items.length })}</Typography.Text>}
      {changing && <DispatchDialog c={changing} onClose={() => setChanging(null)} />}
    </div>
  );
}

/** Send a case to another department than the proposal, with its priority and a note. */
function DispatchDialog({ c, onClose }: { c: CaseSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ departmentId: string; categoryId?: string | null; priority: Priority; note?: string }>();
  const where = useQuery(placeQuery(c.placeId));
  const cityId = where.data ? [...where.data.ancestors, where.data.place].find((p) => p.level === 'city')?.id : undefined;
  const departments = useQuery({ ...departmentsQuery(cityId), enabled: !!cityId });
  const chosen = Form.useWatch('departmentId', form);
  const categories = departments.data?.find((d) => d.id === chosen)?.categories.filter((k) => !k.retired) ?? [];
  const send = useMutation({
    mutationFn: (v: { departmentId: string; categoryId?: string | null; priority: Priority; note?: string }) =>
      act(c.id, 'dispatch', { departmentId: v.departmentId, categoryId: v.categoryId ?? null, priority: v.priority, note: v.note?.trim() || undefined }),
    onSuccess: () => {
      void message.success(t('cases.actions.done'));
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      onClose();
    },
  });
  const label = t('cases.dialog.department');
  return (
    <Modal open title={`${t('cases.actions.dispatch')} · ${c.number}`} onCancel={onClose} onOk={() => form.submit()} okText={t('cases.dialog.ok')} cancelText={t('common.cancel')} confirmLoading={send.isPending}>
      {send.isError && (
        <Typography.Paragraph type="danger" role="alert">
          {send.error.message}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph>{c.description}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ departmentId: (c.department ?? c.suggestedDepartment)?.id, priority: c.priority }}
        onValuesChange={(changed: { departmentId?: string }) => 'departmentId' in changed && form.setFieldValue('categoryId', null)}
        onFinish={(v) => send.mutate(v)}
      >
        <Form.Item name="departmentId" label={label} rules={[{ required: true, message: t('cases.dialog.required', { field: label }) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={departments.isPending} options={(departments.data ?? []).map((d) => ({ value: d.id, label: nameOf(d) }))} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('cases.case.category')}>
          <Select allowClear options={categories.map((k) => ({ value: k.id, label: nameOf(k) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t('cases.priorityLabel')}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('cases.dialog.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A page of a case list under the given filters; new filters start again at the first page. */
function usePaged(filters: Record<string, string | number | boolean | readonly string[] | null | undefined>) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const key = JSON.stringify(filters);
  const [pagedKey, setPagedKey] = useState(key);
  if (key !== pagedKey) {
    setPagedKey(key);
    setPage(1);
  }
  const list = useQuery({ ...caseListQuery({ ...filters, limit: PAGE, offset: (page - 1) * PAGE }), placeholderData: keepPreviousData, refetchInterval: 60_000 });
  const pagination = { current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (count: number) => t('common.total', { count }) };
  return { list, pagination };
}

function DepartmentQueue() {
  const { t } = useTranslation();
  const columns = useColumns();
  const [closedToo, setClosedToo] = useState(false);
  const [soon, setSoon] = useState(false);
  const { list, pagination } = usePaged({ mine: true, open: closedToo ? undefined : true, order: 'due', dueWithinMinutes: soon ? 24 * 60 : undefined });
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());
  return (
    <div className="stack">
      <PageHeading>{t('cases.queue.departmentTitle')}</PageHeading>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('cases.queue.departmentIntro')}
      </Typography.Paragraph>
      <div className="toolbar">
        <Checkbox checked={soon} onChange={(e) => setSoon(e.target.checked)}>
          {t('cases.queue.dueToday')}
        </Checkbox>
        <Checkbox checked={closedToo} onChange={(e) => setClosedToo(e.target.checked)}>
          {t('cases.queue.closedToo')}
        </Checkbox>
      </div>
      <Table<CaseSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        columns={[columns.deadline, columns.number, columns.status, columns.priority, columns.description, columns.place, columns.received]}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
        locale={{ emptyText: t('cases.queue.departmentEmpty') }}
      />
    </div>
  );
}

function AllCases() {
  const { t } = useTranslation();
  const columns = useColumns();
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [status, setStatus] = useState<CaseStatus[]>([]);
  const [q, setQ] = useState('');
  const [openOnly, setOpenOnly] = useState(true);
  const [order, setOrder] = useState<'due' | 'newest'>('newest');
  const { list, pagination } = usePaged({ placeId, status, q, open: openOnly || undefined, order });
  if (list.isError && !list.data) return failure(list.error, () => void list.refetch());
  return (
    <div className="stack">
      <PageHeading>{t('cases.queue.allTitle')}</PageHeading>
      <div className="toolbar">
        <div className="tool">
          <PlacePicker value={placeId} onChange={setPlaceId} placeholder={t('cases.case.place')} />
        </div>
        <Select<CaseStatus[]>
          className="tool"
          mode="multiple"
          allowClear
          placeholder={t('cases.queue.status')}
          aria-label={t('cases.queue.status')}
          value={status}
          onChange={setStatus}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))}
        />
        <Select<'due' | 'newest'>
          className="tool"
          aria-label={t('cases.queue.order')}
          value={order}
          onChange={setOrder}
          options={[
            { value: 'newest', label: t('cases.queue.newest') },
            { value: 'due', label: t('cases.queue.byDeadline') },
          ]}
        />
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>
          {t('cases.queue.openOnly')}
        </Checkbox>
        <Input.Search className="tool-wide" allowClear placeholder={t('cases.queue.searchHint')} aria-label={t('cases.queue.searchHint')} onSearch={(text) => setQ(text.trim())} enterButton={t('common.search')} />
      </div>
      <Table<CaseSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        columns={[columns.number, columns.status, columns.description, columns.place, columns.department, columns.deadline, columns.received]}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
      />
    </div>
  );
}

export default adminPage(QueuePage);
