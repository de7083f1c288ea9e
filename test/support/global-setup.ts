import { PGlite } from '@electric-sql/pglite';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { loadDemo } from '../../src/demo/seed.js';
import { makeDeps } from '../../src/platform/context.js';
import { tempDir, testConfig, withDatabase } from './env.js';

/**
 * Migrating and loading the demo set takes seconds; done once per run, then every test file
 * starts from a copy: a PGlite data-directory dump, or a PostgreSQL template database.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    snapshots: { empty: string; demo: string };
    templates: { empty: string; demo: string } | null;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dir = tempDir('snapshots');
  const snapshots = { empty: path.join(dir, 'empty.tar'), demo: path.join(dir, 'demo.tar') };
  const config = testConfig();

  const lite = await PGlite.create();
  const embedded = await openDatabase({ pglite: lite, dataDir: dir });
  await embedded.migrate();
  writeFileSync(snapshots.empty, Buffer.from(await (await lite.dumpDataDir('none')).arrayBuffer()));
  await loadDemo(makeDeps(config, embedded));
  writeFileSync(snapshots.demo, Buffer.from(await (await lite.dumpDataDir('none')).arrayBuffer()));
  await embedded.close();

  const serverUrl = process.env.DATABASE_URL;
  let templates: { empty: string; demo: string } | null = null;
  if (serverUrl) {
    templates = { empty: `tx_${runId}_tpl_empty`, demo: `tx_${runId}_tpl_demo` };
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      for (const name of Object.values(templates)) await admin.query(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    for (const [kind, name] of Object.entries(templates)) {
      const server = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), dataDir: dir, poolSize: 1 });
      await server.migrate();
      if (kind === 'demo') await loadDemo(makeDeps(config, server));
      await server.close();
    }
  }

  project.provide('snapshots', snapshots);
  project.provide('templates', templates);
  project.provide('runId', runId);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(config.dataDir, { recursive: true, force: true });
    if (!serverUrl) return;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`tx\\_${runId}\\_%`]);
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
