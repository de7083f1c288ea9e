import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { type Deps, makeDeps } from '../../src/platform/context.js';
import { testConfig, withDatabase } from './env.js';

export type Seed = 'empty' | 'demo';

export interface TestDatabase {
  database: Database;
  config: Config;
  deps: Deps;
  close(): Promise<void>;
}

let copies = 0;

/**
 * A database of its own for one test file: migrated, and holding the demo set unless `empty`.
 * The engine is PGlite, or the PostgreSQL server of DATABASE_URL when that is set.
 */
export async function openTestDatabase(seed: Seed = 'demo', env: Record<string, string> = {}, now?: () => Date): Promise<TestDatabase> {
  const config = testConfig(env);
  const serverUrl = process.env.DATABASE_URL;
  let database: Database;
  let dropCopy = async () => {};
  if (serverUrl) {
    const template = inject('templates')![seed];
    const name = `tx_${inject('runId')}_${process.pid}_${++copies}`;
    await adminQuery(serverUrl, `create database "${name}" template "${template}"`);
    database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), dataDir: config.dataDir, poolSize: 4 });
    dropCopy = () => adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
  } else {
    const snapshot = new Blob([readFileSync(inject('snapshots')[seed])]);
    database = await openDatabase({ pglite: await PGlite.create({ loadDataDir: snapshot }), dataDir: config.dataDir });
  }
  return {
    database,
    config,
    deps: makeDeps(config, database, now),
    close: async () => {
      await database.close();
      await dropCopy();
    },
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database with nothing in it, not even the schema: for tests of migration itself. */
export async function openBlankDatabase(): Promise<{ database: Database; url: string | undefined; close(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = testConfig().dataDir;
  if (!serverUrl) {
    const database = await openDatabase({ pglite: await PGlite.create(), dataDir });
    return { database, url: undefined, close: () => database.close() };
  }
  const name = `tx_${inject('runId')}_${process.pid}_blank_${++copies}`;
  await adminQuery(serverUrl, `create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, dataDir, poolSize: 2 });
  return {
    database,
    url,
    close: async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}
