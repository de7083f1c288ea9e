import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the pieces our charts use, so the chart chunk stays as small as ECharts allows. Pages load
// their charts lazily, so none of this is in the first download.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = echarts.ECElementEvent;

/**
 * One chart, drawn as SVG and resized with the window. Screen readers get `label` (ECharts' aria
 * would write its own description over it, so it is told ours); the figures are in a table beside
 * every chart. `onClick` makes bars and axis names clickable.
 */
export function Chart({ option, label, height, testId, onClick }: { option: ChartOption; label: string; height: number; testId?: string; onClick?: (event: ChartClick) => void }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.setOption({ ...option, aria: { enabled: true, label: { description: label } } });
    if (onClick) chart.on('click', onClick);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, label, onClick]);
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} />;
}
