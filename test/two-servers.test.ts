import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SATISFACTION } from '../src/modules/polls/fixtures.js';
import { engineUnderTest } from './support/env.js';
import { loginOver, separateInstallation } from './support/installation.js';

type Headers = Record<string, string>;

/**
 * Two `tongxin serve` processes on one PostgreSQL database, as a deployment behind a load
 * balancer runs them: the same poll answer or council vote arriving at both at once is counted
 * once, also when both fold the poll's queued counts. (The deadline sweep of two processes is in
 * faults.test.ts.)
 */
describe.runIf(engineUnderTest() === 'postgres')('two servers on one database', { timeout: 240_000 }, () => {
  const { env, serve } = separateInstallation('two-servers');

  it('counts each poll answer and each council vote once when it reaches both servers at the same moment', async () => {
    Object.assign(env, { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_SUBMIT_PER_MINUTE: '100000', SWEEP_INTERVAL_SECONDS: '0', RETRAIN_INTERVAL_SECONDS: '0', POLL_TALLY_INTERVAL_SECONDS: '1' });
    // One after the other: the first migrates and loads the demo set.
    const a = await serve();
    const b = await serve();
    try {
      const liaisonA = await loginOver(a.base, 'liaison');
      const liaisonB = await loginOver(b.base, 'liaison');
      const [shuiwanResident] = ((await (await fetch(`${a.base}/api/residents?limit=1`, { headers: liaisonA })).json()) as { items: { placeId: string }[] }).items;
      const placeId = shuiwanResident!.placeId;
      const made = await fetch(`${a.base}/api/questionnaires`, { method: 'POST', headers: liaisonA, body: JSON.stringify({ placeId, title: '双服务器投票', definition: SATISFACTION }) });
      expect(made.status).toBe(201);
      const now = Date.now();
      const created = await fetch(`${b.base}/api/polls`, {
        method: 'POST',
        headers: liaisonB,
        body: JSON.stringify({ questionnaireId: ((await made.json()) as { id: string }).id, placeId, title: '双服务器投票', opensAt: new Date(now - 3_600_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const pollId = ((await created.json()) as { id: string }).id;
      const answers = { satisfaction: 'satisfied', used: 'yes', visits: 2 };

      // The resident, logged in on both, sends the same vote to each server several times at once.
      const [residentA, residentB] = [await loginOver(a.base, 'resident'), await loginOver(b.base, 'resident')];
      const own = await Promise.all(
        Array.from({ length: 16 }, (_, i) => {
          const [base, headers] = i % 2 ? [b.base, residentB] : [a.base, residentA];
          return fetch(`${base}/api/polls/${pollId}/responses`, { method: 'POST', headers, body: JSON.stringify({ answers }) }).then(async (r) => ({ status: r.status, body: await r.text() }));
        }),
      );
      expect(own.filter((r) => r.status === 201)).toHaveLength(1);
      expect(own.filter((r) => r.status !== 201).map((r) => [r.status, JSON.parse(r.body).error.code])).toEqual(Array(15).fill([409, 'poll_already_answered']));

      // A liaison enters the paper answers of twenty residents through both servers at once.
      const { rows } = await withClient(env.DATABASE_URL!, (c) => c.query<{ id: string }>(`select r.id from residents r where r.place_id = $1 and r.id not in (select resident_id from accounts where resident_id is not null) order by r.id limit 20`, [placeId]));
      const proxied = await Promise.all(
        rows.flatMap(({ id }) =>
          [
            [a.base, liaisonA],
            [b.base, liaisonB],
          ].map(([base, headers]) => fetch(`${base}/api/polls/${pollId}/responses`, { method: 'POST', headers: headers as Headers, body: JSON.stringify({ residentId: id, answers }) }).then((r) => r.status)),
        ),
      );
      expect(proxied.filter((s) => s === 201)).toHaveLength(rows.length);
      expect(proxied.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);

      const results = (await (await fetch(`${a.base}/api/polls/${pollId}/results`, { headers: liaisonA })).json()) as { responses: number };
      expect(results.responses).toBe(rows.length + 1);
      const stored = await withClient(env.DATABASE_URL!, (c) => c.query<{ n: number }>(`select count(*)::int as n from poll_responses where poll_id = $1`, [pollId]));
      expect(stored.rows[0]!.n).toBe(rows.length + 1);
      // Both servers fold the queued counts into the tallies every second: each response ends up there once.
      await expect
        .poll(() => withClient(env.DATABASE_URL!, (c) => c.query<{ n: number }>(`select count(*)::int as n from poll_tally_queue where poll_id = $1`, [pollId])).then((r) => r.rows[0]!.n), { timeout: 15_000 })
        .toBe(0);
      const folded = await withClient(env.DATABASE_URL!, (c) => c.query<{ n: number }>(`select sum(n)::int as n from poll_tallies where poll_id = $1 and question = '' and option = ''`, [pollId]));
      expect(folded.rows[0]!.n).toBe(rows.length + 1);

      await councilVotesOnce(a.base, b.base);
    } finally {
      for (const server of [a, b]) {
        server.server.kill('SIGTERM');
        await server.exited;
      }
    }
  });
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Three members of a council, each sending the same vote to both servers four times at once. */
async function councilVotesOnce(baseA: string, baseB: string): Promise<void> {
  const [adminA, adminB] = [await loginOver(baseA, 'admin'), await loginOver(baseB, 'admin')];
  const find = async (parentId: string | undefined, code: string) => {
    const { items } = (await (await fetch(`${baseA}/api/places${parentId ? `?parentId=${parentId}` : ''}`)).json()) as { items: { id: string; code: string }[] };
    return items.find((p) => p.code === code)!.id;
  };
  let placeId: string | undefined;
  for (const code of ['440100', '440111', 'SYL']) placeId = await find(placeId, code);
  const password = 'Shuang-Fuwu-9qz';
  const members: { id: string; a: Headers; b: Headers }[] = [];
  for (let i = 0; i < 3; i++) {
    const username = `hall-twin-${i}`;
    const made = await fetch(`${baseA}/api/accounts`, { method: 'POST', headers: adminA, body: JSON.stringify({ username, displayName: username, password, placeId, grants: [{ role: 'council_member', placeId }] }) });
    expect(made.status, await made.clone().text()).toBe(201);
    const loginWith = async (base: string) => {
      const csrf = await fetch(`${base}/api/auth/csrf`);
      const { token } = (await csrf.json()) as { token: string };
      const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!);
      const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') }, body: JSON.stringify({ username, password }) });
      expect(response.status).toBe(200);
      cookies.push(...response.headers.getSetCookie().map((c) => c.split(';')[0]!));
      return { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') };
    };
    members.push({ id: ((await made.json()) as { account: { id: string } }).account.id, a: await loginWith(baseA), b: await loginWith(baseB) });
  }
  const council = await fetch(`${baseB}/api/councils`, {
    method: 'POST',
    headers: adminB,
    body: JSON.stringify({ placeId, name: '双服务器议事会', rules: [{ kind: 'size', min: 3, max: 3 }], threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0.5 } }),
  });
  expect(council.status, await council.clone().text()).toBe(201);
  const councilId = ((await council.json()) as { id: string }).id;
  const seated = await fetch(`${baseA}/api/councils/${councilId}/membership`, {
    method: 'POST',
    headers: adminA,
    body: JSON.stringify({ add: members.map((m, i) => ({ name: `成员${i}`, role: i === 0 ? 'chair' : 'member', partyMember: false, kind: 'resident', termStart: '2026-01-01', accountId: m.id })) }),
  });
  expect(seated.status, await seated.clone().text()).toBe(200);
  const motion = await fetch(`${baseA}/api/councils/${councilId}/motions`, { method: 'POST', headers: adminA, body: JSON.stringify({ title: '双服务器表决', body: '同一张票同时到达两台服务器。', ballot: 'open' }) });
  expect(motion.status, await motion.clone().text()).toBe(201);
  const motionId = ((await motion.json()) as { id: string }).id;
  expect((await fetch(`${baseB}/api/motions/${motionId}/open`, { method: 'POST', headers: adminB, body: '{}' })).status).toBe(200);

  const cast = await Promise.all(
    members.flatMap((m) =>
      Array.from({ length: 8 }, (_, i) => fetch(`${i % 2 ? baseB : baseA}/api/motions/${motionId}/votes`, { method: 'POST', headers: i % 2 ? m.b : m.a, body: JSON.stringify({ choice: 'yes' }) }).then(async (r) => ({ member: m.id, status: r.status, body: await r.text() }))),
    ),
  );
  for (const m of members) {
    const own = cast.filter((c) => c.member === m.id);
    expect(own.filter((c) => c.status === 201), `member ${m.id}: ${JSON.stringify(own.map((c) => c.status))}`).toHaveLength(1);
    expect(own.filter((c) => c.status !== 201).map((c) => [c.status, JSON.parse(c.body).error.code])).toEqual(Array(7).fill([409, 'motion_already_voted']));
  }
  const closed = await fetch(`${baseB}/api/motions/${motionId}/close`, { method: 'POST', headers: adminB, body: '{}' });
  expect(closed.status).toBe(200);
  expect(((await closed.json()) as { votes: unknown[] }).votes).toHaveLength(3);
  expect(await (await fetch(`${baseA}/api/motions/${motionId}/verify`, { headers: adminA })).json()).toMatchObject({ valid: true, ballots: 3, voters: 3 });
}
