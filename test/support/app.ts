import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { findPlaceByCodes } from '../../src/modules/places/service.js';
import { openTestDatabase, type Seed, type TestDatabase } from './db.js';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
}

/** The whole HTTP application over a test database of its own (no logs; no web app unless a built one's folder is given). */
export async function openTestApp(seed: Seed = 'demo', env: Record<string, string> = {}, now?: () => Date, webRoot = '/nonexistent'): Promise<TestApp> {
  const testDb = await openTestDatabase(seed, env, now);
  const app = await buildApp({ config: testDb.config, database: testDb.database, logger: false, webRoot, ...(now ? { now } : {}) });
  await app.ready();
  return {
    ...testDb,
    app,
    // Closing the app closes its database; the copy is then dropped.
    close: async () => {
      await app.close();
      await testDb.close().catch(() => {});
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A browser-like caller: keeps the cookies it is given and, like the web app, sends the CSRF
 * token with every state-changing request.
 */
export class Client {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(
    readonly app: FastifyInstance,
    readonly locale: 'zh-CN' | 'en' = 'en',
  ) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && this.csrf === null) await this.fetchCsrf();
    const options: InjectOptions = {
      method,
      url,
      headers: {
        'accept-language': this.locale,
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
    };
    const response = await this.app.inject(options);
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async fetchCsrf(): Promise<string> {
    const response = await this.request('GET', '/api/auth/csrf');
    this.csrf = response.json<{ token: string }>().token;
    return this.csrf;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);

  hasSession(): boolean {
    return this.cookies.has('tx_session');
  }
}

/** A client logged in as one of the demo accounts (or any account with its password). */
export async function loginAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD, locale: 'zh-CN' | 'en' = 'en'): Promise<Client> {
  const client = new Client(app, locale);
  const response = await client.post('/api/auth/login', { username, password });
  if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  return client;
}

/** The body of an error answer. */
export const errorOf = (response: LightMyRequestResponse) =>
  response.json<{ error: { code: string; message: string; details: Record<string, unknown> } }>().error;

/** A demo place by its codes from the root, e.g. placeAt(t, '440300', '440305', 'ZS'). */
export async function placeAt(t: TestDatabase, ...codes: string[]) {
  const place = await findPlaceByCodes(t.deps.db, codes);
  if (!place) throw new Error(`no place ${codes.join('/')}`);
  return place;
}
