import { describe, expect, it } from 'vitest';
import type { Executor } from './client.js';
import { gathered } from './gathering.js';

/** Two stand-ins for databases: the gathering only tells executors apart. */
const first = {} as Executor;
const second = {} as Executor;

/** Doubles numbers, refusing 13 (the whole run fails, as a statement would), and records each run's inputs. */
function doubling(most?: number) {
  const runs: number[][] = [];
  const double = gathered<number, number>(async (_db, inputs) => {
    runs.push(inputs);
    if (inputs.includes(13)) throw new Error('13 refused');
    return inputs.map((n) => n * 2);
  }, { most });
  return { runs, double };
}

describe('gathered calls', () => {
  it('runs the calls of one turn once, and answers each caller its own output', async () => {
    const { runs, double } = doubling();
    expect(await Promise.all([1, 2, 3].map((n) => double(first, n)))).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('runs a lone call at once, and calls of a later turn apart', async () => {
    const { runs, double } = doubling();
    expect(await double(first, 5)).toBe(10);
    expect(await double(first, 6)).toBe(12);
    expect(runs).toEqual([[5], [6]]);
  });

  it('while a run is in flight, gathers the calls that come meanwhile into the next one', async () => {
    const runs: number[][] = [];
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const echo = gathered<number, number>(async (_db, inputs) => {
      runs.push(inputs);
      if (runs.length === 1) await gate;
      return inputs;
    });
    const lone = echo(first, 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual([[1]]);
    const meanwhile = [echo(first, 2)];
    await new Promise((resolve) => setImmediate(resolve));
    meanwhile.push(echo(first, 3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual([[1]]);
    open();
    expect(await Promise.all([lone, ...meanwhile])).toEqual([1, 2, 3]);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('lets the next run go when one has hung past its patience', async () => {
    const runs: number[][] = [];
    const echo = gathered<number, number>(
      async (_db, inputs) => {
        runs.push(inputs);
        // The first run never answers, as a statement stuck on a lock would not.
        if (runs.length === 1) await new Promise(() => {});
        return inputs;
      },
      { patienceMs: 20 },
    );
    void echo(first, 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await echo(first, 2)).toBe(2);
    expect(runs).toEqual([[1], [2]]);
  });

  it('never mixes executors (a transaction is not the database)', async () => {
    const { runs, double } = doubling();
    expect(await Promise.all([double(first, 1), double(second, 2), double(first, 3)])).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 3], [2]]);
  });

  it('when a gathered run fails, reruns each call alone so that only the one at fault fails', async () => {
    const { runs, double } = doubling();
    const outcomes = await Promise.allSettled([1, 13, 3].map((n) => double(first, n)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([2, '13 refused', 6]);
    expect(runs).toEqual([[1, 13, 3], [1], [13], [3]]);
  });

  it('splits a crowd into runs of at most the given size', async () => {
    const { runs, double } = doubling(2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => double(first, n)))).toEqual([2, 4, 6, 8, 10]);
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });
});
