import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { opinionGroups, type Vote } from '../src/modules/councils/opinion-groups.js';
import { machine, ROOT } from './cases-support.js';

/**
 * Statement voting at the size the issue names: 10,000 participants × 1,000 statements. Each
 * participant votes on BENCH_VOTES_EACH statements (default 100, so 1,000,000 votes), in three
 * camps with a shared core of agreement. Measured: grouping (PCA by power iteration, k-means for
 * k = 2…5 with silhouettes, consensus and representative statements), median of runs, beside a
 * limit from the same run: one bare pass over the votes adding them up per statement, which any
 * analysis of the votes has to do at least once.
 *
 *   npx tsx bench/councils.ts      (BENCH_PARTICIPANTS, BENCH_STATEMENTS, BENCH_VOTES_EACH scale it)
 */
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 1_000);
const EACH = Number(process.env.BENCH_VOTES_EACH ?? 100);
const RUNS = 3;

function generate(): Vote[] {
  let s = 7;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const votes: Vote[] = [];
  for (let p = 0; p < PARTICIPANTS; p++) {
    const camp = p % 3;
    const seen = new Set<number>();
    while (seen.size < EACH) seen.add(Math.floor(next() * STATEMENTS));
    for (const st of seen) {
      // Statements below 5% of the list are agreed by all; the rest split by camp.
      const lean = st < STATEMENTS * 0.05 ? 0.85 : st % 3 === camp ? 0.8 : 0.15;
      const r = next();
      votes.push({ participant: p, statement: st, value: r < lean ? 1 : r < lean + 0.1 ? 0 : -1 });
    }
  }
  return votes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const load = os.loadavg();
const votes = generate();
const bare: number[] = [];
const grouping: number[] = [];
let last: ReturnType<typeof opinionGroups> | null = null;
for (let run = 0; run < RUNS; run++) {
  let t = performance.now();
  const sums = new Float64Array(STATEMENTS);
  for (const v of votes) sums[v.statement]! += v.value;
  bare.push(performance.now() - t);
  t = performance.now();
  last = opinionGroups(PARTICIPANTS, STATEMENTS, votes);
  grouping.push(performance.now() - t);
}
const result = {
  machine: machine(),
  loadAverageBefore: load.map((l) => Math.round(l * 100) / 100),
  loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
  participants: PARTICIPANTS,
  statements: STATEMENTS,
  votes: votes.length,
  runs: RUNS,
  groupingMs: Math.round(median(grouping)),
  groupingRunsMs: grouping.map(Math.round),
  limitBarePassMs: Math.round(median(bare) * 10) / 10,
  groupsFound: last!.k,
  groupSizes: last!.groups.map((g) => g.size),
  consensusStatements: last!.consensus.length,
};
console.log(result);
writeFileSync(path.join(ROOT, 'bench/results/councils.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  path.join(ROOT, 'bench/results/councils.md'),
  `# Statement voting: opinion groups

${PARTICIPANTS.toLocaleString('en')} participants × ${STATEMENTS.toLocaleString('en')} statements, ${votes.length.toLocaleString('en')} votes (agree / disagree / pass), three camps and a shared core; ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}, ${result.machine.date}.

| what | median of ${RUNS} runs |
| --- | --- |
| grouping: PCA (power iteration over the sparse votes), k-means k = 2…5 chosen by silhouette, consensus and representative statements | ${result.groupingMs} ms |
| limit: one bare pass adding the votes up per statement | ${result.limitBarePassMs} ms |

Found ${result.groupsFound} groups (${result.groupSizes.join(', ')} participants) and ${result.consensusStatements} consensus statements (the generator's shared core is ${Math.round(STATEMENTS * 0.05)}).
Load average ${result.loadAverageBefore.join(' / ')} before and ${result.loadAverageAfter.join(' / ')} after (1 / 5 / 15 min), on ${result.machine.cpus} cores: what is above the benchmark's own one core is other work on the machine, which lengthens these times.
The grouping runs in the server's process on demand; at this size it stays interactive when computed after each batch of votes rather than per vote.
`,
);
