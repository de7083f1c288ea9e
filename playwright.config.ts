import { defineConfig, devices } from '@playwright/test';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Each checkout gets its own port (and so its own data folder), so two checkouts on one machine
// (a CI clone and a working copy) never share a server or wipe each other's database.
const CHECKOUT = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3100 + (createHash('sha256').update(CHECKOUT).digest().readUInt16BE(0) % 800));
// A fresh embedded database for every run: the server loads the demo set into it on start. It is
// emptied by the server's command, not here: this file is also read by every worker process.
const DATA_DIR = path.join(os.tmpdir(), `tongxin-e2e-${PORT}`);

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    trace: 'off',
    launchOptions: {
      // Debian's Chromium; Playwright downloads no browser. Without the background-networking flags
      // Chromium keeps calling out to a network this machine does not have.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `rm -rf '${DATA_DIR}' && exec node bin/tongxin.js serve`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    // Every simulated person calls from 127.0.0.1, so the per-address limits are opened up; their
    // own tests (security, open311) check them.
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, LOG_LEVEL: 'warn', TONGXIN_SECRET: 'e2e-secret-for-browser-tests-only-0123456789', RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' },
  },
});
