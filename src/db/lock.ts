import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite does not notice a second process opening its folder: both would run and the data
 * would silently diverge. This lock file names the process that holds the folder.
 *
 * A pid check rather than a timestamp lease: a lease would need a timer that a long
 * synchronous PGlite query could starve, and would keep a restarted server waiting after
 * a crash. A holder that is no longer alive (or is this very pid, as after a container
 * restart) is taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string; command: string },
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Tongxin process ` +
        `(pid ${holder.pid}, "${holder.command}"). Stop that process first, ` +
        `or point both at a PostgreSQL server with DATABASE_URL.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'tongxin.lock');
  const me = { pid: process.pid, host: hostname(), command };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        if (existsSync(file)) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: typeof me | undefined;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof me;
      } catch {
        holder = undefined; // half-written by a process that died: stale
      }
      if (holder && holder.host === me.host && holder.pid !== me.pid && alive(holder.pid)) {
        throw new DataDirInUseError(dataDir, holder);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
