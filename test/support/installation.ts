import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { openBlankDatabase } from './db.js';
import { engineUnderTest, TEST_SECRET, tempDir } from './env.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TONGXIN = ['--import', 'tsx', 'src/main.ts'];

/**
 * An installation of its own for tests that run `tongxin` as separate processes: an empty data
 * folder, or an empty PostgreSQL database when the suite runs on one. Call inside a describe.
 */
export function separateInstallation(label: string) {
  const dir = tempDir(label);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATA_DIR: path.join(dir, 'data'),
    TONGXIN_SECRET: TEST_SECRET,
    LANG: 'en_US.UTF-8',
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
  };
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

  return {
    dir,
    env,
    /** Runs a command to its end. */
    tongxin: (...args: string[]) => {
      const result = spawnSync(process.execPath, [...TONGXIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
      return { code: result.status, out: result.stdout, err: result.stderr };
    },
    /** Starts `tongxin serve` on a free port; resolves once it prints its address. */
    serve: () =>
      new Promise<{ server: ChildProcess; base: string; output: string; exited: Promise<number | null> }>((resolve, reject) => {
        const server = spawn(process.execPath, [...TONGXIN, 'serve', '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const exited = new Promise<number | null>((done) => server.on('exit', (code) => done(code)));
        let output = '';
        server.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /http:\/\/localhost:(\d+)/.exec(output);
          if (match) resolve({ server, base: `http://127.0.0.1:${match[1]}`, output, exited });
        });
        void exited.then(() => reject(new Error(`server exited early: ${output}`)));
      }),
  };
}

/**
 * Logs a demo user in to a server running in its own process, as a browser would (CSRF token,
 * then the session cookie), and answers the headers its next requests need.
 */
export async function loginOver(base: string, username: string): Promise<Record<string, string>> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { token } = (await csrf.json()) as { token: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') },
    body: JSON.stringify({ username, password: 'Tongxin@2026' }),
  });
  expect(response.status).toBe(200);
  cookies.push(...response.headers.getSetCookie().map((c) => c.split(';')[0]!));
  return { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') };
}
