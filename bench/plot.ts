import * as echarts from 'echarts';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cases-support.js';

/**
 * The scale series of the cases benchmark as a picture: the dashboard and the deadline sweep
 * against the number of cases, beside their limits (count(*), a bare UPDATE), both axes
 * logarithmic so that a cost growing with the data shows as a slope and a flat one as flat.
 * Read from bench/results/cases.json; written to bench/results/cases-scale.svg (ECharts,
 * rendered to SVG on the server).
 */
interface Step {
  cases: number;
}

export function scaleChartSvg(results: {
  machine: { date: string; cpus: number; cpuModel: string };
  load?: Record<string, number[]>;
  dashboard: { steps: (Step & { districtMs: number; subdistrictMs: number; countAllMs: number })[] };
  sweep: (Step & { sweepMs: number; bareUpdateMs: number; due: number })[];
}): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 820, height: 480 });
  const line = (name: string, points: [number, number][], dashed = false) => ({
    name,
    type: 'line' as const,
    data: points,
    symbolSize: 7,
    lineStyle: { width: 2, type: dashed ? ('dashed' as const) : ('solid' as const) },
  });
  const d = results.dashboard.steps;
  const s = results.sweep;
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: 'Dashboard and deadline sweep vs. number of cases (PostgreSQL)',
      subtext: `${results.machine.date.slice(0, 10)}, ${results.machine.cpus} × ${results.machine.cpuModel}, shared machine (load average ${results.load?.dashboard?.[0] ?? '?'} / ${results.load?.sweep?.[0] ?? '?'} at the start of the dashboard / sweep series); dashed: limits measured in the same run; log axes`,
      left: 'center',
      textStyle: { fontSize: 15 },
      subtextStyle: { fontSize: 11 },
    },
    legend: { bottom: 0, itemGap: 28 },
    grid: { left: 70, right: 60, top: 80, bottom: 80 },
    xAxis: { type: 'log', name: 'cases', nameLocation: 'end', nameGap: 8, min: 'dataMin', max: 'dataMax', axisLabel: { formatter: (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : `${v}`) } },
    yAxis: { type: 'log', name: 'ms', nameLocation: 'middle', nameGap: 45 },
    tooltip: {},
    series: [
      line('dashboard, district', d.map((x) => [x.cases, x.districtMs])),
      line('dashboard, subdistrict', d.map((x) => [x.cases, x.subdistrictMs])),
      line('count(*) of the cases', d.map((x) => [x.cases, x.countAllMs]), true),
      line('sweep (1% of open cases due)', s.map((x) => [x.cases, x.sweepMs])),
      line('bare UPDATE of the due rows', s.map((x) => [x.cases, x.bareUpdateMs]), true),
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const results = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results', 'cases.json'), 'utf8'));
  const out = path.join(ROOT, 'bench', 'results', 'cases-scale.svg');
  writeFileSync(out, scaleChartSvg(results));
  process.stderr.write(`[plot] ${out}\n`);
}
