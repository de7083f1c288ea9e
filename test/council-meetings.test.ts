import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { Client, errorOf, loginAs, openTestApp, placeAt, type TestApp } from './support/app.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const PASSWORD = 'Council-Member-2026';

interface Meeting {
  id: string;
  status: string;
  quorumPresent: boolean | null;
  membersPresent: number | null;
  membersTotal: number | null;
  agenda: { title: string; topicId?: string }[];
  invitees: { id: string; memberId: string | null; name: string; kind: string; attended: boolean | null }[];
}
interface Topic {
  id: string;
  status: string;
  reason: string | null;
  supporters: number;
  mergedInto: string | null;
  meetingId: string | null;
}

describe('councils: democracy days, meetings, topics from residents, and decisions carried out', () => {
  let t: TestApp;
  let secretary: Client, admin: Client, anonymous: Client, outsider: Client;
  let village: { id: string; path: string };
  let councilId: string;
  const voters: Client[] = [];
  const villagers: Client[] = [];

  async function account(username: string, placeId: string, role: string) {
    const made = await admin.post('/api/accounts', { username, displayName: username, password: PASSWORD, placeId, grants: [{ role, placeId }] });
    expect(made.statusCode, made.body).toBe(201);
    return { id: made.json<{ account: { id: string } }>().account.id, client: await loginAs(t.app, username, PASSWORD) };
  }

  beforeAll(async () => {
    t = await openTestApp('demo', { RATE_LIMIT_PER_MINUTE: '100000' }, () => NOW);
    admin = await loginAs(t.app, 'admin');
    secretary = await loginAs(t.app, 'secretary');
    anonymous = new Client(t.app);
    outsider = await loginAs(t.app, 'resident'); // lives in Shuiwan, Shenzhen
    village = await placeAt(t, '331000', '331082', 'BSY', 'BSY');
    const made = await secretary.post('/api/councils', { placeId: village.id, name: '白水洋村民主协商议事会', typeCode: 'linhai-village' });
    councilId = made.json<{ id: string }>().id;
    const members = [];
    for (let i = 0; i < 20; i++) {
      const voter = i < 4 ? await account(`bsy-voter-${i}`, village.id, 'council_member') : null;
      if (voter) voters.push(voter.client);
      members.push({ name: `村民代表${i}`, role: i === 0 ? 'chair' : 'member', partyMember: i % 3 === 0, kind: 'resident', termStart: '2026-01-01', ...(voter ? { accountId: voter.id } : {}) });
    }
    const formed = await secretary.post(`/api/councils/${councilId}/membership`, { add: members });
    expect(formed.json<{ status: string }>().status).toBe('active');
    for (let i = 0; i < 3; i++) villagers.push((await account(`bsy-villager-${i}`, village.id, 'resident')).client);
  }, 120_000);
  afterAll(() => t.close());

  it('shows the village’s democracy day on the 5th of each month in the public calendar, beside its meetings', async () => {
    const bad = await secretary.post(`/api/councils/${councilId}/democracy-days`, { title: '村民主日', recurrence: 'FREQ=HOURLY', start: '2026-01-05T01:00:00Z' });
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'democracy_day_rule_invalid']);
    const day = await secretary.post(`/api/councils/${councilId}/democracy-days`, { title: '村民主日', recurrence: 'RRULE:FREQ=MONTHLY;BYMONTHDAY=5', start: '2026-01-05T01:00:00Z' });
    expect(day.statusCode, day.body).toBe(201);
    await secretary.post(`/api/councils/${councilId}/meetings`, { form: 'festive', title: '迎新春乡贤恳谈会', startsAt: '2027-02-10T06:00:00Z', mode: 'face_to_face' });
    const calendar = await anonymous.get(`/api/calendar?placeId=${village.id}&from=2026-12-01&to=2027-02-28`);
    expect(calendar.statusCode, calendar.body).toBe(200);
    expect(calendar.json<{ items: { kind: string; date: string; title: string }[] }>().items.map((e) => [e.kind, e.date.slice(0, 10)])).toEqual([
      ['democracy_day', '2026-12-05'],
      ['democracy_day', '2027-01-05'],
      ['democracy_day', '2027-02-05'],
      ['meeting', '2027-02-10'],
    ]);
    // Yanjiang’s residents see none of it.
    const yanjiang = await placeAt(t, '331000', '331082', 'YJ', 'YJ');
    expect((await anonymous.get(`/api/calendar?placeId=${yanjiang.id}&from=2026-12-01&to=2027-02-28`)).json()).toEqual({ items: [] });
    expect((await anonymous.get(`/api/calendar?placeId=${village.id}&from=2027-02-28&to=2026-12-01`)).statusCode).toBe(400);
  });

  it('lists, for anyone, the councils a resident of a place can bring topics to: the village’s and the town’s above it, not another town’s village', async () => {
    const town = await placeAt(t, '331000', '331082', 'BSY');
    const townCouncil = await secretary.post('/api/councils', { placeId: town.id, name: '白水洋镇民主协商议事会', typeCode: 'linhai-town' });
    expect(townCouncil.statusCode, townCouncil.body).toBe(201);
    const ofVillage = await anonymous.get(`/api/public/councils?placeId=${village.id}`);
    expect(ofVillage.statusCode, ofVillage.body).toBe(200);
    expect(ofVillage.json<{ items: { name: string; placeNameZh: string }[] }>().items.map((c) => c.name)).toEqual(['白水洋村民主协商议事会', '白水洋镇民主协商议事会']);
    const yanjiang = await placeAt(t, '331000', '331082', 'YJ', 'YJ');
    expect((await anonymous.get(`/api/public/councils?placeId=${yanjiang.id}`)).json()).toEqual({ items: [] });
    const one = await anonymous.get(`/api/public/councils/${townCouncil.json<{ id: string }>().id}`);
    expect(one.json()).toEqual({ id: townCouncil.json<{ id: string }>().id, name: '白水洋镇民主协商议事会', placeNameZh: '白水洋镇', placeNameEn: expect.any(String), status: 'forming' });
    expect((await anonymous.get('/api/public/councils/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const unknown = await anonymous.get('/api/public/councils?placeId=00000000-0000-4000-8000-000000000000');
    expect([unknown.statusCode, errorOf(unknown).code]).toEqual([404, 'place_not_found']);
  });

  it('takes topics from the village’s residents, counts each supporter once, and records the office’s public decisions', async () => {
    const propose = (c: Client, title: string) => c.post(`/api/councils/${councilId}/topics`, { title, body: `${title}，请议事会讨论。` });
    const road = (await propose(villagers[0]!, '村道路灯不亮')).json<Topic>();
    const lamps = (await propose(villagers[1]!, '修好村口的路灯')).json<Topic>();
    const dogs = (await propose(villagers[2]!, '禁止在村里遛狗')).json<Topic>();
    const foreign = await propose(outsider, '深圳来的建议');
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([403, 'out_of_scope']);
    expect((await anonymous.post(`/api/councils/${councilId}/topics`, { title: 'x', body: 'y' })).statusCode).toBe(401);

    expect((await villagers[1]!.post(`/api/topics/${road.id}/support`)).json()).toEqual({ supporters: 1 });
    expect((await villagers[2]!.post(`/api/topics/${road.id}/support`)).json()).toEqual({ supporters: 2 });
    const twice = await villagers[2]!.post(`/api/topics/${road.id}/support`);
    expect([twice.statusCode, errorOf(twice).code]).toEqual([409, 'topic_already_supported']);
    await villagers[0]!.post(`/api/topics/${lamps.id}/support`);
    await villagers[2]!.post(`/api/topics/${lamps.id}/support`);

    const meeting = (await secretary.post(`/api/councils/${councilId}/meetings`, { form: 'democracy_day', title: '十二月民主日会议', startsAt: '2026-12-05T01:00:00Z', mode: 'both' })).json<Meeting>();
    const accepted = await secretary.post(`/api/topics/${road.id}/decision`, { decision: 'accept', reason: '群众反映集中，列入民主日议程', meetingId: meeting.id });
    expect(accepted.json<Topic>()).toMatchObject({ status: 'accepted', meetingId: meeting.id });
    const merged = await secretary.post(`/api/topics/${lamps.id}/decision`, { decision: 'merge', reason: '与“村道路灯不亮”为同一问题', intoId: road.id });
    expect(merged.json<Topic>()).toMatchObject({ status: 'merged', mergedInto: road.id });
    const declined = await secretary.post(`/api/topics/${dogs.id}/decision`, { decision: 'decline', reason: '属于村规民约修订，请在明年村民大会提出' });
    expect(declined.json<Topic>().status).toBe('declined');
    const again = await secretary.post(`/api/topics/${dogs.id}/decision`, { decision: 'accept', reason: 'x' });
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'topic_decided']);
    expect((await villagers[0]!.post(`/api/topics/${dogs.id}/decision`, { decision: 'accept', reason: 'x' })).statusCode).toBe(403);

    const listed = (await anonymous.get(`/api/councils/${councilId}/topics`)).json<{ items: Topic[] }>().items;
    // Supporters of the merged topic now count for the one that carries it, each once: villagers 1, 2 and 0.
    expect(listed.find((x) => x.id === road.id)).toMatchObject({ supporters: 3, status: 'accepted' });
    expect(listed.find((x) => x.id === dogs.id)).toMatchObject({ reason: '属于村规民约修订，请在明年村民大会提出' });
    const agenda = (await secretary.get(`/api/meetings/${meeting.id}`)).json<Meeting>().agenda;
    expect(agenda).toEqual([{ title: '村道路灯不亮', topicId: road.id }]);
  });

  it('records attendance, says whether a quorum of members was present, and decides a motion taken in the meeting by those present', async () => {
    const meeting = (
      await secretary.post(`/api/councils/${councilId}/meetings`, { form: 'topical', title: '同心议事室：路灯改造', startsAt: '2026-11-22T06:00:00Z', mode: 'face_to_face', guests: [{ name: '供电所王所长', kind: 'official' }] })
    ).json<Meeting>();
    expect(meeting.invitees.filter((i) => i.kind === 'member')).toHaveLength(20);
    const members = meeting.invitees.filter((i) => i.kind === 'member');
    const guest = meeting.invitees.find((i) => i.kind === 'official')!;
    // 13 of 20 present: the village council's quorum is two thirds, 14.
    const thin = (await secretary.post(`/api/meetings/${meeting.id}/attendance`, { present: [...members.slice(0, 13).map((m) => m.id), guest.id] })).json<Meeting>();
    expect(thin).toMatchObject({ membersPresent: 13, membersTotal: 20, quorumPresent: false });
    const full = (await secretary.post(`/api/meetings/${meeting.id}/attendance`, { present: [...members.slice(0, 15).map((m) => m.id), guest.id] })).json<Meeting>();
    expect(full).toMatchObject({ membersPresent: 15, quorumPresent: true });
    const strange = await secretary.post(`/api/meetings/${meeting.id}/attendance`, { present: ['01900000-0000-7000-8000-000000000000'] });
    expect(errorOf(strange).code).toBe('meeting_invitee_not_found');
    const held = await secretary.post(`/api/meetings/${meeting.id}/minutes`, { minutes: '议定：村道路灯由村委会统一更换为太阳能灯。', outcomeCommunication: '村务公开栏张贴，村微信群通报' });
    expect(held.json<Meeting>().status).toBe('held');

    const motion = await secretary.post(`/api/councils/${councilId}/motions`, {
      title: '村道路灯更换为太阳能灯',
      body: '由村委会负责，12 月底前完成。',
      ballot: 'open',
      meetingId: meeting.id,
      threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 2 / 3 },
    });
    expect(motion.statusCode, motion.body).toBe(201);
    const id = motion.json<{ id: string }>().id;
    expect((await secretary.post(`/api/motions/${id}/open`)).statusCode).toBe(200);
    for (const [i, choice] of ['yes', 'yes', 'yes', 'no'].entries()) expect((await voters[i]!.post(`/api/motions/${id}/votes`, { choice })).statusCode).toBe(201);
    // Before it closes, the public sees nothing of it.
    expect((await anonymous.get(`/api/public/motions/${id}`)).statusCode).toBe(404);
    expect((await anonymous.get(`/api/public/motions/${id}/report.pdf`)).statusCode).toBe(404);
    const closed = (await secretary.post(`/api/motions/${id}/close`)).json<{ result: { passed: boolean; participants: number; quorumMet: boolean } }>();
    // Only 4 members voted, but 15 were present: the quorum holds, and 3 to 1 passes.
    expect(closed.result).toMatchObject({ passed: true, participants: 15, quorumMet: true });

    const early = await secretary.post(`/api/motions/${id}/tasks`, { title: '更换村道路灯', assignee: '白水洋村村民委员会' });
    expect(early.statusCode, early.body).toBe(201);
    const withCase = await secretary.post(`/api/motions/${id}/tasks`, { title: '申请供电线路检修', assignee: '供电部门', case: { description: '白水洋村村道供电线路老化，路灯经常不亮，请派人检修线路' } });
    expect(withCase.statusCode, withCase.body).toBe(201);
    const tasks = withCase.json<{ items: { id: string; caseNumber: string | null }[] }>().items;
    expect(tasks[1]!.caseNumber).toMatch(/^LH-2026-\d+$/);
    const [opened] = await queryRows<{ description: string }>(t.deps.db, sql`select description from cases where number = ${tasks[1]!.caseNumber}`);
    expect(opened!.description).toContain('供电线路老化');
    const progress = await secretary.post(`/api/tasks/${tasks[0]!.id}/progress`, { status: 'in_progress', note: '已采购太阳能路灯 40 盏' });
    expect(progress.statusCode, progress.body).toBe(200);
    await expect(t.deps.db.execute(sql`update task_progress set note = 'x'`)).rejects.toThrow();

    const page = await anonymous.get(`/api/public/motions/${id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      title: '村道路灯更换为太阳能灯',
      result: { passed: true },
      votes: [{ name: '村民代表0', choice: 'yes' }, { name: '村民代表1', choice: 'yes' }, { name: '村民代表2', choice: 'yes' }, { name: '村民代表3', choice: 'no' }],
      meeting: { form: 'topical', mode: 'face_to_face', membersPresent: 15, guests: 1, outcomeCommunication: '村务公开栏张贴，村微信群通报' },
      tasks: [{ title: '更换村道路灯', status: 'in_progress', progress: [{ note: '已采购太阳能路灯 40 盏' }] }, { title: '申请供电线路检修', caseNumber: tasks[1]!.caseNumber }],
    });
    const pdf = await anonymous.get(`/api/public/motions/${id}/report.pdf`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(1000);
    // A motion that failed is not handed over.
    const failed = await secretary.post(`/api/councils/${councilId}/motions`, { title: '否决的提议', body: 'x', ballot: 'secret' });
    const failedId = failed.json<{ id: string }>().id;
    await secretary.post(`/api/motions/${failedId}/open`);
    await secretary.post(`/api/motions/${failedId}/close`);
    const refused = await secretary.post(`/api/motions/${failedId}/tasks`, { title: 'x', assignee: 'y' });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'motion_not_passed']);
  });

  it('publishes each meeting: how it was held, the members who came by name and guests by number, minutes once held, and what was decided', async () => {
    const listed = await secretary.get(`/api/councils/${councilId}/meetings`);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json<{ items: { id: string; title: string; status: string; startsAt: string }[] }>().items;
    // The latest first: the festive gathering in February, the December democracy day, the topical meeting held in November.
    expect(items.map((m) => [m.title, m.status])).toEqual([
      ['迎新春乡贤恳谈会', 'scheduled'],
      ['十二月民主日会议', 'scheduled'],
      ['同心议事室：路灯改造', 'held'],
    ]);
    expect((await outsider.get(`/api/councils/${councilId}/meetings`)).statusCode).toBe(403);

    const held = await anonymous.get(`/api/public/meetings/${items[2]!.id}`);
    expect(held.statusCode, held.body).toBe(200);
    const page = held.json<{ membersAttending: string[]; guestsAttending: Record<string, number>; decisions: { title: string; passed: boolean }[] }>();
    expect(page).toMatchObject({
      form: 'topical',
      mode: 'face_to_face',
      status: 'held',
      minutes: '议定：村道路灯由村委会统一更换为太阳能灯。',
      outcomeCommunication: '村务公开栏张贴，村微信群通报',
      membersPresent: 15,
      membersTotal: 20,
      quorumPresent: true,
      guestsAttending: { official: 1 },
      // The failed secret motion was not taken in a meeting.
      decisions: [{ title: '村道路灯更换为太阳能灯', passed: true }],
    });
    expect(page.membersAttending).toHaveLength(15);
    // The guest is counted, never named.
    expect(held.body).not.toContain('王所长');
    const upcoming = (await anonymous.get(`/api/public/meetings/${items[1]!.id}`)).json<{ agenda: { title: string }[]; minutes: string | null; membersAttending: string[] }>();
    expect(upcoming).toMatchObject({ agenda: [{ title: '村道路灯不亮' }], minutes: null, membersAttending: [] });
    expect((await anonymous.get('/api/public/meetings/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    for (const [url, locale] of [[`/api/public/meetings/${items[2]!.id}/report.pdf`, 'zh-CN'], [`/api/public/places/${village.id}/deliberation/report.pdf?from=2026-01-01&to=2026-12-31`, 'en']] as const) {
      const pdf = await anonymous.get(url, { 'accept-language': locale });
      expect([pdf.statusCode, pdf.headers['content-type']], url).toEqual([200, 'application/pdf']);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const badPdf = await anonymous.get(`/api/public/places/${village.id}/deliberation/report.pdf?from=2026-12-31&to=2026-01-01`);
    expect([badPdf.statusCode, errorOf(badPdf).code]).toEqual([400, 'report_period_invalid']);
  });

  it('reports the village’s deliberation over a period for anyone: topics, meetings, decisions, the work handed over, discussions', async () => {
    const report = await anonymous.get(`/api/public/places/${village.id}/deliberation?from=2026-01-01&to=2028-12-30`);
    expect(report.statusCode, report.body).toBe(200);
    // What the tests above did: three topics (one each accepted, merged, declined); a democracy day
    // meeting and a festive gathering still to come, a topical meeting held with 15 of 20 members;
    // a passed motion and a failed secret one; two tasks of the passed motion, one under way.
    expect(report.json()).toMatchObject({
      place: { id: village.id, nameZh: '白水洋村' },
      councils: 1,
      topics: { proposed: 0, accepted: 1, merged: 1, declined: 1 },
      meetings: { held: 1, scheduled: 2, quorumPresent: 1, byForm: { democracy_day: 1, topical: 1, festive: 1 }, byMode: { both: 1, face_to_face: 2 } },
      decisions: { voted: 2, passed: 1, notPassed: 1, secretBallots: 1 },
      tasks: { pending: 1, in_progress: 1, done: 0 },
      discussions: { opened: 0, statements: 0, votes: 0 },
    });
    // A period before any of it counts nothing; the other town's village has nothing.
    expect((await anonymous.get(`/api/public/places/${village.id}/deliberation?from=2025-01-01&to=2025-12-31`)).json()).toMatchObject({ topics: { accepted: 0 }, meetings: { held: 0 }, decisions: { voted: 0 } });
    const bad = await anonymous.get(`/api/public/places/${village.id}/deliberation?from=2026-12-31&to=2026-01-01`);
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'report_period_invalid']);
  });

  it('shows the supervision group everything done to the council, without the secret votes, and no one else', async () => {
    const linhai = await placeAt(t, '331000', '331082');
    const supervisor = (await account('linhai-supervisor', linhai.id, 'supervisor')).client;
    const secret = (await secretary.post(`/api/councils/${councilId}/motions`, { title: '无记名表决：村主干道命名', body: '以村名命名。', ballot: 'secret' })).json<{ id: string }>().id;
    await secretary.post(`/api/motions/${secret}/open`);
    expect((await voters[0]!.post(`/api/motions/${secret}/votes`, { choice: 'no' })).statusCode).toBe(201);
    await secretary.post(`/api/motions/${secret}/close`);

    const trail = await supervisor.get(`/api/councils/${councilId}/trail`);
    expect(trail.statusCode, trail.body).toBe(200);
    const entries = trail.json<{ items: { id: string; action: string; entityType: string; entityId: string; actorName: string }[] }>().items;
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['council.create', 'council.membership', 'meeting.schedule', 'meeting.attendance', 'meeting.minutes', 'topic.propose', 'motion.create', 'motion.open', 'motion.vote', 'motion.close', 'motion.handover', 'task.progress']) {
      expect(actions, action).toContain(action);
    }
    // The four open votes on the passed motion are there; the secret vote is not.
    expect(entries.filter((e) => e.action === 'motion.vote')).toHaveLength(4);
    expect(entries.filter((e) => e.entityId === secret).map((e) => e.action)).toEqual(['motion.close', 'motion.open', 'motion.create']);
    // Newest first, in pages.
    const page = (await supervisor.get(`/api/councils/${councilId}/trail?limit=5`)).json<{ items: { id: string }[] }>().items;
    const next = (await supervisor.get(`/api/councils/${councilId}/trail?limit=5&before=${page[4]!.id}`)).json<{ items: { id: string }[] }>().items;
    expect([...page, ...next].map((e) => e.id)).toEqual(entries.slice(0, 10).map((e) => e.id));
    // Shenzhen's supervisor, the council's secretary and its members see none of it.
    for (const other of [await loginAs(t.app, 'supervisor'), secretary, voters[0]!]) expect((await other.get(`/api/councils/${councilId}/trail`)).statusCode).toBe(403);
  });

  // Last: the meeting and topic it adds would change the counts the tests above check.
  it('changes the plan of a meeting until it is held: time, place, agenda, and the topics the agenda takes up', async () => {
    const meeting = (await secretary.post(`/api/councils/${councilId}/meetings`, { form: 'democracy_day', title: '一月民主日', startsAt: '2027-01-05T01:00:00Z', mode: 'face_to_face', agenda: [{ title: '年度工作回顾' }] })).json<Meeting & { title: string; startsAt: string; location: string | null }>();
    const topic = (await villagers[0]!.post(`/api/councils/${councilId}/topics`, { title: '村口垃圾桶太少', body: '请增加垃圾桶。' })).json<Topic>();
    await secretary.post(`/api/topics/${topic.id}/decision`, { decision: 'accept', reason: '列入一月民主日', meetingId: meeting.id });
    const topicItem = { title: '村口垃圾桶太少', topicId: topic.id };
    const topicOf = async () => (await anonymous.get(`/api/councils/${councilId}/topics`)).json<{ items: Topic[] }>().items.find((x) => x.id === topic.id)!;

    const moved = await secretary.patch(`/api/meetings/${meeting.id}`, { startsAt: '2027-01-06T01:00:00Z', location: '村委会二楼', agenda: [topicItem, { title: ' 春节安全 ' }] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ title: '一月民主日', startsAt: '2027-01-06T01:00:00.000Z', location: '村委会二楼', agenda: [topicItem, { title: '春节安全' }] });
    expect((await topicOf()).meetingId).toBe(meeting.id);

    // A topic that is not this council's is refused, and nothing changes.
    const stranger = await secretary.patch(`/api/meetings/${meeting.id}`, { title: '改名', agenda: [{ title: 'x', topicId: '01900000-0000-7000-8000-000000000000' }] });
    expect([stranger.statusCode, errorOf(stranger).code]).toEqual([404, 'topic_not_found']);
    expect((await secretary.get(`/api/meetings/${meeting.id}`)).json()).toMatchObject({ title: '一月民主日', agenda: [topicItem, { title: '春节安全' }] });
    expect((await secretary.patch(`/api/meetings/${meeting.id}`, {})).statusCode).toBe(400);
    expect((await voters[0]!.patch(`/api/meetings/${meeting.id}`, { title: '改名' })).statusCode).toBe(403);

    // Dropped from the agenda, the topic is free for another meeting; an empty location clears it.
    const dropped = await secretary.patch(`/api/meetings/${meeting.id}`, { agenda: [{ title: '春节安全' }], location: '' });
    expect(dropped.json()).toMatchObject({ location: null, agenda: [{ title: '春节安全' }] });
    expect((await topicOf()).meetingId).toBeNull();
    const [audit] = await queryRows<{ before: { startsAt: string; location: string | null }; after: { startsAt: string; location: string } }>(
      t.deps.db,
      sql`select before, after from audit_log where action = 'meeting.plan' and entity_id = ${meeting.id} order by at, id limit 1`,
    );
    expect(audit!.after).toMatchObject({ startsAt: '2027-01-06T01:00:00.000Z', location: '村委会二楼' });
    expect(audit!.before.location).toBeNull();

    // Once held, the meeting is a record: its plan stays.
    await secretary.post(`/api/meetings/${meeting.id}/minutes`, { minutes: '会议讨论了春节安全。' });
    const zh = await loginAs(t.app, 'secretary', undefined, 'zh-CN');
    const late = await zh.patch(`/api/meetings/${meeting.id}`, { title: '改名' });
    expect([late.statusCode, errorOf(late).code, errorOf(late).message]).toEqual([409, 'meeting_already_held', '会议已召开并有纪要，安排不能再修改']);
  });
});
