import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../api/types';
import { nameOf } from '../../i18n';

// Only the pieces this chart uses, so the chart chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** Established and new residents of each place one level down, stacked. */
export default function OverviewChart({ units, onOpen }: { units: Overview['units']; onOpen: (placeId: string) => void }) {
  const { t, i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(element.current!, undefined, { renderer: 'svg' });
    const names = units.map((u) => nameOf(u));
    chart.setOption({
      aria: { enabled: true },
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
    });
    // A click on a place's bar or name opens that place (the table below does the same by keyboard).
    chart.on('click', (event) => {
      const index = event.componentType === 'yAxis' ? names.indexOf(String(event.value)) : event.dataIndex;
      const unit = units[index];
      if (unit) onOpen(unit.placeId);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [units, onOpen, t, i18n.language]);
  return <div ref={element} role="img" aria-label={t('home.chartLabel')} style={{ width: '100%', height: Math.max(220, 48 * units.length + 80), cursor: 'pointer' }} />;
}
