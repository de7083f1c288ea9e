import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, databaseUrlOf, dropDatabase, machine, median, ROOT, round, serverEnv, session, start, stop } from './cases-support.js';
import { httpLoad, type LoadFigure } from './load.js';

/**
 * The server's life outside the steady state:
 *
 *   cold start of the embedded server: a new data folder (schema created, demo set loaded) until
 *   it answers, and a restart on the same folder (a new process, the data already there);
 *   memory (resident set) of the server process idle, under load, and over a soak of mixed
 *   requests (reads and writes), sampled every few seconds, then idle again.
 *
 * BENCH_SOAK_SECONDS sets the soak (default 120), BENCH_SECONDS the load run (default 10),
 * BENCH_COLD_RUNS the starts (default 3). On PostgreSQL too when DATABASE_URL is set (the
 * server process only; PostgreSQL's own memory is its own). Writes bench/results/lifecycle.json and .md.
 */
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 120);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const CONNECTIONS = 10;
const SAMPLE_SECONDS = 5;
const log = (line: string) => process.stderr.write(`[lifecycle] ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: round(kib('VmRSS') / 1024), peakMiB: round(kib('VmHWM') / 1024) };
}

async function startTimed(env: Record<string, string>) {
  const started = performance.now();
  const server = await start(['bin/tongxin.js', 'serve', '--port', '0'], env);
  const listeningMs = performance.now() - started;
  // Answering, not only listening: the first request reaches the database.
  const health = await fetch(`${server.url}/healthz`);
  if (!health.ok) throw new Error(`healthz answered ${health.status}`);
  return { ...server, listeningMs: round(listeningMs), answeringMs: round(performance.now() - started) };
}

export interface ColdStart {
  /** A new data folder: the schema created and the demo set loaded, until /healthz answers. */
  firstStartMs: number[];
  /** The same folder again, a new process. */
  restartMs: number[];
  firstStartMedianMs: number;
  restartMedianMs: number;
  loadAverage: number[];
}

async function coldStart(): Promise<ColdStart> {
  const loadAtStart = loadAverage();
  const firstStartMs: number[] = [];
  const restartMs: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-cold-'));
    try {
      const first = await startTimed(serverEnv('', dataDir));
      firstStartMs.push(first.answeringMs);
      await stop(first.child);
      const again = await startTimed(serverEnv('', dataDir));
      restartMs.push(again.answeringMs);
      await stop(again.child);
      log(`cold start ${i + 1}: new folder ${first.answeringMs} ms, restart ${again.answeringMs} ms`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { firstStartMs, restartMs, firstStartMedianMs: median(firstStartMs), restartMedianMs: median(restartMs), loadAverage: loadAtStart };
}

export interface MemoryFigures {
  engine: 'pglite' | 'postgres';
  idleMiB: number;
  underLoad: { rssMiB: number; peakMiB: number; load: LoadFigure };
  soak: { seconds: number; requests: number; failures: number; samples: { at: number; rssMiB: number }[]; endMiB: number; afterIdleMiB: number; peakMiB: number };
  loadAverage: number[];
}

async function memory(engine: 'pglite' | 'postgres', databaseUrl: string): Promise<MemoryFigures> {
  const loadAtStart = loadAverage();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-memory-'));
  const { child, url } = await start(['bin/tongxin.js', 'serve', '--port', '0'], serverEnv(databaseUrl, dataDir));
  const pid = child.pid!;
  try {
    const liaison = await session(url, 'liaison');
    const { items } = (await (await fetch(`${url}/api/residents?limit=1`, { headers: { cookie: liaison.cookie } })).json()) as { items: { placeId: string }[] };
    const placeId = items[0]!.placeId;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMiB = memoryOf(pid).rssMiB;
    let serial = 0;
    // Mixed: the public tree, a liaison's list, a liaison's write (the data grows as it would).
    const headers = { cookie: liaison.cookie, 'x-csrf-token': liaison.csrf, 'content-type': 'application/json', 'accept-language': 'zh-CN' };
    const mixed = (duration: number) => ({
      url,
      connections: CONNECTIONS,
      duration,
      requests: [
        { method: 'GET' as const, path: '/api/places', headers },
        { method: 'GET' as const, path: '/api/residents?limit=20', headers },
        { method: 'POST' as const, path: '/api/residents', headers, setupRequest: (r: object) => ({ ...r, body: JSON.stringify({ placeId, name: `驻留居民${++serial}`, residency: 'new' }) }) },
      ],
    });
    let loadPeak = 0;
    const sampler = setInterval(() => (loadPeak = Math.max(loadPeak, memoryOf(pid).rssMiB)), 500);
    const load = await httpLoad(mixed(SECONDS), pid);
    clearInterval(sampler);
    const underLoad = { rssMiB: loadPeak, peakMiB: memoryOf(pid).peakMiB, load };
    log(`${engine}: idle ${idleMiB} MiB, under load ${loadPeak} MiB (${load.perSecond} requests/s)`);

    const samples: { at: number; rssMiB: number }[] = [];
    const soakStarted = performance.now();
    const soakSampler = setInterval(() => samples.push({ at: round((performance.now() - soakStarted) / 1000), rssMiB: memoryOf(pid).rssMiB }), SAMPLE_SECONDS * 1000);
    const soak = await httpLoad(mixed(SOAK_SECONDS), pid);
    clearInterval(soakSampler);
    const endMiB = memoryOf(pid).rssMiB;
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const afterIdleMiB = memoryOf(pid).rssMiB;
    log(`${engine}: soak of ${SOAK_SECONDS} s: ${endMiB} MiB at the end, ${afterIdleMiB} MiB after 10 s idle, peak ${memoryOf(pid).peakMiB} MiB`);
    return {
      engine,
      idleMiB,
      underLoad,
      soak: { seconds: SOAK_SECONDS, requests: Math.round(soak.perSecond * SOAK_SECONDS), failures: soak.failures, samples, endMiB, afterIdleMiB, peakMiB: memoryOf(pid).peakMiB },
      loadAverage: loadAtStart,
    };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function markdown(results: { machine: ReturnType<typeof machine>; cold: ColdStart; memory: MemoryFigures[] }): string {
  const m = results.machine;
  const { cold } = results;
  return [
    '# Cold start and memory',
    '',
    `${m.date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; the machine is shared with other work (load averages below). Produced by \`bench/lifecycle.ts\`; every figure in \`lifecycle.json\`.`,
    '',
    '| figure | median | runs | load average |',
    '|---|---:|---|---|',
    `| cold start of the embedded server, new data folder (schema, demo set) until /healthz answers | ${cold.firstStartMedianMs} ms | ${cold.firstStartMs.join(', ')} | ${cold.loadAverage.join(' ')} |`,
    `| restart of the embedded server on its data folder until /healthz answers | ${cold.restartMedianMs} ms | ${cold.restartMs.join(', ')} | |`,
    '',
    `Memory of the server process (resident set), with ${CONNECTIONS} connections of mixed requests (the public place tree, a liaison’s resident list, a liaison registering a resident). On the embedded engine the database lives in the server process and is counted; on PostgreSQL it is not.`,
    '',
    '| engine | idle after start | under load (peak sampled) | load: requests/s, p99 ms | soak | end of soak | after 10 s idle | peak (VmHWM) | load average |',
    '|---|---:|---:|---|---|---:|---:|---:|---|',
    ...results.memory.map(
      (f) =>
        `| ${f.engine} | ${f.idleMiB} MiB | ${f.underLoad.rssMiB} MiB | ${f.underLoad.load.perSecond}, ${f.underLoad.load.p99Ms} | ${f.soak.seconds} s, ${f.soak.requests.toLocaleString('en')} requests, ${f.soak.failures} failures | ${f.soak.endMiB} MiB | ${f.soak.afterIdleMiB} MiB | ${f.soak.peakMiB} MiB | ${f.loadAverage.join(' ')} |`,
    ),
    '',
    'Resident set every 5 s of the soak (MiB): ' + results.memory.map((f) => `${f.engine} ${f.soak.samples.map((s) => s.rssMiB).join(', ')}`).join('; ') + '.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const cold = await coldStart();
  const figures: MemoryFigures[] = [await memory('pglite', '')];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tongxin_bench_memory_${process.pid}`;
    await createDatabase(serverUrl, name);
    try {
      figures.push(await memory('postgres', databaseUrlOf(serverUrl, name)));
    } finally {
      await dropDatabase(serverUrl, name);
    }
  }
  const results = { machine: machine(), cold, memory: figures };
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'lifecycle.json'), JSON.stringify(results, null, 2) + '\n');
  const table = markdown(results);
  writeFileSync(path.join(outDir, 'lifecycle.md'), table);
  process.stdout.write(table);
}

await main();
