import { kmeans } from 'ml-kmeans';

/**
 * Opinion groups of a statement-voting discussion. Participants vote agree (1), disagree (-1)
 * or pass (0) on short statements; most see only a few of them, so the votes are sparse. Pure.
 *
 * 1. Each participant is a point in statement space (a vote, or 0 where none); columns are
 *    centred on their mean vote, and a participant's projection is scaled up by how few
 *    statements they voted on. The two principal components come from power iteration over
 *    the sparse votes (a dense PCA of 10,000 × 1,000 would build a 1,000 × 1,000 covariance, ten
 *    billion multiplications; this costs two passes over the votes per iteration).
 * 2. The 2-D points are clustered with k-means (ml-kmeans), k from 2 to 5 chosen by the best
 *    mean silhouette on a sample.
 * 3. A statement is consensus when every group agrees with it: each group's smoothed agree share
 *    (agree + 1) / (seen + 2) is at least `consensusShare`.
 */
export interface Vote {
  participant: number;
  statement: number;
  value: 1 | 0 | -1;
}

export interface Grouping {
  /** Group of each participant with enough votes, -1 for the others. */
  groupOf: Int32Array;
  groups: { size: number; agree: Float64Array; seen: Int32Array }[];
  /** Statements every group agrees on, most agreed first. */
  consensus: number[];
  /** For each group, its statements that set it apart most (agree share above the rest). */
  representative: number[][];
  k: number;
  points: Float64Array;
}

export interface Options {
  minVotes?: number;
  consensusShare?: number;
  iterations?: number;
  seed?: number;
}

/** A small deterministic generator, so the same votes always give the same groups. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function opinionGroups(participants: number, statements: number, votes: readonly Vote[], options: Options = {}): Grouping {
  const minVotes = options.minVotes ?? Math.min(7, statements);
  const rand = random(options.seed ?? 20261123);
  const counted = new Int32Array(participants);
  const sum = new Float64Array(statements);
  const seenBy = new Int32Array(statements);
  for (const v of votes) {
    counted[v.participant]!++;
    sum[v.statement]! += v.value;
    seenBy[v.statement]!++;
  }
  const mean = sum.map((s, j) => (seenBy[j]! > 0 ? s / participants : 0));
  const active = new Int32Array(participants).fill(-1);
  let n = 0;
  for (let p = 0; p < participants; p++) if (counted[p]! >= minVotes) active[p] = n++;
  // The active participants' votes as three typed columns: the iteration passes over them often.
  let m = 0;
  for (const v of votes) if (active[v.participant]! >= 0) m++;
  const rowOf = new Int32Array(m);
  const colOf = new Int32Array(m);
  const valOf = new Int8Array(m);
  m = 0;
  for (const v of votes) {
    const row = active[v.participant]!;
    if (row < 0) continue;
    rowOf[m] = row;
    colOf[m] = v.statement;
    valOf[m++] = v.value;
  }

  // X = V − 1·meanᵀ restricted to active rows; (XᵀX)w computed as Vᵀ(Vw) − corrections for the mean.
  const multiply = (w: Float64Array): Float64Array => {
    const xw = new Float64Array(n);
    let meanDot = 0;
    for (let j = 0; j < statements; j++) meanDot += mean[j]! * w[j]!;
    xw.fill(-meanDot);
    for (let e = 0; e < m; e++) xw[rowOf[e]!]! += valOf[e]! * w[colOf[e]!]!;
    const out = new Float64Array(statements);
    let total = 0;
    for (let i = 0; i < n; i++) total += xw[i]!;
    for (let e = 0; e < m; e++) out[colOf[e]!]! += valOf[e]! * xw[rowOf[e]!]!;
    for (let j = 0; j < statements; j++) out[j]! -= mean[j]! * total;
    return out;
  };
  const components: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let w: Float64Array = Float64Array.from({ length: statements }, () => rand() - 0.5);
    for (let it = 0; it < (options.iterations ?? 60); it++) {
      let next: Float64Array = multiply(w);
      for (const prev of components) {
        let dot = 0;
        for (let j = 0; j < statements; j++) dot += next[j]! * prev[j]!;
        for (let j = 0; j < statements; j++) next[j]! -= dot * prev[j]!;
      }
      let norm = 0;
      for (let j = 0; j < statements; j++) norm += next[j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      next = next.map((x) => x / norm);
      // Converged when the direction no longer moves (up to sign).
      let moved = 0;
      for (let j = 0; j < statements; j++) moved += next[j]! * w[j]!;
      w = next;
      if (1 - Math.abs(moved) < 1e-7) break;
    }
    components.push(w);
  }

  const points = new Float64Array(2 * n);
  for (const [c, w] of components.entries()) {
    let meanDot = 0;
    for (let j = 0; j < statements; j++) meanDot += mean[j]! * w[j]!;
    for (let i = 0; i < n; i++) points[2 * i + c] = -meanDot;
    for (let e = 0; e < m; e++) points[2 * rowOf[e]! + c]! += valOf[e]! * w[colOf[e]!]!;
  }
  // Someone who saw few statements lands near the centre only for lack of votes: scale each
  // projection by √(statements / votes), as Polis does, so they join the group they lean to.
  for (let p = 0; p < participants; p++) {
    const i = active[p]!;
    if (i < 0) continue;
    const scale = Math.sqrt(statements / counted[p]!);
    points[2 * i]! *= scale;
    points[2 * i + 1]! *= scale;
  }
  const data = Array.from({ length: n }, (_, i) => [points[2 * i]!, points[2 * i + 1]!]);

  let best: { k: number; labels: number[]; score: number } = { k: 1, labels: new Array<number>(n).fill(0), score: -Infinity };
  if (n >= 4) {
    const sample = Array.from({ length: Math.min(n, 500) }, () => Math.floor(rand() * n));
    for (let k = 2; k <= Math.min(5, n - 1); k++) {
      const labels = kmeans(data, k, { seed: options.seed ?? 20261123, initialization: 'kmeans++' }).clusters;
      const score = silhouette(data, labels, k, sample);
      if (score > best.score) best = { k, labels, score };
    }
  }

  const groupOf = new Int32Array(participants).fill(-1);
  for (let p = 0; p < participants; p++) if (active[p]! >= 0) groupOf[p] = best.labels[active[p]!]!;
  const groups = Array.from({ length: best.k }, () => ({ size: 0, agree: new Float64Array(statements), seen: new Int32Array(statements) }));
  for (let p = 0; p < participants; p++) if (groupOf[p]! >= 0) groups[groupOf[p]!]!.size++;
  for (const v of votes) {
    const g = groupOf[v.participant]!;
    if (g < 0) continue;
    groups[g]!.seen[v.statement]!++;
    if (v.value === 1) groups[g]!.agree[v.statement]!++;
  }
  const share = (g: Grouping['groups'][number], j: number) => (g.agree[j]! + 1) / (g.seen[j]! + 2);
  const threshold = options.consensusShare ?? 0.6;
  const consensus = Array.from({ length: statements }, (_, j) => j)
    .filter((j) => groups.every((g) => share(g, j) >= threshold))
    .sort((a, b) => Math.min(...groups.map((g) => share(g, b))) - Math.min(...groups.map((g) => share(g, a))));
  const representative = groups.map((g, gi) => {
    const others = groups.filter((_, oi) => oi !== gi);
    const rest = (j: number) => {
      const agree = others.reduce((s, o) => s + o.agree[j]!, 0);
      const seen = others.reduce((s, o) => s + o.seen[j]!, 0);
      return (agree + 1) / (seen + 2);
    };
    return Array.from({ length: statements }, (_, j) => j)
      .filter((j) => g.seen[j]! > 0)
      .sort((a, b) => share(g, b) / rest(b) - share(g, a) / rest(a))
      .slice(0, 5);
  });
  return { groupOf, groups, consensus, representative, k: best.k, points };
}

/** Mean silhouette of sampled points: how much closer each is to its own group than to the next. */
function silhouette(data: number[][], labels: number[], k: number, sample: number[]): number {
  let total = 0;
  for (const i of sample) {
    const sums = new Float64Array(k);
    const counts = new Int32Array(k);
    for (let j = 0; j < data.length; j += Math.max(1, Math.floor(data.length / 2000))) {
      if (j === i) continue;
      sums[labels[j]!]! += Math.hypot(data[i]![0]! - data[j]![0]!, data[i]![1]! - data[j]![1]!);
      counts[labels[j]!]!++;
    }
    const own = labels[i]!;
    const a = counts[own]! ? sums[own]! / counts[own]! : 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]!) b = Math.min(b, sums[c]! / counts[c]!);
    total += b === Infinity ? 0 : (b - a) / Math.max(a, b, 1e-12);
  }
  return total / sample.length;
}
