import closeWithGrace from 'close-with-grace';
import { inArray } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DEMO_LOGINS, DEMO_PASSWORD, isEmpty, loadDemo } from '../demo/seed.js';
import { startCaseJobs } from '../modules/cases/jobs.js';
import { startPollJobs } from '../modules/polls/jobs.js';
import { accounts } from '../platform/auth/schema.js';

/**
 * Starts the server: schema up to date, demo data on an empty database (unless refused), then
 * listening. SIGINT/SIGTERM finish the requests in flight before the database closes.
 */
export async function serve(options: { port?: number | undefined; demo: boolean }): Promise<void> {
  const config = loadConfig();
  if (options.port !== undefined) config.port = options.port;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, command: 'tongxin serve' });
  await database.migrate();
  const app = await buildApp({ config, database });

  if (options.demo && (await isEmpty(app.deps.db))) {
    app.log.info('empty database: loading the demo data set');
    const summary = await loadDemo(app.deps);
    app.log.info(summary, 'demo data loaded');
  }

  const stopJobs = [startCaseJobs(app.deps, app.log), startPollJobs(app.deps, app.log)];
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'stopping after an error');
    else app.log.info({ signal }, 'stopping: finishing requests in flight');
    stopJobs.forEach((stop) => stop());
    await app.close();
  });

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const present = await app.deps.db
    .select({ username: accounts.username })
    .from(accounts)
    .where(inArray(accounts.username, DEMO_LOGINS.map((l) => l.username)));
  const lines = [
    '',
    `  Tongxin 同心 is running:  http://localhost:${port}`,
    `  API documentation:       http://localhost:${port}/docs`,
    `  Database:                ${database.engine === 'pglite' ? `embedded, in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (present.length) {
    lines.push('', `  Demo logins (password ${DEMO_PASSWORD} for all):`);
    for (const login of DEMO_LOGINS.filter((l) => present.some((p) => p.username === l.username))) {
      lines.push(`    ${login.username.padEnd(12)} ${login.role.padEnd(18)} ${login.displayName}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}
