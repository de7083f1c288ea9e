import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { type Actor, EVERYWHERE } from './access.js';
import type { Database } from '../db/client.js';
import { createVault, type Vault } from './crypto.js';

/** What every use case needs from the running installation, built once at start. */
export interface Deps {
  db: Db;
  vault: Vault;
  config: Config;
  now: () => Date;
}

/** One use case's call: the installation, who is acting, and the request it came from. */
export interface Ctx extends Deps {
  actor: Actor;
  requestId: string | null;
}

/**
 * The actor for work started from the command line or at start-up: whoever can run the CLI
 * on the server already holds the installation, so it acts as an administrator everywhere.
 */
export function systemActor(label: string): Actor {
  return {
    accountId: null,
    username: `system:${label}`,
    displayName: label,
    residentId: null,
    grants: [{ role: 'administrator', placeId: null, placePath: EVERYWHERE }],
    via: 'system',
  };
}

export const systemContext = (deps: Deps, label: string): Ctx => ({ ...deps, actor: systemActor(label), requestId: null });

export const makeDeps = (config: Config, database: Database, now: () => Date = () => new Date()): Deps => ({
  db: database.db,
  vault: createVault(config.secret),
  config,
  now,
});
