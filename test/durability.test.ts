import { describe, expect, it } from 'vitest';
import { separateInstallation } from './support/installation.js';

/**
 * What the server acknowledged survives the server being killed (SIGKILL: no shutdown, no
 * flush of its own). On the embedded engine this is the promise the deployment notes make.
 */
describe('a killed server', () => {
  const { serve } = separateInstallation('durable');

  async function login(base: string): Promise<Record<string, string>> {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { token } = (await csrf.json()) as { token: string };
    const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') },
      body: JSON.stringify({ username: 'liaison', password: 'Tongxin@2026' }),
    });
    expect(response.status).toBe(200);
    cookies.push(...response.headers.getSetCookie().map((c) => c.split(';')[0]!));
    return { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') };
  }

  it('keeps every resident it acknowledged', { timeout: 120_000 }, async () => {
    let { server, base } = await serve();
    let headers = await login(base);
    const places = (await (await fetch(`${base}/api/residents?limit=1`, { headers })).json()) as { items: { placeId: string }[] };
    const placeId = places.items[0]!.placeId;

    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await fetch(`${base}/api/residents`, { method: 'POST', headers, body: JSON.stringify({ placeId, name: `持久居民${i}`, residency: 'new' }) });
        if (response.status === 201) acknowledged.push(((await response.json()) as { resident: { id: string } }).resident.id);
      }),
    );
    expect(acknowledged).toHaveLength(20);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;

    ({ server, base } = await serve());
    try {
      headers = await login(base);
      const found = (await (await fetch(`${base}/api/residents?q=${encodeURIComponent('持久居民')}&limit=50`, { headers })).json()) as { items: { id: string }[] };
      expect(found.items.map((r) => r.id).sort()).toEqual(acknowledged.sort());
    } finally {
      server.kill('SIGTERM');
    }
  });
});
