import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../api/types';
import { Chart, type ChartClick, type ChartOption } from '../../app/Chart';
import { nameOf } from '../../i18n';

/** Established and new residents of each place one level down, stacked. */
export default function OverviewChart({ units, onOpen }: { units: Overview['units']; onOpen: (placeId: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const names = useMemo(() => units.map((u) => nameOf(u)), [units, language]);
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#0050b3', '#d46b08'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: names, inverse: true, triggerEvent: true, axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        { name: t('home.established'), type: 'bar', stack: 'all', data: units.map((u) => u.established) },
        { name: t('home.newResidents'), type: 'bar', stack: 'all', data: units.map((u) => u.new) },
      ],
    }),
    [units, names, t],
  );
  // A click on a place's bar or name opens that place (the table below does the same by keyboard).
  const open = useCallback(
    (event: ChartClick) => {
      const unit = units[event.componentType === 'yAxis' ? names.indexOf(String(event.value)) : event.dataIndex];
      if (unit) onOpen(unit.placeId);
    },
    [units, names, onOpen],
  );
  return <Chart option={option} label={t('home.chartLabel')} height={Math.max(220, 48 * units.length + 80)} onClick={open} />;
}
