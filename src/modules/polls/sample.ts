import { createHash } from 'node:crypto';

/**
 * A reproducible random sample of residents, optionally stratified (by community). Pure.
 *
 * Each member gets a draw number: the SHA-256 of the seed and its id. Sorting by it shuffles
 * the population in an order anyone holding the seed can recompute, whatever order the rows
 * came in, and that is independent of other members joining or leaving. Strata get seats in
 * proportion to their size (largest remainders), then take their lowest draws.
 */
export interface Member {
  id: string;
  stratum: string;
}

export const drawNumber = (seed: string, id: string): string => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');

/** The members in draw order (the hash computed once per member). */
function shuffled(members: Member[], seed: string): Member[] {
  return members
    .map((member) => ({ member, draw: drawNumber(seed, member.id) }))
    .sort((a, b) => (a.draw < b.draw ? -1 : a.draw > b.draw ? 1 : a.member.id < b.member.id ? -1 : 1))
    .map((d) => d.member);
}

/**
 * Seats per stratum in proportion to its size, summing to `size` (Hamilton's method: floors,
 * then the largest remainders; ties go to the larger stratum, then by name, so it is stable).
 */
export function allocate(sizes: Map<string, number>, size: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const seats = new Map<string, number>();
  if (total === 0) return seats;
  const target = Math.min(size, total);
  const quotas = [...sizes].map(([stratum, n]) => ({ stratum, n, quota: (n * target) / total }));
  for (const q of quotas) seats.set(q.stratum, Math.floor(q.quota));
  let left = target - [...seats.values()].reduce((a, b) => a + b, 0);
  const order = [...quotas].sort((a, b) => b.quota - Math.floor(b.quota) - (a.quota - Math.floor(a.quota)) || b.n - a.n || (a.stratum < b.stratum ? -1 : 1));
  for (const q of order) {
    if (left === 0) break;
    if (seats.get(q.stratum)! < q.n) {
      seats.set(q.stratum, seats.get(q.stratum)! + 1);
      left--;
    }
  }
  return seats;
}

/** The ids drawn, sorted by id. A size at or above the population takes everyone. */
export function drawSample(population: Member[], size: number, seed: string, stratified: boolean): string[] {
  if (!stratified) return shuffled(population, seed).slice(0, size).map((m) => m.id).sort();
  const strata = new Map<string, Member[]>();
  for (const member of population) {
    const members = strata.get(member.stratum) ?? [];
    members.push(member);
    strata.set(member.stratum, members);
  }
  const seats = allocate(new Map([...strata].map(([s, members]) => [s, members.length])), size);
  return [...strata]
    .flatMap(([stratum, members]) => shuffled(members, seed).slice(0, seats.get(stratum) ?? 0))
    .map((m) => m.id)
    .sort();
}
