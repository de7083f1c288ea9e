import type { Locale } from '../config.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { BackupFileError } from '../db/backup-file.js';
import { DataDirInUseError } from '../db/lock.js';
import { NotEmptyError } from '../demo/seed.js';
import { type Deps, makeDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { message } from '../platform/messages.js';

export interface Runtime {
  config: Config;
  database: Database;
  deps: Deps;
}

/** Opens the configured database, brings its schema up to date, and hands it to `work`. */
export async function withRuntime<T>(command: string, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, command });
  try {
    await database.migrate();
    return await work({ config, database, deps: makeDeps(config, database) });
  } finally {
    await database.close();
  }
}

/** The language of the terminal: Chinese when LANG says so, else the installation default. */
export function terminalLocale(explicit?: string): Locale {
  if (explicit === 'zh-CN' || explicit === 'en') return explicit;
  const lang = process.env.LC_ALL || process.env.LANG || '';
  if (lang.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (lang.toLowerCase().startsWith('en')) return 'en';
  return (process.env.DEFAULT_LOCALE as Locale | undefined) === 'en' ? 'en' : 'zh-CN';
}

/** Known failures become one clear line and exit code 1; anything else keeps its stack for a bug report. */
export function explain(error: unknown, locale: Locale): string {
  if (error instanceof AppError) return message(error.code, locale, error.details);
  if (error instanceof ConfigError || error instanceof BackupFileError || error instanceof DataDirInUseError || error instanceof NotEmptyError) return error.message;
  if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
    return `Cannot reach the database at DATABASE_URL (${(error as Error).message})`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
