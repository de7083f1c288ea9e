import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * HTTP throughput of Tongxin on both engines, each against the ceiling of a bare Fastify server
 * measured in the same run on the same machine. Writes bench/results/http.json and .md.
 *
 *   npm run bench                       (embedded engine only)
 *   DATABASE_URL=postgres://… npm run bench   (also PostgreSQL; a scratch database is created and dropped)
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

interface Figure {
  scenario: string;
  engine: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  failures: number;
  shareOfCeiling: number;
}

function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
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

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function load(url: string, options: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options });
}

/** A logged-in session as the web app holds it: cookies and the CSRF token. */
async function session(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
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

async function shuiwanId(base: string): Promise<string> {
  const find = async (parentId: string | undefined, code: string) => {
    const response = await fetch(`${base}/api/places${parentId ? `?parentId=${parentId}` : ''}`);
    const { items } = (await response.json()) as { items: { id: string; code: string }[] };
    return items.find((p) => p.code === code)!.id;
  };
  let id: string | undefined;
  for (const code of ['440300', '440305', 'ZS', 'SW']) id = await find(id, code);
  return id!;
}

function figure(scenario: string, engine: string, result: autocannon.Result, ceiling: number): Figure {
  const rps = Math.round(result.requests.average);
  return {
    scenario,
    engine,
    requestsPerSecond: rps,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    shareOfCeiling: ceiling ? Math.round((rps / ceiling) * 1000) / 1000 : 1,
  };
}

async function benchEngine(engine: 'pglite' | 'postgres', databaseUrl: string, ceiling: number): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-'));
  const { child, url } = await start(['bin/tongxin.js', 'serve', '--port', '0'], {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  try {
    const liaison = await session(url, 'liaison');
    const placeId = await shuiwanId(url);
    const withSession = { cookie: liaison.cookie, 'accept-language': 'zh-CN' };
    let serial = 0;
    const figures = [
      figure('GET /healthz (database ping)', engine, await load(`${url}/healthz`), ceiling),
      figure('GET /api/places (public tree)', engine, await load(`${url}/api/places`), ceiling),
      figure('GET /api/residents?limit=20 (liaison, masked list)', engine, await load(`${url}/api/residents?limit=20`, { headers: withSession }), ceiling),
      figure(
        'POST /api/residents (liaison registers a resident, audited)',
        engine,
        await load(`${url}/api/residents`, {
          method: 'POST',
          headers: { ...withSession, 'content-type': 'application/json', 'x-csrf-token': liaison.csrf },
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify({ placeId, name: `压测居民${++serial}`, residency: 'new', birthYear: 1990 }),
              }),
            },
          ],
        }),
        ceiling,
      ),
    ];
    return figures;
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { child: ceilingServer, url: ceilingUrl } = await start(['--import', 'tsx', 'bench/ceiling.ts'], {});
  const ceilingResult = await load(`${ceilingUrl}/healthz`);
  await stop(ceilingServer);
  const ceiling = Math.round(ceilingResult.requests.average);
  const figures: Figure[] = [figure('bare Fastify, constant answer (the ceiling)', 'none', ceilingResult, ceiling)];
  process.stderr.write(`ceiling: ${ceiling} requests/s\n`);

  figures.push(...(await benchEngine('pglite', '', ceiling)));
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tongxin_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    try {
      const target = new URL(serverUrl);
      target.pathname = `/${name}`;
      figures.push(...(await benchEngine('postgres', target.toString(), ceiling)));
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }

  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'http.json'), JSON.stringify({ machine, seconds: SECONDS, connections: CONNECTIONS, figures }, null, 2) + '\n');
  const table = [
    `# HTTP throughput`,
    '',
    `${machine.date.slice(0, 10)}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; autocannon, ${CONNECTIONS} connections, ${SECONDS} s per line; server and load generator on the same machine.`,
    '',
    '| scenario | engine | requests/s | p50 ms | p99 ms | failures | share of ceiling |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...figures.map((f) => `| ${f.scenario} | ${f.engine} | ${f.requestsPerSecond} | ${f.latencyP50Ms} | ${f.latencyP99Ms} | ${f.failures} | ${(f.shareOfCeiling * 100).toFixed(1)}% |`),
    '',
  ].join('\n');
  writeFileSync(path.join(outDir, 'http.md'), table);
  process.stdout.write(table);
}

await main();
