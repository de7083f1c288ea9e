import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

interface Ward {
  id: string;
  name: string;
  places: { id: string; nameZh: string; population: number; newResidents: number }[];
  population: number;
  newResidents: number;
  nominees: { memberId: string; name: string }[];
  leader: { memberId: string; name: string; tally: { memberId: string; votes: number }[] } | null;
}

/** Residents of each grid, from the first to the sixth; every third of them a new (migrant) resident. */
const POPULATION = [30, 20, 10, 40, 50, 10];

describe('councils: a village divided into wards by population, and ward leaders chosen from nominated members (Cixi)', () => {
  let t: TestApp;
  let admin: Client, secretary: Client, anonymous: Client, outsider: Client;
  let councilId: string;
  let grids: { id: string; nameZh: string }[];
  let members: { id: string; name: string }[];

  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await loginAs(t.app, 'admin');
    secretary = await loginAs(t.app, 'secretary');
    anonymous = new Client(t.app);
    outsider = await loginAs(t.app, 'resident'); // lives in Shuiwan, Shenzhen
    const town = await placeAt(t, '331000', '331082', 'BSY');
    const village = (await admin.post('/api/places', { parentId: town.id, level: 'community', code: 'HX', nameZh: '和谐村', nameEn: 'Hexie Village' })).json<{ place: { id: string } }>().place;
    grids = [];
    for (const [i, population] of POPULATION.entries()) {
      const grid = (await admin.post('/api/places', { parentId: village.id, level: 'grid', code: `G${i + 1}`, nameZh: `第${'一二三四五六'[i]}网格`, nameEn: `Grid ${i + 1}` })).json<{ place: { id: string; nameZh: string } }>().place;
      grids.push(grid);
      for (let r = 0; r < population; r++) {
        const made = await admin.post('/api/residents', { placeId: grid.id, name: `村民${i}-${r}`, residency: r % 3 === 0 ? 'new' : 'established' });
        expect(made.statusCode, made.body).toBe(201);
      }
    }
    const council = await secretary.post('/api/councils', { placeId: village.id, name: '和谐村和谐促进会', typeCode: 'cixi-harmony' });
    councilId = council.json<{ id: string }>().id;
    const formed = await secretary.post(`/api/councils/${councilId}/membership`, {
      add: [
        { name: '王书记', role: 'chair', partyMember: true, kind: 'official', tags: ['village_party_secretary'], termStart: '2026-01-01' },
        { name: '李师傅', role: 'vice_chair', partyMember: false, kind: 'new_resident', tags: ['migrant_worker'], termStart: '2026-01-01' },
        ...Array.from({ length: 6 }, (_, i) => ({ name: `会员${i}`, role: 'member', partyMember: false, kind: i % 2 ? 'new_resident' : 'established_resident', termStart: '2026-01-01' })),
      ],
    });
    expect(formed.statusCode, formed.body).toBe(200);
    members = formed.json<{ council: { members: { id: string; name: string }[] } }>().council.members;
  }, 180_000);
  afterAll(() => t.close());

  it('proposes wards of neighbouring grids with the heaviest as light as it can be, and saves nothing', async () => {
    const proposal = await secretary.post(`/api/councils/${councilId}/wards/proposal`, { count: 3 }, { 'accept-language': 'zh-CN' });
    expect(proposal.statusCode, proposal.body).toBe(200);
    const { wards, spread } = proposal.json<{ wards: Ward[]; spread: number }>();
    // 160 residents in three runs of grids: 50 | 50 | 60 (60 is the least the heaviest can be).
    expect(wards.map((w) => [w.name, w.places.map((p) => p.nameZh), w.population])).toEqual([
      ['第1片区', ['第一网格', '第二网格'], 50],
      ['第2片区', ['第三网格', '第四网格'], 50],
      ['第3片区', ['第五网格', '第六网格'], 60],
    ]);
    expect(wards.map((w) => w.newResidents)).toEqual([10 + 7, 4 + 14, 17 + 4]);
    expect(spread).toBeCloseTo(10 / (160 / 3));
    expect((await secretary.get(`/api/councils/${councilId}/wards`)).json()).toEqual({ items: [] });

    const tooMany = await secretary.post(`/api/councils/${councilId}/wards/proposal`, { count: 7 });
    expect([tooMany.statusCode, errorOf(tooMany).code]).toEqual([400, 'ward_count_too_large']);
    expect((await outsider.post(`/api/councils/${councilId}/wards/proposal`, { count: 2 })).statusCode).toBe(403);
  });

  it('draws the wards only when every grid is in exactly one', async () => {
    const put = (wards: { name: string; placeIds: string[] }[]) => secretary.put(`/api/councils/${councilId}/wards`, { wards });
    const ids = (...n: number[]) => n.map((i) => grids[i]!.id);
    const missing = await put([{ name: '东片', placeIds: ids(0, 1, 2) }, { name: '西片', placeIds: ids(3, 4) }]);
    expect([missing.statusCode, errorOf(missing).code]).toEqual([400, 'ward_place_missing']);
    expect(errorOf(missing).message).toContain('第六网格');
    const twice = await put([{ name: '东片', placeIds: ids(0, 1, 2) }, { name: '西片', placeIds: ids(2, 3, 4, 5) }]);
    expect([twice.statusCode, errorOf(twice).code]).toEqual([400, 'ward_place_repeated']);
    const shuiwan = await placeAt(t, '440300', '440305', 'ZS', 'SW');
    const foreign = await put([{ name: '东片', placeIds: [...ids(0, 1, 2, 3, 4, 5), shuiwan.id] }]);
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([400, 'ward_place_invalid']);
    const empty = await put([{ name: '东片', placeIds: ids(0, 1, 2, 3, 4, 5) }, { name: '空片', placeIds: [] }]);
    expect([empty.statusCode, errorOf(empty).code]).toEqual([400, 'ward_empty']);
    expect((await outsider.put(`/api/councils/${councilId}/wards`, { wards: [{ name: 'x', placeIds: ids(0, 1, 2, 3, 4, 5) }] })).statusCode).toBe(403);

    const saved = await put([
      { name: '东片', placeIds: ids(0, 1) },
      { name: '中片', placeIds: ids(2, 3) },
      { name: '西片', placeIds: ids(4, 5) },
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ items: Ward[] }>().items.map((w) => [w.name, w.population, w.leader])).toEqual([
      ['东片', 50, null],
      ['中片', 50, null],
      ['西片', 60, null],
    ]);
  });

  it('chooses a ward leader from its nominated members by the count recorded, and refuses a tie', async () => {
    const [east] = (await secretary.get(`/api/councils/${councilId}/wards`)).json<{ items: Ward[] }>().items;
    const nominate = (memberId: string) => secretary.post(`/api/wards/${east!.id}/nominations`, { memberId });
    const [wang, li, m0] = [members.find((m) => m.name === '王书记')!, members.find((m) => m.name === '李师傅')!, members.find((m) => m.name === '会员0')!];
    expect((await nominate(li.id)).statusCode).toBe(201);
    expect((await nominate(m0.id)).statusCode).toBe(201);
    const again = await nominate(li.id);
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'ward_already_nominated']);
    const stranger = await nominate('01900000-0000-7000-8000-000000000000');
    expect([stranger.statusCode, errorOf(stranger).code]).toEqual([404, 'council_member_not_found']);

    const elect = (tally: { memberId: string; votes: number }[]) => secretary.post(`/api/wards/${east!.id}/elections`, { tally });
    const tied = await elect([{ memberId: li.id, votes: 4 }, { memberId: m0.id, votes: 4 }]);
    expect([tied.statusCode, errorOf(tied).code]).toEqual([409, 'ward_election_tied']);
    const partial = await elect([{ memberId: li.id, votes: 4 }]);
    expect([partial.statusCode, errorOf(partial).code]).toEqual([400, 'ward_tally_incomplete']);
    const notNominated = await elect([{ memberId: li.id, votes: 4 }, { memberId: wang.id, votes: 1 }]);
    expect([notNominated.statusCode, errorOf(notNominated).code]).toEqual([400, 'ward_not_nominated']);
    expect((await secretary.get(`/api/councils/${councilId}/wards`)).json<{ items: Ward[] }>().items[0]!.leader).toBeNull();

    const won = await elect([{ memberId: li.id, votes: 5 }, { memberId: m0.id, votes: 3 }]);
    expect(won.statusCode, won.body).toBe(201);
    expect(won.json<{ items: Ward[] }>().items[0]).toMatchObject({ name: '东片', nominees: [{ name: '李师傅' }, { name: '会员0' }], leader: { name: '李师傅', tally: [{ votes: 5 }, { votes: 3 }] } });
    // The count is a record: no change afterwards, whatever tries.
    await expect(t.deps.db.execute(sql`update ward_elections set leader_member_id = ${m0.id}`)).rejects.toThrow();

    // Anyone reads the wards and their leaders; who else was nominated and the counts stay with the council.
    const open = await anonymous.get(`/api/public/councils/${councilId}/wards`);
    expect(open.json()).toEqual({
      items: [
        { name: '东片', places: ['第一网格', '第二网格'], population: 50, leader: '李师傅' },
        { name: '中片', places: ['第三网格', '第四网格'], population: 50, leader: null },
        { name: '西片', places: ['第五网格', '第六网格'], population: 60, leader: null },
      ],
    });
    expect((await outsider.get(`/api/councils/${councilId}/wards`)).statusCode).toBe(403);
  });

  it('retires the old wards when the village is divided again, keeping their records', async () => {
    const [east] = (await secretary.get(`/api/councils/${councilId}/wards`)).json<{ items: Ward[] }>().items;
    const proposal = (await secretary.post(`/api/councils/${councilId}/wards/proposal`, { count: 2 }, { 'accept-language': 'en' })).json<{ wards: Ward[] }>().wards;
    // 60 | 100 and 100 | 60 are as even as each other; the grids stay in their order either way.
    expect(proposal.map((w) => [w.name, w.places.length, w.population])).toEqual([
      ['Ward 1', 3, 60],
      ['Ward 2', 3, 100],
    ]);
    const redrawn = await secretary.put(`/api/councils/${councilId}/wards`, { wards: proposal.map((w) => ({ name: w.name, placeIds: w.places.map((p) => p.id) })) });
    expect(redrawn.json<{ items: Ward[] }>().items.map((w) => w.name)).toEqual(['Ward 1', 'Ward 2']);
    const late = await secretary.post(`/api/wards/${east!.id}/nominations`, { memberId: members[0]!.id });
    expect([late.statusCode, errorOf(late).code]).toEqual([409, 'ward_retired']);
    const [kept] = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from ward_elections where ward_id = ${east!.id}`);
    expect(kept!.n).toBe(1);
  });
});
