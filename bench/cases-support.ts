import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** What the cases benchmarks share: the server process, scratch databases, statistics. */
export const ROOT = path.resolve(import.meta.dirname, '..');

export const log = (line: string): void => {
  process.stderr.write(`[cases] ${line}\n`);
};

/** Starts `node args` in the project folder and resolves when it prints the address it listens on. */
export function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(out);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Runs `node args` to the end (a CLI command), failing on a non-zero exit. */
export function run(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)))));
}

/** The environment of a Tongxin process for benchmarking: no rate limits, no timers, few logs. */
export const serverEnv = (databaseUrl: string, dataDir: string): Record<string, string> => ({
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000',
  SWEEP_INTERVAL_SECONDS: '0',
  RETRAIN_INTERVAL_SECONDS: '0',
  // One secret for every process on the same data, so that all of them can read what the others sealed.
  TONGXIN_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
});

/** A logged-in session as the web app holds it: cookies and the CSRF token. */
export async function session(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { token } = (await csrfResponse.json()) as { token: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ username, password: 'Tongxin@2026' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const sessionCookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie: `${csrfCookie}; ${sessionCookie}`, csrf: token };
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrlOf(serverUrl: string, name: string): string {
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export const createDatabase = (serverUrl: string, name: string, template?: string) =>
  adminQuery(serverUrl, `create database "${name}"${template ? ` template "${template}"` : ''}`);
export const dropDatabase = (serverUrl: string, name: string) => adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The q-quantile (0..1) of the values, nearest rank. */
export function percentile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median of `times` runs after `warmups` unmeasured ones, with every run kept. */
export async function medianOf(times: number, warmups: number, work: () => Promise<unknown>): Promise<{ medianMs: number; runsMs: number[] }> {
  for (let i = 0; i < warmups; i++) await work();
  const runsMs: number[] = [];
  for (let i = 0; i < times; i++) runsMs.push(round(await timed(work)));
  return { medianMs: median(runsMs), runsMs };
}

/** How the benches reach PostgreSQL: a `host=/…` parameter in DATABASE_URL is its Unix socket. */
export const transportOf = (databaseUrl: string): 'Unix socket' | 'TCP' => (new URL(databaseUrl).searchParams.get('host')?.startsWith('/') ? 'Unix socket' : 'TCP');

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '?',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
});

interface CpuSnapshot {
  perProcess: Map<number, { name: string; seconds: number }>;
  idleSeconds: number;
  at: number;
}

/** CPU time of every process and the machine's idle time, from /proc (Linux). */
export function cpuSnapshot(): CpuSnapshot {
  const perProcess = new Map<number, { name: string; seconds: number }>();
  const tick = 100; // USER_HZ
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      perProcess.set(Number(entry), { name: stat.slice(stat.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / tick });
    } catch {
      // the process ended meanwhile
    }
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { perProcess, idleSeconds: (cpu[3]! + cpu[4]!) / tick, at: performance.now() };
}

/** Cores used between two snapshots by the server process, PostgreSQL, this process (the load generator), anything else, and left idle. */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot, serverPid: number | undefined): { server: number; postgres: number; loadGenerator: number; other: number; idle: number } {
  const wall = (after.at - before.at) / 1000;
  const used = { server: 0, postgres: 0, loadGenerator: 0, other: 0 };
  for (const [pid, now] of after.perProcess) {
    const spent = now.seconds - (before.perProcess.get(pid)?.seconds ?? 0);
    if (spent <= 0) continue;
    if (pid === serverPid) used.server += spent;
    else if (pid === process.pid) used.loadGenerator += spent;
    else if (now.name.startsWith('postgres')) used.postgres += spent;
    else used.other += spent;
  }
  const cores = (seconds: number) => round(seconds / wall, 2);
  return { server: cores(used.server), postgres: cores(used.postgres), loadGenerator: cores(used.loadGenerator), other: cores(used.other), idle: cores(after.idleSeconds - before.idleSeconds) };
}

/**
 * Waits (at most `maxSeconds`) until the machine is nearly idle over a second, so that a load run
 * does not start while other work holds the cores; answers the idle share seen last (1 = all idle).
 */
export async function waitForQuiet(maxSeconds = 60, idleShare = 0.85): Promise<number> {
  const cores = os.cpus().length;
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const before = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = cpuSnapshot();
    const idle = (after.idleSeconds - before.idleSeconds) / ((after.at - before.at) / 1000) / cores;
    if (idle >= idleShare || Date.now() > deadline) return round(idle, 2);
  }
}
