import type { Executor } from './client.js';

interface Waiting<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

/**
 * Gathers calls on one executor and runs them as one: `run` gets every input and answers one
 * output per input, in order. A call goes at the end of the current turn of the event loop with
 * the others made in it; while a run is in flight, calls wait and go together in the next one
 * (as databases commit in groups), unless it has been in flight for `patienceMs`. Under load, requests then share a statement, a round trip and
 * a commit instead of each waking PostgreSQL on its own (the socket write that wakes it was the
 * server's costliest step); a lone call waits for nobody. When a gathered run fails, each of its
 * inputs is run alone, so an error reaches only the call that caused it.
 */
export function gathered<In, Out>(
  run: (db: Executor, inputs: In[]) => Promise<Out[]>,
  { most = 100, patienceMs = 1000 }: { most?: number; patienceMs?: number } = {},
): (db: Executor, input: In) => Promise<Out> {
  /** Per executor, the calls not yet run; there is an entry while a run is in flight or due at the end of this turn. */
  const queues = new Map<Executor, Waiting<In, Out>[]>();

  const settle = async (db: Executor, batch: Waiting<In, Out>[]): Promise<void> => {
    let outputs: Out[];
    try {
      outputs = await run(db, batch.map((w) => w.input));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map((one) => settle(db, [one])));
      return;
    }
    batch.forEach((w, i) => w.resolve(outputs[i]!));
  };

  const next = (db: Executor): void => {
    const waiting = queues.get(db)!;
    if (waiting.length === 0) {
      queues.delete(db);
      return;
    }
    let moved = false;
    const moveOn = () => {
      if (moved) return;
      moved = true;
      clearTimeout(timer);
      next(db);
    };
    // A run that hangs (a lock, a lost connection) holds up the calls after it for patienceMs at most.
    const timer = setTimeout(moveOn, patienceMs).unref();
    void settle(db, waiting.splice(0, most)).then(moveOn);
  };

  return (db, input) =>
    new Promise<Out>((resolve, reject) => {
      const waiting = queues.get(db);
      if (waiting) waiting.push({ input, resolve, reject });
      else {
        queues.set(db, [{ input, resolve, reject }]);
        setImmediate(next, db);
      }
    });
}
