import type { Executor } from './client.js';

interface Waiting<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

/**
 * Gathers the calls made on one executor while the event loop turns and runs them as one: `run`
 * gets every input and answers one output per input, in order. Under load, requests then share a
 * statement, a round trip and a commit instead of each waking PostgreSQL on its own (the socket
 * write that wakes it was the server's costliest step); a lone call waits for nobody, only for the
 * end of the current turn. When a gathered run fails, each of its inputs is run alone, so an
 * error reaches only the call that caused it.
 */
export function gathered<In, Out>(run: (db: Executor, inputs: In[]) => Promise<Out[]>, most = 100): (db: Executor, input: In) => Promise<Out> {
  const waiting = new Map<Executor, Waiting<In, Out>[]>();

  const settle = async (db: Executor, batch: Waiting<In, Out>[]): Promise<void> => {
    let outputs: Out[];
    try {
      outputs = await run(
        db,
        batch.map((w) => w.input),
      );
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const one of batch) void settle(db, [one]);
      return;
    }
    batch.forEach((w, i) => w.resolve(outputs[i]!));
  };

  const flush = (db: Executor): void => {
    const batch = waiting.get(db)!;
    waiting.delete(db);
    for (let i = 0; i < batch.length; i += most) void settle(db, batch.slice(i, i + most));
  };

  return (db, input) =>
    new Promise<Out>((resolve, reject) => {
      let batch = waiting.get(db);
      if (!batch) {
        waiting.set(db, (batch = []));
        setImmediate(flush, db);
      }
      batch.push({ input, resolve, reject });
    });
}
