import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';

/** One fixed secret, so that the encrypted demo snapshot can be read by every test. */
export const TEST_SECRET = 'tongxin-test-secret-0123456789abcdef';

export const engineUnderTest = (): 'postgres' | 'pglite' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

export const tempDir = (label: string): string => mkdtempSync(path.join(tmpdir(), `tongxin-${label}-`));

/** The configuration of a test installation; `env` overrides as the real environment would. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: tempDir('data'),
    TONGXIN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? process.env.DATABASE_URL ?? '',
  });
}

/** A database name on the PostgreSQL server given by `url`, and the url that reaches it. */
export function withDatabase(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
