import cliProgress from 'cli-progress';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.js';
import { backupEmbedded, restoreEmbedded } from '../db/backup.js';
import { loadDemo } from '../demo/seed.js';
import { createAccount } from '../modules/accounts/service.js';
import { createOpen311Key } from '../modules/cases/open311/keys.js';
import { retrainFromHistory } from '../modules/cases/retraining.js';
import { sweepDeadlines } from '../modules/cases/sweep.js';
import { exportResidents } from '../modules/people/export.js';
import { importResidents } from '../modules/people/import.js';
import { formatOf, readSheet, sheetToCsv, writeSheet } from '../modules/people/spreadsheet.js';
import { findPlaceByCodes } from '../modules/places/service.js';
import { ROLES, type Role } from '../platform/access.js';
import { systemContext } from '../platform/context.js';
import { withRuntime, type Runtime } from './runtime.js';
import type { Locale } from '../config.js';

/**
 * Runs `work` with a progress bar on stderr, stopped however the work ends: a running bar
 * holds a timer that would otherwise keep a failed command from exiting.
 */
async function withProgress<T>(label: string, total: number, work: (update: (done: number, total?: number) => void) => Promise<T>): Promise<T> {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      // Under cron or CI there is no terminal: a line every few seconds still shows progress.
      noTTYOutput: true,
      notTTYSchedule: 3000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  try {
    return await work((done, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(done);
    });
  } finally {
    bar.stop();
  }
}

async function placeIdOf(runtime: Runtime, codes: string | undefined): Promise<string | null> {
  if (!codes) return null;
  const place = await findPlaceByCodes(runtime.deps.db, codes.split('/').filter(Boolean));
  if (!place) throw new UsageError(`No place with the codes ${codes} (write them from the city down, e.g. 440300/440305/ZS)`);
  return place.id;
}

export class UsageError extends Error {}

export async function migrateCommand(): Promise<void> {
  await withRuntime('tongxin migrate', async ({ database }) => {
    process.stdout.write(`The ${database.engine === 'pglite' ? 'embedded' : 'PostgreSQL'} database schema is up to date.\n`);
  });
}

export async function seedCommand(options: { demo?: boolean }): Promise<void> {
  if (!options.demo) throw new UsageError('Say which data set to load: `tongxin seed --demo`.');
  await withRuntime('tongxin seed', async ({ deps }) => {
    const summary = await withProgress('Demo households', 1, (update) => loadDemo(deps, (done, total) => update(done, total)));
    process.stdout.write(`Loaded ${summary.places} places, ${summary.households} households, ${summary.residents} residents and ${summary.logins.length} demo logins, with ${summary.cases} requests to the one-number line, ${summary.pollResponses} answers to satisfaction polls and ${summary.deputyVisits} visits to a deputies' workstation.\n`);
  });
}

export async function importResidentsCommand(file: string, options: { dryRun?: boolean; report?: string }, locale: Locale): Promise<boolean> {
  if (!formatOf(file)) throw new UsageError('The file must be .csv or .xlsx');
  const sheet = await readSheet(file);
  return withRuntime('tongxin import', async ({ deps }) => {
    const report = await withProgress(locale === 'zh-CN' ? '导入居民' : 'Importing residents', sheet.rows.length, (update) =>
      importResidents(systemContext(deps, 'import residents'), sheet, { dryRun: options.dryRun ?? false, locale, onProgress: update }),
    );
    if (options.report) {
      await writeSheet(options.report, { headers: ['line', 'column', 'problem'], rows: report.problems.map((p) => [String(p.line), p.column ?? '', p.message]) }, 'problems');
    }
    if (report.problems.length) {
      process.stderr.write(
        (locale === 'zh-CN'
          ? `发现 ${report.problems.length} 个问题，未导入任何数据：\n`
          : `${report.problems.length} problem(s) found; nothing was imported:\n`) +
          report.problems.map((p) => `  ${locale === 'zh-CN' ? '第' : 'line '}${p.line}${locale === 'zh-CN' ? ' 行' : ''}${p.column ? ` [${p.column}]` : ''}: ${p.message}`).join('\n') +
          '\n',
      );
      return false;
    }
    const verb = report.dryRun ? (locale === 'zh-CN' ? '检查通过，可导入' : 'Checked; would import') : locale === 'zh-CN' ? '已导入' : 'Imported';
    process.stdout.write(
      locale === 'zh-CN'
        ? `${verb} ${report.imported} 位居民，新建 ${report.householdsCreated} 户。\n`
        : `${verb} ${report.imported} residents and ${report.householdsCreated} new households.\n`,
    );
    return true;
  });
}

export async function exportResidentsCommand(options: { place?: string; output?: string; unmasked?: boolean }, locale: Locale): Promise<void> {
  if (options.output && !formatOf(options.output)) throw new UsageError('The output file must end in .csv or .xlsx');
  await withRuntime('tongxin export', async (runtime) => {
    const placeId = (await placeIdOf(runtime, options.place)) ?? undefined;
    const sheet = await exportResidents(systemContext(runtime.deps, 'export residents'), { placeId, unmasked: options.unmasked ?? false, locale });
    if (options.output) {
      await writeSheet(options.output, sheet, locale === 'zh-CN' ? '居民' : 'residents');
      process.stderr.write(`${sheet.rows.length} residents → ${options.output}\n`);
    } else {
      process.stdout.write(sheetToCsv(sheet));
    }
  });
}

/** `role` or `role@codes`: a role on the account's home place, or on the named place. */
function parseRoleOption(value: string): { role: Role; codes: string | undefined } {
  const [role, codes] = value.split('@');
  if (!(ROLES as readonly string[]).includes(role ?? '')) throw new UsageError(`Unknown role "${role}". Roles: ${ROLES.join(', ')}`);
  return { role: role as Role, codes };
}

export async function createUserCommand(options: { username: string; name: string; password?: string; place?: string; role?: string[] }): Promise<void> {
  const roles = (options.role ?? []).map(parseRoleOption);
  await withRuntime('tongxin user create', async (runtime) => {
    const placeId = await placeIdOf(runtime, options.place);
    const grants = [];
    for (const r of roles) grants.push({ role: r.role, placeId: r.codes === undefined ? placeId : await placeIdOf(runtime, r.codes) });
    // A generated password meets the rules: letters of both cases, digits and a symbol.
    const password = options.password ?? `Tx-${randomBytes(12).toString('base64url')}7a`;
    const account = await createAccount(systemContext(runtime.deps, 'user create'), {
      username: options.username,
      displayName: options.name,
      password,
      placeId,
      grants,
    });
    process.stdout.write(`Created account ${account.username}${account.grants.length ? ` with ${account.grants.map((g) => g.role).join(', ')}` : ''}.\n`);
    if (!options.password) process.stdout.write(`Password (shown once): ${password}\n`);
  });
}

export async function sweepCommand(): Promise<void> {
  await withRuntime('tongxin cases sweep', async ({ deps }) => {
    const { escalated } = await sweepDeadlines(deps);
    process.stdout.write(`Escalated ${escalated} overdue cases.\n`);
  });
}

/**
 * Retraining here proves the history trains a model and says how much of it there is; each
 * running server retrains its own router on its schedule and at start.
 */
export async function retrainCommand(): Promise<void> {
  await withRuntime('tongxin cases retrain', async ({ deps }) => {
    const { examples } = await retrainFromHistory(deps);
    process.stdout.write(`The router learned from ${examples} settled cases besides its shipped examples.\n`);
  });
}

export async function createOpen311KeyCommand(options: { jurisdiction: string; name: string }): Promise<void> {
  await withRuntime('tongxin open311 key create', async ({ deps }) => {
    const { key, cityName } = await createOpen311Key(systemContext(deps, 'open311 key create'), options);
    process.stdout.write(`Open311 API key for "${options.name}" in ${cityName} (${options.jurisdiction}). It is shown only this once:\n${key}\n`);
  });
}

/**
 * Verifies a Bank of Merit's whole ledger chain and its published heads. A broken chain is a
 * failure (exit code 1) naming the first entry that no longer holds.
 */
export async function meritVerifyCommand(options: { place: string }): Promise<void> {
  await withRuntime('tongxin merit verify', async (runtime) => {
    const placeId = (await placeIdOf(runtime, options.place))!;
    const { findBank } = await import('../modules/merit/banks.js');
    if (!(await findBank(runtime.deps.db, placeId))) throw new UsageError(`The place ${options.place} runs no Bank of Merit`);
    const { verifyChainIn } = await import('../modules/merit/ledger.js');
    const result = await verifyChainIn(runtime.deps.db, placeId, new Date());
    for (const r of result.reports) process.stdout.write(`Report ${r.quarter}: head #${r.headSeq} ${r.matches ? 'still in the ledger as published' : 'NO LONGER MATCHES the ledger'}\n`);
    if (result.firstBreak) throw new UsageError(`The ledger was changed: entry #${result.firstBreak.seq} fails (${result.firstBreak.problem}); ${result.entries} entries, head #${result.headSeq}`);
    if (!result.intact) throw new UsageError('A published report head no longer matches the ledger');
    process.stdout.write(`The ledger holds: ${result.entries} entries verified, head #${result.headSeq} ${result.headHash}\n`);
  });
}

const POSTGRES_BACKUP_HINT =
  'With PostgreSQL (DATABASE_URL is set), back up and restore with PostgreSQL’s own tools: pg_dump -Fc and pg_restore (see docs/deployment.md, “Backups”).';

const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');

/** The embedded database into one file; the server must be stopped (the folder's lock says so if not). */
export async function backupCommand(file: string): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) throw new UsageError(POSTGRES_BACKUP_HINT);
  const started = Date.now();
  const { bytes, header } = await backupEmbedded({ dataDir: config.dataDir, secret: config.secret, file });
  process.stdout.write(
    `Backed up the embedded database in ${config.dataDir} (${counted(header.counts)}; schema ${header.schema ?? 'none'}) to ${file}: ` +
      `${(bytes / 2 ** 20).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
      'Keep TONGXIN_SECRET (or secret.key) too: restoring needs the same secret.\n',
  );
}

export async function restoreCommand(file: string, options: { replace?: boolean }): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) throw new UsageError(POSTGRES_BACKUP_HINT);
  const restored = await restoreEmbedded({ dataDir: config.dataDir, secret: config.secret, file, replace: options.replace ?? false });
  process.stdout.write(
    `Restored the backup of ${restored.header.createdAt} into ${config.dataDir}: ${counted(restored.counts)}; schema ${restored.schema ?? 'none'}.\n` +
      (restored.keptAside ? `The database it replaced is kept in ${restored.keptAside}.\n` : ''),
  );
}
