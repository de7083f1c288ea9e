import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Grid, Input, Modal, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isOpen, PRIORITIES, type CaseStatus } from '../../../../src/modules/cases/workflow';
import { api } from '../../api/client';
import type { CaseView, Department } from '../../api/types';
import { Providers } from '../../app/Providers';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { act, caseListQuery, caseQuery, departmentsQuery } from './api';
import { DeadlineTag, DutyTag, ToneTag } from './tags';
import { RatingForm } from './RatingForm';
import { Timeline } from './Timeline';
import { codeNamer, formatTime } from './words';
import './cases.css';

/** Actions that need a few words or choices first: each opens a dialog. */
type Dialog = 'dispatch' | 'return' | 'resolve' | 'suspend' | 'close' | 'merge' | 'notes' | 'handoff' | 'handoff-decision' | 'helpers' | 'whistle' | 'whistle-evaluation';

const HANDOFF_FROM: readonly CaseStatus[] = ['dispatched', 'accepted', 'on_scene'];

/** Where the phone says it is, or null when it will not say (denied, no signal, no GPS). */
const here = (timeout = 15_000): Promise<{ lat: number; lng: number } | null> =>
  new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout, maximumAge: 30_000 },
    );
  });

/** The staff page of one case: its record, the actions the caller may take now, the timeline, the whistle. */
export default function StaffCase({ id }: { id: string }) {
  return (
    <Providers>
      <App>
        <StaffCasePage id={id} />
      </App>
    </Providers>
  );
}

function StaffCasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const found = useQuery(caseQuery(id));
  const departments = useQuery({ ...departmentsQuery(found.data?.cityId), enabled: !!found.data });
  if (found.isPending) return <Card loading />;
  if (found.isError) return failure(found.error, () => void found.refetch());
  const c = found.data;
  const nameOfCode = codeNamer(departments.data);
  return (
    <div className="stack">
      <PageHeading>{t('cases.case.title', { number: c.number })}</PageHeading>
      <Space wrap aria-label={t('cases.case.now')} data-testid="case-state">
        <ToneTag tone={isOpen(c.status) ? 'blue' : c.status === 'resolved' || c.status === 'closed' ? 'green' : 'grey'}>{t(`cases.status.${c.status}`)}</ToneTag>
        <ToneTag tone={c.priority === 'urgent' || c.priority === 'high' ? 'red' : 'grey'}>{t(`cases.priority.${c.priority}`)}</ToneTag>
        {isOpen(c.status) && <DeadlineTag dueAt={c.dueAt} />}
        {c.escalationLevel > 0 && <ToneTag tone="red">{t('cases.escalated', { level: c.escalationLevel })}</ToneTag>}
      </Space>
      {/* What to do now comes first on a phone; on a wide screen it stands beside the record. */}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          <div className="stack">
            <Actions c={c} departments={departments.data ?? []} />
            {c.actions.includes('rate') && (
              <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{c.role.requester ? t('cases.rate.title') : t('cases.rate.callbackTitle')}</h2>}>
                <RatingForm caseView={c} callback={!c.role.requester} />
              </Card>
            )}
            {c.whistle.length > 0 && <WhistleCalls c={c} />}
          </div>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          <div className="stack">
            <Record c={c} />
            <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('cases.case.timeline')}</h2>}>
              <Timeline events={c.timeline} staff nameOfCode={nameOfCode} />
            </Card>
          </div>
        </Col>
      </Row>
    </div>
  );
}

/** The facts of the case; the requester's full number only on request, and audited. */
function Record({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  // Labels above the values on a phone, beside them where there is room.
  const wide = Grid.useBreakpoint().sm ?? true;
  const mayReveal = !!c.contactPhone && (c.role.dispatcher || (c.role.department === 'holder' && c.mayContact && !c.anonymous));
  const reveal = async () => {
    try {
      const { phone } = await api.post<{ phone: string | null }>(`/api/cases/${c.id}/reveal-contact`);
      modal.info({ title: t('cases.case.contactPhone'), content: <Typography.Text copyable strong style={{ fontSize: '1.2em' }}>{phone ?? t('common.none')}</Typography.Text> });
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const department = (ref: { nameZh: string; nameEn: string } | null) => (ref ? nameOf(ref) : t('common.none'));
  const items = [
    { key: 'description', label: t('cases.form.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> },
    { key: 'place', label: t('cases.case.place'), children: `${nameOf({ nameZh: c.placeNameZh, nameEn: c.placeNameEn })}${c.address ? ` · ${c.address}` : ''}` },
    ...(c.lat !== null && c.lng !== null ? [{ key: 'position', label: t('cases.case.position'), children: `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}` }] : []),
    ...(c.photos.length
      ? [
          {
            key: 'photos',
            label: t('cases.case.photos'),
            children: (
              <Space wrap>
                {c.photos.map((url, i) => (
                  <a key={url} href={url} target="_blank" rel="noreferrer noopener">
                    {t('cases.case.photo', { n: i + 1 })}
                  </a>
                ))}
              </Space>
            ),
          },
        ]
      : []),
    { key: 'channel', label: t('cases.channelLabel'), children: t(`cases.channel.${c.channel}`) },
    { key: 'received', label: t('cases.case.received'), children: formatTime(c.receivedAt) },
    { key: 'department', label: t('cases.case.department'), children: department(c.department) },
    {
      key: 'suggested',
      label: t('cases.case.suggested'),
      children: c.suggestedDepartment ? `${nameOf(c.suggestedDepartment)}${c.suggestedConfidence !== null ? ` (${Math.round(c.suggestedConfidence * 100)}%)` : ''}` : t('common.none'),
    },
    ...(c.category ? [{ key: 'category', label: t('cases.case.category'), children: nameOf(c.category) }] : []),
    ...(c.helpers.length ? [{ key: 'helpers', label: t('cases.case.helpers'), children: c.helpers.map((h) => nameOf(h)).join(t('cases.listSeparator')) }] : []),
    ...(c.handoffTo ? [{ key: 'handoff', label: t('cases.case.handoffTo'), children: nameOf(c.handoffTo) }] : []),
    {
      key: 'contact',
      label: t('cases.case.contact'),
      children: (
        <Space wrap size={4}>
          <span>{[c.contactName, c.contactPhone].filter(Boolean).join(' · ') || (c.anonymous ? t('cases.case.anonymous') : t('common.none'))}</span>
          {c.anonymous && <Tag>{t('cases.case.anonymous')}</Tag>}
          {!c.mayContact && <Tag>{t('cases.case.noContact')}</Tag>}
          {mayReveal && (
            <Button size="small" type="link" onClick={() => void reveal()}>
              {t('people.reveal')}
            </Button>
          )}
        </Space>
      ),
    },
    ...(['acceptBy', 'onSceneBy', 'resolveBy'] as const).filter((k) => c[k]).map((k) => ({ key: k, label: t(`cases.case.${k}`), children: formatTime(c[k]) })),
    ...(c.mergedIntoId ? [{ key: 'mergedInto', label: t('cases.case.mergedInto'), children: <Link to={`/cases/${c.mergedIntoId}`}>{c.mergedIntoNumber}</Link> }] : []),
    ...(c.mergedFrom.length ? [{ key: 'mergedFrom', label: t('cases.case.mergedFrom'), children: c.mergedFrom.join(t('cases.listSeparator')) }] : []),
    ...(c.rating ? [{ key: 'rating', label: t('cases.case.rating'), children: `${t(`cases.rating.${c.rating}`)}${c.ratingComment ? ` · ${c.ratingComment}` : ''}` }] : []),
  ];
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('cases.case.what')}</h2>}>
      <Descriptions column={1} size="small" items={items} layout={wide ? 'horizontal' : 'vertical'} styles={{ label: wide ? { width: '8em' } : {} }} />
    </Card>
  );
}

/** Runs one action and puts the case as it now stands on the page (or leaves, when it left the caller's hands). */
function useAct(c: CaseView) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: object }) => act(c.id, action, body),
    onSuccess: ({ case: updated }) => {
      void message.success(t('cases.actions.done'));
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['whistle'] });
      if (updated) queryClient.setQueryData(caseQuery(c.id).queryKey, updated);
      else void navigate('/cases?view=department', { replace: true });
    },
    onError: (error) => void message.error(error.message),
  });
}

/** The buttons of what the caller may do now: the workflow's actions, then notes, handovers and the whistle. */
function Actions({ c, departments }: { c: CaseView; departments: Department[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useAct(c);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [locating, setLocating] = useState(false);
  const open = isOpen(c.status);
  const holder = c.role.department === 'holder';
  const has = (action: CaseView['actions'][number]) => c.actions.includes(action);

  const arrive = async () => {
    setLocating(true);
    const position = await here(8_000);
    setLocating(false);
    run.mutate({ action: 'arrive', body: position ? { position } : {} });
  };
  const checkIn = async () => {
    setLocating(true);
    const position = await here();
    setLocating(false);
    if (!position) return void message.error(t('cases.actions.noPosition'));
    run.mutate({ action: 'check-in', body: { position } });
  };

  const buttons: { key: string; label: string; primary?: boolean; danger?: boolean; onClick: () => void }[] = [];
  const dialogButton = (key: Dialog, primary = false, danger = false) => buttons.push({ key, label: t(`cases.actions.${key}`), primary, danger, onClick: () => setDialog(key) });
  if (has('dispatch')) dialogButton('dispatch', true);
  if (has('accept')) buttons.push({ key: 'accept', label: t('cases.actions.accept'), primary: true, onClick: () => run.mutate({ action: 'accept' }) });
  if (has('arrive')) buttons.push({ key: 'arrive', label: locating ? t('cases.actions.locating') : t('cases.actions.arrive'), onClick: () => void arrive() });
  if (has('resolve')) dialogButton('resolve', true);
  if (has('return')) dialogButton('return', false, true);
  if (has('suspend')) dialogButton('suspend');
  if (has('resume')) buttons.push({ key: 'resume', label: t('cases.actions.resume'), onClick: () => run.mutate({ action: 'resume' }) });
  if (has('close')) dialogButton('close');
  if (has('merge')) dialogButton('merge');
  if (c.role.dispatcher && c.handoffTo) dialogButton('handoff-decision', true);
  if (holder && HANDOFF_FROM.includes(c.status) && !c.handoffTo) dialogButton('handoff');
  if ((holder || c.role.dispatcher) && open) dialogButton('helpers');
  if (c.role.whistle && open) dialogButton('whistle');
  if (c.role.department && c.whistle.some((call) => !call.checkedInAt)) buttons.push({ key: 'check-in', label: locating ? t('cases.actions.locating') : t('cases.actions.checkIn'), primary: true, onClick: () => void checkIn() });
  if (c.role.whistle && c.whistle.length > 0) dialogButton('whistle-evaluation');
  if (c.role.dispatcher || c.role.department) dialogButton('notes');

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('cases.actions.title')}</h2>}>
      {buttons.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.actions.none')}</Typography.Text>
      ) : (
        <Space wrap data-testid="case-actions">
          {buttons.map((b) => (
            <Button key={b.key} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={b.onClick} loading={run.isPending && run.variables?.action === b.key} disabled={run.isPending || locating}>
              {b.label}
            </Button>
          ))}
        </Space>
      )}
      {dialog && <ActionDialog c={c} dialog={dialog} departments={departments} onClose={() => setDialog(null)} />}
    </Card>
  );
}

interface DialogValues {
  departmentId?: string;
  departmentIds?: string[];
  categoryId?: string | null;
  priority?: CaseView['priority'];
  text?: string;
  public?: boolean;
  approve?: boolean;
  number?: string;
  callId?: string;
  evaluation?: 'good' | 'adequate' | 'poor';
}

/** The dialog of one action: the fields it needs, its rules, and the request it makes. */
function ActionDialog({ c, dialog, departments, onClose }: { c: CaseView; dialog: Dialog; departments: Department[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DialogValues>();
  const run = useAct(c);
  const [problem, setProblem] = useState<string | null>(null);
  const chosenDepartment = Form.useWatch('departmentId', form);
  const others = departments.filter((d) => d.id !== c.department?.id);
  const departmentOptions = (list: Department[]) => list.map((d) => ({ value: d.id, label: nameOf(d) }));
  const categories = departments.find((d) => d.id === chosenDepartment)?.categories.filter((k) => !k.retired) ?? [];
  const required = (label: string) => [{ required: true, whitespace: true, message: t('cases.dialog.required', { field: label }) }];

  const text = (label: string, needed = true) => (
    <Form.Item name="text" label={label} rules={needed ? required(label) : []}>
      <Input.TextArea rows={4} maxLength={2000} showCount />
    </Form.Item>
  );
  const departmentField = (label: string, list: Department[]) => (
    <Form.Item name="departmentId" label={label} rules={[{ required: true, message: t('cases.dialog.required', { field: label }) }]}>
      <Select showSearch={{ optionFilterProp: 'label' }} options={departmentOptions(list)} />
    </Form.Item>
  );

  const fields: Record<Dialog, React.ReactNode> = {
    dispatch: (
      <>
        {departmentField(t('cases.dialog.department'), departments)}
        <Form.Item name="categoryId" label={t('cases.case.category')}>
          <Select allowClear options={categories.map((k) => ({ value: k.id, label: nameOf(k) }))} onClear={() => form.setFieldValue('categoryId', null)} />
        </Form.Item>
        <Form.Item name="priority" label={t('cases.priorityLabel')}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))} />
        </Form.Item>
        {text(t('cases.dialog.note'), false)}
      </>
    ),
    return: text(t('cases.dialog.returnReason')),
    resolve: text(t('cases.dialog.reply')),
    suspend: text(t('cases.dialog.reason')),
    close: text(t('cases.dialog.note'), false),
    merge: (
      <Form.Item name="number" label={t('cases.dialog.mergeInto')} rules={required(t('cases.dialog.mergeInto'))} extra={t('cases.dialog.mergeHint')}>
        <Input autoComplete="off" />
      </Form.Item>
    ),
    notes: (
      <>
        {text(t('cases.dialog.noteBody'))}
        <Form.Item name="public" label={t('cases.dialog.visibility')}>
          <Radio.Group
            options={[
              { value: false, label: t('cases.dialog.internal') },
              { value: true, label: t('cases.dialog.public') },
            ]}
          />
        </Form.Item>
      </>
    ),
    handoff: (
      <>
        {departmentField(t('cases.dialog.handoffTo'), others)}
        {text(t('cases.dialog.reason'))}
      </>
    ),
    'handoff-decision': (
      <>
        <p>{t('cases.dialog.handoffAsked', { department: c.handoffTo ? nameOf(c.handoffTo) : '' })}</p>
        <Form.Item name="approve" label={t('cases.dialog.decision')} rules={[{ required: true, message: t('cases.dialog.required', { field: t('cases.dialog.decision') }) }]}>
          <Radio.Group
            options={[
              { value: true, label: t('cases.dialog.approve') },
              { value: false, label: t('cases.dialog.refuse') },
            ]}
          />
        </Form.Item>
        {text(t('cases.dialog.reason'), false)}
      </>
    ),
    helpers: (
      <>
        {departmentField(t('cases.dialog.helper'), others)}
        {text(t('cases.dialog.reason'))}
      </>
    ),
    whistle: (
      <>
        <Form.Item name="departmentIds" label={t('cases.dialog.called')} rules={[{ required: true, message: t('cases.dialog.required', { field: t('cases.dialog.called') }) }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={departmentOptions(departments.filter((d) => !c.whistle.some((w) => w.department.id === d.id)))} />
        </Form.Item>
        {text(t('cases.dialog.note'), false)}
      </>
    ),
    'whistle-evaluation': (
      <>
        <Form.Item name="callId" label={t('cases.dialog.call')} rules={[{ required: true, message: t('cases.dialog.required', { field: t('cases.dialog.call') }) }]}>
          <Select options={c.whistle.map((w) => ({ value: w.id, label: `${nameOf(w.department)} · ${t(`cases.duty.${w.duty}`)}` }))} />
        </Form.Item>
        <Form.Item name="evaluation" label={t('cases.dialog.evaluation')} rules={[{ required: true, message: t('cases.dialog.required', { field: t('cases.dialog.evaluation') }) }]}>
          <Radio.Group options={(['good', 'adequate', 'poor'] as const).map((e) => ({ value: e, label: t(`cases.evaluation.${e}`) }))} />
        </Form.Item>
        {text(t('cases.dialog.comment'), false)}
      </>
    ),
  };

  const initial: DialogValues =
    dialog === 'dispatch'
      ? { departmentId: c.department?.id ?? c.suggestedDepartment?.id, categoryId: c.category?.id ?? null, priority: c.priority }
      : dialog === 'notes'
        ? { public: false }
        : dialog === 'whistle-evaluation'
          ? { callId: c.whistle[0]?.id }
          : {};

  const send = async (v: DialogValues) => {
    setProblem(null);
    const words = v.text?.trim() || undefined;
    let body: object;
    switch (dialog) {
      case 'dispatch':
        body = { departmentId: v.departmentId, categoryId: v.categoryId ?? null, priority: v.priority, note: words };
        break;
      case 'return':
      case 'suspend':
        body = { reason: words };
        break;
      case 'resolve':
        body = { reply: words };
        break;
      case 'close':
        body = { note: words };
        break;
      case 'merge': {
        // Operators quote numbers; the API takes the id of the case with that number.
        const number = v.number!.trim().toUpperCase();
        const { items } = await caseListQuery({ q: number, limit: 1 }).queryFn();
        const target = items.find((i) => i.number === number);
        if (!target) return setProblem(t('cases.dialog.noSuchCase', { number }));
        body = { intoId: target.id };
        break;
      }
      case 'notes':
        body = { body: words, public: v.public ?? false };
        break;
      case 'handoff':
      case 'helpers':
        body = { departmentId: v.departmentId, reason: words };
        break;
      case 'handoff-decision':
        body = { approve: v.approve, reason: words };
        break;
      case 'whistle':
        body = { departmentIds: v.departmentIds, note: words };
        break;
      case 'whistle-evaluation':
        body = { callId: v.callId, evaluation: v.evaluation, comment: words };
        break;
    }
    run.mutate({ action: dialog, body }, { onSuccess: onClose, onError: (error) => setProblem(error.message) });
  };

  return (
    <Modal
      open
      title={t(`cases.actions.${dialog}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('cases.dialog.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      okButtonProps={{ danger: dialog === 'return' }}
      destroyOnHidden
    >
      {problem && (
        <Typography.Paragraph type="danger" role="alert">
          {problem}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void send(v)} onValuesChange={(changed: DialogValues) => 'departmentId' in changed && dialog === 'dispatch' && form.setFieldValue('categoryId', null)}>
        {fields[dialog]}
      </Form>
    </Modal>
  );
}

/** Who was whistled to the scene, and who came: in time, late, or not at all. */
function WhistleCalls({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('cases.whistle.calls')}</h2>}>
      <ul className="similar" data-testid="whistle-calls">
        {c.whistle.map((w) => (
          <li key={w.id}>
            <p>
              <strong>{nameOf(w.department)}</strong> <DutyTag duty={w.duty} />
            </p>
            <p className="muted">
              {t('cases.whistle.calledAt')} {formatTime(w.calledAt)} · {t('cases.whistle.dueAt')} {formatTime(w.dueAt)}
            </p>
            {w.checkedInAt && (
              <p className="muted">
                {t('cases.whistle.checkedInAt')} {formatTime(w.checkedInAt)}
                {w.minutesTaken !== null && ` · ${t('cases.whistle.minutes')} ${t('cases.time.minutes', { count: w.minutesTaken })}`}
              </p>
            )}
            {w.evaluation && (
              <p>
                {t('cases.dialog.evaluation')}: {t(`cases.evaluation.${w.evaluation}`)}
                {w.evaluationComment && ` · ${w.evaluationComment}`}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
