import { describe, expect, it } from 'vitest';
import { loginOver, separateInstallation } from './support/installation.js';

/**
 * What the server acknowledged survives the server being killed (SIGKILL: no shutdown, no
 * flush of its own). On the embedded engine this is the promise the deployment notes make.
 */
describe('a killed server', () => {
  const { serve } = separateInstallation('durable');


  it('keeps every resident it acknowledged', { timeout: 120_000 }, async () => {
    let { server, base } = await serve();
    let headers = await loginOver(base, 'liaison');
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
      headers = await loginOver(base, 'liaison');
      const found = (await (await fetch(`${base}/api/residents?q=${encodeURIComponent('持久居民')}&limit=50`, { headers })).json()) as { items: { id: string }[] };
      expect(found.items.map((r) => r.id).sort()).toEqual(acknowledged.sort());
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('loses no acknowledged request when killed mid-load, and a retry never makes a second', { timeout: 120_000 }, async () => {
    let { server, base } = await serve();
    let headers = await loginOver(base, 'dispatcher');
    const places = (await (await fetch(`${base}/api/places`)).json()) as { items: { id: string; code: string }[] };
    const placeId = places.items.find((p) => p.code === '440300')!.id;
    const submit = (i: number) =>
      fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `kill-test-${i}` },
        body: JSON.stringify({ placeId, description: `断电压测第${i}号：小区停电了`, channel: 'phone' }),
      });

    const acknowledged = new Map<number, string>();
    const total = 80;
    let killed = false;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 4));
        try {
          const response = await submit(i);
          if (response.status === 201) acknowledged.set(i, ((await response.json()) as { id: string }).id);
        } catch {
          // Refused or cut off by the kill: the client does not know, so it will retry.
        }
        if (!killed && acknowledged.size >= 15) {
          killed = true;
          server.kill('SIGKILL');
        }
      }),
    );
    await exited;
    expect(acknowledged.size).toBeGreaterThanOrEqual(15);

    ({ server, base } = await serve());
    try {
      headers = await loginOver(base, 'dispatcher');
      for (const id of acknowledged.values()) expect((await fetch(`${base}/api/cases/${id}`, { headers })).status).toBe(200);
      // Every client retries everything with its key: the acknowledged ones answer their first case.
      const retried = await Promise.all(Array.from({ length: total }, async (_, i) => ({ i, response: await submit(i) })));
      for (const { i, response } of retried) {
        expect([200, 201]).toContain(response.status);
        const { id } = (await response.json()) as { id: string };
        if (acknowledged.has(i)) expect(id).toBe(acknowledged.get(i));
      }
      const listed = (await (await fetch(`${base}/api/cases?q=${encodeURIComponent('断电压测')}&limit=200`, { headers })).json()) as { total: number };
      expect(listed.total).toBe(total);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
