import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL server of the test's own, in a temporary folder on a free port, for tests that
 * stop and start it (the shared server on 5432 must never be touched). Uses Debian's binaries
 * in /usr/lib/postgresql/N/bin; as root it runs them as the `postgres` user, since PostgreSQL
 * refuses to run as root.
 */
export interface PrivatePostgres {
  url: (database?: string) => string;
  port: number;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops it for good and removes its folder. */
  destroy(): void;
  /** Runs one of the server's tools (pg_dump, pg_restore, psql …) as the server's user. */
  tool(name: string, args: string[]): string;
}

export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('No PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'tongxin-pg-'));
  if (asRoot) giveToPostgres(dir);
  const run = (name: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, name), asRoot ? ['-u', 'postgres', '--', path.join(bin, name), ...args] : args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => void run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode = 'fast') => void run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
    start,
    destroy: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
    tool: (name, args) => run(name, args),
  };
}

/** Lets the server's user read and write a folder (as root, the tools run as `postgres`). */
export function giveToPostgres(folder: string): void {
  if (userInfo().uid === 0) execFileSync('chown', ['-R', 'postgres:postgres', folder]);
}
