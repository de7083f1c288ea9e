import { expect, test } from '@playwright/test';
import { Api, markOf } from './cases-support.js';
import { accessibilityViolations, login, pickPlace, sidewaysOverflow } from './support.js';

/** A Baishuiyang village council of 20 with the demo council member on it, set up through the API. */
async function villageCouncil(baseURL: string) {
  const mark = markOf();
  const admin = await Api.as(baseURL, 'admin');
  const { items: places } = await admin.get<{ items: { id: string; nameZh: string; level: string }[] }>(`/api/places?q=${encodeURIComponent('白水洋村')}`);
  const village = places.find((p) => p.nameZh === '白水洋村')!;
  const { items: accounts } = await admin.get<{ items: { id: string; username: string }[] }>('/api/accounts?q=member');
  const member = accounts.find((a) => a.username === 'member')!;
  const council = await admin.post<{ id: string }>('/api/councils', { placeId: village.id, name: `白水洋村议事会 ${mark}`, typeCode: 'linhai-village' });
  await admin.post(`/api/councils/${council.id}/membership`, {
    add: Array.from({ length: 20 }, (_, i) => ({ name: i === 0 ? '陈成员' : `村民代表${i}`, role: i === 0 ? 'chair' : 'member', partyMember: i % 2 === 1, kind: 'resident', termStart: '2026-01-01', ...(i === 0 ? { accountId: member.id } : {}) })),
  });
  return { admin, council, mark };
}

/** The village council with a motion put to its vote, so the browser test starts at the vote. */
async function councilWithOpenMotion(baseURL: string) {
  const { admin, council, mark } = await villageCouncil(baseURL);
  const motion = await admin.post<{ id: string }>(`/api/councils/${council.id}/motions`, {
    title: `村道安装太阳能路灯 ${mark}`,
    body: '由村委会负责，12 月底前完成。',
    ballot: 'open',
    threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 0 },
  });
  await admin.post(`/api/motions/${motion.id}/open`);
  return { admin, councilId: council.id, motionId: motion.id, mark };
}

test.describe('a council member on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('finds the open motion, votes once after confirming, and the public then reads the decision', async ({ page, baseURL, browser }) => {
    const { admin, councilId, motionId, mark } = await councilWithOpenMotion(baseURL!);
    await login(page, 'member');
    await page.goto(`/councils/${councilId}`);
    await expect(page.getByRole('heading', { level: 1, name: `白水洋村议事会 ${mark}` })).toBeVisible();
    await expect(page.getByTestId('composition')).toContainText('现有成员符合全部组成规则');
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('motions').getByRole('link', { name: new RegExp(mark) }).click();
    await expect(page.getByRole('heading', { level: 1, name: `村道安装太阳能路灯 ${mark}` })).toBeVisible();
    await expect(page.getByText('已投票 0 / 20 人')).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '赞成' }).click();
    await expect(page.getByText('确认投票：赞成？投票后不能更改。')).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByRole('button', { name: '投票：赞成' }).click();
    await expect(page.getByText('您已投票，谢谢')).toBeVisible();
    await expect(page.getByText('已投票 1 / 20 人')).toBeVisible();
    await expect(page.getByRole('button', { name: '赞成' })).toHaveCount(0);

    await admin.post(`/api/motions/${motionId}/close`);
    await admin.dispose();
    await page.reload();
    await expect(page.getByTestId('result')).toContainText('通过');
    await expect(page.getByTestId('result')).toContainText('赞成票须超过赞成与反对票合计 1 票的半数');

    // Anyone, without an account, in English.
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, locale: 'en-GB' });
    const reader = await context.newPage();
    await reader.goto(`/decisions/${motionId}`);
    await expect(reader.getByRole('heading', { level: 1, name: `村道安装太阳能路灯 ${mark}` })).toBeVisible();
    await expect(reader.getByTestId('result')).toContainText('Passed');
    await expect(reader.getByTestId('result')).toContainText('1 yes, 0 no, 0 abstaining');
    await expect(reader.getByRole('row', { name: '陈成员 Yes' })).toBeVisible();
    await expect(reader.getByTestId('tasks')).toContainText('Not yet handed over');
    expect(await sidewaysOverflow(reader)).toEqual([]);
    expect(await accessibilityViolations(reader)).toEqual([]);
    await context.close();
  });
});

test.describe('the council office on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('schedules a topical meeting, takes attendance with a quorum, writes the minutes, and the public reads the record', async ({ page, baseURL, browser }) => {
    const { admin, council, mark } = await villageCouncil(baseURL!);
    await admin.dispose();
    await login(page, 'secretary');
    await page.goto(`/councils/${council.id}`);
    await expect(page.getByTestId('meetings')).toContainText('还没有会议');
    await page.getByText('安排会议', { exact: true }).click();
    await page.getByLabel('会议形式').selectOption({ label: '专题邀请（同心议事室）' });
    await page.getByLabel('会议名称').fill(`同心议事室：路灯改造 ${mark}`);
    await page.getByLabel('开始时间', { exact: true }).fill('2026-11-20T09:30');
    await page.getByLabel('地点（选填）').fill('村委会二楼会议室');
    await page.getByLabel('议程').fill('路灯改造方案\n经费来源');
    await page.getByLabel('列席人员（选填）').fill('供电所王所长');
    await page.getByLabel('列席人员身份').selectOption({ label: '干部' });
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '安排会议并通知成员' }).click();

    await expect(page.getByRole('heading', { level: 1, name: `同心议事室：路灯改造 ${mark}` })).toBeVisible();
    await expect(page.getByTestId('agenda').getByRole('listitem')).toHaveText(['路灯改造方案', '经费来源']);
    // Plans move before the day: half an hour later, one more item.
    await page.getByText('修改会议安排', { exact: true }).click();
    const plan = page.getByRole('form', { name: '修改会议安排' });
    await expect(plan.getByLabel('地点（选填）')).toHaveValue('村委会二楼会议室');
    await plan.getByLabel('开始时间', { exact: true }).fill('2026-11-20T10:00');
    await plan.getByLabel('议程').fill('路灯改造方案\n经费来源\n施工安全');
    await plan.getByRole('button', { name: '保存修改' }).click();
    await expect(plan.getByRole('status')).toHaveText('会议安排已修改');
    await expect(page.getByTestId('agenda').getByRole('listitem')).toHaveText(['路灯改造方案', '经费来源', '施工安全']);
    await expect(page.getByText(/10:00 · 村委会二楼会议室/)).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    // Two thirds of 20 is the quorum: 13 present is not enough, 14 is.
    for (const name of ['陈成员', ...Array.from({ length: 12 }, (_, i) => `村民代表${i + 1}`)]) await page.getByLabel(name, { exact: true }).check();
    await page.getByLabel(/^供电所王所长/).check();
    await expect(page.getByText('已勾选成员 13 / 20')).toBeVisible();
    await page.getByRole('button', { name: '保存签到' }).click();
    await expect(page.getByRole('status').filter({ hasText: '到会成员' })).toHaveText('到会成员 13 / 20 · 未达到法定人数');
    await page.getByLabel('村民代表13', { exact: true }).check();
    await page.getByRole('button', { name: '保存签到' }).click();
    await expect(page.getByRole('status').filter({ hasText: '到会成员' })).toHaveText('到会成员 14 / 20 · 达到法定人数');
    await page.getByLabel('纪要内容').fill('议定：村道路灯由村委会统一更换为太阳能灯，经费从村集体收入中列支。');
    await page.getByLabel('结果告知方式').fill('村务公开栏张贴，村微信群通报');
    await page.getByRole('button', { name: '保存纪要（会议记为已召开）' }).click();
    await expect(page.getByText('纪要已保存，会议已记为已召开并公开')).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    const meetingId = new URL(page.url()).pathname.split('/').pop()!;

    // Anyone, without an account, in English: members named, the guest only counted.
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, locale: 'en-GB' });
    const reader = await context.newPage();
    await reader.goto(`/meeting-records/${meetingId}`);
    await expect(reader.getByRole('heading', { level: 1, name: `同心议事室：路灯改造 ${mark}` })).toBeVisible();
    await expect(reader.getByTestId('who')).toContainText('14 of 20 members present · quorum present');
    await expect(reader.getByTestId('who')).toContainText('1 Official');
    await expect(reader.getByTestId('who')).toContainText('陈成员');
    await expect(reader.getByText('经费从村集体收入中列支')).toBeVisible();
    await expect(reader.locator('main')).not.toContainText('王所长');
    const pdf = await reader.request.get(await reader.getByRole('link', { name: 'Download the record (PDF)' }).getAttribute('href').then((href) => href!));
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(await sidewaysOverflow(reader)).toEqual([]);
    expect(await accessibilityViolations(reader)).toEqual([]);
    await context.close();
  });
});

test.describe('the council office dividing its place into wards', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('proposes wards by population, saves them, nominates two members, and a tie is refused before a leader is chosen', async ({ page, baseURL, browser }) => {
    const mark = markOf();
    const admin = await Api.as(baseURL!, 'admin');
    const { items } = await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent('招商街道')}`);
    const council = await admin.post<{ id: string }>('/api/councils', { placeId: items.find((p) => p.nameZh === '招商街道')!.id, name: `招商街道和谐促进会 ${mark}`, typeCode: 'cixi-harmony' });
    await admin.post(`/api/councils/${council.id}/membership`, {
      add: [
        { name: '王书记', role: 'chair', partyMember: true, kind: 'official', tags: ['village_party_secretary'], termStart: '2026-01-01' },
        { name: '李师傅', role: 'vice_chair', partyMember: false, kind: 'new_resident', tags: ['migrant_worker'], termStart: '2026-01-01' },
        { name: '赵大姐', role: 'member', partyMember: false, kind: 'established_resident', termStart: '2026-01-01' },
      ],
    });
    await admin.dispose();

    await login(page, 'admin');
    await page.goto(`/councils/${council.id}`);
    const wards = page.getByTestId('wards');
    await expect(wards).toContainText('还没有划分片区');
    await wards.getByText('按人口划分片区').click();
    await wards.getByLabel('片区数').fill('2');
    await wards.getByRole('button', { name: '生成划分方案' }).click();
    // Zhaoshang's three communities in two wards: Shuiwan, the largest, alone or with a neighbour.
    await expect(page.getByTestId('ward-proposal').getByRole('row')).toHaveCount(2);
    await expect(page.getByTestId('ward-proposal')).toContainText('水湾社区');
    expect(await sidewaysOverflow(page)).toEqual([]);
    await wards.getByRole('button', { name: '采用此方案（原片区存档）' }).click();
    const first = wards.getByRole('article', { name: '第1片区' });
    await expect(first).toContainText('尚未选出片长');
    await expect(wards.getByRole('article')).toHaveCount(2);

    await first.getByLabel('提名片长候选人').selectOption({ label: '李师傅' });
    await first.getByRole('button', { name: '提名' }).click();
    await expect(first).toContainText('候选人：李师傅');
    await first.getByLabel('提名片长候选人').selectOption({ label: '赵大姐' });
    await first.getByRole('button', { name: '提名' }).click();
    await expect(first).toContainText('候选人：李师傅、赵大姐');

    await first.getByText('录入片长选举结果').click();
    await first.getByLabel('李师傅').fill('4');
    await first.getByLabel('赵大姐').fill('4');
    await first.getByRole('button', { name: '录入结果' }).click();
    await expect(first.getByRole('alert')).toContainText('得票相同且最多');
    await expect(first).toContainText('尚未选出片长');
    await first.getByLabel('李师傅').fill('5');
    await first.getByRole('button', { name: '录入结果' }).click();
    await expect(first).toContainText('片长：李师傅');
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Anyone reads the wards and their leaders on the council's public page.
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
    const reader = await context.newPage();
    await reader.goto(`/forum/${council.id}`);
    await expect(reader.getByTestId('public-wards')).toContainText('片长：李师傅');
    await expect(reader.getByTestId('public-wards')).not.toContainText('赵大姐');
    await context.close();
  });
});

test.describe('the council office keeping its council and its decisions', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('completes a deliberation hall with the rules checked before saving, is refused a fourteenth member, and puts a motion', async ({ page, baseURL }) => {
    const mark = markOf();
    const admin = await Api.as(baseURL!, 'admin');
    const { items } = await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent('招商街道')}`);
    const council = await admin.post<{ id: string }>('/api/councils', { placeId: items.find((p) => p.nameZh === '招商街道')!.id, name: `招商街道议事厅 ${mark}`, typeCode: 'sanyuanli-hall' });
    // Twelve of thirteen: six established residents, five new ones, one subdistrict official.
    const seat = (name: string, kind: string) => ({ name, role: 'member', partyMember: false, kind, termStart: '2026-01-01' });
    await admin.post(`/api/councils/${council.id}/membership`, {
      add: [...Array.from({ length: 6 }, (_, i) => seat(`户籍居民${i + 1}`, 'established')), ...Array.from({ length: 5 }, (_, i) => seat(`新居民${i + 1}`, 'new_resident')), seat('街道干部', 'subdistrict_official')],
    });
    await admin.dispose();

    await login(page, 'admin');
    await page.goto(`/councils/${council.id}`);
    await expect(page.getByText(/筹备中/)).toBeVisible();
    const form = page.getByTestId('membership-form');
    await form.getByText('增减成员').click();
    await form.getByLabel('姓名').fill('新居民6');
    await form.getByLabel('类别').selectOption({ label: '新居民' });
    await expect(form.getByTestId('membership-check')).toHaveText('变更后 13 名成员符合全部组成规则');
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByRole('button', { name: '保存：增加成员' }).click();
    await expect(page.getByText(/已组成/)).toBeVisible();
    await expect(page.getByTestId('members').getByRole('row', { name: /新居民6/ })).toBeVisible();

    // A fourteenth: shown why before saving, and the button stays off.
    await form.getByLabel('姓名').fill('多出的成员');
    await expect(form.getByTestId('membership-check')).toContainText('成员人数应为 13 人，现有 14 人');
    await expect(form.getByTestId('membership-check')).toContainText('不能保存');
    await expect(form.getByRole('button', { name: '保存：增加成员' })).toBeDisabled();

    await page.getByText('提出表决事项').click();
    await page.getByLabel('事项名称').fill(`海月路增设公交站 ${mark}`);
    await page.getByLabel('决定内容（由谁、做什么、何时完成）').fill('由社区居委会向交通部门提出，明年一季度前完成。');
    await expect(page.getByText('按本议事会规则：全体成员三分之二以上赞成，法定人数 67%')).toBeVisible();
    await page.getByRole('button', { name: '保存为草案' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `海月路增设公交站 ${mark}` })).toBeVisible();
    await expect(page.getByRole('button', { name: '开始表决' })).toBeVisible();
  });

  test('answers a resident’s topic in public onto the agenda of the next meeting', async ({ page, baseURL }) => {
    const { admin, council, mark } = await villageCouncil(baseURL!);
    const meeting = await admin.post<{ id: string }>(`/api/councils/${council.id}/meetings`, { form: 'democracy_day', title: `十二月民主日 ${mark}`, startsAt: '2026-12-05T01:00:00Z', mode: 'both' });
    await admin.post(`/api/councils/${council.id}/topics`, { title: `村口路灯不亮 ${mark}`, body: '晚上出行不安全。' });
    await admin.dispose();

    await login(page, 'secretary');
    await page.goto(`/councils/${council.id}`);
    const topic = page.getByTestId('topics').getByRole('listitem').filter({ hasText: `村口路灯不亮 ${mark}` });
    await topic.getByText('答复议题').click();
    await topic.getByLabel('列入哪次会议的议程（选填）').selectOption(meeting.id);
    await topic.getByLabel('理由（向群众公开）').fill('群众反映集中，列入十二月民主日议程');
    expect(await accessibilityViolations(page)).toEqual([]);
    await topic.getByRole('button', { name: '公开答复' }).click();
    await expect(topic).toContainText('已采纳');
    await expect(topic).toContainText('处理意见：群众反映集中，列入十二月民主日议程');
    await expect(topic.getByText('答复议题')).toHaveCount(0);
    await page.goto(`/meetings/${meeting.id}`);
    await expect(page.getByTestId('agenda')).toContainText(`村口路灯不亮 ${mark}`);
  });

  test('hands a passed decision over, one task as a request to the departments, and reports progress the public sees', async ({ page, baseURL, browser }) => {
    const { admin, motionId, mark } = await councilWithOpenMotion(baseURL!);
    const member = await Api.as(baseURL!, 'member');
    await member.post(`/api/motions/${motionId}/votes`, { choice: 'yes' });
    await member.dispose();
    await admin.post(`/api/motions/${motionId}/close`);
    await admin.dispose();

    await login(page, 'secretary');
    await page.goto(`/motions/${motionId}`);
    const tasks = page.getByTestId('tasks');
    await expect(tasks).toContainText('尚未交付落实');
    await tasks.getByText('交付落实', { exact: true }).click();
    await tasks.getByLabel('任务').fill('更换村道路灯');
    await tasks.getByLabel('由谁落实').fill('白水洋村村民委员会');
    await tasks.getByRole('button', { name: '交付' }).click();
    await expect(tasks.getByRole('article', { name: '更换村道路灯' })).toContainText('白水洋村村民委员会 · 待办');
    await tasks.getByLabel('任务').fill('检修村道供电线路');
    await tasks.getByLabel('由谁落实').fill('供电部门');
    await tasks.getByLabel('同时向部门提交诉求单（进入统一受理）').check();
    await tasks.getByLabel('诉求内容').fill(`白水洋村村道供电线路老化，路灯经常不亮，请派人检修 ${mark}`);
    await tasks.getByRole('button', { name: '交付' }).click();
    const repair = tasks.getByRole('article', { name: '检修村道供电线路' });
    await expect(repair).toContainText(/诉求编号 LH-2026-\d+/);

    const lamps = tasks.getByRole('article', { name: '更换村道路灯' });
    await lamps.getByLabel('进展说明').fill('已采购太阳能路灯 40 盏');
    await lamps.getByRole('button', { name: '报告进展' }).click();
    await expect(lamps).toContainText('推进中');
    await expect(lamps).toContainText('已采购太阳能路灯 40 盏');
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
    const reader = await context.newPage();
    await reader.goto(`/decisions/${motionId}`);
    await expect(reader.getByTestId('tasks')).toContainText('已采购太阳能路灯 40 盏');
    await context.close();
  });
});

test('the supervision group reads everything done to a council on its page', async ({ page, baseURL }) => {
  const mark = markOf();
  const admin = await Api.as(baseURL!, 'admin');
  const { items } = await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent('招商街道')}`);
  const council = await admin.post<{ id: string }>('/api/councils', { placeId: items.find((p) => p.nameZh === '招商街道')!.id, name: `招商街道议事厅 ${mark}`, typeCode: 'sanyuanli-hall' });
  await admin.post(`/api/councils/${council.id}/membership`, { add: [{ name: '户籍居民1', role: 'member', partyMember: false, kind: 'established', termStart: '2026-01-01' }] });
  await admin.post(`/api/councils/${council.id}/meetings`, { form: 'democracy_day', title: `民主日 ${mark}`, startsAt: '2026-12-05T01:00:00Z', mode: 'both' });
  await admin.dispose();

  await login(page, 'supervisor');
  await page.goto(`/councils/${council.id}`);
  const trail = page.getByTestId('trail');
  await trail.getByText('监督：完整记录').click();
  await expect(trail.getByRole('listitem')).toHaveCount(3);
  await expect(trail.getByRole('listitem').first()).toContainText('安排会议');
  await expect(trail.getByRole('listitem').last()).toContainText('组建议事会');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('the council office sets up a village council and its monthly democracy day', async ({ page }) => {
  const mark = markOf();
  await login(page, 'secretary');
  await page.goto('/councils');
  await page.getByText('组建议事会').click();
  await page.getByLabel('所在地').click();
  await pickPlace(page, ['台州市', '临海市', '白水洋镇'], '白水洋村');
  // Each type brings its own figures: Sanyuanli's hall has 6 seats for new residents and decides by two thirds.
  await page.getByLabel('议事会类型（带组成规则和表决规则）').selectOption({ label: '三元里街道议事厅' });
  await page.getByText('按本地实际调整规则（选填）').click();
  await expect(page.getByLabel('新居民名额 最少')).toHaveValue('6');
  await expect(page.getByLabel('表决通过条件')).toHaveValue('two_thirds_of_members');
  await page.getByLabel('议事会类型（带组成规则和表决规则）').selectOption({ label: '临海村级民主协商议事会' });
  await expect(page.getByLabel('新居民名额 最少')).toHaveCount(0);
  await page.getByLabel('名称', { exact: true }).fill(`白水洋村民主协商议事会 ${mark}`);
  // The type's figures, adjusted to this village: at least 25 members, a quorum of 60%.
  await expect(page.getByLabel('非党员所占比例不少于（%）')).toHaveValue('50');
  await page.getByLabel('成员人数 最少').fill('25');
  await page.getByLabel('法定人数（占全体成员的 %）').fill('60');
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toEqual([]);
  await page.getByRole('button', { name: '组建', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `白水洋村民主协商议事会 ${mark}` })).toBeVisible();
  await expect(page.getByText(/筹备中/)).toBeVisible();
  await expect(page.getByTestId('composition')).toContainText('成员人数应为 25 至 50 人，现有 0 人');
  await page.getByText('提出表决事项', { exact: true }).click();
  await expect(page.getByText('按本议事会规则：全体成员过半数赞成，法定人数 60%')).toBeVisible();

  const days = page.getByTestId('democracy-days');
  await expect(days).toContainText('还没有设定民主日');
  await days.getByText('设定每月民主日').click();
  await days.getByLabel('每月', { exact: true }).selectOption('5');
  await days.getByRole('button', { name: '设定', exact: true }).click();
  await expect(days).toContainText('接下来的民主日：');

  // Online discussion opens on the democracy day.
  const discussions = page.getByTestId('discussions');
  await discussions.getByLabel('讨论题目').fill(`路灯改造网上议事 ${mark}`);
  await discussions.getByLabel('请大家讨论的问题').fill('村道路灯怎么改？');
  await discussions.getByRole('button', { name: /定在下一个民主日/ }).click();
  await discussions.getByRole('button', { name: '发起', exact: true }).click();
  await expect(discussions.getByRole('listitem').filter({ hasText: `路灯改造网上议事 ${mark}` })).toContainText('即将开始');
  expect(await sidewaysOverflow(page)).toEqual([]);
  expect(await accessibilityViolations(page)).toEqual([]);
});
