import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const PASSWORD = 'Council-Member-2026';

interface Member {
  name: string;
  role: string;
  partyMember: boolean;
  kind: string;
  termStart: string;
  accountId?: string;
  tags?: string[];
  sectors?: string[];
}
interface Violation {
  rule: number;
  kind: string;
  details: Record<string, unknown>;
  reason: { 'zh-CN': string; en: string };
}
interface Council {
  id: string;
  status: string;
  members: { id: string; name: string; kind: string; role: string; partyMember: boolean; accountId: string | null }[];
  violations: Violation[];
}
interface Motion {
  id: string;
  status: string;
  voted: number;
  electorate: number | null;
  votes: { memberId: string; name: string; choice: string }[];
  result: null | { passed: boolean; yesNeeded: number; quorumMet: boolean; counts: Record<string, number>; explanation: { 'zh-CN': string; en: string } };
  mine: { member: boolean; voted: boolean };
}

const seat = (name: string, kind: string, extra: Partial<Member> = {}): Member => ({ name, role: 'member', partyMember: false, kind, termStart: '2026-01-01', ...extra });

describe('councils: composition kept within the rules, motions decided by the threshold', () => {
  let t: TestApp;
  let admin: Client, secretary: Client, zhSecretary: Client, dispatcher: Client;
  let sanyuanli: { id: string; path: string };
  let baishuiyangVillage: { id: string; path: string };
  let yanjiangVillage: { id: string; path: string };
  /** Thirteen accounts of the Sanyuanli hall, as logged-in clients in seat order. */
  const hallAccounts: { id: string; client: Client }[] = [];
  let hall: Council;

  async function account(username: string, placeId: string, role = 'council_member'): Promise<{ id: string; client: Client }> {
    const made = await admin.post('/api/accounts', { username, displayName: username, password: PASSWORD, placeId, grants: [{ role, placeId }] });
    expect(made.statusCode, made.body).toBe(201);
    return { id: made.json<{ account: { id: string } }>().account.id, client: await loginAs(t.app, username, PASSWORD) };
  }
  const council = async (client: Client, body: Record<string, unknown>) => {
    const made = await client.post('/api/councils', body);
    expect(made.statusCode, made.body).toBe(201);
    return made.json<Council>();
  };
  const change = (client: Client, id: string, body: unknown) => client.post(`/api/councils/${id}/membership`, body);
  const memberRows = async (councilId: string) => (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from council_members where council_id = ${councilId} and ended_on is null`))[0]!.n;

  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000' }, () => NOW);
    admin = await loginAs(t.app, 'admin');
    secretary = await loginAs(t.app, 'secretary');
    zhSecretary = await loginAs(t.app, 'secretary', undefined, 'zh-CN');
    dispatcher = await loginAs(t.app, 'dispatcher');
    sanyuanli = await placeAt(t, '440100', '440111', 'SYL');
    baishuiyangVillage = await placeAt(t, '331000', '331082', 'BSY', 'BSY');
    yanjiangVillage = await placeAt(t, '331000', '331082', 'YJ', 'YJ');
    for (let i = 0; i < 13; i++) hallAccounts.push(await account(`syl-hall-${i}`, sanyuanli.id));
    hall = await council(admin, { placeId: sanyuanli.id, name: '三元里街道议事厅', typeCode: 'sanyuanli-hall' });
    const members = hallAccounts.map((a, i) =>
      seat(`成员${i}`, i < 6 ? 'established' : i < 12 ? 'new_resident' : 'subdistrict_official', { accountId: a.id, role: i === 0 ? 'chair' : 'member', partyMember: i === 12 }),
    );
    const formed = await change(admin, hall.id, { add: members });
    expect(formed.statusCode, formed.body).toBe(200);
    hall = formed.json<{ council: Council }>().council;
  }, 120_000);
  afterAll(() => t.close());

  describe('composition', () => {
    it('forms the Sanyuanli hall of 6 + 6 + 1 in one change and makes it active', () => {
      expect(hall.status).toBe('active');
      expect(hall.violations).toEqual([]);
      expect(hall.members).toHaveLength(13);
    });

    it('shows, before saving, that 7 established and 5 new residents break two quotas, then refuses the change with the same reasons and keeps the hall as it was', async () => {
      const newcomer = hall.members.find((m) => m.kind === 'new_resident')!;
      const body = { end: [{ memberId: newcomer.id, reason: '迁出' }], add: [seat('新成员', 'established')] };
      const check = await admin.post(`/api/councils/${hall.id}/membership/check`, body);
      expect(check.statusCode, check.body).toBe(200);
      const preview = check.json<{ allowed: boolean; before: Violation[]; after: Violation[]; members: number }>();
      expect(preview).toMatchObject({ allowed: false, before: [], members: 13 });
      expect(preview.after.map((v) => [v.kind, v.details.memberKind, v.details.count])).toEqual([
        ['quota', 'established', 7],
        ['quota', 'new_resident', 5],
      ]);
      expect(await memberRows(hall.id)).toBe(13);

      const refused = await change(admin, hall.id, body);
      expect(refused.statusCode).toBe(409);
      const error = errorOf(refused);
      expect(error.code).toBe('council_composition_violated');
      expect(error.message).toBe('This change would break 2 of the council’s composition rules: The council needs exactly 6 established residents; it has 7; The council needs exactly 6 new (migrant) residents; it has 5');
      expect((error.details.violations as Violation[]).map((v) => v.rule)).toEqual([1, 2]);
      const zh = await (await loginAs(t.app, 'admin', undefined, 'zh-CN')).post(`/api/councils/${hall.id}/membership`, body);
      expect(errorOf(zh).message).toContain('户籍居民应为 6 名，现有 7 名');
      expect(await memberRows(hall.id)).toBe(13);
    });

    it('lets a new resident hand the seat to another new resident in one change', async () => {
      const leaving = hall.members.find((m) => m.kind === 'new_resident' && m.accountId === null) ?? null;
      expect(leaving).toBeNull(); // every hall member votes from an account
      const sub = await council(admin, { placeId: sanyuanli.id, name: '三元里临时议事厅', typeCode: 'sanyuanli-hall' });
      const formed = await change(admin, sub.id, { add: Array.from({ length: 13 }, (_, i) => seat(`甲${i}`, i < 6 ? 'established' : i < 12 ? 'new_resident' : 'subdistrict_official')) });
      const members = formed.json<{ council: Council }>().council.members;
      const out = members.find((m) => m.kind === 'new_resident')!;
      const swapped = await change(admin, sub.id, { end: [{ memberId: out.id }], add: [seat('乙', 'new_resident')] });
      expect(swapped.statusCode, swapped.body).toBe(200);
      expect(swapped.json<{ council: Council }>().council.members.map((m) => m.name)).not.toContain(out.name);
      const [ended] = await queryRows<{ ended_on: string }>(t.deps.db, sql`select ended_on::text from council_members where id = ${out.id}`);
      expect(ended!.ended_on).toBe('2026-11-23');
    });

    it('keeps a Linhai village council forming below 20 members, activates it at 20, then refuses a change that makes party members more than half', async () => {
      const village = await council(secretary, { placeId: baishuiyangVillage.id, name: '白水洋村民主协商议事会', typeCode: 'linhai-village' });
      const nineteen = await change(secretary, village.id, { add: Array.from({ length: 19 }, (_, i) => seat(`村民${i}`, 'resident', { partyMember: i < 9 })) });
      expect(nineteen.statusCode, nineteen.body).toBe(200);
      expect(nineteen.json<{ status: string; after: Violation[] }>()).toMatchObject({ status: 'forming', after: [{ kind: 'size', details: { members: 19, min: 20, max: 50 } }] });
      const twenty = await change(secretary, village.id, { add: [seat('村民19', 'resident', { partyMember: true })] });
      expect(twenty.json<{ status: string; after: Violation[] }>()).toMatchObject({ status: 'active', after: [] });
      const members = twenty.json<{ council: Council }>().council.members;
      // 10 of 20 are party members: turning one more makes 9 of 20 non-party, below half.
      const nonParty = members.find((m) => !m.partyMember)!;
      const refused = await change(zhSecretary, village.id, { change: [{ memberId: nonParty.id, partyMember: true }] });
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused).message).toContain('非中共党员应占成员的 50% 以上（20 人中至少 10 人），现有 9 人');
      const after = (await secretary.get(`/api/councils/${village.id}`)).json<Council>();
      expect(after.members.filter((m) => m.partyMember)).toHaveLength(10);
      // The Baishuiyang secretary cannot touch a council in Yanjiang, nor a dispatcher anyone's.
      const other = await council(admin, { placeId: yanjiangVillage.id, name: '沿江村议事会', typeCode: 'linhai-village' });
      const outside = await change(secretary, other.id, { add: [seat('外人', 'resident')] });
      expect([outside.statusCode, errorOf(outside).code]).toEqual([403, 'out_of_scope']);
      expect((await dispatcher.post(`/api/councils/${village.id}/membership`, { add: [] })).statusCode).toBe(403);
      expect(await memberRows(other.id)).toBe(0);
    });

    it('requires the Cixi chair to be the village party secretary and a vice-chair to be a migrant worker', async () => {
      const cixi = await council(admin, { placeId: baishuiyangVillage.id, name: '和谐促进会', typeCode: 'cixi-harmony' });
      const check = await admin.post(`/api/councils/${cixi.id}/membership/check`, {
        add: [seat('张书记', 'resident', { role: 'member', partyMember: true, tags: ['village_party_secretary'] }), seat('李主任', 'resident', { role: 'chair' }), seat('王师傅', 'migrant', { role: 'vice_chair' })],
      });
      expect(check.json<{ after: Violation[] }>().after.map((v) => v.reason.en)).toEqual([
        'At least 1 chair must be village party secretary; there are 0',
        'At least 1 vice-chair must be migrant worker; there are 0',
      ]);
      const formed = await change(admin, cixi.id, {
        add: [seat('张书记', 'resident', { role: 'chair', partyMember: true, tags: ['village_party_secretary'] }), seat('王师傅', 'migrant', { role: 'vice_chair', tags: ['migrant_worker'] })],
      });
      expect(formed.json<{ status: string }>().status).toBe('active');
      const chair = formed.json<{ council: Council }>().council.members.find((m) => m.role === 'chair')!;
      const demoted = await change(admin, cixi.id, { change: [{ memberId: chair.id, role: 'member' }] });
      expect([demoted.statusCode, (errorOf(demoted).details.violations as Violation[])[0]!.details.role]).toEqual([409, 'chair']);
    });

    it('refuses bad rules and bad changes with a clear error and stores nothing', async () => {
      const before = (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from councils`))[0]!.n;
      const bad = await admin.post('/api/councils', { placeId: sanyuanli.id, name: 'x', rules: [{ kind: 'size', min: 10, max: 5 }], threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0.5 } });
      expect([bad.statusCode, errorOf(bad).code, errorOf(bad).details.problems]).toEqual([400, 'council_rules_invalid', ['0: min_above_max']]);
      expect(errorOf(await admin.post('/api/councils', { placeId: sanyuanli.id, name: 'x', typeCode: 'nowhere' })).code).toBe('council_type_unknown');
      expect(errorOf(await admin.post('/api/councils', { placeId: sanyuanli.id, name: 'x' })).code).toBe('council_rules_required');
      expect((await admin.post('/api/councils', { placeId: sanyuanli.id, name: 'x', rules: [{ kind: 'size', min: -1 }], threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0.5 } })).statusCode).toBe(400);
      expect((await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from councils`))[0]!.n).toBe(before);
      const unknownMember = await change(admin, hall.id, { end: [{ memberId: '01900000-0000-7000-8000-000000000000' }] });
      expect([unknownMember.statusCode, errorOf(unknownMember).code]).toEqual([404, 'council_member_not_found']);
      const sameAccount = await change(admin, hall.id, { end: [{ memberId: hall.members[1]!.id }], add: [seat('重复', 'established', { accountId: hallAccounts[0]!.id })] });
      expect([sameAccount.statusCode, errorOf(sameAccount).code]).toEqual([409, 'council_account_taken']);
      const term = await change(admin, hall.id, { add: [{ ...seat('期满', 'established'), termEnd: '2025-01-01' }] });
      expect(errorOf(term).code).toBe('council_term_invalid');
      expect(await memberRows(hall.id)).toBe(13);
    });
  });

  describe('motions and votes', () => {
    const motion = async (ballot: 'open' | 'secret', extra: Record<string, unknown> = {}) => {
      const made = await admin.post(`/api/councils/${hall.id}/motions`, { title: '三元里加装电梯方案', body: '在 3 号楼加装电梯，费用按楼层分摊。', ballot, ...extra });
      expect(made.statusCode, made.body).toBe(201);
      const opened = await admin.post(`/api/motions/${made.json<Motion>().id}/open`, {});
      expect(opened.statusCode, opened.body).toBe(200);
      return opened.json<Motion>();
    };
    const vote = (i: number, motionId: string, choice: string) => hallAccounts[i]!.client.post(`/api/motions/${motionId}/votes`, { choice });
    const castAll = async (motionId: string, choices: string[]) => {
      for (const [i, choice] of choices.entries()) {
        const cast = await vote(i, motionId, choice);
        expect(cast.statusCode, cast.body).toBe(201);
      }
    };
    const close = async (motionId: string) => {
      const closed = await admin.post(`/api/motions/${motionId}/close`, {});
      expect(closed.statusCode, closed.body).toBe(200);
      return closed.json<Motion>();
    };
    const yes = (n: number) => Array.from({ length: n }, () => 'yes');

    it('passes a motion of the 13-member hall with 9 yes and says how two thirds was applied', async () => {
      const m = await motion('open');
      expect(m).toMatchObject({ status: 'open', electorate: 13 });
      await castAll(m.id, [...yes(9), 'no', 'no', 'abstain', 'no']);
      const closed = await close(m.id);
      expect(closed.result).toMatchObject({ passed: true, yesNeeded: 9, counts: { yes: 9, no: 3, abstain: 1 } });
      expect(closed.result!.explanation.en).toContain('two thirds of all 13 members (8.67): at least 9');
      expect(closed.votes).toHaveLength(13);
      expect(closed.votes[0]).toMatchObject({ name: '成员0', choice: 'yes' });
    });

    it('fails a motion with 8 yes of 13, even with nobody against', async () => {
      const m = await motion('open');
      await castAll(m.id, [...yes(8), 'abstain', 'abstain', 'abstain', 'abstain', 'abstain']);
      expect((await close(m.id)).result).toMatchObject({ passed: false, yesNeeded: 9, quorumMet: true });
    });

    it('decides nothing without a quorum of 9, and on a tie by simple majority', async () => {
      const m = await motion('open');
      await castAll(m.id, yes(8));
      const closed = await close(m.id);
      expect(closed.result).toMatchObject({ passed: false, quorumMet: false });
      expect(closed.result!.explanation['zh-CN']).toContain('未达到法定人数');
      const tie = await motion('open', { threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0.5 } });
      await castAll(tie.id, ['yes', 'yes', 'yes', 'no', 'no', 'no', 'abstain']);
      expect((await close(tie.id)).result).toMatchObject({ passed: false, yesNeeded: 4 });
    });

    it('keeps a secret ballot apart from who cast it: the voter is recorded, the choice has no member, time or ordered id', async () => {
      const m = await motion('secret');
      await castAll(m.id, [...yes(10), 'no', 'no', 'no']);
      const seen = (await hallAccounts[0]!.client.get(`/api/motions/${m.id}`)).json<Motion>();
      expect(seen).toMatchObject({ voted: 13, votes: [], mine: { member: true, voted: true } });
      const ballots = await queryRows<{ id: string; member_id: string | null; cast_at: string | null }>(t.deps.db, sql`select id, member_id, cast_at from motion_ballots where motion_id = ${m.id}`);
      expect(ballots).toHaveLength(13);
      expect(ballots.every((b) => b.member_id === null && b.cast_at === null && b.id[14] === '4')).toBe(true);
      const voters = await queryRows<{ member_id: string }>(t.deps.db, sql`select member_id from motion_voters where motion_id = ${m.id}`);
      expect(voters).toHaveLength(13);
      const audited = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from audit_log where entity_id = ${m.id} and action = 'motion.vote'`);
      expect(audited[0]!.n).toBe(0);
      expect((await close(m.id)).result).toMatchObject({ passed: true, counts: { yes: 10, no: 3, abstain: 0 } });
    });

    it('refuses a second vote by the same member, also when five arrive at once', async () => {
      const m = await motion('open');
      expect((await vote(1, m.id, 'yes')).statusCode).toBe(201);
      const again = await vote(1, m.id, 'no');
      expect([again.statusCode, errorOf(again).code]).toEqual([409, 'motion_already_voted']);
      const racing = await Promise.all(Array.from({ length: 5 }, (_, i) => vote(2, m.id, i % 2 ? 'yes' : 'no')));
      expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
      const [count] = await queryRows<{ ballots: number; voters: number }>(
        t.deps.db,
        sql`select (select count(*)::int from motion_ballots where motion_id = ${m.id}) as ballots, (select count(*)::int from motion_voters where motion_id = ${m.id}) as voters`,
      );
      expect(count).toEqual({ ballots: 2, voters: 2 });
      expect((await admin.get(`/api/motions/${m.id}/verify`)).json()).toMatchObject({ valid: true, ballots: 2, voters: 2 });
    });

    it('keeps ballots append-only and shows a change made behind the trigger’s back in the chain check', async () => {
      const m = await motion('open');
      await castAll(m.id, [...yes(9), 'no', 'no', 'no', 'no']);
      await close(m.id);
      expect((await admin.get(`/api/motions/${m.id}/verify`)).json()).toMatchObject({ valid: true, ballots: 13, voters: 13, brokenAt: null });
      await expect(t.deps.db.execute(sql`update motion_ballots set choice = 'yes' where motion_id = ${m.id} and choice = 'no'`)).rejects.toThrow();
      await expect(t.deps.db.execute(sql`delete from motion_voters where motion_id = ${m.id}`)).rejects.toThrow();
      // Someone with the database's owner rights switches the trigger off and turns a no into a yes.
      await t.deps.db.execute(sql`alter table motion_ballots disable trigger motion_ballots_append_only`);
      await t.deps.db.execute(sql`update motion_ballots set choice = 'yes' where motion_id = ${m.id} and seq = 11`);
      await t.deps.db.execute(sql`alter table motion_ballots enable trigger motion_ballots_append_only`);
      expect((await admin.get(`/api/motions/${m.id}/verify`)).json()).toMatchObject({ valid: false, brokenAt: { seq: 11, problem: 'hash_mismatch' } });
    });

    it('lets only the motion’s own members vote: not a member of another village’s council, not the office', async () => {
      const m = await motion('open');
      // A council member of Baishuiyang village, with a seat on its council, is outside Sanyuanli.
      const villager = await account('bsy-member', baishuiyangVillage.id);
      const outsider = await villager.client.post(`/api/motions/${m.id}/votes`, { choice: 'yes' });
      expect([outsider.statusCode, errorOf(outsider).code]).toEqual([403, 'out_of_scope']);
      // A council member of the subdistrict without a seat on this hall.
      const neighbour = await account('syl-not-seated', sanyuanli.id);
      const notSeated = await neighbour.client.post(`/api/motions/${m.id}/votes`, { choice: 'yes' });
      expect([notSeated.statusCode, errorOf(notSeated).code]).toEqual([403, 'motion_not_member']);
      // The administrator runs the vote but has no vote.
      expect((await admin.post(`/api/motions/${m.id}/votes`, { choice: 'yes' })).statusCode).toBe(403);
      expect((await hallAccounts[0]!.client.post(`/api/motions/${m.id}/votes`, { choice: 'maybe' })).statusCode).toBe(400);
      expect((await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from motion_ballots where motion_id = ${m.id}`))[0]!.n).toBe(0);
      await close(m.id);
      const late = await vote(0, m.id, 'yes');
      expect([late.statusCode, errorOf(late).code]).toEqual([409, 'motion_not_open']);
    });

    it('does not open a vote in a council still forming', async () => {
      const forming = await council(admin, { placeId: sanyuanli.id, name: '筹备中的议事厅', typeCode: 'sanyuanli-hall' });
      const made = await admin.post(`/api/councils/${forming.id}/motions`, { title: 't', body: 'b', ballot: 'open' });
      const opened = await admin.post(`/api/motions/${made.json<Motion>().id}/open`, {});
      expect([opened.statusCode, errorOf(opened).code]).toEqual([409, 'council_not_active']);
    });
  });
});
