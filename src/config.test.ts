import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'tongxin-config-'));

describe('configuration from the environment', () => {
  it('runs with no settings at all: port 3000, embedded database, a secret kept in the data folder', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, dataDir: dir, databaseUrl: undefined, databasePoolSize: 10, defaultLocale: 'zh-CN', cookieSecure: 'auto' });
    const file = path.join(dir, 'secret.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(config.secret);
    expect(statSync(file).mode & 0o077).toBe(0); // readable by the owner only
    expect(loadConfig({ DATA_DIR: dir }).secret).toBe(config.secret); // the same after a restart
  });

  it('takes overrides', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), PORT: '8080', DATABASE_URL: 'postgres://u@h/db', DATABASE_POOL_SIZE: '24', DEFAULT_LOCALE: 'en', TONGXIN_SECRET: 'x'.repeat(32), COOKIE_SECURE: 'true' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', databasePoolSize: 24, defaultLocale: 'en', secret: 'x'.repeat(32), cookieSecure: true });
  });

  it('refuses a wrong setting with a message naming it', () => {
    const cases: Record<string, string>[] = [
      { PORT: 'eighty' },
      { PORT: '70000' },
      { DATABASE_URL: 'mysql://x' },
      { DATABASE_POOL_SIZE: '0' },
      { POLL_TALLY_INTERVAL_SECONDS: '-1' },
      { DEFAULT_LOCALE: 'fr' },
      { TONGXIN_SECRET: 'short' },
      { COOKIE_SECURE: 'maybe' },
    ];
    for (const env of cases) {
      const name = Object.keys(env)[0]!;
      expect(() => loadConfig({ DATA_DIR: dataDir(), ...env }), name).toThrow(ConfigError);
      expect(() => loadConfig({ DATA_DIR: dataDir(), ...env }), name).toThrow(name);
    }
  });
});
