/**
 * One figure of a benchmark run, comparable with the same figure of another run: throughput is
 * better higher, time and memory lower. `noise` is a difference too small to mean anything
 * (a millisecond of latency, a few MiB), never flagged however large in percent.
 */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  noise?: number;
  /** A limit measured beside the project's figures (empty route, bare pg): a change there is the machine's, not the code's. */
  limit?: boolean;
}

export interface Change {
  id: string;
  label: string;
  unit: string;
  previous: number;
  latest: number;
  /** latest / previous − 1; Infinity when the previous value was 0. */
  change: number;
  /** Worse by more than the threshold (and by more than the noise). */
  regression: boolean;
  improvement: boolean;
  limit: boolean;
}

export interface Comparison {
  threshold: number;
  changes: Change[];
  regressions: Change[];
  /** In the latest run only, or in the previous only. */
  added: string[];
  removed: string[];
}

export const REGRESSION_THRESHOLD = 0.2;

export function compareRuns(previous: Figure[], latest: Figure[], threshold = REGRESSION_THRESHOLD): Comparison {
  const before = new Map(previous.filter((f) => Number.isFinite(f.value)).map((f) => [f.id, f]));
  const changes: Change[] = [];
  for (const figure of latest) {
    const old = before.get(figure.id);
    if (!old || !Number.isFinite(figure.value)) continue;
    const change = old.value === 0 ? (figure.value === 0 ? 0 : Infinity) : figure.value / old.value - 1;
    const beyondNoise = Math.abs(figure.value - old.value) > (figure.noise ?? 0);
    const worse = figure.better === 'higher' ? figure.value < old.value * (1 - threshold) : figure.value > old.value * (1 + threshold);
    const better = figure.better === 'higher' ? figure.value > old.value * (1 + threshold) : figure.value < old.value * (1 - threshold);
    changes.push({
      id: figure.id,
      label: figure.label,
      unit: figure.unit,
      previous: old.value,
      latest: figure.value,
      change,
      regression: worse && beyondNoise,
      improvement: better && beyondNoise,
      limit: figure.limit ?? false,
    });
  }
  const latestIds = new Set(latest.map((f) => f.id));
  return {
    threshold,
    changes,
    regressions: changes.filter((c) => c.regression),
    added: latest.filter((f) => !before.has(f.id)).map((f) => f.id),
    removed: [...before.keys()].filter((id) => !latestIds.has(id)),
  };
}

const percent = (change: number) => (Number.isFinite(change) ? `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%` : 'from 0');
const number = (value: number) => (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : String(Math.round(value * 100) / 100));

/** A short table of every figure, with the change since the previous run where there was one. */
export function comparisonMarkdown(latest: Figure[], comparison: Comparison | null): string {
  const byId = new Map(comparison?.changes.map((c) => [c.id, c]) ?? []);
  const lines = ['| figure | value | previous | change | |', '|---|---:|---:|---:|---|'];
  for (const f of latest) {
    const c = byId.get(f.id);
    const flag = c?.regression ? (c.limit ? '**slower machine?** (a limit)' : `**regression** (> ${Math.round((comparison!.threshold) * 100)}% worse)`) : c?.improvement ? 'better' : '';
    lines.push(`| ${f.label}${f.limit ? ' *(limit)*' : ''} | ${number(f.value)} ${f.unit} | ${c ? `${number(c.previous)} ${f.unit}` : '—'} | ${c ? percent(c.change) : 'new'} | ${flag} |`);
  }
  return lines.join('\n');
}
