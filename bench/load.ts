import autocannon from 'autocannon';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { coresUsed, cpuSnapshot, median, percentile, round } from './cases-support.js';

/**
 * The two sides of every HTTP figure: autocannon against a route, and a bare `pg` pool running
 * the statements that route ran, at the same concurrency. Both report throughput and
 * p50/p95/p99 from every answer's latency (autocannon's own histogram has no p95).
 */
export interface LoadFigure {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  failures: number;
  cores: ReturnType<typeof coresUsed>;
}

export type MedianFigure = LoadFigure & { runsPerSecond: number[] };

function figureOf(latencies: number[], ok: number, failures: number, seconds: number, cores: LoadFigure['cores']): LoadFigure {
  const sorted = Float64Array.from(latencies).sort();
  return { perSecond: Math.round(ok / seconds), p50Ms: round(percentile(sorted, 0.5), 2), p95Ms: round(percentile(sorted, 0.95), 2), p99Ms: round(percentile(sorted, 0.99), 2), failures, cores };
}

/** The run of median throughput, with every run's throughput kept beside it. */
export function pickMedian(figures: LoadFigure[]): MedianFigure {
  const mid = median(figures.map((f) => f.perSecond));
  const chosen = [...figures].sort((a, b) => Math.abs(a.perSecond - mid) - Math.abs(b.perSecond - mid))[0]!;
  return { ...chosen, runsPerSecond: figures.map((f) => f.perSecond) };
}

export async function httpLoad(options: autocannon.Options, serverPid: number | undefined): Promise<LoadFigure> {
  const latencies: number[] = [];
  let ok = 0;
  let failures = 0;
  // Without a callback autocannon answers its instance, which is also a promise of the result.
  const instance = autocannon(options) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      ok++;
      latencies.push(responseTime);
    } else failures++;
  });
  const before = cpuSnapshot();
  const result = await instance;
  const cores = coresUsed(before, cpuSnapshot(), serverPid);
  return figureOf(latencies, ok, failures + result.errors + result.timeouts, result.duration, cores);
}

export interface Statement {
  text: string;
  values: unknown[];
  rowMode?: 'array';
  /** The app kept this statement prepared under this name; the replay does too. */
  name?: string;
}

/** uuidv7 carries its creation time in milliseconds: ids made while a request ran are that request's new rows. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidTime = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/** The statements with the ids created in [from, to] replaced by new ones, the same new id for the same old one. */
export function withFreshIds(statements: Statement[], from: number, to: number): Statement[] {
  const fresh = new Map<string, string>();
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string' && UUID.test(value) && uuidTime(value) >= from && uuidTime(value) <= to) {
      if (!fresh.has(value)) fresh.set(value, uuidv7());
      return fresh.get(value);
    }
    return value;
  };
  return statements.map((s) => ({ ...s, values: s.values.map(swap) }));
}

/**
 * Workers that each take a connection and run the recorded statements in order, as the route
 * ran them (its transaction included), for `seconds`.
 */
export async function pgLoad(pool: pg.Pool, recorded: { statements: Statement[]; from: number; to: number }, seconds: number, workers: number, serverPid: number | undefined): Promise<LoadFigure> {
  const latencies: number[] = [];
  let ok = 0;
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const before = cpuSnapshot();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < end) {
        const statements = withFreshIds(recorded.statements, recorded.from, recorded.to);
        const t0 = process.hrtime.bigint();
        const client = await pool.connect();
        try {
          for (const s of statements) await client.query({ text: s.text, values: s.values, ...(s.rowMode ? { rowMode: s.rowMode } : {}), ...(s.name ? { name: s.name } : {}) });
          ok++;
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          failures++;
          await client.query('rollback').catch(() => {});
        } finally {
          client.release();
        }
      }
    }),
  );
  return figureOf(latencies, ok, failures, Number(process.hrtime.bigint() - started) / 1e9, coresUsed(before, cpuSnapshot(), serverPid));
}

/**
 * Records every statement `work` sends through node-postgres in this process (the application
 * built in-process on the same database): the database work of one request, to replay bare.
 */
export async function recordStatements(work: () => Promise<unknown>): Promise<{ statements: Statement[]; from: number; to: number }> {
  const statements: Statement[] = [];
  const original = pg.Client.prototype.query;
  // node-postgres is called as query(config, values) by drizzle, or query(text, values).
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[]; rowMode?: 'array'; name?: string };
      statements.push({ text: config.text, values: Array.isArray(second) ? second : (config.values ?? []), ...(config.rowMode ? { rowMode: config.rowMode } : {}), ...(config.name ? { name: config.name } : {}) });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  const from = Date.now();
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return { statements, from: from - 1, to: Date.now() + 1 };
}
