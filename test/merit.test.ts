import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { maskName } from '../src/modules/people/rules.js';
import fc from 'fast-check';
import { type ChainedEntry, ENTRY_KINDS, entryHash, firstBreak, GENESIS } from '../src/modules/merit/chain.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const NOW = new Date('2026-11-23T02:00:00Z'); // 10:00 in Yiwu
/** The app's clock; a volunteer's check-out moves it on. */
let clock = NOW;
const PASSWORD = 'Hesilu-Merit-2026';

interface Claim {
  id: string;
  number: string;
  status: string;
  points: number | null;
  version: number;
  filing: string;
  events: { kind: string; bodyId: string | null; decision: string | null; reason: string | null }[];
}
interface Bank {
  placeId: string;
  headSeq: number;
  headHash: string;
  bodies: { id: string; code: string; supervisory: boolean }[];
}

describe('Bank of Merit: criteria, claims, four-party assessment, the ledger and its chain', () => {
  let t: TestApp;
  let admin: Client, villager: Client, liaison: Client, anonymous: Client;
  const members = new Map<string, Client>();
  let hesilu: { id: string; path: string };
  let bank: Bank;
  /** Residents of Hesilu: [0] the villager; [1] and [2] share a household, [1] sits on the party branch. */
  let people: { id: string; household_id: string; name: string }[];
  let helping: string, volunteering: string;

  const body = (code: string) => bank.bodies.find((b) => b.code === code)!.id;
  const approveAll = async (claimId: string, except: string[] = []) => {
    let last: Claim | undefined;
    for (const code of ['party_branch', 'villagers_committee', 'supervisory_committee', 'representatives'].filter((c) => !except.includes(c))) {
      const r = await members.get(code)!.post(`/api/merit-claims/${claimId}/decisions`, { bodyId: body(code), decision: 'approve', reason: '属实' });
      expect(r.statusCode, r.body).toBe(200);
      last = r.json<Claim>();
    }
    return last!;
  };
  const file = (client: Client, claim: Record<string, unknown>) => client.post('/api/merit-claims', { quantity: 1, description: '帮邻居收稻谷', witnesses: ['何大伯'], ...claim });

  beforeAll(async () => {
    t = await openTestApp('demo', {}, () => clock);
    admin = await loginAs(t.app, 'admin');
    liaison = await loginAs(t.app, 'liaison');
    anonymous = new Client(t.app);
    hesilu = await placeAt(t, '330700', '330782', 'CX', 'HSL');
    // Two members of one household, and four people of other households.
    const pair = await queryRows<{ id: string; household_id: string; name: string }>(
      t.deps.db,
      sql`select r.id, r.household_id, r.name from residents r where r.place_id = ${hesilu.id} and r.household_id in (
            select household_id from residents where place_id = ${hesilu.id} group by household_id having count(*) >= 2 order by household_id limit 1)
          order by r.id limit 2`,
    );
    const others = await queryRows<{ id: string; household_id: string; name: string }>(
      t.deps.db,
      sql`select distinct on (r.household_id) r.id, r.household_id, r.name from residents r
          where r.place_id = ${hesilu.id} and r.household_id <> ${pair[0]!.household_id} order by r.household_id, r.id limit 6`,
    );
    people = [others[0]!, pair[0]!, pair[1]!, ...others.slice(1)];
    const opened = await admin.request('PUT', `/api/merit-banks/${hesilu.id}`, { retroWindowDays: 60, grantRule: 'all', privacy: 'masked' });
    expect(opened.statusCode, opened.body).toBe(200);
    bank = opened.json<Bank>();
    expect(bank.bodies.map((b) => b.code)).toEqual(['party_branch', 'villagers_committee', 'supervisory_committee', 'representatives']);

    const account = async (username: string, residentId: string) => {
      const r = await admin.post('/api/accounts', { username, displayName: username, password: PASSWORD, placeId: hesilu.id, residentId, grants: [{ role: 'resident', placeId: hesilu.id }] });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ account: { id: string } }>().account.id;
    };
    await account('hsl-villager', people[0]!.id);
    const seats: [string, number][] = [['party_branch', 1], ['villagers_committee', 3], ['supervisory_committee', 4], ['representatives', 5]];
    for (const [code, who] of seats) {
      const id = await account(`hsl-${code}`, people[who]!.id);
      const r = await admin.request('PUT', `/api/merit-bodies/${body(code)}/members`, { accountIds: [id] });
      expect(r.statusCode, r.body).toBe(200);
      members.set(code, await loginAs(t.app, `hsl-${code}`, PASSWORD));
    }
    villager = await loginAs(t.app, 'hsl-villager', PASSWORD);

    const criterion = async (c: Record<string, unknown>) => {
      const r = await admin.post('/api/merit-criteria', { placeId: hesilu.id, validFrom: '2026-01-01', ...c });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    };
    helping = await criterion({ code: 'help-neighbour', nameZh: '邻里互助', nameEn: 'Helping a neighbour', deedType: 'mutual_aid', unit: 'occurrence', pointsPerUnit: 5, dailyLimit: 10, quarterlyLimit: 100, evidence: ['witness'] });
    volunteering = await criterion({ code: 'volunteer', nameZh: '志愿服务', nameEn: 'Volunteering', deedType: 'volunteering', unit: 'hour', pointsPerUnit: 2, evidence: ['attendance'] });
  });
  afterAll(() => t.close());

  it('lists the banks in one’s places, and finds people of the bank’s place to seat on a body', async () => {
    const mine = (await admin.get('/api/merit-banks')).json<{ items: { placeId: string; headSeq: number; openClaims: number }[] }>().items;
    expect(mine.find((b) => b.placeId === hesilu.id)).toMatchObject({ headSeq: 0, openClaims: 0 });
    expect((await liaison.get('/api/merit-banks')).json<{ items: { placeId: string }[] }>().items.map((b) => b.placeId)).not.toContain(hesilu.id);
    expect((await villager.get('/api/merit-banks')).statusCode).toBe(403);

    const found = (await admin.get(`/api/merit-banks/${hesilu.id}/candidates?q=HSL-VILL`)).json<{ items: { username: string; displayName: string }[] }>().items;
    expect(found.map((c) => c.username)).toContain('hsl-villager');
    expect(found.every((c) => c.username.startsWith('hsl-vill'))).toBe(true);
    // The demo's administrator lives elsewhere: not someone to seat on Hesilu's bodies.
    expect((await admin.get(`/api/merit-banks/${hesilu.id}/candidates?q=admin`)).json<{ items: unknown[] }>().items).toEqual([]);
    expect(errorOf(await liaison.get(`/api/merit-banks/${hesilu.id}/candidates?q=hsl`)).code).toBe('out_of_scope');
  });

  it('files one’s own claim and one on behalf of a neighbour, and grants each when all four bodies approve', async () => {
    const own = await file(villager, { criterionId: helping, deedDate: '2026-11-20' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json<Claim>()).toMatchObject({ filing: 'own', status: 'pending', version: 1 });
    const granted = await approveAll(own.json<Claim>().id);
    expect(granted).toMatchObject({ status: 'granted', points: 5 });
    expect(granted.events.map((e) => e.kind)).toEqual(['filed', 'decision', 'decision', 'decision', 'decision', 'granted']);
    expect(granted.events.filter((e) => e.kind === 'decision').every((e) => e.reason === '属实' && e.bodyId)).toBe(true);

    const behalf = await file(villager, { residentId: people[6]!.id, criterionId: helping, deedDate: '2026-11-21', description: '帮孤寡老人挑水' });
    expect(behalf.statusCode, behalf.body).toBe(201);
    expect(behalf.json<Claim>().filing).toBe('behalf');
  });

  it('accepts a retroactive claim within the window, refuses one too late, one in the future and a duplicate, in the caller’s language', async () => {
    const retro = await file(villager, { criterionId: helping, deedDate: '2026-09-25' }); // 59 days ago
    expect(retro.statusCode, retro.body).toBe(201);
    const late = await file(villager, { criterionId: helping, deedDate: '2026-09-23' });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late)).toMatchObject({ code: 'merit_claim_too_late', details: { windowDays: 60 } });
    expect(errorOf(late).message).toContain('60 days');
    const future = await file(villager, { criterionId: helping, deedDate: '2026-11-24' });
    expect(errorOf(future).code).toBe('merit_claim_future');
    const duplicate = await file(villager, { criterionId: helping, deedDate: '2026-09-25', description: '同一件事再报一次' });
    expect(duplicate.statusCode).toBe(409);
    expect(errorOf(duplicate)).toMatchObject({ code: 'merit_claim_duplicate', details: { number: retro.json<Claim>().number } });
    const noWitness = await file(villager, { criterionId: helping, deedDate: '2026-11-19', witnesses: [] });
    expect(errorOf(noWitness)).toMatchObject({ code: 'merit_evidence_missing', details: { evidence: ['witness'] } });
    const halfOccurrence = await file(villager, { criterionId: helping, deedDate: '2026-11-19', quantity: 1.5 });
    expect(errorOf(halfOccurrence).code).toBe('merit_quantity_invalid');
    // Someone outside the village cannot claim under its criteria.
    expect(errorOf(await file(liaison, { residentId: people[0]!.id, criterionId: helping, deedDate: '2026-11-19' })).code).toBe('merit_criterion_not_found');
  });

  it('files a group claim from an attendance list, reporting members who already hold a claim for the deed', async () => {
    const first = await admin.post('/api/merit-claims/group', { criterionId: volunteering, deedDate: '2026-11-15', quantity: 2.5, description: '清理村道', residentIds: [people[6]!.id, people[7]!.id] });
    expect(first.statusCode, first.body).toBe(201);
    const again = await admin.post('/api/merit-claims/group', { criterionId: volunteering, deedDate: '2026-11-15', quantity: 2.5, description: '清理村道', residentIds: [people[7]!.id, people[0]!.id] });
    const result = again.json<{ claims: Claim[]; duplicates: { residentId: string; number: string }[] }>();
    expect(result.claims.map((c) => c.filing)).toEqual(['group']);
    expect(result.duplicates).toEqual([{ residentId: people[7]!.id, number: first.json<{ claims: Claim[] }>().claims[1]!.number }]);
    // 2.5 hours at 2 points an hour.
    expect((await approveAll(result.claims[0]!.id)).points).toBe(5);
  });

  it('rejects under "all" on one rejection, keeps members out of their own household’s claims, and lets only members speak for a body', async () => {
    const rejected = (await file(villager, { criterionId: helping, deedDate: '2026-11-18' })).json<Claim>();
    const no = await members.get('villagers_committee')!.post(`/api/merit-claims/${rejected.id}/decisions`, { bodyId: body('villagers_committee'), decision: 'reject', reason: '无人证实' });
    expect(no.json<Claim>().status).toBe('rejected');
    const late = await members.get('party_branch')!.post(`/api/merit-claims/${rejected.id}/decisions`, { bodyId: body('party_branch'), decision: 'approve' });
    expect(errorOf(late).code).toBe('merit_claim_decided');
    const noReason = await members.get('party_branch')!.post(`/api/merit-claims/${rejected.id}/decisions`, { bodyId: body('party_branch'), decision: 'reject' });
    expect(errorOf(noReason).code).toBe('merit_reason_required');

    // people[2] shares a household with the party branch member.
    const relative = (await file(villager, { residentId: people[2]!.id, criterionId: helping, deedDate: '2026-11-18' })).json<Claim>();
    const conflict = await members.get('party_branch')!.post(`/api/merit-claims/${relative.id}/decisions`, { bodyId: body('party_branch'), decision: 'approve' });
    expect(conflict.statusCode).toBe(403);
    expect(errorOf(conflict).code).toBe('merit_conflict_of_interest');
    const wrongBody = await members.get('representatives')!.post(`/api/merit-claims/${relative.id}/decisions`, { bodyId: body('party_branch'), decision: 'approve' });
    expect(errorOf(wrongBody).code).toBe('merit_not_body_member');
    const outsider = await liaison.post(`/api/merit-claims/${relative.id}/decisions`, { bodyId: body('party_branch'), decision: 'approve' });
    expect(errorOf(outsider).code).toBe('merit_claim_not_found');
    // The claim about his relative is not in his list to assess; others' are.
    const waiting = (await members.get('party_branch')!.get('/api/my/merit-assessments')).json<{ items: { claim: Claim }[] }>().items.map((i) => i.claim.id);
    expect(waiting).not.toContain(relative.id);
    expect((await members.get('representatives')!.get('/api/my/merit-assessments')).json<{ items: { claim: Claim }[] }>().items.map((i) => i.claim.id)).toContain(relative.id);
  });

  it('waits on the claimant when a body asks for more, and goes on once he answers', async () => {
    const claim = (await file(villager, { criterionId: helping, deedDate: '2026-11-17' })).json<Claim>();
    const more = await members.get('supervisory_committee')!.post(`/api/merit-claims/${claim.id}/decisions`, { bodyId: body('supervisory_committee'), decision: 'more', reason: '请补充照片' });
    expect(more.json<Claim>().status).toBe('more_requested');
    const answered = await villager.post(`/api/merit-claims/${claim.id}/supplement`, { note: '已补照片', photos: ['photo-1.jpg'] });
    expect(answered.json<Claim>().status).toBe('pending');
    const granted = await approveAll(claim.id);
    expect(granted.status).toBe('granted');
    expect(granted.events.map((e) => e.kind)).toEqual(['filed', 'decision', 'supplemented', 'decision', 'decision', 'decision', 'decision', 'granted']);
  });

  it('values a deed by the criterion version in force on its day, keeps granted points when the criterion changes, and applies the day’s limit', async () => {
    const before = (await file(villager, { criterionId: helping, deedDate: '2026-11-10' })).json<Claim>();
    expect((await approveAll(before.id)).points).toBe(5);
    const revised = await admin.post(`/api/merit-criteria/${helping}/versions`, { nameZh: '邻里互助', nameEn: 'Helping a neighbour', deedType: 'mutual_aid', unit: 'occurrence', pointsPerUnit: 8, dailyLimit: 16, quarterlyLimit: 60, evidence: ['witness'], validFrom: '2026-11-12' });
    expect(revised.statusCode, revised.body).toBe(201);
    expect((await villager.get(`/api/merit-claims/${before.id}`)).json<Claim>().points).toBe(5);
    const older = (await file(villager, { criterionId: helping, deedDate: '2026-11-11' })).json<Claim>();
    expect(older.version).toBe(1);
    const newer = (await file(villager, { criterionId: helping, deedDate: '2026-11-12', quantity: 3 })).json<Claim>();
    expect(newer.version).toBe(2);
    // Three occurrences at 8 would be 24; the day's limit under version 2 is 16.
    expect((await approveAll(newer.id)).points).toBe(16);
    expect((await approveAll(older.id)).points).toBe(5);
  });

  it('grants under "majority" with three of four, and an appeal to the supervisory body can overturn a rejection', async () => {
    await admin.request('PUT', `/api/merit-banks/${hesilu.id}`, { grantRule: 'majority' });
    const claim = (await file(villager, { criterionId: helping, deedDate: '2026-11-05' })).json<Claim>();
    expect((await approveAll(claim.id, ['representatives'])).status).toBe('granted');

    const turned = (await file(villager, { criterionId: helping, deedDate: '2026-11-04' })).json<Claim>();
    for (const code of ['party_branch', 'villagers_committee']) await members.get(code)!.post(`/api/merit-claims/${turned.id}/decisions`, { bodyId: body(code), decision: 'reject', reason: '证据不足' });
    const appeal = await villager.post(`/api/merit-claims/${turned.id}/appeal`, { reason: '有三位邻居可以作证' });
    expect(appeal.json<Claim>().events.at(-1)).toMatchObject({ kind: 'appealed' });
    const notSupervisory = await members.get('party_branch')!.post(`/api/merit-claims/${turned.id}/appeal-decision`, { bodyId: body('party_branch'), outcome: 'overturned', reason: 'x' });
    expect(errorOf(notSupervisory).code).toBe('merit_not_body_member');
    const decided = await members.get('supervisory_committee')!.post(`/api/merit-claims/${turned.id}/appeal-decision`, { bodyId: body('supervisory_committee'), outcome: 'overturned', reason: '经核实属实' });
    expect(decided.json<Claim>()).toMatchObject({ status: 'granted', points: 5 });
    expect(errorOf(await villager.post(`/api/merit-claims/${turned.id}/appeal`, { reason: 'again' })).code).toBe('merit_appeal_not_allowed');
    await admin.request('PUT', `/api/merit-banks/${hesilu.id}`, { grantRule: 'all' });
  });

  it('shows a resident his account and his household’s, with balances and history', async () => {
    const mine = (await villager.get('/api/my/merit')).json<{ accounts: { residentId: string; balance: number; entries: { kind: string }[] }[]; claims: Claim[]; criteria: unknown[] }>();
    expect(mine.accounts[0]!.residentId).toBe(people[0]!.id);
    const granted = await queryRows<{ n: number }>(t.deps.db, sql`select coalesce(sum(points), 0)::int as n from merit_claims where resident_id = ${people[0]!.id} and status = 'granted'`);
    expect(mine.accounts[0]!.balance).toBe(granted[0]!.n);
    expect(mine.accounts[0]!.balance).toBeGreaterThan(0);
    expect(mine.criteria).toHaveLength(2);
    // The party branch member sees his relative's account beside his own.
    const household = (await members.get('party_branch')!.get('/api/my/merit')).json<{ accounts: { residentId: string }[] }>();
    expect(household.accounts.map((a) => a.residentId).sort()).toEqual([people[1]!.id, people[2]!.id].sort());
  });

  it('keeps the ledger append-only: corrections are reversing entries with a reason, once', async () => {
    await expect(t.deps.db.execute(sql`update merit_ledger set points = 100 where place_id = ${hesilu.id}`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from merit_ledger where place_id = ${hesilu.id}`)).rejects.toThrow();
    const [grant] = await queryRows<{ seq: number; points: number; resident_id: string }>(t.deps.db, sql`select seq::int, points, resident_id from merit_ledger where place_id = ${hesilu.id} and kind = 'grant' order by seq limit 1`);
    const noReason = await admin.post(`/api/merit-banks/${hesilu.id}/corrections`, { seq: grant!.seq, reason: ' ' });
    expect(errorOf(noReason).code).toBe('merit_reason_required');
    const corrected = await admin.post(`/api/merit-banks/${hesilu.id}/corrections`, { seq: grant!.seq, reason: '重复登记｜核销 “测试”' });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ kind: 'correction', points: -grant!.points, correctsSeq: grant!.seq });
    expect(errorOf(await admin.post(`/api/merit-banks/${hesilu.id}/corrections`, { seq: grant!.seq, reason: 'again' })).code).toBe('merit_entry_already_corrected');
    const history = (await admin.get(`/api/merit-banks/${hesilu.id}/ledger?residentId=${grant!.resident_id}`)).json<{ items: { seq: number; kind: string }[] }>().items;
    expect(history.map((e) => e.kind)).toContain('correction');
    expect(history.find((e) => e.seq === grant!.seq)).toBeDefined();
  });

  it('publishes the quarter with the chain head, names masked, ranked, by deed type; once; public as a page and a PDF', async () => {
    const published = await admin.post(`/api/merit-banks/${hesilu.id}/reports`, { quarter: '2026Q4' });
    expect(published.statusCode, published.body).toBe(201);
    const report = published.json<{ id: string; headSeq: number; headHash: string; figures: { accounts: { rank: number; name: string; quarterPoints: number; yearPoints: number }[]; deedTypes: { deedType: string; points: number }[]; totals: { accounts: number; points: number } } }>();
    const [residents] = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from residents where place_id = ${hesilu.id}`);
    expect(report.figures.totals.accounts).toBe(residents!.n);
    const bankNow = (await admin.get(`/api/merit-banks/${hesilu.id}`)).json<Bank>();
    expect(report).toMatchObject({ headSeq: bankNow.headSeq, headHash: bankNow.headHash });
    const [sums] = await queryRows<{ n: number }>(t.deps.db, sql`select sum(points)::int as n from merit_ledger where place_id = ${hesilu.id} and deed_date >= '2026-10-01'`);
    expect(report.figures.totals.points).toBe(sums!.n);
    expect(report.figures.deedTypes.map((d) => d.deedType).sort()).toEqual(['mutual_aid', 'volunteering']);
    const top = report.figures.accounts[0]!;
    expect(top.rank).toBe(1);
    expect(report.figures.accounts.every((a, i) => i === 0 || a.quarterPoints <= report.figures.accounts[i - 1]!.quarterPoints)).toBe(true);
    // The villager tops the quarter, shown masked: 何*辉, never the full name.
    const name = people[0]!.name;
    expect(top.name).toBe([...name].length <= 2 ? `${[...name][0]}*` : `${[...name][0]}${'*'.repeat([...name].length - 2)}${[...name].at(-1)}`);
    expect(published.body).not.toContain(name);
    expect(published.body).not.toContain(people[0]!.id);

    expect(errorOf(await admin.post(`/api/merit-banks/${hesilu.id}/reports`, { quarter: '2026Q4' })).code).toBe('merit_report_exists');
    const page = await anonymous.get(`/api/merit-reports/${report.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ quarter: '2026Q4', headHash: report.headHash });
    expect(page.body).not.toContain(people[0]!.id);
    expect((await anonymous.get(`/api/merit-reports?placeId=${hesilu.id}`)).json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([report.id]);
    const pdf = await anonymous.get(`/api/merit-reports/${report.id}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const verified = (await admin.get(`/api/merit-banks/${hesilu.id}/verify`)).json<{ intact: boolean; reports: { quarter: string; matches: boolean }[] }>();
    expect(verified).toMatchObject({ intact: true, reports: [{ quarter: '2026Q4', matches: true }] });
  });

  it('names the Outstanding Contributor of the Year by points, confirmed by all four bodies', async () => {
    const exemplar = (await admin.get(`/api/merit-banks/${hesilu.id}/exemplar?year=2026`)).json<{ candidates: { residentId: string }[]; confirmed: unknown; tieRule: { en: string } }>();
    expect(exemplar.candidates.map((c) => c.residentId)).toEqual([people[0]!.id]);
    expect(exemplar.tieRule.en).toContain('more deeds');
    // The bodies' members read the same candidates (to confirm one); a villager on no body may not.
    expect((await members.get('representatives')!.get(`/api/merit-banks/${hesilu.id}/exemplar?year=2026`)).json()).toEqual(exemplar);
    expect((await villager.get(`/api/merit-banks/${hesilu.id}/exemplar?year=2026`)).statusCode).toBe(403);
    const wrong = await members.get('party_branch')!.post(`/api/merit-banks/${hesilu.id}/exemplar`, { year: 2026, bodyId: body('party_branch'), residentId: people[6]!.id });
    expect(errorOf(wrong).code).toBe('merit_not_candidate');
    let last: { confirmed: { residentId: string } | null } | undefined;
    for (const code of ['party_branch', 'villagers_committee', 'supervisory_committee', 'representatives']) {
      expect(last?.confirmed ?? null).toBeNull();
      const r = await members.get(code)!.post(`/api/merit-banks/${hesilu.id}/exemplar`, { year: 2026, bodyId: body(code), residentId: people[0]!.id });
      expect(r.statusCode, r.body).toBe(200);
      last = r.json();
    }
    expect(last!.confirmed?.residentId).toBe(people[0]!.id);
  });

  it('issues an extract for a loan whose code a bank clerk checks on the public page, seeing only what it shows', async () => {
    const issued = await villager.post('/api/my/merit/extracts', { purpose: 'loan' });
    expect(issued.statusCode, issued.body).toBe(201);
    const extract = issued.json<{ code: string; contents: { name: string; balance: number; latestReport: { quarter: string; rank: number } | null } }>();
    expect(extract.contents).toMatchObject({ name: people[0]!.name, latestReport: { quarter: '2026Q4', rank: 1 } });
    expect(extract.contents.balance).toBeGreaterThan(0);
    const checked = await anonymous.post('/api/merit-extracts/verify', { code: extract.code.toLowerCase().replace(/(.{4})/g, '$1-').slice(0, -1) });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json<{ contents: unknown; purpose: string }>()).toMatchObject({ purpose: 'loan', contents: extract.contents });
    expect(checked.body).not.toContain(people[0]!.id);
    const forged = await anonymous.post('/api/merit-extracts/verify', { code: 'ABCDEFGHJKMN' });
    expect(forged.statusCode).toBe(404);
    expect(errorOf(forged).code).toBe('merit_extract_not_found');
  });

  it('turns a volunteer’s hours between check-in and check-out into a claim the bodies assess', async () => {
    const created = await admin.post('/api/merit-activities', { placeId: hesilu.id, title: '清理村道', organiser: '村党支部', criterionId: volunteering, startsAt: '2026-11-23T01:00:00Z', endsAt: '2026-11-23T05:00:00Z' });
    expect(created.statusCode, created.body).toBe(201);
    const activity = created.json<{ id: string }>();
    expect((await villager.get(`/api/merit-activities?placeId=${hesilu.id}`)).json<{ items: { id: string }[] }>().items.map((a) => a.id)).toContain(activity.id);
    expect((await villager.post(`/api/merit-activities/${activity.id}/sign-up`)).statusCode).toBe(200);
    // A neighbour turns up at the door: the office finds him by name among the bank's residents and checks him in,
    // and the sheet shows him by name to the organisers, masked to the villager.
    const found = (await admin.get(`/api/merit-banks/${hesilu.id}/residents?q=${encodeURIComponent(people[3]!.name.slice(1))}`)).json<{ items: { residentId: string }[] }>().items;
    expect(found.map((r) => r.residentId)).toContain(people[3]!.id);
    expect(errorOf(await liaison.get(`/api/merit-banks/${hesilu.id}/residents?q=${encodeURIComponent(people[3]!.name)}`)).code).toBe('out_of_scope');
    expect(errorOf(await villager.get(`/api/merit-banks/${hesilu.id}/residents?q=${encodeURIComponent(people[3]!.name)}`)).code).toBe('forbidden');
    await admin.post(`/api/merit-activities/${activity.id}/check-in`, { residentId: people[3]!.id });
    const sheet = async (who: Client) =>
      (await who.get(`/api/merit-activities?placeId=${hesilu.id}`)).json<{ items: { id: string; participants: { name: string }[] }[] }>().items.find((a) => a.id === activity.id)!.participants.map((p) => p.name);
    expect(await sheet(admin)).toEqual([people[0]!.name, people[3]!.name]);
    expect(await sheet(villager)).toEqual([people[0]!.name, maskName(people[3]!.name)]);
    expect(errorOf(await admin.post(`/api/merit-activities/${activity.id}/check-out`, { residentId: people[0]!.id })).code).toBe('merit_not_signed_up');
    await admin.post(`/api/merit-activities/${activity.id}/check-in`, { residentId: people[0]!.id });
    clock = new Date(NOW.getTime() + 2 * 3_600_000 + 20 * 60_000); // 2 h 20 min later
    try {
      const out = await admin.post(`/api/merit-activities/${activity.id}/check-out`, { residentId: people[0]!.id });
      expect(out.statusCode, out.body).toBe(200);
      const claimId = out.json<{ participants: { claimId: string | null }[] }>().participants[0]!.claimId!;
      const claim = (await villager.get(`/api/merit-claims/${claimId}`)).json<Claim & { quantity: number }>();
      expect(claim).toMatchObject({ filing: 'group', status: 'pending', quantity: 2.25 });
      expect((await approveAll(claimId)).points).toBe(4);
      expect(errorOf(await admin.post(`/api/merit-activities/${activity.id}/check-out`, { residentId: people[0]!.id })).code).toBe('merit_already_checked_out');
    } finally {
      clock = NOW;
    }
  });

  it('lets points lapse when the village sets an expiry, as entries naming the grant, once', async () => {
    await admin.request('PUT', `/api/merit-banks/${hesilu.id}`, { expiryMonths: 1 });
    const claim = (await file(villager, { criterionId: helping, deedDate: '2026-10-01' })).json<Claim>();
    expect((await approveAll(claim.id)).points).toBe(5);
    const before = (await villager.get('/api/my/merit')).json<{ accounts: { balance: number }[] }>().accounts[0]!.balance;
    const expired = await admin.post(`/api/merit-banks/${hesilu.id}/expire`);
    expect(expired.statusCode, expired.body).toBe(200);
    expect(expired.json()).toEqual({ expired: 1 });
    expect((await admin.post(`/api/merit-banks/${hesilu.id}/expire`)).json()).toEqual({ expired: 0 });
    const after = (await villager.get('/api/my/merit')).json<{ accounts: { balance: number; entries: { kind: string; points: number }[] }[] }>().accounts[0]!;
    expect(after.balance).toBe(before - 5);
    expect(after.entries[0]).toMatchObject({ kind: 'expiry', points: -5 });
    await admin.request('PUT', `/api/merit-banks/${hesilu.id}`, { expiryMonths: null });
  });

  it('numbers claims per bank: another village’s first claim is its own number 1, beside Hesilu’s', async () => {
    const huangtian = await placeAt(t, '331100', '331126', 'HT', 'HT');
    expect((await admin.request('PUT', `/api/merit-banks/${huangtian.id}`, { grantRule: 'all' })).statusCode).toBe(200);
    const made = await admin.post('/api/merit-criteria', { placeId: huangtian.id, validFrom: '2026-01-01', code: 'clean-lane', nameZh: '清扫村道', nameEn: 'Sweeping the lane', deedType: 'clean_lanes', unit: 'occurrence', pointsPerUnit: 2 });
    expect(made.statusCode, made.body).toBe(201);
    const villagers = await queryRows<{ id: string }>(t.deps.db, sql`select id from residents where place_id = ${huangtian.id} order by id limit 2`);
    const filed = await admin.post('/api/merit-claims/group', { residentIds: villagers.map((v) => v.id), criterionId: made.json<{ id: string }>().id, deedDate: '2026-11-20', quantity: 1, description: '两人一起扫了村道' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json<{ claims: { number: string }[] }>().claims.map((c) => c.number)).toEqual(['GD-2026-000001', 'GD-2026-000002']);
    const [hesiluFirst] = await queryRows<{ number: string }>(t.deps.db, sql`select number from merit_claims where place_id = ${hesilu.id} order by number limit 1`);
    expect(hesiluFirst!.number).toBe('GD-2026-000001');
  });

  it('hashes in SQL exactly as chain.ts does, also for odd values', async () => {
    const entries = fc.sample(
      fc.record({
        seq: fc.integer({ min: 1, max: 2 ** 40 }),
        placeId: fc.uuid(),
        residentId: fc.uuid(),
        kind: fc.constantFrom(...ENTRY_KINDS),
        points: fc.integer({ min: -100_000, max: 100_000 }),
        deedType: fc.string({ unit: 'grapheme', maxLength: 12 }),
        deedDate: fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        claimId: fc.option(fc.uuid(), { nil: null }),
        correctsSeq: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: null }),
        reason: fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: null }),
        expiresOn: fc.option(fc.constantFrom('2027-12-31', '1999-01-01'), { nil: null }),
        // Before 2001-09-09 a time has 12 digits of milliseconds, after it 13.
        recordedAt: fc.date({ min: new Date('1995-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        prevHash: fc.constantFrom(GENESIS, 'a'.repeat(64)),
      }),
      { numRuns: 80, seed: 20261123 },
    );
    for (const e of entries) {
      const [row] = await queryRows<{ hash: string }>(
        t.deps.db,
        sql`select merit_entry_hash(${e.seq}::bigint, ${e.placeId}::uuid, ${e.residentId}::uuid, ${e.kind}, ${e.points}::int, ${e.deedType}, ${e.deedDate}::date,
              ${e.claimId}::uuid, ${e.correctsSeq}::bigint, ${e.reason}, ${e.expiresOn}::date, ${e.recordedAt.toISOString()}::timestamptz, ${e.prevHash}) as hash`,
      );
      expect(row!.hash, JSON.stringify(e)).toBe(entryHash(e));
    }
  });

  it('verifies the whole chain, agreeing with chain.ts, and names the entry a superuser changed behind the trigger', async () => {
    const ok = await admin.get(`/api/merit-banks/${hesilu.id}/verify`);
    expect(ok.statusCode, ok.body).toBe(200);
    const verified = ok.json<{ intact: boolean; entries: number; headSeq: number; firstBreak: unknown }>();
    expect(verified).toMatchObject({ intact: true, firstBreak: null });
    expect(verified.entries).toBe(verified.headSeq);
    expect(verified.entries).toBeGreaterThan(5);
    // The same rows, checked by the TypeScript twin of the SQL encoding.
    const rows = await queryRows<ChainedEntry & { hash: string; recordedAt: Date | string }>(
      t.deps.db,
      sql`select seq::int, place_id as "placeId", resident_id as "residentId", kind, points, deed_type as "deedType", to_char(deed_date, 'YYYY-MM-DD') as "deedDate",
            claim_id as "claimId", corrects_seq::int as "correctsSeq", reason, to_char(expires_on, 'YYYY-MM-DD') as "expiresOn", recorded_at as "recordedAt", prev_hash as "prevHash", hash
          from merit_ledger where place_id = ${hesilu.id} order by seq`,
    );
    const entries = rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt) }));
    expect(firstBreak(entries)).toBeNull();
    expect(entryHash(entries[2]!)).toBe(entries[2]!.hash);

    // A superuser switches the trigger off and raises one grant.
    const victim = entries[2]!;
    await t.deps.db.execute(sql`alter table merit_ledger disable trigger merit_ledger_append_only`);
    await t.deps.db.execute(sql`update merit_ledger set points = points + 50 where place_id = ${hesilu.id} and seq = ${victim.seq}`);
    await t.deps.db.execute(sql`alter table merit_ledger enable trigger merit_ledger_append_only`);
    const broken = (await admin.get(`/api/merit-banks/${hesilu.id}/verify`)).json<{ intact: boolean; firstBreak: { seq: number; problem: string } }>();
    expect(broken.intact).toBe(false);
    expect(broken.firstBreak).toMatchObject({ seq: victim.seq, problem: 'hash' });

    // Cleverer: he also writes the raised grant's new hash, so the entry agrees with itself; the next
    // entry still names the old hash.
    const forged = entryHash({ ...victim, points: victim.points + 50 });
    const behindTrigger = async (statement: ReturnType<typeof sql>) => {
      await t.deps.db.execute(sql`alter table merit_ledger disable trigger merit_ledger_append_only`);
      await t.deps.db.execute(statement);
      await t.deps.db.execute(sql`alter table merit_ledger enable trigger merit_ledger_append_only`);
    };
    const verify = async () => (await admin.get(`/api/merit-banks/${hesilu.id}/verify`)).json<{ intact: boolean; firstBreak: { seq: number; problem: string; hashStored: string | null } | null }>();
    await behindTrigger(sql`update merit_ledger set hash = ${forged} where place_id = ${hesilu.id} and seq = ${victim.seq}`);
    expect((await verify()).firstBreak).toMatchObject({ seq: victim.seq + 1, problem: 'link' });

    // Put back, the chain holds again; an entry taken out of the middle leaves a gap.
    await behindTrigger(sql`update merit_ledger set points = ${victim.points}, hash = ${victim.hash} where place_id = ${hesilu.id} and seq = ${victim.seq}`);
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null });
    await behindTrigger(sql`delete from merit_ledger where place_id = ${hesilu.id} and seq = ${victim.seq}`);
    expect((await verify()).firstBreak).toMatchObject({ seq: victim.seq + 1, problem: 'sequence' });

    // Only bank staff may verify from here; a resident or a stranger may not.
    expect((await villager.get(`/api/merit-banks/${hesilu.id}/verify`)).statusCode).toBe(403);
    expect((await anonymous.get(`/api/merit-banks/${hesilu.id}/verify`)).statusCode).toBe(401);
    expect(errorOf(await liaison.get(`/api/merit-banks/${hesilu.id}/verify`)).code).toBe('out_of_scope');
  });
});
