import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Select, Space, Spin, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { BREAKDOWNS } from '../../../../src/modules/polls/attributes';
import type { OptionResult, QuestionResult } from '../../../../src/modules/polls/results';
import { defaultMapping, type RatingMapping } from '../../../../src/modules/polls/rating-link';
import { RATINGS } from '../../../../src/modules/cases/workflow';
import { api } from '../../api/client';
import { download } from '../../api/download';
import type { Resident } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { holds } from '../../app/permissions';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { newSubmissionKey } from '../cases/api';
import { formatDate, formatTime } from '../cases/words';
import { AnswerFlow } from './AnswerFlow';
import { TopicButton, TopicsTab } from './PollTopics';
import { type Breakdown, freeTextQuery, pollCasesQuery, type PollCaseView, type PollView, pollQuery, type Results, resultsQuery, trendQuery, type Who } from './api';
import './polls.css';
import './words';

// ECharts loads with the charts, after the figures.
const QuestionChart = lazy(() => import('./PollCharts').then((m) => ({ default: m.QuestionChart })));
const TrendChart = lazy(() => import('./PollCharts').then((m) => ({ default: m.TrendChart })));

const fixed = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toFixed(digits));

/**
 * One poll for its staff: who it asks and how far answering has come; the results with charts,
 * margins for samples, breakdowns with small groups hidden, the trend across rounds and the
 * free-text answers; exports; and, for liaisons, one-time codes and proxy entry.
 */
function PollPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const poll = useQuery(pollQuery(id));
  if (poll.isError) return failure(poll.error, () => void poll.refetch());
  if (!poll.data) return <Spin description={t('common.loading')}><div style={{ height: 120 }} /></Spin>;
  const p = poll.data;
  const proxy = holds(me, 'polls.proxy');
  const items = [
    { key: 'results', label: t('polls.poll.results'), children: <ResultsTab poll={p} /> },
    { key: 'breakdown', label: t('polls.poll.breakdown'), children: <BreakdownTab poll={p} /> },
    { key: 'trend', label: t('polls.poll.trend'), children: <TrendTab poll={p} /> },
    { key: 'text', label: t('polls.poll.freeText'), children: <FreeTextTab poll={p} /> },
    { key: 'cases', label: t('polls.poll.cases'), children: <CasesTab poll={p} /> },
    { key: 'topics', label: t('polls.topics.tab'), children: <TopicsTab poll={p} /> },
    ...(proxy && p.status === 'open'
      ? [
          { key: 'codes', label: t('polls.poll.codes'), children: <CodesTab poll={p} /> },
          { key: 'proxy', label: t('polls.poll.proxy'), children: <ProxyTab poll={p} /> },
        ]
      : []),
  ];
  return (
    <div className="stack">
      <PageHeading>{p.title}</PageHeading>
      <Header poll={p} manages={holds(me, 'polls.manage')} />
      <Tabs items={items} destroyOnHidden />
    </div>
  );
}

function Header({ poll: p, manages }: { poll: PollView; manages: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () => api.post<PollView>(`/api/polls/${p.id}/close`),
    onSuccess: (updated) => {
      queryClient.setQueryData(['polls', 'one', p.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['polls'] });
      void message.success(t('polls.poll.closed'));
    },
    onError: (error) => void message.error(error.message),
  });
  return (
    <Space wrap>
      <Tag data-testid="poll-status">{t(`polls.status.${p.status}`)}</Tag>
      <span>{nameOf({ nameZh: p.placeNameZh, nameEn: p.placeNameEn })}</span>
      <span>{t(`polls.groups.${p.targetGroup}`)}</span>
      <span>{t('polls.poll.population', { count: p.population })}</span>
      <span>{p.sampled ? t('polls.poll.sampled', { size: p.sampleSize }) : t('polls.poll.open')}</span>
      {p.anonymous && <span>{t('polls.poll.anonymous')}</span>}
      <span>
        {formatDate(p.opensAt)} – {formatDate(p.closesAt)}
      </span>
      {manages && p.status !== 'closed' && (
        <Button danger loading={close.isPending} onClick={() => modal.confirm({ title: t('polls.poll.closeConfirm'), onOk: () => close.mutateAsync() })}>
          {t('polls.poll.close')}
        </Button>
      )}
    </Space>
  );
}

function Exports({ poll, by }: { poll: PollView; by: Breakdown[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const get = async (extension: 'xlsx' | 'csv' | 'pdf') => {
    setBusy(extension);
    try {
      await download(`/api/polls/${poll.id}/results.${extension}${by.length ? `?by=${by.join(',')}` : ''}`, `tongxin-poll.${extension}`);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap>
      {(['xlsx', 'csv', 'pdf'] as const).map((e) => (
        <Button key={e} onClick={() => void get(e)} loading={busy === e} disabled={!!busy} data-testid={`export-${e}`}>
          {t(e === 'xlsx' ? 'polls.poll.exportXlsx' : e === 'csv' ? 'polls.poll.exportCsv' : 'polls.poll.exportPdf')}
        </Button>
      ))}
    </Space>
  );
}

function OptionsTable({ options, sampled, ranking, caption }: { options: OptionResult[]; sampled: boolean; ranking: boolean; caption: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<OptionResult> = [
    { title: t('polls.poll.option'), key: 'label', render: (_, o) => o.label },
    { title: t('polls.poll.count'), key: 'count', align: 'right', render: (_, o) => o.count },
    { title: t('polls.poll.percent'), key: 'percent', align: 'right', render: (_, o) => (o.percent === null ? '—' : `${fixed(o.percent)}%`) },
    ...(sampled ? [{ title: t('polls.poll.marginShort'), key: 'margin', align: 'right' as const, render: (_: unknown, o: OptionResult) => fixed(o.marginOfError) }] : []),
    ...(ranking ? [{ title: t('polls.poll.meanRank'), key: 'rank', align: 'right' as const, render: (_: unknown, o: OptionResult) => fixed(o.meanRank, 2) }] : []),
  ];
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={caption}>
      <Table<OptionResult> rowKey="id" size="small" dataSource={options} columns={columns} pagination={false} />
    </div>
  );
}

function QuestionCard({ poll, question: q, sampled }: { poll: PollView; question: QuestionResult; sampled: boolean }) {
  const { t } = useTranslation();
  const charted = q.options.length > 0 && q.type !== 'ranking';
  const shares = q.options.map((o) => `${o.label} ${fixed(o.percent)}%`).join(t('cases.listSeparator'));
  return (
    <Card
      size="small"
      title={<h2 style={{ margin: 0, fontSize: '1em', whiteSpace: 'normal' }}>{q.text}</h2>}
      extra={
        q.options.length > 0 && (
          <Space wrap>
            <CaseButton poll={poll} question={q.id} text={t('polls.poll.fromResult', { poll: poll.title, question: q.text, shares })} />
            <TopicButton poll={poll} question={q.id} questionText={q.text} shares={t('polls.poll.fromResult', { poll: poll.title, question: q.text, shares })} />
          </Space>
        )
      }
      data-testid={`result-${q.id}`}
    >
      <div className="stack">
        <span className="muted">
          {t('polls.poll.respondents', { count: q.respondents })}
          {q.mean !== undefined && q.mean !== null ? ` · ${t('polls.poll.mean', { value: fixed(q.mean, 2) })}` : ''}
        </span>
        {charted && (
          <Suspense fallback={<div style={{ height: 120 }} />}>
            <QuestionChart question={q} label={t('polls.poll.chartLabel', { question: q.text })} />
          </Suspense>
        )}
        {q.options.length > 0 && <OptionsTable options={q.options} sampled={sampled} ranking={q.type === 'ranking'} caption={q.text} />}
        {(q.items ?? []).map((item) => (
          <div key={item.id} className="stack" style={{ gap: 4 }}>
            <strong>{item.label}</strong>
            <OptionsTable options={item.options} sampled={sampled} ranking={false} caption={`${q.text} · ${item.label}`} />
          </div>
        ))}
      </div>
    </Card>
  );
}

function ResultsTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const results = useQuery(resultsQuery(poll.id));
  if (results.isError) return failure(results.error, () => void results.refetch());
  const r = results.data;
  if (!r) return <Spin description={t('common.loading')}><div style={{ height: 120 }} /></Spin>;
  return (
    <div className="stack">
      <Exports poll={poll} by={[]} />
      <dl className="poll-figures" data-testid="poll-figures">
        <div>
          <dt>{t('polls.poll.responses')}</dt>
          <dd data-testid="poll-responses">{r.responses}</dd>
        </div>
        {r.marginOfError !== null && (
          <div>
            <dt>{t('polls.poll.margin')}</dt>
            <dd data-testid="poll-margin">±{fixed(r.marginOfError)}</dd>
          </div>
        )}
        <div>
          <dt>{t('polls.poll.versions')}</dt>
          <dd>{r.versions.map((v) => `v${v.version} (${v.responses})`).join(', ') || '—'}</dd>
        </div>
      </dl>
      {r.questions.filter((q) => q.type !== 'text').map((q) => (
        <QuestionCard key={q.id} poll={poll} question={q} sampled={r.marginOfError !== null} />
      ))}
      <CaseRatingsCard poll={poll} results={r} />
    </div>
  );
}

/** A group's attribute value in words. */
function useGroupWords() {
  const { t } = useTranslation();
  return (attribute: string, value: string, label: string) =>
    attribute === 'residency' || attribute === 'gender' ? t(`${attribute}.${value}`, { defaultValue: value }) : attribute === 'community' ? label : value;
}

function BreakdownTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<Breakdown[]>(['residency']);
  const results = useQuery({ ...resultsQuery(poll.id, by), enabled: by.length > 0, placeholderData: keepPreviousData });
  const [question, setQuestion] = useState<string | null>(null);
  const words = useGroupWords();
  const r = results.data;
  const choices = r?.questions.filter((q) => q.options.length > 0 && q.type !== 'ranking') ?? [];
  const q = choices.find((x) => x.id === question) ?? choices[0];
  const columns = useMemo(() => (q ? (q.type === 'matrix' ? (q.items ?? []).flatMap((i) => q.options.map((o) => ({ key: `${i.id}:${o.id}`, label: `${i.label} ${o.label}` }))) : q.options.map((o) => ({ key: o.id, label: o.label }))) : []), [q]);
  type Row = NonNullable<Results['breakdown']>['groups'][number];
  const hidden = <span className="suppressed">{t('polls.poll.hidden')}</span>;
  const tableColumns: TableColumnsType<Row> = [
    { title: t('polls.poll.group'), key: 'group', render: (_, g) => Object.entries(g.keys).map(([a, v]) => words(a, v, g.labels[a] ?? v)).join(' / ') },
    { title: t('polls.list.responses'), key: 'n', align: 'right', render: (_, g) => (g.respondents === null ? hidden : g.respondents) },
    ...columns.map((c) => ({
      title: c.label,
      key: c.key,
      align: 'right' as const,
      render: (_: unknown, g: Row) => {
        if (g.respondents === null) return '';
        const n = g.questions[q!.id]?.options[c.key];
        return n === null ? hidden : (n ?? 0);
      },
    })),
  ];
  return (
    <div className="stack">
      <div className="toolbar">
        <Select<Breakdown[]>
          mode="multiple"
          className="tool-wide"
          aria-label={t('polls.poll.by')}
          placeholder={t('polls.poll.noBreakdown')}
          maxCount={2}
          value={by}
          onChange={setBy}
          options={BREAKDOWNS.map((b) => ({ value: b, label: t(`polls.breakdowns.${b}`) }))}
          data-testid="breakdown-by"
        />
        <Select<string>
          className="tool-wide"
          aria-label={t('polls.poll.question')}
          value={q?.id}
          onChange={setQuestion}
          options={choices.map((x) => ({ value: x.id, label: x.text }))}
        />
      </div>
      <Exports poll={poll} by={by} />
      {results.isError && failure(results.error, () => void results.refetch())}
      {r?.breakdown && q && (
        <div className="scroll-x" tabIndex={0} role="region" aria-label={`${t('polls.poll.breakdown')} · ${q.text}`}>
          <Table<Row> rowKey={(g) => Object.values(g.keys).join('/')} size="small" dataSource={r.breakdown.groups} columns={tableColumns} pagination={false} data-testid="breakdown-table" />
        </div>
      )}
    </div>
  );
}

function TrendTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const results = useQuery(resultsQuery(poll.id));
  const choices = results.data?.questions.filter((q) => q.options.length > 0 && q.type !== 'ranking' && q.type !== 'matrix') ?? [];
  const [question, setQuestion] = useState<string | null>(null);
  const q = choices.find((x) => x.id === question) ?? choices[0];
  const trend = useQuery(trendQuery(poll.id, q?.id ?? ''));
  const labels = useMemo(() => new Map(q?.options.map((o) => [o.id, o.label]) ?? []), [q]);
  type Round = NonNullable<typeof trend.data>[number];
  const columns: TableColumnsType<Round> = [
    { title: t('polls.poll.round'), key: 'title', render: (_, r) => `${r.title} (${formatDate(r.opensAt)})` },
    { title: t('polls.list.responses'), key: 'n', align: 'right', render: (_, r) => r.respondents },
    ...[...labels].map(([id, label]) => ({ title: label, key: id, align: 'right' as const, render: (_: unknown, r: Round) => `${fixed(r.options.find((o) => o.id === id)?.percent ?? 0)}%` })),
  ];
  return (
    <div className="stack">
      <Select<string> className="tool-wide" style={{ maxWidth: 480 }} aria-label={t('polls.poll.question')} value={q?.id} onChange={setQuestion} options={choices.map((x) => ({ value: x.id, label: x.text }))} />
      {trend.isError && failure(trend.error, () => void trend.refetch())}
      {trend.data && q && (
        <>
          <Suspense fallback={<div style={{ height: 300 }} />}>
            <TrendChart rounds={trend.data} labels={labels} label={t('polls.poll.trendLabel', { question: q.text })} />
          </Suspense>
          <div className="scroll-x" tabIndex={0} role="region" aria-label={`${t('polls.poll.trend')} · ${q.text}`}>
            <Table<Round> rowKey="pollId" size="small" dataSource={trend.data} columns={columns} pagination={false} data-testid="trend-table" />
          </div>
        </>
      )}
    </div>
  );
}

function FreeTextTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const results = useQuery(resultsQuery(poll.id));
  const texts = results.data?.questions.filter((q) => q.type === 'text') ?? [];
  const [question, setQuestion] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const q = texts.find((x) => x.id === question) ?? texts[0];
  const found = useQuery({ ...freeTextQuery(poll.id, q?.id ?? '', search.trim()), placeholderData: keepPreviousData });
  return (
    <div className="stack">
      <div className="toolbar">
        <Select<string> className="tool-wide" aria-label={t('polls.poll.question')} value={q?.id} onChange={setQuestion} options={texts.map((x) => ({ value: x.id, label: x.text }))} />
        <Input.Search className="tool-wide" aria-label={t('polls.poll.search')} placeholder={t('polls.poll.search')} allowClear onSearch={setSearch} data-testid="free-text-search" />
      </div>
      {found.isError && failure(found.error, () => void found.refetch())}
      {found.data && (
        <>
          <span className="muted" data-testid="free-text-count">
            {t('polls.poll.found', { count: found.data.total })}
          </span>
          {found.data.items.length === 0 ? (
            <p className="muted">{t('polls.poll.none')}</p>
          ) : (
            <ul className="poll-free-text" data-testid="free-text-list">
              {found.data.items.map((text, i) => (
                <li key={i}>
                  {text}
                  <div>
                    <CaseButton poll={poll} question={q?.id} text={text} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** Residents of the poll's place found by name or number, for codes and proxy entry. */
function useResidentSearch(poll: PollView) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['residents', 'poll-search', poll.placeId, q],
    queryFn: () => api.get<{ items: Resident[] }>(`/api/residents?placeId=${poll.placeId}&limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  const options = (found.data ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${nameOf({ nameZh: r.placeNameZh, nameEn: r.placeNameEn })}${r.phoneMasked ? ` · ${r.phoneMasked}` : ''}` }));
  return { options, onSearch: setQ, loading: found.isFetching, residents: found.data ?? [] };
}

function CodesTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const search = useResidentSearch(poll);
  const [chosen, setChosen] = useState<{ value: string; label: string }[]>([]);
  const issue = useMutation({ mutationFn: () => api.post<{ codes: { residentId: string; code: string }[] }>(`/api/polls/${poll.id}/codes`, { residentIds: chosen.map((c) => c.value) }) });
  const names = new Map(chosen.map((c) => [c.value, c.label]));
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <label htmlFor="codes-residents">{t('polls.poll.residents')}</label>
      <Select<{ value: string; label: string }[]>
        id="codes-residents"
        mode="multiple"
        labelInValue
        showSearch={{ filterOption: false, onSearch: search.onSearch }}
        loading={search.loading}
        value={chosen}
        onChange={setChosen}
        options={search.options}
        data-testid="codes-residents"
      />
      <Button type="primary" disabled={chosen.length === 0} loading={issue.isPending} onClick={() => issue.mutate()} style={{ alignSelf: 'start' }}>
        {t('polls.poll.issue')}
      </Button>
      {issue.isError && <p className="notice error" role="alert">{issue.error.message}</p>}
      {issue.data && (
        <section className="panel stack" data-testid="codes-issued">
          <p className="notice" style={{ margin: 0 }}>{t('polls.poll.codesOnce')}</p>
          <p style={{ margin: 0, overflowWrap: 'anywhere' }}>{`${location.origin}/answer/${poll.id}`}</p>
          <table className="poll-codes">
            <thead>
              <tr>
                <th scope="col">{t('polls.poll.resident')}</th>
                <th scope="col">{t('polls.poll.code')}</th>
              </tr>
            </thead>
            <tbody>
              {issue.data.codes.map((c) => (
                <tr key={c.residentId}>
                  <td>{names.get(c.residentId)?.split(' · ')[0]}</td>
                  <td className="code" data-testid="issued-code">{c.code}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

function ProxyTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const search = useResidentSearch(poll);
  const [who, setWho] = useState<(Who & { kind: 'proxy' }) | null>(null);
  const [round, setRound] = useState(0);
  return (
    <div className="stack" style={{ maxWidth: 640 }}>
      <label htmlFor="proxy-resident">{t('polls.poll.proxyPick')}</label>
      <Select<string>
        id="proxy-resident"
        showSearch={{ filterOption: false, onSearch: search.onSearch }}
        loading={search.loading}
        value={who?.residentId}
        onChange={(residentId) => {
          const found = search.residents.find((r) => r.id === residentId);
          setWho({ kind: 'proxy', residentId, name: found?.name ?? '' });
          setRound((n) => n + 1);
        }}
        options={search.options}
        data-testid="proxy-resident"
      />
      {who && (
        <section className="panel" key={`${who.residentId}-${round}`}>
          <AnswerFlow pollId={poll.id} who={who} />
          <Button style={{ marginTop: 12 }} onClick={() => setWho(null)}>
            {t('polls.poll.proxyAgain')}
          </Button>
        </section>
      )}
    </div>
  );
}

/**
 * Turns a result or an answer into a request to a department: the text is offered to edit, the
 * request goes through the cases intake once (a retry of the same send makes no second case).
 * Shown to those who run polls and take requests.
 */
function CaseButton({ poll, question, text }: { poll: PollView; question: string | undefined; text: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState(text);
  const [key, setKey] = useState(newSubmissionKey);
  const send = useMutation({
    mutationFn: () => api.post<{ caseId: string; number: string }>(`/api/polls/${poll.id}/cases`, { description: description.trim(), ...(question ? { question } : {}) }, { 'idempotency-key': key }),
    onSuccess: ({ number }) => {
      setOpen(false);
      setKey(newSubmissionKey());
      void queryClient.invalidateQueries({ queryKey: ['polls', 'cases', poll.id] });
      void message.success(t('polls.poll.toCaseDone', { number }));
    },
  });
  if (!holds(me, 'polls.manage') || !holds(me, 'cases.intake')) return null;
  return (
    <>
      <Button size="small" onClick={() => (setDescription(text), setOpen(true))} data-testid="to-case">
        {t('polls.poll.toCase')}
      </Button>
      <Modal open={open} title={t('polls.poll.caseTitle')} onCancel={() => setOpen(false)} onOk={() => send.mutate()} okText={t('polls.poll.caseSend')} okButtonProps={{ loading: send.isPending, disabled: description.trim().length < 4 }} destroyOnHidden>
        <div className="field">
          <label htmlFor="poll-case-text">{t('polls.poll.caseDescription')}</label>
          <Input.TextArea id="poll-case-text" value={description} maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {send.isError && <p className="notice error" role="alert">{send.error.message}</p>}
      </Modal>
    </>
  );
}

function CasesTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const list = useQuery(pollCasesQuery(poll.id));
  const columns: TableColumnsType<PollCaseView> = [
    { title: t('polls.poll.caseNumber'), key: 'number', render: (_, c) => <Link to={`/cases/${c.caseId}`}>{c.number}</Link> },
    { title: t('polls.poll.caseStatus'), key: 'status', render: (_, c) => t(`cases.status.${c.status}`, { defaultValue: c.status }) },
    { title: t('polls.poll.caseDescription'), key: 'description', render: (_, c) => <span className="queue-text">{c.description}</span> },
    { title: t('polls.list.period'), key: 'at', render: (_, c) => formatTime(c.createdAt) },
  ];
  if (list.isError) return failure(list.error, () => void list.refetch());
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={t('polls.poll.cases')}>
      <Table<PollCaseView> rowKey="caseId" size="small" loading={list.isPending} dataSource={list.data} columns={columns} pagination={false} locale={{ emptyText: t('polls.poll.noCases') }} data-testid="poll-cases" />
    </div>
  );
}

/**
 * The satisfaction question linked to the closing rating of cases: the link (for those who run
 * the poll) and, once linked, the poll's answers beside the cases' ratings on the same scale.
 */
function CaseRatingsCard({ poll, results }: { poll: PollView; results: Results }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const scales = results.questions.filter((q) => (q.type === 'rating' || q.type === 'single') && q.options.length >= 2);
  const linked = results.caseRatings;
  const [question, setQuestion] = useState<string | undefined>(linked?.question ?? scales[0]?.id);
  const chosen = scales.find((q) => q.id === question);
  const [mapping, setMapping] = useState<RatingMapping | null>(linked?.mapping ?? (chosen ? defaultMapping(chosen.options.map((o) => o.id)) : null));
  const save = useMutation({
    mutationFn: () => api.put(`/api/polls/${poll.id}/case-ratings`, { question, mapping }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['polls', 'results', poll.id] });
      void message.success(t('polls.poll.linkSaved'));
    },
    onError: (error) => void message.error(error.message),
  });
  if (scales.length === 0) return null;
  const manages = holds(me, 'polls.manage');
  const pollQuestion = results.questions.find((q) => q.id === linked?.question);
  type Row = { id: string; label: string; poll: number | null; cases: number | null };
  const rows: Row[] = linked && pollQuestion ? pollQuestion.options.map((o) => ({ id: o.id, label: o.label, poll: o.percent, cases: linked.options.find((c) => c.id === o.id)?.percent ?? null })) : [];
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('polls.poll.link')}</h2>} data-testid="case-ratings">
      <div className="stack">
        <span className="muted">{t('polls.poll.linkHint')}</span>
        {manages && (
          <div className="form-grid" style={{ maxWidth: 520 }}>
            <div className="field">
              <label htmlFor="link-question">{t('polls.poll.linkQuestion')}</label>
              <Select<string>
                id="link-question"
                value={question}
                onChange={(id) => {
                  setQuestion(id);
                  setMapping(defaultMapping(scales.find((q) => q.id === id)!.options.map((o) => o.id)));
                }}
                options={scales.map((q) => ({ value: q.id, label: q.text }))}
              />
            </div>
            {chosen &&
              mapping &&
              RATINGS.map((r) => (
                <div className="field" key={r}>
                  <label htmlFor={`link-${r}`}>{t(`polls.poll.rating.${r}`)}</label>
                  <Select<string> id={`link-${r}`} value={mapping[r]} onChange={(v) => setMapping({ ...mapping, [r]: v })} options={chosen.options.map((o) => ({ value: o.id, label: o.label }))} />
                </div>
              ))}
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!chosen || !mapping} style={{ justifySelf: 'start' }}>
              {t('polls.poll.linkSave')}
            </Button>
          </div>
        )}
        {linked && pollQuestion && (
          <>
            <strong>{t('polls.poll.caseRatings', { from: linked.from, to: linked.to, count: linked.rated })}</strong>
            <div className="scroll-x" tabIndex={0} role="region" aria-label={t('polls.poll.link')}>
              <Table<Row>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={rows}
                data-testid="case-ratings-table"
                columns={[
                  { title: t('polls.poll.option'), key: 'label', render: (_, row) => row.label },
                  { title: t('polls.poll.pollAnswers'), key: 'poll', align: 'right', render: (_, row) => (row.poll === null ? '—' : `${fixed(row.poll)}%`) },
                  { title: t('polls.poll.cases'), key: 'cases', align: 'right', render: (_, row) => (row.cases === null ? '—' : `${fixed(row.cases)}%`) },
                ]}
              />
            </div>
          </>
        )}
      </div>
    </Card>
  );
}

export default adminPage(PollPage);
