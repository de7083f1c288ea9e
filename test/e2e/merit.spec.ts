import { expect, request, type APIRequestContext, test } from '@playwright/test';
import { accessibilityViolations, DEMO_PASSWORD, login, open, pickPlace, sidewaysOverflow } from './support.js';

const PASSWORD = 'Hesilu-Merit-2026';

/** The API as one login, with PUT as well (banks and bodies are configured with it). */
async function apiAs(baseURL: string, username: string, password = DEMO_PASSWORD) {
  const context: APIRequestContext = await request.newContext({ baseURL });
  const csrf = async () => ((await (await context.get('/api/auth/csrf')).json()) as { token: string }).token;
  const login = await context.post('/api/auth/login', { headers: { 'x-csrf-token': await csrf() }, data: { username, password } });
  expect(login.ok(), `${username} logs in`).toBe(true);
  const token = await csrf();
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, data?: object): Promise<{ status: number; body: T }> => {
    const response = await context.fetch(path, { method, headers: { 'x-csrf-token': token }, ...(data ? { data } : {}) });
    return { status: response.status(), body: (await response.json()) as T };
  };
  return { call, dispose: () => context.dispose() };
}

/** Today in China, as the server counts deed days. */
const dayAgo = (days: number) => new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

test.describe('Bank of Merit, as Hesilu Village uses it', () => {
  test('criteria, claims (own, retroactive, too late, duplicate), four bodies with a conflict, a published quarter, an extract checked by code, an appeal upheld, a correction and the year’s exemplar', async ({ page, baseURL, browser }) => {
    test.setTimeout(180_000);
    const mark = Date.now().toString(36);
    const admin = await apiAs(baseURL!, 'admin');
    // Hesilu Village and some of its people: a pair of one household (one of them on the party branch) and others.
    const hesilu = (await admin.call<{ items: { id: string }[] }>('GET', `/api/places?q=${encodeURIComponent('何斯路村')}`)).body.items[0]!;
    const residents = (await admin.call<{ items: { id: string; householdId: string; name: string }[] }>('GET', `/api/residents?placeId=${hesilu.id}&limit=100`)).body.items;
    const byHousehold = new Map<string, typeof residents>();
    for (const r of residents) byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r]);
    const pair = [...byHousehold.values()].find((h) => h.length >= 2)!;
    const others = [...byHousehold.values()].filter((h) => h !== pair).map((h) => h[0]!);
    const villager = others[0]!;
    const seats: [string, { id: string }][] = [['party_branch', pair[0]!], ['villagers_committee', others[1]!], ['supervisory_committee', others[2]!], ['representatives', others[3]!]];

    const bank = await admin.call<{ bodies: { id: string; code: string }[] }>('PUT', `/api/merit-banks/${hesilu.id}`, { retroWindowDays: 60, grantRule: 'all', privacy: 'masked' });
    expect(bank.status).toBe(200);
    const account = async (username: string, residentId: string) =>
      (await admin.call<{ account: { id: string } }>('POST', '/api/accounts', { username, displayName: username, password: PASSWORD, placeId: hesilu.id, residentId, grants: [{ role: 'resident', placeId: hesilu.id }] })).body.account.id;
    await account(`v-${mark}`, villager.id);
    for (const [code, person] of seats) {
      const id = await account(`${code}-${mark}`, person.id);
      expect((await admin.call('PUT', `/api/merit-bodies/${bank.body.bodies.find((b) => b.code === code)!.id}/members`, { accountIds: [id] })).status).toBe(200);
    }
    const criterion = await admin.call<{ id: string }>('POST', '/api/merit-criteria', {
      placeId: hesilu.id, code: `help-${mark}`, nameZh: '邻里互助', nameEn: 'Helping a neighbour', deedType: 'mutual_aid', unit: 'occurrence', pointsPerUnit: 5, dailyLimit: 10, evidence: ['witness'], validFrom: '2020-01-01',
    });
    expect(criterion.status).toBe(201);

    // The villager files his own claim, one retroactive, and is refused a late one and a duplicate, on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, `v-${mark}`, PASSWORD);
    await page.getByRole('link', { name: '功德银行' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /我的功德银行/ })).toBeVisible();
    const file = async (date: string, description: string) => {
      await page.getByLabel('日期').fill(date);
      await page.getByLabel('经过').fill(description);
      await page.getByLabel('证明人（用逗号分开）').fill('何大伯');
      await page.getByRole('button', { name: '提交申报' }).click();
    };
    await file(dayAgo(0), '帮邻居收稻谷');
    await expect(page.getByTestId('claim-filed')).toContainText('GD-');
    await file(dayAgo(30), '帮孤寡老人挑水');
    await expect(page.getByTestId('claim-filed')).toContainText('GD-');
    await file(dayAgo(90), '三个月前的事');
    await expect(page.getByTestId('claim-error')).toContainText('已超过申报期限');
    await file(dayAgo(0), '同一件事再报一次');
    await expect(page.getByTestId('claim-error')).toContainText('已申报过');
    await expect(page.getByTestId('merit-claims').locator(':scope > li')).toHaveCount(2);
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The four bodies: three approve both, the representatives reject the older one; a relative's claim is not the party member's to judge.
    for (const [code] of seats) {
      const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
      const member = await context.newPage();
      await login(member, `${code}-${mark}`, PASSWORD);
      await member.goto('/merit/assess');
      await expect(member.getByTestId('assess-item')).toHaveCount(2);
      if (code === 'party_branch') expect(await accessibilityViolations(member)).toEqual([]);
      for (let i = 0; i < 2; i++) {
        const item = member.getByTestId('assess-item').first();
        const older = (await item.textContent())!.includes('挑水');
        await item.getByLabel(/理由/).fill(code === 'representatives' && older ? '无人证实' : '属实');
        await item.getByRole('button', { name: code === 'representatives' && older ? '驳回' : '同意' }).click();
        await expect(member.getByTestId('assess-item')).toHaveCount(1 - i);
      }
      await expect(member.getByText('没有等待您评议的申报')).toBeVisible();
      await context.close();
    }
    const relative = await (await apiAs(baseURL!, `v-${mark}`, PASSWORD)).call<{ id: string }>('POST', '/api/merit-claims', { residentId: pair[1]!.id, criterionId: criterion.body.id, deedDate: dayAgo(1), quantity: 1, description: '帮邻居修屋顶', witnesses: ['何大伯'] });
    expect(relative.status).toBe(201);
    const partyMember = await apiAs(baseURL!, `party_branch-${mark}`, PASSWORD);
    const conflict = await partyMember.call<{ error: { code: string } }>('POST', `/api/merit-claims/${relative.body.id}/decisions`, { bodyId: bank.body.bodies[0]!.id, decision: 'approve' });
    expect(conflict).toMatchObject({ status: 403, body: { error: { code: 'merit_conflict_of_interest' } } });

    await page.reload();
    await expect(page.getByTestId('merit-balance').first()).toHaveText('5');
    await expect(page.getByTestId('merit-claims')).toContainText('已通过');
    await expect(page.getByTestId('merit-claims')).toContainText('已驳回');
    await expect(page.getByTestId('claim-record').first()).toContainText('村民委员会');

    // The quarter is published with the chain head, and the ledger verifies.
    const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
    const office = await staff.newPage();
    await login(office, 'admin');
    await office.goto(`/merit/bank?placeId=${hesilu.id}`);
    const now = new Date(Date.now() + 8 * 3_600_000);
    await office.getByLabel('季度（如 2026Q4）').fill(`${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`);
    await office.getByRole('button', { name: '发布季度公示' }).click();
    await office.getByTestId('reports').getByRole('link').first().click();
    await expect(office.getByTestId('ranking')).toContainText('5');
    await expect(office.getByTestId('chain-head')).toContainText('#');
    expect(await office.getByTestId('ranking').textContent()).not.toContain(villager.name);
    expect(await accessibilityViolations(office)).toEqual([]);
    await office.goto(`/merit/bank?placeId=${hesilu.id}`);
    await office.getByRole('button', { name: '核验账本' }).click();
    await expect(office.getByTestId('verify-result')).toContainText('账本完整');
    await staff.close();

    // An extract for a loan, checked by a bank clerk without an account.
    await page.getByRole('button', { name: '贷款用' }).click();
    const code = (await page.getByTestId('extract-code').textContent())!.match(/[A-Z0-9]{12}/)![0];
    const clerk = await (await browser.newContext({ baseURL, locale: 'zh-CN' })).newPage();
    await clerk.goto('/merit/verify');
    await clerk.getByLabel('核验码').fill('AAAABBBBCCCC');
    await clerk.getByRole('button', { name: '核验' }).click();
    await expect(clerk.getByTestId('verify-error')).toBeVisible();
    await clerk.getByLabel('核验码').fill(code);
    await clerk.getByRole('button', { name: '核验' }).click();
    await expect(clerk.getByTestId('extract')).toContainText('证明真实有效');
    await expect(clerk.getByTestId('extract-balance')).toHaveText('5');
    expect(await accessibilityViolations(clerk)).toEqual([]);

    // The villager appeals the rejected claim; the supervisory committee overturns it and the points come.
    await page.getByText('不服驳回，提出申诉').click();
    await page.getByLabel('申诉理由').fill('邻居何大伯可以作证');
    await page.getByRole('button', { name: '提交申诉' }).click();
    await expect(page.getByTestId('appeal-state')).toHaveText('申诉处理中');
    const supervisory = await browser.newContext({ baseURL, locale: 'zh-CN' });
    const member = await supervisory.newPage();
    await login(member, `supervisory_committee-${mark}`, PASSWORD);
    await member.goto('/merit/assess');
    const appeal = member.getByTestId('assess-item').filter({ hasText: '申诉处理中' });
    await expect(appeal).toContainText('邻居何大伯可以作证');
    await appeal.getByLabel(/理由/).fill('证人属实');
    await appeal.getByRole('button', { name: '撤销驳回并记分' }).click();
    await expect(appeal).toHaveCount(0);
    await supervisory.close();
    await page.reload();
    await expect(page.getByTestId('appeal-state')).toHaveText('申诉成立，已记分');
    await expect(page.getByTestId('merit-balance').first()).toHaveText('10');

    // The office finds the grant was made in error after all: a reversing entry with a reason, never an edit.
    const desk = await browser.newContext({ baseURL, locale: 'zh-CN' });
    const clerkPage = await desk.newPage();
    await login(clerkPage, 'admin');
    await clerkPage.goto(`/merit/bank?placeId=${hesilu.id}`);
    const grant = clerkPage.getByTestId('ledger-entry').filter({ hasText: villager.name }).filter({ hasText: '+5' }).first();
    await grant.getByRole('button', { name: /^更正第 \d+ 条/ }).click();
    await grant.getByLabel(/更正理由/).fill('证人记错了日期');
    await grant.getByRole('button', { name: '写入更正' }).click();
    await expect(clerkPage.getByTestId('ledger-entry').first()).toContainText('证人记错了日期');
    await expect(clerkPage.getByTestId('ledger-entry').first()).toContainText('-5');
    await desk.close();
    await page.reload();
    await expect(page.getByTestId('merit-balance').first()).toHaveText('5');

    // The year's Outstanding Contributor: the representatives confirm on their page, the other bodies through the API.
    const reps = await browser.newContext({ baseURL, locale: 'zh-CN' });
    const rep = await reps.newPage();
    await login(rep, `representatives-${mark}`, PASSWORD);
    await rep.goto('/merit/assess');
    const top = rep.getByTestId('exemplar').getByTestId('exemplar-candidate').first();
    const topName = (await top.textContent())!.split('：')[0]!;
    await top.getByRole('button', { name: /^以村民代表名义确认/ }).click();
    await expect(top).toContainText('村民代表已确认');
    await reps.close();
    const year = Number(dayAgo(0).slice(0, 4));
    for (const [code] of seats.filter(([c]) => c !== 'representatives')) {
      const body = bank.body.bodies.find((b) => b.code === code)!;
      const memberApi = await apiAs(baseURL!, `${code}-${mark}`, PASSWORD);
      const candidates = (await memberApi.call<{ candidates: { residentId: string }[] }>('GET', `/api/merit-banks/${hesilu.id}/exemplar?year=${year}`)).body.candidates;
      expect((await memberApi.call('POST', `/api/merit-banks/${hesilu.id}/exemplar`, { year, bodyId: body.id, residentId: candidates[0]!.residentId })).status).toBe(200);
      await memberApi.dispose();
    }
    const board = await browser.newContext({ baseURL, locale: 'zh-CN' });
    const boardPage = await board.newPage();
    await login(boardPage, 'admin');
    await boardPage.goto(`/merit/bank?placeId=${hesilu.id}`);
    await expect(boardPage.getByTestId('exemplar-confirmed')).toContainText(topName);
    await board.close();
    await admin.dispose();
  });

  test('the bank office opens a bank, sets its rules, seats an assessor found by name, keeps criteria as versions and runs a volunteer activity', async ({ page, baseURL, browser }) => {
    const mark = Date.now().toString(36);
    const admin = await apiAs(baseURL!, 'admin');
    const village = (await admin.call<{ items: { id: string }[] }>('GET', `/api/places?q=${encodeURIComponent('白水洋村')}`)).body.items[0]!;
    const assessor = `白水洋评议员${mark}`;
    const made = await admin.call('POST', '/api/accounts', { username: `bsy-${mark}`, displayName: assessor, password: PASSWORD, placeId: village.id, grants: [{ role: 'resident', placeId: village.id }] });
    expect(made.status).toBe(201);

    await login(page, 'admin');
    await open(page, '功德银行', '功德银行');
    await page.getByText('开设功德银行').click();
    await page.getByLabel('所在村或社区').click();
    await pickPlace(page, ['台州市', '临海市', '白水洋镇'], '白水洋村');
    await page.getByRole('button', { name: '开设', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '功德银行管理 · 白水洋村' })).toBeVisible();

    // Rules: a majority of bodies, a month to claim, points lapse after two years, surnames only.
    await page.getByLabel('记分规则').selectOption({ label: '多数机构同意' });
    await page.getByLabel('可补报多少天前的善行').fill('30');
    await page.getByLabel('积分有效期（月）').fill('24');
    await page.getByLabel('公示时姓名显示').selectOption({ label: '只显示姓' });
    await page.getByRole('button', { name: '保存规则' }).click();
    await expect(page.getByTestId('rules-saved')).toBeVisible();
    await expect(page.getByText('4 个机构中多数同意即记分')).toBeVisible();

    // An assessor is found by name among the village's accounts and seated on the party branch.
    const branch = page.getByTestId('merit-body').filter({ hasText: '村党支部委员会' });
    await branch.getByLabel('为“村党支部委员会”查找人员').fill(mark);
    await branch.getByRole('button', { name: `加入：${assessor} (bsy-${mark})` }).click();
    await expect(branch.getByRole('listitem').filter({ hasText: assessor })).toBeVisible();

    // A criterion, then its second version: the first keeps its points for deeds before.
    await page.getByText('新增积分标准', { exact: true }).click();
    const add = page.getByRole('form', { name: '新增积分标准' });
    await add.getByLabel('代码').fill(`help-${mark}`);
    await add.getByLabel('中文名称').fill('邻里互助');
    await add.getByLabel('英文名称').fill('Helping a neighbour');
    await add.getByLabel('善行类别').selectOption({ label: '邻里互助' });
    await add.getByLabel('每单位积分').fill('5');
    await add.getByLabel('每天上限（分）').fill('10');
    await add.getByLabel('证明人').check();
    await add.getByRole('button', { name: '新增', exact: true }).click();
    const catalog = page.getByTestId('merit-criteria');
    await expect(catalog).toContainText(`help-${mark} · v1`);
    await expect(catalog).toContainText('每次 5 分 · 每天最多 10 分');
    await expect(catalog).toContainText('需要：证明人');
    await page.getByRole('button', { name: '修改“邻里互助”' }).click();
    const revise = page.getByRole('form', { name: '新版本' });
    await revise.getByLabel('每单位积分').fill('8');
    await revise.getByRole('button', { name: '保存为新版本' }).click();
    await expect(catalog).toContainText(`help-${mark} · v2`);
    await expect(catalog).toContainText('每次 8 分');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A volunteer activity under an hourly criterion; a villager signs up from her phone; the office checks her in and out.
    expect((await admin.call('POST', '/api/merit-criteria', { placeId: village.id, code: `vol-${mark}`, nameZh: '志愿服务', nameEn: 'Volunteering', deedType: 'volunteering', unit: 'hour', pointsPerUnit: 2, validFrom: '2020-01-01' })).status).toBe(201);
    await page.reload();
    await page.getByText('新建志愿活动', { exact: true }).click();
    const activityForm = page.getByRole('form', { name: '新建志愿活动' });
    const local = (ms: number) => {
      const d = new Date(Date.now() + ms);
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    };
    await activityForm.getByLabel('活动名称').fill(`清理村道 ${mark}`);
    await activityForm.getByLabel('组织方').fill('村党支部');
    await activityForm.getByLabel('开始时间').fill(local(-3_600_000));
    await activityForm.getByLabel('结束时间').fill(local(2 * 3_600_000));
    await activityForm.getByRole('button', { name: '新建', exact: true }).click();
    const sheet = page.getByTestId('activity').filter({ hasText: `清理村道 ${mark}` });
    await expect(sheet).toContainText('还没有人报名');

    const person = (await admin.call<{ items: { id: string; name: string }[] }>('GET', `/api/residents?placeId=${village.id}&limit=1`)).body.items[0]!;
    expect((await admin.call('POST', '/api/accounts', { username: `bsyv-${mark}`, displayName: person.name, password: PASSWORD, placeId: village.id, residentId: person.id, grants: [{ role: 'resident', placeId: village.id }] })).status).toBe(201);
    const phone = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const villagerPage = await phone.newPage();
    await login(villagerPage, `bsyv-${mark}`, PASSWORD);
    await villagerPage.goto('/my/merit');
    await villagerPage.getByRole('button', { name: `报名参加“清理村道 ${mark}”` }).click();
    await expect(villagerPage.getByTestId('my-activity').filter({ hasText: `清理村道 ${mark}` })).toContainText('您已报名');
    expect(await sidewaysOverflow(villagerPage)).toEqual([]);
    await phone.close();

    await page.reload();
    await sheet.getByRole('button', { name: `${person.name} 签到` }).click();
    await expect(sheet.getByTestId('participant')).toContainText('签到');
    await sheet.getByRole('button', { name: `${person.name} 签退` }).click();
    // Moments between check-in and check-out are no hours to credit; hours that are become a claim (see test/merit.test.ts).
    await expect(sheet.getByTestId('participant')).toContainText('签退，没有可记的时长');
    // A neighbour came without signing up: the office finds him by name and checks him in at the door.
    const walkIn = (await admin.call<{ items: { id: string; name: string }[] }>('GET', `/api/residents?placeId=${village.id}&limit=2`)).body.items[1]!;
    await sheet.getByLabel('未报名到场：按姓名查找').fill(walkIn.name);
    await sheet.getByTestId('residents-found').getByRole('button', { name: `${walkIn.name} 签到` }).first().click();
    await expect(sheet.getByTestId('participant').filter({ hasText: walkIn.name })).toContainText('签到');
    await expect(sheet.getByTestId('participant')).toHaveCount(2);

    // The two cleared the lane behind the school together the day before: one group claim, a claim each; filed again, both are reported, not doubled.
    await page.getByText('集体善举：为多人一起申报', { exact: true }).click();
    const group = page.getByRole('form', { name: '集体善举：为多人一起申报' });
    for (const who of [person, walkIn]) {
      await group.getByLabel('按姓名添加人员').fill(who.name);
      await group.getByTestId('residents-found').getByRole('button', { name: `添加 ${who.name}` }).first().click();
    }
    await expect(group.getByTestId('group-people').getByRole('listitem')).toHaveCount(2);
    await group.getByLabel('善行类别').selectOption({ label: '邻里互助' });
    await group.getByLabel('经过').fill('两人一起清理了学校后面的小路');
    await group.getByLabel('证明人（用逗号分开）').fill('村委会主任');
    await group.getByRole('button', { name: '为每人提交一份申报' }).click();
    await expect(group.getByTestId('group-filed')).toContainText('已提交：');
    const numbers: string[] = ((await group.getByTestId('group-filed').textContent()) ?? '').match(/GD-\d{4}-\d{6}/g) ?? [];
    expect(numbers).toHaveLength(2);
    const filed = (await admin.call<{ items: { number: string; residentId: string; filing: string; status: string }[] }>('GET', `/api/merit-claims?placeId=${village.id}`)).body.items.filter((c) => numbers.includes(c.number));
    expect(filed.map((c) => [c.filing, c.status]).sort()).toEqual([['group', 'pending'], ['group', 'pending']]);
    expect(filed.map((c) => c.residentId)).toContain(person.id);
    for (const who of [person, walkIn]) {
      await group.getByLabel('按姓名添加人员').fill(who.name);
      await group.getByTestId('residents-found').getByRole('button', { name: `添加 ${who.name}` }).first().click();
    }
    await group.getByRole('button', { name: '为每人提交一份申报' }).click();
    await expect(group.getByTestId('group-filed')).toContainText('当天已申报过，未重复提交');
    for (const [i, who] of [person, walkIn].entries()) await expect(group.getByTestId('group-filed')).toContainText(`${who.name} (${numbers[i]})`);
    expect(await accessibilityViolations(page)).toEqual([]);

    // What the page showed is what the bank holds.
    const bank = (await admin.call<{ grantRule: string; retroWindowDays: number; expiryMonths: number; privacy: string; bodies: { code: string; members: { displayName: string }[] }[] }>('GET', `/api/merit-banks/${village.id}`)).body;
    expect(bank).toMatchObject({ grantRule: 'majority', retroWindowDays: 30, expiryMonths: 24, privacy: 'initials' });
    expect(bank.bodies.find((b) => b.code === 'party_branch')!.members.map((m) => m.displayName)).toContain(assessor);
    const criteria = (await admin.call<{ items: { code: string; versions: { pointsPerUnit: number }[] }[] }>('GET', `/api/merit-criteria?placeId=${village.id}`)).body.items;
    expect(criteria.find((c) => c.code === `help-${mark}`)!.versions.map((v) => v.pointsPerUnit)).toEqual([5, 8]);

    // The same page opened on a phone (the staff shell lays itself out for the width it opens at): nothing runs off the side.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await expect(page.getByTestId('merit-criteria')).toContainText(`help-${mark} · v2`);
    await page.getByText('集体善举：为多人一起申报', { exact: true }).click();
    await page.getByRole('form', { name: '集体善举：为多人一起申报' }).getByLabel('按姓名添加人员').fill(person.name);
    await expect(page.getByRole('form', { name: '集体善举：为多人一起申报' }).getByTestId('residents-found')).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    await admin.dispose();
  });
});
