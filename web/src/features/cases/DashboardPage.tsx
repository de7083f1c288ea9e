import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Input, Row, Select, Space, Spin, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS } from '../../../../src/platform/access';
import { api } from '../../api/client';
import { download } from '../../api/download';
import type { Dashboard, DashboardRow, Me } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PlacePicker } from '../places/PlacePicker';
import { queryOf } from './api';
import { formatDate } from './words';
import './cases.css';

// ECharts is large: it loads with the charts, after the figures, and never on a resident's phone.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

type Breakdown = 'department' | 'place' | 'week' | 'month';
const PERIODS = [30, 90, 182, 365] as const;

/** A day as the date input writes it, in the device's calendar. */
const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const daysAgo = (n: number) => day(new Date(Date.now() - n * 86_400_000));

/** The one place whose figures someone evaluates, if there is exactly one. */
function evaluatedPlace(me: Me | null | undefined): string | null {
  const places = new Set(me?.grants.filter((g) => (PERMISSIONS['cases.evaluate'] as readonly string[]).includes(g.role)).map((g) => g.placeId));
  return places.size === 1 ? ([...places][0] ?? null) : null;
}

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/**
 * The evaluation of the one-number line for leaders: volume, timeliness, resolution and
 * satisfaction, by department, place, week and month, for a place and a period; charts with the
 * figures beside them in tables, and the same as Excel or CSV.
 */
function DashboardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [placeId, setPlaceId] = useState<string | null>(() => evaluatedPlace(me));
  const [from, setFrom] = useState(() => daysAgo(182));
  const [to, setTo] = useState(() => day(new Date()));
  const [breakdown, setBreakdown] = useState<Breakdown>('department');
  const [exporting, setExporting] = useState<string | null>(null);
  const filters = {
    placeId,
    from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined,
    to: to ? new Date(`${to}T23:59:59.999`).toISOString() : undefined,
  };
  const dashboard = useQuery({ queryKey: ['cases', 'dashboard', filters], queryFn: () => api.get<Dashboard>(`/api/cases/dashboard${queryOf(filters)}`), placeholderData: keepPreviousData });

  const exportAs = async (kind: 'xlsx' | 'csv') => {
    setExporting(kind);
    try {
      if (kind === 'xlsx') await download(`/api/cases/dashboard.xlsx${queryOf(filters)}`, 'tongxin-evaluation.xlsx');
      else await download(`/api/cases/dashboard.csv${queryOf({ ...filters, breakdown })}`, `tongxin-evaluation-${breakdown}.csv`);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setExporting(null);
    }
  };

  const d = dashboard.data;
  return (
    <div className="stack">
      <PageHeading>{t('cases.dashboard.title')}</PageHeading>
      <div className="toolbar" role="group" aria-label={t('cases.dashboard.filters')}>
        <div className="tool">
          <PlacePicker value={placeId} onChange={setPlaceId} placeholder={t('cases.case.place')} />
        </div>
        <Select<number | null>
          className="tool"
          aria-label={t('cases.dashboard.period')}
          value={PERIODS.find((n) => from === daysAgo(n) && to === day(new Date())) ?? null}
          placeholder={t('cases.dashboard.period')}
          onChange={(n) => {
            if (n === null) return;
            setFrom(daysAgo(n));
            setTo(day(new Date()));
          }}
          options={PERIODS.map((n) => ({ value: n, label: t('cases.dashboard.lastDays', { count: n }) }))}
        />
        <label className="row" style={{ gap: 4 }}>
          <span>{t('cases.dashboard.from')}</span>
          <Input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} style={{ width: 'auto' }} />
        </label>
        <label className="row" style={{ gap: 4 }}>
          <span>{t('cases.dashboard.to')}</span>
          <Input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} style={{ width: 'auto' }} />
        </label>
      </div>
      <Space wrap>
        <Button onClick={() => void exportAs('xlsx')} loading={exporting === 'xlsx'} disabled={!!exporting}>
          {t('cases.dashboard.excel')}
        </Button>
        <Select<Breakdown>
          aria-label={t('cases.dashboard.breakdown')}
          value={breakdown}
          onChange={setBreakdown}
          style={{ minWidth: 140 }}
          options={(['department', 'place', 'week', 'month'] as const).map((b) => ({ value: b, label: t(`cases.dashboard.by.${b}`) }))}
        />
        <Button onClick={() => void exportAs('csv')} loading={exporting === 'csv'} disabled={!!exporting}>
          {t('cases.dashboard.csv')}
        </Button>
      </Space>
      {dashboard.isPending && (
        <Spin description={t('common.loading')}>
          <div style={{ height: 120 }} />
        </Spin>
      )}
      {dashboard.isError && failure(dashboard.error, () => void dashboard.refetch())}
      {d && (
        <>
          <Typography.Title level={2} style={{ fontSize: '1.2em', margin: 0 }} data-testid="dashboard-scope">
            {t('cases.dashboard.scope', { place: d.place ? nameOf(d.place) : t('common.everywhere'), from: formatDate(d.from), to: formatDate(d.to) })}
          </Typography.Title>
          <Figures total={d.total} />
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <DashboardCharts dashboard={d} />
          </Suspense>
          <Breakdowns dashboard={d} />
        </>
      )}
    </div>
  );
}

function Figures({ total }: { total: DashboardRow }) {
  const { t } = useTranslation();
  const counts = [
    ['cases', total.cases],
    ['resolved', total.resolved],
    ['overdueOpen', total.overdueOpen],
  ] as const;
  const rates = [
    ['resolutionRate', total.resolutionRate],
    ['resolutionTimeliness', total.resolutionTimeliness],
    ['acceptanceTimeliness', total.acceptanceTimeliness],
    ['satisfactionRate', total.satisfactionRate],
    ['returnRate', total.returnRate],
    ['reopenRate', total.reopenRate],
  ] as const;
  return (
    <Row gutter={[12, 12]} data-testid="dashboard-figures">
      {counts.map(([key, value]) => (
        <Col xs={12} sm={8} lg={6} xl={4} key={key}>
          <Card size="small">
            <Statistic title={t(`cases.dashboard.k.${key}`)} value={value} />
          </Card>
        </Col>
      ))}
      {rates.map(([key, value]) => (
        <Col xs={12} sm={8} lg={6} xl={4} key={key}>
          <Card size="small">
            <Statistic title={t(`cases.dashboard.k.${key}`)} value={percent(value)} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The figures behind the charts, and more: by department and by place, every count and rate. */
function Breakdowns({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<DashboardRow> = [
    { title: t('cases.dashboard.name'), key: 'label', render: (_, r) => nameOf({ nameZh: r.labelZh, nameEn: r.labelEn }) },
    ...(['cases', 'dispatched', 'resolved', 'overdueOpen', 'returned', 'reopened'] as const).map((k) => ({ title: t(`cases.dashboard.k.${k}`), key: k, align: 'right' as const, render: (_: unknown, r: DashboardRow) => r[k] })),
    ...(['resolutionRate', 'resolutionTimeliness', 'acceptanceTimeliness', 'satisfactionRate'] as const).map((k) => ({
      title: t(`cases.dashboard.k.${k}`),
      key: k,
      align: 'right' as const,
      render: (_: unknown, r: DashboardRow) => percent(r[k]),
    })),
  ];
  // Wide tables scroll sideways in a region the keyboard can reach (nothing in them takes focus otherwise).
  const table = (title: string, rows: DashboardRow[]) => (
    <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{title}</h2>}>
      <div className="scroll-x" tabIndex={0} role="region" aria-label={title}>
        <Table<DashboardRow> rowKey={(r) => r.key || 'none'} size="small" dataSource={rows} columns={columns} pagination={{ pageSize: 25, hideOnSinglePage: true, showSizeChanger: false }} />
      </div>
    </Card>
  );
  return (
    <>
      {table(t('cases.dashboard.by.department'), dashboard.byDepartment)}
      {table(t('cases.dashboard.by.place'), dashboard.byPlace)}
    </>
  );
}

export default adminPage(DashboardPage);
