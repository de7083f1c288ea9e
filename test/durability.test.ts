import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlankDatabase } from './support/db.js';
import { engineUnderTest, TEST_SECRET, tempDir } from './support/env.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * What the server acknowledged survives the server being killed (SIGKILL: no shutdown, no
 * flush of its own). On the embedded engine this is the promise the deployment notes make.
 */
describe('a killed server', () => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: path.join(tempDir('durable'), 'data'), TONGXIN_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  let blank: Awaited<ReturnType<typeof openBlankDatabase>> | undefined;
  beforeAll(async () => {
    if (engineUnderTest() === 'postgres') {
      blank = await openBlankDatabase();
      await blank.database.close();
      env.DATABASE_URL = blank.url!;
    }
  });
  afterAll(async () => {
    await blank?.close().catch(() => {});
  });

  const start = () =>
    new Promise<{ server: ChildProcess; base: string }>((resolve, reject) => {
      const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/localhost:(\d+)/.exec(out);
        if (match) resolve({ server, base: `http://127.0.0.1:${match[1]}` });
      });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });

  async function login(base: string): Promise<Record<string, string>> {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { token } = (await csrf.json()) as { token: string };
    const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') },
      body: JSON.stringify({ username: 'liaison', password: 'Tongxin@2026' }),
    });
    expect(response.status).toBe(200);
    cookies.push(...response.headers.getSetCookie().map((c) => c.split(';')[0]!));
    return { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') };
  }

  it('keeps every resident it acknowledged', { timeout: 120_000 }, async () => {
    let { server, base } = await start();
    let headers = await login(base);
    const places = (await (await fetch(`${base}/api/residents?limit=1`, { headers })).json()) as { items: { placeId: string }[] };
    const placeId = places.items[0]!.placeId;

    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await fetch(`${base}/api/residents`, { method: 'POST', headers, body: JSON.stringify({ placeId, name: `持久居民${i}`, residency: 'new' }) });
        if (response.status === 201) acknowledged.push(((await response.json()) as { resident: { id: string } }).resident.id);
      }),
    );
    expect(acknowledged).toHaveLength(20);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;

    ({ server, base } = await start());
    try {
      headers = await login(base);
      const found = (await (await fetch(`${base}/api/residents?q=${encodeURIComponent('持久居民')}&limit=50`, { headers })).json()) as { items: { id: string }[] };
      expect(found.items.map((r) => r.id).sort()).toEqual(acknowledged.sort());
    } finally {
      server.kill('SIGTERM');
    }
  });
});
