import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machine, ROOT } from './cases-support.js';
import { compareRuns, type Comparison, comparisonMarkdown, type Figure, REGRESSION_THRESHOLD } from './compare.js';
import { SOURCES } from './figures.js';

/**
 * The last step of `npm run bench`: gathers the headline figures of every benchmark's results
 * into bench/results/latest.json and latest.md, compared with the run before (the previous
 * latest.json, kept as previous.json), and flags each figure more than 20% worse. Exits with
 * code 2 when the project's own figures regressed (limits that moved only warn: the machine
 * changed, not the code), so a script can tell.
 */
const RESULTS = path.join(ROOT, 'bench', 'results');

interface Latest {
  machine: ReturnType<typeof machine>;
  loadAverage: number[];
  /** When each results file was measured. */
  sources: Record<string, string | null>;
  figures: Figure[];
  comparedWith: { date: string; regressions: number } | null;
}

function main(): void {
  const figures: Figure[] = [];
  const sources: Record<string, string | null> = {};
  for (const [file, read] of Object.entries(SOURCES)) {
    const full = path.join(RESULTS, file);
    if (!existsSync(full)) continue;
    const results = JSON.parse(readFileSync(full, 'utf8'));
    sources[file] = results.machine?.date ?? results.date ?? null;
    figures.push(...read(results));
  }
  const latestFile = path.join(RESULTS, 'latest.json');
  const previous: Latest | null = existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, 'utf8')) as Latest) : null;
  const comparison: Comparison | null = previous ? compareRuns(previous.figures, figures) : null;
  if (previous) copyFileSync(latestFile, path.join(RESULTS, 'previous.json'));

  const latest: Latest = {
    machine: machine(),
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
    sources,
    figures,
    comparedWith: previous && comparison ? { date: previous.machine.date, regressions: comparison.regressions.length } : null,
  };
  writeFileSync(latestFile, JSON.stringify(latest, null, 2) + '\n');

  const own = comparison?.regressions.filter((r) => !r.limit) ?? [];
  const m = latest.machine;
  const table = [
    '# Benchmarks: the latest figures',
    '',
    `Collected ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node} (load average ${latest.loadAverage.join(' ')} at collection; each benchmark’s own file gives the load while it ran). ` +
      `Measured: ${Object.entries(sources).map(([file, date]) => `\`${file}\` ${date ? date.slice(0, 16).replace('T', ' ') : '?'}`).join(', ')}.`,
    '',
    previous
      ? `Compared with the run collected ${previous.machine.date.slice(0, 16).replace('T', ' ')} UTC (kept in \`previous.json\`): ${own.length} of the project’s figures more than ${REGRESSION_THRESHOLD * 100}% worse${own.length ? `: ${own.map((r) => r.label).join('; ')}` : ''}; ${comparison!.regressions.length - own.length} limits moved as much (the machine, not the code).`
      : 'No previous run to compare with: the next `npm run bench` compares with this one.',
    '',
    comparisonMarkdown(figures, comparison),
    '',
  ].join('\n');
  writeFileSync(path.join(RESULTS, 'latest.md'), table);
  process.stdout.write(table);
  if (own.length) process.exitCode = 2;
}

main();
