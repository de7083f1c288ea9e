import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Locale = 'zh-CN' | 'en';

export interface Config {
  port: number;
  host: string;
  /** Where the embedded database and the generated secret live. */
  dataDir: string;
  /** When set, PostgreSQL replaces the embedded engine. */
  databaseUrl: string | undefined;
  /** Connections each process keeps open to PostgreSQL. */
  databasePoolSize: number;
  /** Master secret: keys for personal-data encryption, blind indexes and cookie signing derive from it. */
  secret: string;
  defaultLocale: Locale;
  logLevel: string;
  /** 'auto' sets Secure on cookies only for HTTPS requests (localhost demos stay usable). */
  cookieSecure: boolean | 'auto';
  trustProxy: boolean;
  bodyLimitBytes: number;
  session: { idleMinutes: number; maxDays: number };
  lockout: { maxFailures: number; minutes: number };
  rateLimit: { loginPerMinute: number; globalPerMinute: number; submitPerMinute: number };
  /** Background work of `tongxin serve`, in seconds between runs; 0 turns it off. */
  jobs: { sweepSeconds: number; retrainSeconds: number; pollTallySeconds: number };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/**
 * The secret comes from TONGXIN_SECRET; without it a random one is kept in the data folder,
 * so a laptop demo needs no set-up and restarts can still read what they encrypted.
 */
function resolveSecret(env: Env, dataDir: string): string {
  const given = env.TONGXIN_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('TONGXIN_SECRET must be at least 32 characters long');
    return given;
  }
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const locale = env.DEFAULT_LOCALE || 'zh-CN';
  if (locale !== 'zh-CN' && locale !== 'en') throw new ConfigError('DEFAULT_LOCALE must be zh-CN or en');
  const cookieSecureRaw = env.COOKIE_SECURE || 'auto';
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    secret: resolveSecret(env, dataDir),
    defaultLocale: locale,
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: cookieSecureRaw === 'auto' ? 'auto' : flag(env, 'COOKIE_SECURE', false),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    session: {
      idleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 12 * 60, 5, 60 * 24 * 30),
      maxDays: integer(env, 'SESSION_MAX_DAYS', 30, 1, 365),
    },
    lockout: {
      maxFailures: integer(env, 'LOCKOUT_MAX_FAILURES', 5, 1, 100),
      minutes: integer(env, 'LOCKOUT_MINUTES', 15, 1, 24 * 60),
    },
    rateLimit: {
      loginPerMinute: integer(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1, 10_000),
      globalPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
      submitPerMinute: integer(env, 'RATE_LIMIT_SUBMIT_PER_MINUTE', 30, 1, 1_000_000),
    },
    jobs: {
      sweepSeconds: integer(env, 'SWEEP_INTERVAL_SECONDS', 60, 0, 86_400),
      retrainSeconds: integer(env, 'RETRAIN_INTERVAL_SECONDS', 24 * 3600, 0, 30 * 86_400),
      pollTallySeconds: integer(env, 'POLL_TALLY_INTERVAL_SECONDS', 2, 0, 3600),
    },
  };
}
