import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET, tempDir } from './env.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  process: ChildProcess;
  base: string;
  /** Everything it printed so far. */
  output: () => string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * `tongxin serve` in a process of its own on a free port, with the given environment on top of
 * a test installation's (a data folder of its own, the test secret, English messages).
 */
export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: path.join(tempDir('serve'), 'data'), TONGXIN_SECRET: TEST_SECRET, LANG: 'en_US.UTF-8', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        resolve({
          process: child,
          base: `http://127.0.0.1:${match[1]}`,
          output: () => output,
          exited,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`server exited before it listened:\n${output}`)));
  });
}
