import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/types';
import { Chart, type ChartOption } from '../../app/Chart';
import { nameOf } from '../../i18n';

const BLUE = '#0050b3';
const GREEN = '#237804';
const ORANGE = '#ad4e00';

const legend = { top: 0, type: 'scroll' as const };
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * The evaluation's two pictures: requests and resolutions over time with the satisfaction rate,
 * and the departments by volume with their on-time resolution. The tables under them hold the figures.
 */
export default function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation();
  // Short periods read by week, longer ones by month.
  const days = (new Date(dashboard.to).getTime() - new Date(dashboard.from).getTime()) / 86_400_000;
  const series = days <= 92 ? dashboard.byWeek : dashboard.byMonth;
  const departments = useMemo(() => dashboard.byDepartment.slice(0, 12), [dashboard]);
  const language = i18n.language;
  const trend = useMemo<ChartOption>(() => ({
    color: [BLUE, GREEN, ORANGE],
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: series.map((r) => nameOf({ nameZh: r.labelZh, nameEn: r.labelEn })) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: t('cases.dashboard.k.cases'), type: 'bar', data: series.map((r) => r.cases) },
      { name: t('cases.dashboard.k.resolved'), type: 'bar', data: series.map((r) => r.resolved) },
      { name: t('cases.dashboard.k.satisfactionRate'), type: 'line', yAxisIndex: 1, connectNulls: true, data: series.map((r) => pct(r.satisfactionRate)) },
    ],
  }), [series, t, language]);
  const byDepartment = useMemo<ChartOption>(() => ({
    color: [BLUE, GREEN],
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: departments.map((r) => nameOf({ nameZh: r.labelZh, nameEn: r.labelEn })), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      { name: t('cases.dashboard.k.cases'), type: 'bar', data: departments.map((r) => r.cases) },
      { name: t('cases.dashboard.k.resolvedOnTime'), type: 'bar', data: departments.map((r) => r.resolvedOnTime) },
    ],
  }), [departments, t, language]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{days <= 92 ? t('cases.dashboard.trendWeek') : t('cases.dashboard.trendMonth')}</h2>}>
          <Chart option={trend} label={t('cases.dashboard.trendLabel')} height={300} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('cases.dashboard.byDepartmentChart')}</h2>}>
          <Chart option={byDepartment} label={t('cases.dashboard.byDepartmentLabel')} height={Math.max(240, 36 * departments.length + 80)} />
        </Card>
      </Col>
    </Row>
  );
}
