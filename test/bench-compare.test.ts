import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonMarkdown, type Figure } from '../bench/compare.js';
import { SOURCES } from '../bench/figures.js';

const throughput = (value: number, id = 'intake'): Figure => ({ id, label: 'intake', value, unit: 'req/s', better: 'higher' });
const latency = (value: number, id = 'p99', noise = 1): Figure => ({ id, label: 'p99', value, unit: 'ms', better: 'lower', noise });

describe('comparing two benchmark runs', () => {
  it('flags a figure more than 20% worse, in the direction that is worse for it', () => {
    const { regressions } = compareRuns([throughput(1000), latency(40)], [throughput(790), latency(47)]);
    expect(regressions.map((r) => r.id)).toEqual(['intake']);
    expect(compareRuns([throughput(1000), latency(40)], [throughput(1000), latency(48.5)]).regressions.map((r) => r.id)).toEqual(['p99']);
    // Better by as much is not a regression, but an improvement.
    const better = compareRuns([throughput(1000), latency(40)], [throughput(1300), latency(20)]);
    expect(better.regressions).toEqual([]);
    expect(better.changes.filter((c) => c.improvement).map((c) => c.id)).toEqual(['intake', 'p99']);
  });

  it('does not flag 20% exactly, nor a change within the noise', () => {
    expect(compareRuns([throughput(1000)], [throughput(800)]).regressions).toEqual([]);
    expect(compareRuns([latency(2)], [latency(2.9)]).regressions).toEqual([]); // +45%, but under a millisecond
    expect(compareRuns([latency(2)], [latency(3.5)]).regressions).toHaveLength(1);
  });

  it('flags any worse value against a previous zero only when lower is better (failures appearing)', () => {
    const failures = (value: number): Figure => ({ id: 'failures', label: 'failures', value, unit: '', better: 'lower' });
    const compared = compareRuns([failures(0), throughput(0)], [failures(3), throughput(5)]);
    expect(compared.regressions.map((r) => r.id)).toEqual(['failures']);
    expect(compared.changes.find((c) => c.id === 'failures')!.change).toBe(Infinity);
  });

  it('lists figures that appeared or disappeared, and compares only those in both', () => {
    const compared = compareRuns([throughput(1, 'old'), throughput(1, 'both')], [throughput(1, 'both'), throughput(1, 'new')]);
    expect(compared.added).toEqual(['new']);
    expect(compared.removed).toEqual(['old']);
    expect(compared.changes.map((c) => c.id)).toEqual(['both']);
  });

  it('flags exactly the figures worse beyond the threshold, for any values', () => {
    const figure = fc.record({ value: fc.double({ min: 0.001, max: 1e6, noNaN: true }), better: fc.constantFrom<'higher' | 'lower'>('higher', 'lower') });
    fc.assert(
      fc.property(fc.array(fc.tuple(figure, fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 20 }), (pairs) => {
        const previous = pairs.map(([f], i): Figure => ({ id: String(i), label: '', unit: '', ...f }));
        const latest = pairs.map(([f, value], i): Figure => ({ id: String(i), label: '', unit: '', better: f.better, value }));
        const flagged = new Set(compareRuns(previous, latest).regressions.map((r) => r.id));
        pairs.forEach(([f, value], i) => {
          const ratio = value / f.value;
          expect(flagged.has(String(i))).toBe(f.better === 'higher' ? ratio < 0.8 : ratio > 1.2);
        });
      }),
    );
  });

  it('writes a table that names each regression, and tells a limit that moved from the code getting slower', () => {
    const limit: Figure = { id: 'ceiling', label: 'empty route', value: 5000, unit: 'req/s', better: 'higher', limit: true };
    const table = comparisonMarkdown([throughput(700), limit], compareRuns([throughput(1000), { ...limit, value: 10000 }], [throughput(700), limit]));
    expect(table).toContain('| intake | 700 req/s | 1,000 req/s | -30% | **regression** (> 20% worse) |');
    expect(table).toContain('**slower machine?** (a limit)');
    expect(comparisonMarkdown([throughput(700)], null)).toContain('| intake | 700 req/s | — | new |');
  });
});

describe('the figures gathered from each benchmark', () => {
  // A benchmark that renames a field in its JSON would silently drop out of the comparison.
  const expected: Record<string, string[]> = {
    'http.json': ['http.none.bare-fastify-constant-answer-the-ceiling.perSecond', 'http.postgres.post-api-residents-liaison-registers-a-resident-audited.barePg.perSecond', 'http.pglite.get-healthz-database-ping.p95'],
    'lifecycle.json': ['lifecycle.coldStart.new', 'lifecycle.coldStart.restart', 'lifecycle.memory.pglite.soakEnd', 'lifecycle.memory.postgres.load'],
    'cases.json': ['cases.intake.perSecond', 'cases.intake.barePg.perSecond', 'cases.dashboard.N.district', 'cases.dashboard.N.countAll', 'cases.sweep.N', 'cases.sweep.N.bareUpdate'],
    'polls.json': ['polls.results', 'polls.responses.perSecond', 'polls.responses.barePg.perSecond'],
    'routing.json': ['routing.top1', 'routing.top3'],
    'merit.json': ['merit.report', 'merit.publish', 'merit.verify', 'merit.countSum', 'merit.hashOnly'],
    'councils.json': ['councils.grouping', 'councils.barePass'],
    'discussion.json': ['discussion.next', 'discussion.nextAndVote', 'discussion.freshGroups', 'discussion.bareVoteInsert', 'discussion.readVotes'],
  };

  it('reads the headline figures of every committed results file, each once, as finite numbers', () => {
    for (const [file, read] of Object.entries(SOURCES)) {
      const figures = read(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../bench/results', file), 'utf8')));
      const ids = figures.map((f) => f.id);
      expect(new Set(ids).size, file).toBe(ids.length);
      // N stands for any size of the scale series.
      const general = ids.map((id) => id.replace(/\.\d+(\.|$)/, '.N$1'));
      expect(general, file).toEqual(expect.arrayContaining(expected[file]!));
      expect(figures.every((f) => Number.isFinite(f.value)), file).toBe(true);
    }
  });

  it('gives nothing rather than a wrong figure for a file missing its parts', () => {
    for (const read of Object.values(SOURCES)) expect(read({})).toEqual([]);
  });
});
