import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { lockDataDir } from './lock.js';
import { migratePglite, migratePostgres } from './migrate.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction inside it. */
export type Executor = Db | Tx;

export type Engine = 'pglite' | 'postgres';

/** Rows of a raw SQL statement; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A raw SQL statement with `sql.placeholder` values, built into SQL text once per executor and
 * kept prepared under `name` on each connection, so PostgreSQL plans it once there and a call
 * only fills in the values. For the busiest statements. One name must always carry one text.
 */
export function preparedStatement<T>(name: string, query: SQL): (db: Executor, values: Record<string, unknown>) => Promise<T[]> {
  const built = new WeakMap<Executor, PreparedRows<T>>();
  return async (db, values) => {
    let statement = built.get(db);
    if (!statement) {
      const { session } = db as unknown as { session: PreparingSession<T> };
      built.set(db, (statement = session.prepareQuery(session.dialect.sqlToQuery(query), undefined, name, false)));
    }
    return (await statement.execute(values)).rows;
  };
}

interface PreparedRows<T> {
  execute(values?: Record<string, unknown>): Promise<{ rows: T[] }>;
}

interface PreparingSession<T> {
  dialect: { sqlToQuery(query: SQL): unknown };
  prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: false): PreparedRows<T>;
}

export interface Database {
  engine: Engine;
  db: Db;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** Applies the SQL migrations not yet applied. */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Name of the command holding the embedded folder, shown to a second process that tries. */
  command?: string;
  /** An already created PGlite (tests load one from a migrated snapshot). */
  pglite?: PGlite;
  poolSize?: number;
}

const drizzleOptions = { schema, casing: 'snake_case' } as const;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A pooled connection that drops (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, ...drizzleOptions }) as unknown as Db;
  const database: Database = {
    engine: 'postgres',
    db,
    ping: async () => {
      await pool.query('select 1');
    },
    migrate: (folder) => migratePostgres(url, folder),
    close: () => pool.end(),
  };
  await database.ping();
  return database;
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const release = options.pglite ? () => {} : lockDataDir(options.dataDir, options.command ?? 'tongxin');
  try {
    const client = options.pglite ?? (await PGlite.create(`${options.dataDir}/pgdata`));
    const db = drizzlePglite({ client, ...drizzleOptions }) as unknown as Db;
    return {
      engine: 'pglite',
      db,
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      migrate: (folder) => migratePglite(client, folder),
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
