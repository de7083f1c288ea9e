import { PGlite } from '@electric-sql/pglite';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BackupFileError, type BackupHeader, decodeBackup, encodeBackup, secretCheck } from './backup-file.js';
import { lockDataDir } from './lock.js';
import { MIGRATIONS_FOLDER, migratePglite } from './migrate.js';

/**
 * Backup and restore of the embedded database. PGlite writes its whole folder as one tarball
 * (the approach its documentation gives: `dumpDataDir`, then `loadDataDir` on a new folder), so
 * the server must be stopped: the folder's lock makes sure of it, as for every other command.
 * PostgreSQL installations use pg_dump and pg_restore (docs/deployment.md).
 */
export const pgdataOf = (dataDir: string): string => path.join(dataDir, 'pgdata');

const COUNTED = ['places', 'residents', 'accounts', 'cases'] as const;

async function describeDatabase(client: PGlite): Promise<{ schema: string | null; counts: Record<string, number> }> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const exists = await client.query<{ t: string | null }>(`select to_regclass($1)::text as t`, [`public.${table}`]);
    if (exists.rows[0]?.t) counts[table] = Number((await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);
  }
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  let schema: string | null = null;
  try {
    const last = await client.query<{ at: string }>(`select created_at::text as at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    const at = Number(last.rows[0]?.at);
    schema = journal.entries.find((e) => e.when === at)?.tag ?? (last.rows[0] ? `migration of ${new Date(at).toISOString()}` : null);
  } catch {
    schema = null; // never migrated
  }
  return { schema, counts };
}

/** Writes through a temporary name, so a crash never leaves half a backup under the real name. */
function writeDurably(file: string, bytes: Buffer): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

export interface BackupSummary {
  file: string;
  bytes: number;
  header: BackupHeader;
}

export async function backupEmbedded(options: { dataDir: string; secret: string; file: string }): Promise<BackupSummary> {
  const release = lockDataDir(options.dataDir, 'tongxin backup');
  try {
    const pgdata = pgdataOf(options.dataDir);
    if (!existsSync(pgdata) || readdirSync(pgdata).length === 0) throw new BackupFileError(`There is no embedded database in ${options.dataDir} to back up.`);
    const client = await PGlite.create(pgdata);
    try {
      const { schema, counts } = await describeDatabase(client);
      const tarball = new Uint8Array(await (await client.dumpDataDir('gzip')).arrayBuffer());
      const header = { engine: 'pglite' as const, createdAt: new Date().toISOString(), schema, secretCheck: secretCheck(options.secret), counts };
      const bytes = encodeBackup(header, tarball);
      writeDurably(options.file, bytes);
      return { file: options.file, bytes: bytes.length, header: decodeBackup(bytes).header };
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

export interface RestoreSummary {
  header: BackupHeader;
  /** Rows after the restore (and any migration it needed). */
  counts: Record<string, number>;
  schema: string | null;
  /** Where the database that was replaced now lies, if there was one. */
  keptAside: string | null;
}

export async function restoreEmbedded(options: { dataDir: string; secret: string; file: string; replace: boolean }): Promise<RestoreSummary> {
  if (!existsSync(options.file)) throw new BackupFileError(`No such file: ${options.file}`);
  const { header, tarball } = decodeBackup(readFileSync(options.file));
  if (header.secretCheck !== secretCheck(options.secret)) {
    throw new BackupFileError(
      'This backup was made under another secret, so the personal data in it could not be read. Set TONGXIN_SECRET to the secret of the installation it came from ' +
        '(or copy that installation’s secret.key into DATA_DIR) and restore again. Nothing was changed.',
    );
  }
  const release = lockDataDir(options.dataDir, 'tongxin restore');
  try {
    const pgdata = pgdataOf(options.dataDir);
    let keptAside: string | null = null;
    if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
      if (!options.replace) {
        throw new BackupFileError(`${options.dataDir} already holds a database. Restore into an empty DATA_DIR, or add --replace to put the current one aside (it is kept, not deleted).`);
      }
      keptAside = `${pgdata}-replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(pgdata, keptAside);
    }
    try {
      const client = await PGlite.create(pgdata, { loadDataDir: new Blob([tarball]) });
      try {
        // A backup from an older release comes up to this release's schema, as a start would.
        await migratePglite(client);
        return { header, keptAside, ...(await describeDatabase(client)) };
      } finally {
        await client.close();
      }
    } catch (error) {
      // Leave the folder as it was before the restore.
      rmSync(pgdata, { recursive: true, force: true });
      if (keptAside) renameSync(keptAside, pgdata);
      throw error;
    }
  } finally {
    release();
  }
}
