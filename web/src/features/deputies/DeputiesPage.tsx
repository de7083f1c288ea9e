import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeputyView, ReceptionView, WorkstationView } from '../../../../src/modules/deputies/deputies';
import type { VisitView } from '../../../../src/modules/deputies/visits';
import type { PollView } from '../../../../src/modules/polls/polls';
import { api } from '../../api/client';
import { adminPage } from '../../app/AdminPage';
import { holds } from '../../app/permissions';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { formatTime } from '../cases/words';
import { PlacePicker } from '../places/PlacePicker';
import { ReceptionChanges } from './ReceptionChanges';
import './words';

const Field = ({ id, label, children }: { id: string; label: string; children: ReactNode }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {children}
  </div>
);

const place = (r: { placeNameZh: string; placeNameEn: string }) => nameOf({ nameZh: r.placeNameZh, nameEn: r.placeNameEn });
/** A datetime-local value as an ISO moment in the device's clock. */
const moment = (local: string) => new Date(local).toISOString();

/**
 * Deputies' workstations: the deputies of one's places with their constituency and schedule
 * (and, for a deputy, the polls of his constituency), the workstations with their reception
 * schedule and visitor records, and forwarding a visitor's issue as a request.
 */
function DeputiesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const deputies = useQuery({ queryKey: ['deputies'], queryFn: () => api.get<{ items: DeputyView[] }>('/api/deputies').then((r) => r.items) });
  const workstations = useQuery({ queryKey: ['workstations'], queryFn: () => api.get<{ items: WorkstationView[] }>('/api/workstations').then((r) => r.items), enabled: holds(me, 'deputies.read') });
  const [chosen, setChosen] = useState<string | null>(null);
  const station = workstations.data?.find((w) => w.id === chosen) ?? workstations.data?.[0];
  return (
    <div className="stack">
      <PageHeading>{t('deputies.title')}</PageHeading>
      {deputies.isError && failure(deputies.error, () => void deputies.refetch())}
      <Tabs
        items={[
          { key: 'deputies', label: t('deputies.deputies'), children: <DeputiesTab deputies={deputies.data ?? []} loading={deputies.isPending} /> },
          {
            key: 'workstations',
            label: t('deputies.workstations'),
            children: (
              <div className="stack">
                <Space wrap>
                  <Select<string>
                    aria-label={t('deputies.workstation')}
                    style={{ minWidth: 240 }}
                    value={station?.id}
                    onChange={setChosen}
                    options={(workstations.data ?? []).map((w) => ({ value: w.id, label: `${w.name} · ${place(w)}` }))}
                    data-testid="workstation-select"
                  />
                </Space>
                {holds(me, 'deputies.manage') && <NewWorkstation />}
                {station && <Workstation key={station.id} station={station} deputies={deputies.data ?? []} />}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}

function DeputiesTab({ deputies, loading }: { deputies: DeputyView[]; loading: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<DeputyView> = [
    { title: t('deputies.personName'), key: 'name', render: (_, d) => <Button type="link" onClick={() => setOpen(d.id)} style={{ padding: 0 }}>{d.name}</Button> },
    { title: t('deputies.level'), key: 'level', render: (_, d) => t(`deputies.levels.${d.level}`) },
    { title: t('deputies.constituency'), key: 'place', render: (_, d) => place(d) },
  ];
  const mine = deputies.find((d) => d.mine);
  const shown = open ?? mine?.id ?? null;
  return (
    <div className="stack">
      <div className="scroll-x" tabIndex={0} role="region" aria-label={t('deputies.deputies')}>
        <Table<DeputyView> rowKey="id" size="small" loading={loading} dataSource={deputies} columns={columns} pagination={false} data-testid="deputies-table" />
      </div>
      {holds(me, 'deputies.manage') && <NewDeputy />}
      {shown && <DeputyCard key={shown} id={shown} />}
    </div>
  );
}

function DeputyCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const page = useQuery({ queryKey: ['deputies', id], queryFn: () => api.get<{ deputy: DeputyView; receptions: ReceptionView[]; polls: PollView[] }>(`/api/deputies/${id}`) });
  if (page.isError) return failure(page.error, () => void page.refetch());
  if (!page.data) return null;
  const { deputy, receptions, polls } = page.data;
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{`${deputy.name} · ${place(deputy)}`}</h2>} data-testid="deputy-card">
      <div className="stack">
        <h3 style={{ margin: 0, fontSize: '1em' }}>{t('deputies.schedule')}</h3>
        {receptions.length === 0 ? <p className="muted">{t('deputies.noReceptions')}</p> : <Receptions items={receptions} />}
        <h3 style={{ margin: 0, fontSize: '1em' }}>{t('deputies.polls')}</h3>
        <ul style={{ margin: 0 }}>
          {polls.map((p) => (
            <li key={p.id}>
              <Link to={`/polls/${p.id}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
        {deputy.mine && <Link to={`/polls/new?place=${deputy.placeId}`}>{t('deputies.newPoll')}</Link>}
      </div>
    </Card>
  );
}

/** The schedule; a cancelled reception stays, marked with its reason. Staff can move or cancel one still to come. */
function Receptions({ items, manages = false }: { items: ReceptionView[]; manages?: boolean }) {
  const { t } = useTranslation();
  const now = Date.now();
  return (
    <ul style={{ margin: 0 }} data-testid="receptions">
      {items.map((r) => (
        <li key={r.id} style={{ marginBottom: 4 }}>
          <span style={r.cancelledAt ? { textDecoration: 'line-through' } : undefined}>
            {formatTime(r.startsAt)} – {formatTime(r.endsAt)} · {r.deputyName} · {r.workstationName}
            {r.topic ? ` · ${t('deputies.topic')}: ${r.topic}` : ''}
          </span>
          {r.cancelledAt && <Tag style={{ marginInlineStart: 8 }}>{t('deputies.cancelled', { reason: r.cancelReason ?? '' })}</Tag>}
          {manages && !r.cancelledAt && new Date(r.endsAt).getTime() > now && (
            <span style={{ marginInlineStart: 8 }}>
              <ReceptionChanges reception={r} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function NewDeputy() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [level, setLevel] = useState<'municipal' | 'district' | 'township'>('district');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api.post('/api/deputies', { name: name.trim(), level, placeId }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['deputies'] });
      void message.success(t('common.saved'));
    },
    onError: (error) => void message.error(error.message),
  });
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('deputies.newDeputy')}</h2>}>
      <div className="form-grid" style={{ maxWidth: 520 }}>
        <Field id="deputy-name" label={t('deputies.personName')}>
          <Input id="deputy-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="deputy-level" label={t('deputies.level')}>
          <Select id="deputy-level" value={level} onChange={setLevel} options={(['municipal', 'district', 'township'] as const).map((l) => ({ value: l, label: t(`deputies.levels.${l}`) }))} />
        </Field>
        <Field id="deputy-place" label={t('deputies.constituency')}>
          <PlacePicker id="deputy-place" value={placeId} onChange={setPlaceId} />
        </Field>
        <Button type="primary" disabled={!name.trim() || !placeId} loading={save.isPending} onClick={() => save.mutate()} style={{ justifySelf: 'start' }}>
          {t('common.save')}
        </Button>
      </div>
    </Card>
  );
}

function NewWorkstation() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [kind, setKind] = useState<'workstation' | 'workshop'>('workstation');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api.post('/api/workstations', { name: name.trim(), address: address.trim(), kind, placeId }),
    onSuccess: () => {
      setName('');
      setAddress('');
      void queryClient.invalidateQueries({ queryKey: ['workstations'] });
      void message.success(t('common.saved'));
    },
    onError: (error) => void message.error(error.message),
  });
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('deputies.newWorkstation')}</h2>}>
      <div className="form-grid" style={{ maxWidth: 520 }}>
        <Field id="ws-name" label={t('deputies.name')}>
          <Input id="ws-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="ws-address" label={t('deputies.address')}>
          <Input id="ws-address" value={address} maxLength={200} onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <Field id="ws-kind" label={t('deputies.kind')}>
          <Select id="ws-kind" value={kind} onChange={setKind} options={(['workstation', 'workshop'] as const).map((k) => ({ value: k, label: t(`deputies.kinds.${k}`) }))} />
        </Field>
        <Field id="ws-place" label={t('deputies.place')}>
          <PlacePicker id="ws-place" value={placeId} onChange={setPlaceId} />
        </Field>
        <Button type="primary" disabled={!name.trim() || !placeId} loading={save.isPending} onClick={() => save.mutate()} style={{ justifySelf: 'start' }}>
          {t('common.save')}
        </Button>
      </div>
    </Card>
  );
}

function Workstation({ station, deputies }: { station: WorkstationView; deputies: DeputyView[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const schedule = useQuery({ queryKey: ['workstations', station.id, 'receptions'], queryFn: () => api.get<{ items: ReceptionView[] }>(`/api/workstations/${station.id}/receptions`).then((r) => r.items) });
  const visits = useQuery({ queryKey: ['workstations', station.id, 'visits'], queryFn: () => api.get<{ items: VisitView[] }>(`/api/workstations/${station.id}/visits`).then((r) => r.items) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['workstations', station.id] });
  const [reception, setReception] = useState({ deputyId: '', startsAt: '', endsAt: '', topic: '' });
  const [visit, setVisit] = useState({ visitorName: '', visitorPhone: '', issue: '', deputyId: '' });
  const book = useMutation({
    mutationFn: () => api.post(`/api/workstations/${station.id}/receptions`, { deputyId: reception.deputyId, startsAt: moment(reception.startsAt), endsAt: moment(reception.endsAt), topic: reception.topic }),
    onSuccess: () => (refresh(), void message.success(t('common.saved'))),
    onError: (error) => void message.error(error.message),
  });
  const record = useMutation({
    mutationFn: () =>
      api.post(`/api/workstations/${station.id}/visits`, {
        visitorName: visit.visitorName.trim(),
        issue: visit.issue.trim(),
        ...(visit.visitorPhone.trim() ? { visitorPhone: visit.visitorPhone.trim() } : {}),
        ...(visit.deputyId ? { deputyId: visit.deputyId } : {}),
      }),
    onSuccess: () => (setVisit({ visitorName: '', visitorPhone: '', issue: '', deputyId: '' }), refresh(), void message.success(t('common.saved'))),
    onError: (error) => void message.error(error.message),
  });
  const forward = useMutation({
    mutationFn: (id: string) => api.post<{ number: string }>(`/api/visits/${id}/forward`, {}),
    onSuccess: ({ number }) => (refresh(), void message.success(t('deputies.forwarded', { number }))),
    onError: (error) => void message.error(error.message),
  });
  const deputyOptions = deputies.map((d) => ({ value: d.id, label: d.name }));
  const manages = holds(me, 'deputies.manage');
  const records = holds(me, 'deputies.visits');
  const columns: TableColumnsType<VisitView> = [
    { title: t('deputies.visitedAt'), key: 'at', render: (_, v) => formatTime(v.visitedAt) },
    { title: t('deputies.visitor'), key: 'name', render: (_, v) => `${v.visitorName}${v.phoneMasked ? ` · ${v.phoneMasked}` : ''}` },
    { title: t('deputies.issue'), key: 'issue', render: (_, v) => <span className="queue-text">{v.issue}</span> },
    { title: t('deputies.deputy'), key: 'deputy', render: (_, v) => v.deputyName ?? '' },
    {
      title: t('deputies.request'),
      key: 'case',
      render: (_, v) =>
        v.caseId ? (
          <Link to={`/cases/${v.caseId}`}>{v.caseNumber}</Link>
        ) : records && holds(me, 'cases.intake') ? (
          <Button size="small" loading={forward.isPending && forward.variables === v.id} onClick={() => forward.mutate(v.id)} data-testid="forward-visit">
            {t('deputies.forward')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="stack">
      <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{`${t('deputies.schedule')} · ${station.name}`}</h2>}>
        <div className="stack">
          {schedule.data && (schedule.data.length ? <Receptions items={schedule.data} manages={manages} /> : <p className="muted">{t('deputies.noReceptions')}</p>)}
          {manages && (
            <div className="form-grid" style={{ maxWidth: 520 }}>
              <Field id="rc-deputy" label={t('deputies.deputy')}>
                <Select id="rc-deputy" value={reception.deputyId || undefined} onChange={(deputyId) => setReception({ ...reception, deputyId })} options={deputyOptions} />
              </Field>
              <Field id="rc-start" label={t('deputies.startsAt')}>
                <Input id="rc-start" type="datetime-local" value={reception.startsAt} onChange={(e) => setReception({ ...reception, startsAt: e.target.value })} />
              </Field>
              <Field id="rc-end" label={t('deputies.endsAt')}>
                <Input id="rc-end" type="datetime-local" value={reception.endsAt} onChange={(e) => setReception({ ...reception, endsAt: e.target.value })} />
              </Field>
              <Field id="rc-topic" label={t('deputies.topic')}>
                <Input id="rc-topic" value={reception.topic} maxLength={200} onChange={(e) => setReception({ ...reception, topic: e.target.value })} />
              </Field>
              <Button disabled={!reception.deputyId || !reception.startsAt || !reception.endsAt} loading={book.isPending} onClick={() => book.mutate()} style={{ justifySelf: 'start' }}>
                {t('deputies.addReception')}
              </Button>
            </div>
          )}
        </div>
      </Card>
      <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('deputies.visits')}</h2>}>
        <div className="stack">
          {records && (
            <div className="form-grid" style={{ maxWidth: 520 }}>
              <Field id="vs-name" label={t('deputies.visitor')}>
                <Input id="vs-name" value={visit.visitorName} maxLength={50} onChange={(e) => setVisit({ ...visit, visitorName: e.target.value })} />
              </Field>
              <Field id="vs-phone" label={t('deputies.phone')}>
                <Input id="vs-phone" value={visit.visitorPhone} maxLength={20} inputMode="tel" onChange={(e) => setVisit({ ...visit, visitorPhone: e.target.value })} />
              </Field>
              <Field id="vs-issue" label={t('deputies.issue')}>
                <Input.TextArea id="vs-issue" value={visit.issue} maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => setVisit({ ...visit, issue: e.target.value })} />
              </Field>
              <Field id="vs-deputy" label={t('deputies.deputy')}>
                <Select id="vs-deputy" allowClear value={visit.deputyId || undefined} onChange={(deputyId) => setVisit({ ...visit, deputyId: deputyId ?? '' })} options={deputyOptions} />
              </Field>
              <Button type="primary" disabled={!visit.visitorName.trim() || visit.issue.trim().length < 2} loading={record.isPending} onClick={() => record.mutate()} style={{ justifySelf: 'start' }}>
                {t('deputies.record')}
              </Button>
            </div>
          )}
          {visits.isError && failure(visits.error, () => void visits.refetch())}
          <div className="scroll-x" tabIndex={0} role="region" aria-label={t('deputies.visits')}>
            <Table<VisitView> rowKey="id" size="small" loading={visits.isPending} dataSource={visits.data} columns={columns} pagination={false} data-testid="visits-table" />
          </div>
        </div>
      </Card>
    </div>
  );
}

export default adminPage(DeputiesPage);
