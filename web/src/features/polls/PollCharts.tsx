import { useMemo } from 'react';
import type { QuestionResult } from '../../../../src/modules/polls/results';
import { Chart, type ChartOption } from '../../app/Chart';
import type { TrendPoint } from './api';

const BLUE = '#0050b3';
const PALETTE = [BLUE, '#237804', '#ad4e00', '#531dab', '#a8071a', '#006d75', '#614700'];

const pct = (n: number | null) => (n === null ? 0 : Math.round(n * 10) / 10);

/** The shares of one question's answers as horizontal bars. */
export function QuestionChart({ question, label }: { question: QuestionResult; label: string }) {
  const option = useMemo<ChartOption>(
    () => ({
      color: [BLUE],
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: question.options.map((o) => o.label), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{ type: 'bar', data: question.options.map((o) => pct(o.percent)), label: { show: true, position: 'right', formatter: '{c}%' } }],
    }),
    [question],
  );
  return <Chart option={option} label={label} height={Math.max(120, 34 * question.options.length + 30)} testId="question-chart" />;
}

/** One question's shares across the rounds of a series, a line per answer. */
export function TrendChart({ rounds, labels, label }: { rounds: TrendPoint[]; labels: Map<string, string>; label: string }) {
  const option = useMemo<ChartOption>(() => {
    const ids = [...new Set(rounds.flatMap((r) => r.options.map((o) => o.id)))];
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rounds.map((r) => r.title) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: ids.map((id) => ({ name: labels.get(id) ?? id, type: 'line', data: rounds.map((r) => pct(r.options.find((o) => o.id === id)?.percent ?? 0)) })),
    };
  }, [rounds, labels]);
  return <Chart option={option} label={label} height={300} testId="trend-chart" />;
}
