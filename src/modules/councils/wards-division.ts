/**
 * Wards, as Cixi's Harmony Promotion Associations drew them: a village is divided into wards by
 * where its people live, and each ward's leader is chosen from the members nominated for it.
 * Pure rules, kept apart from storage.
 */

export interface Unit {
  id: string;
  population: number;
}

/**
 * Splits units (the grids of a village, in their order on the ground) into `count` runs of
 * neighbours so that the heaviest ward is as light as it can be and, among such divisions, the
 * wards are as even as they can be (least sum of squared populations). Neighbouring grids stay
 * together. Exact, by two passes of dynamic programming over prefix sums (a village has tens of
 * grids, so n²·k is nothing).
 */
export function divideByPopulation<U extends Unit>(units: readonly U[], count: number): U[][] {
  const n = units.length;
  if (!Number.isInteger(count) || count < 1 || count > n) throw new RangeError(`cannot make ${count} wards of ${n} units`);
  const prefix = [0];
  for (const u of units) prefix.push(prefix.at(-1)! + Math.max(0, u.population));
  const load = (from: number, to: number) => prefix[to]! - prefix[from]!;
  const heaviest = partition(n, count, load, (before, ward) => Math.max(before, ward)).cost;
  const { cut } = partition(n, count, load, (before, ward) => (ward > heaviest ? Infinity : before + ward * ward));
  const wards: U[][] = [];
  for (let k = count, i = n; k > 0; k--) {
    const j = cut[k]![i]!;
    wards.unshift(units.slice(j, i));
    i = j;
  }
  return wards;
}

/** The least cost of cutting n units into `count` non-empty runs, the cost growing run by run, and where each run starts. */
function partition(n: number, count: number, load: (from: number, to: number) => number, add: (before: number, ward: number) => number) {
  const best = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const cut = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(0));
  best[0]![0] = 0;
  for (let k = 1; k <= count; k++) {
    for (let i = k; i <= n - (count - k); i++) {
      for (let j = k - 1; j < i; j++) {
        const cost = add(best[k - 1]![j]!, load(j, i));
        if (cost < best[k]![i]!) {
          best[k]![i] = cost;
          cut[k]![i] = j;
        }
      }
    }
  }
  return { cost: best[count]![n]!, cut };
}

/** How uneven a division is: the gap between the heaviest and lightest ward, against the mean. */
export function populationSpread(populations: readonly number[]): number {
  if (populations.length === 0) return 0;
  const mean = populations.reduce((a, b) => a + b, 0) / populations.length;
  return mean === 0 ? 0 : (Math.max(...populations) - Math.min(...populations)) / mean;
}

export type Election = { leader: string } | { tied: string[] };

/**
 * The ward leader from the votes each nominee received: the most votes wins; a tie at the top
 * chooses no one (the ward votes again between those tied), and so does a vote nobody cast.
 */
export function electLeader(tally: readonly { memberId: string; votes: number }[]): Election {
  const most = Math.max(0, ...tally.map((t) => t.votes));
  const top = tally.filter((t) => t.votes === most).map((t) => t.memberId);
  if (most === 0) return { tied: tally.map((t) => t.memberId) };
  return top.length === 1 ? { leader: top[0]! } : { tied: top };
}
