import { expect, test } from '@playwright/test';
import { Api, markOf } from './cases-support.js';
import { accessibilityViolations, login, sidewaysOverflow } from './support.js';

const PASSWORD = 'Discussion-2026-Vote';

/**
 * A Zhaoshang Subdistrict council's discussion on the Haiyue Road bus stop, where eight neighbours
 * have already voted in two camps: set up through the API, so the browser test starts where a
 * resident joins.
 */
async function discussionUnderWay(baseURL: string) {
  const mark = markOf();
  const admin = await Api.as(baseURL, 'admin');
  const place = async (name: string) => (await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent(name)}`)).items.find((p) => p.nameZh === name)!.id;
  const [zhaoshang, shuiwan] = [await place('招商街道'), await place('水湾社区')];
  const council = await admin.post<{ id: string; name: string }>('/api/councils', { placeId: zhaoshang, name: `招商街道议事厅 ${mark}`, typeCode: 'sanyuanli-hall' });
  const discussion = await admin.post<{ id: string }>(`/api/councils/${council.id}/conversations`, { title: `海月路公交站 ${mark}`, prompt: '海月路要不要增设公交站？' });
  const texts = ['应该增设公交站', '早高峰等车太久', '不要增设，会堵车', '车站离小区太近太吵', '人行道要先修好'] as const;
  const forStop = (text: string) => text === texts[0] || text === texts[1];
  const neighbours: Api[] = [];
  for (let i = 0; i < 8; i++) {
    const username = `hy-${mark}-${i}`.toLowerCase();
    await admin.post('/api/accounts', { username, displayName: username, password: PASSWORD, placeId: shuiwan, grants: [{ role: 'resident', placeId: shuiwan }] });
    neighbours.push(await Api.as(baseURL, username, PASSWORD));
  }
  // The first four want the stop, the last four do not; everyone wants the pavement mended.
  for (const [writer, text] of [[0, texts[0]], [1, texts[1]], [4, texts[2]], [5, texts[3]], [2, texts[4]]] as const) {
    await neighbours[writer]!.post(`/api/conversations/${discussion.id}/statements`, { text });
  }
  for (const [i, neighbour] of neighbours.entries()) {
    for (;;) {
      const { statement } = await neighbour.get<{ statement: { id: string; text: string } | null }>(`/api/conversations/${discussion.id}/next`);
      if (!statement) break;
      const value = statement.text === texts[4] ? 1 : forStop(statement.text) === i < 4 ? 1 : -1;
      await neighbour.post(`/api/statements/${statement.id}/votes`, { value });
    }
  }
  await Promise.all([admin, ...neighbours].map((a) => a.dispose()));
  return { council, discussionId: discussion.id, mark, texts };
}

test.describe('a resident on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('joins a discussion from their deliberation page, votes statement by statement, writes one, and reads the opinion groups', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const { council, mark, texts } = await discussionUnderWay(baseURL!);
    await login(page, 'resident');
    await page.goto('/my/deliberation');
    await page.getByRole('region', { name: new RegExp(council.name) }).getByRole('link', { name: `海月路公交站 ${mark}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `海月路公交站 ${mark}` })).toBeVisible();
    await expect(page.getByTestId('discussion-counts')).toHaveText('5 条观点 · 8 人参与 · 40 次表态');

    // The two camps and the statement both agree on, read from the votes.
    const groups = page.getByTestId('group');
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toContainText('（4 人）');
    await expect(groups.nth(1)).toContainText('（4 人）');
    await expect(page.getByTestId('consensus')).toContainText(texts[4]);
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Statement by statement until none is left.
    const card = page.getByTestId('vote-card');
    await expect(card).toContainText('还有 5 条待表态');
    for (let left = 5; left > 0; left--) {
      await expect(card).toContainText(`还有 ${left} 条待表态`);
      await card.getByRole('button', { name: left % 2 ? '同意' : '跳过', exact: true }).click();
    }
    await expect(card).toContainText('您已经对全部观点表过态');
    await expect(page.getByTestId('discussion-counts')).toHaveText('5 条观点 · 9 人参与 · 45 次表态');

    // Writing one: a duplicate is refused with a reason; a new one counts.
    const box = page.getByRole('textbox', { name: '写下您的观点' });
    await box.fill('应该增设公交站');
    await page.getByRole('button', { name: '发表观点' }).click();
    await expect(page.getByRole('alert')).toHaveText('已经有人写过同样的观点，可以直接对它表态');
    await box.fill(`公交站设在路口以北 ${mark}`);
    await page.getByRole('button', { name: '发表观点' }).click();
    await expect(page.getByRole('status')).toHaveText('观点已发表');
    await expect(page.getByTestId('discussion-counts')).toHaveText('6 条观点 · 9 人参与 · 46 次表态');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

test('the council’s office consults the place on a draft decision until a date, hides an abusive statement with a public reason, and closes it', async ({ page, baseURL, browser }) => {
  const mark = markOf();
  const admin = await Api.as(baseURL!, 'admin');
  const { items } = await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent('招商街道')}`);
  const council = await admin.post<{ id: string; name: string }>('/api/councils', { placeId: items.find((p) => p.nameZh === '招商街道')!.id, name: `招商街道议事厅 ${mark}`, typeCode: 'sanyuanli-hall' });
  const draft = await admin.post<{ id: string }>(`/api/councils/${council.id}/motions`, {
    title: `垃圾分类投放点设置方案 ${mark}`,
    body: '每栋楼设一个投放点，早晚各开放两小时。',
    ballot: 'open',
    threshold: { rule: 'two_thirds_of_members', abstentionsCount: false, quorum: 0 },
  });
  await admin.dispose();

  // A consultation on the draft decision, for a period, before the council votes on it.
  await login(page, 'admin');
  await page.goto(`/councils/${council.id}`);
  const discussions = page.getByTestId('discussions');
  await discussions.getByLabel('讨论题目').fill(`垃圾分类投放点 ${mark}`);
  await discussions.getByLabel('请大家讨论的问题').fill('投放点设在哪里更合适？');
  await discussions.getByLabel('就哪项决定草案征求意见（选填）').selectOption({ label: `垃圾分类投放点设置方案 ${mark}` });
  await discussions.getByLabel('截止时间（选填）').fill('2030-01-31T18:00');
  await discussions.getByRole('button', { name: '发起' }).click();
  const link = discussions.getByRole('link', { name: `垃圾分类投放点 ${mark}` });
  await expect(link).toBeVisible();
  await expect(discussions.getByRole('listitem').filter({ hasText: `垃圾分类投放点 ${mark}` })).toContainText('决定草案征求意见 · 进行中 · 截止 2030');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`/motions/${draft.id}`);
  await expect(page.getByTestId('consultations')).toContainText(`垃圾分类投放点 ${mark}`);
  await page.goto(`/councils/${council.id}`);

  // A resident writes something that has no place there.
  const resident = await Api.as(baseURL!, 'resident');
  const discussionId = (await link.getAttribute('href'))!.split('/').pop()!;
  await resident.post(`/api/conversations/${discussionId}/statements`, { text: `某某干部收了好处 ${mark}` });
  await resident.dispose();

  await link.click();
  await expect(page.getByTestId('draft')).toContainText(`草案：垃圾分类投放点设置方案 ${mark}`);
  await page.getByText(/全部观点/).click();
  const statement = page.getByTestId('statements').getByRole('listitem').filter({ hasText: `某某干部收了好处 ${mark}` });
  await statement.getByRole('button', { name: '隐藏' }).click();
  await statement.getByLabel('隐藏理由（公开显示）').fill('涉及未经核实的个人指控，请通过信访渠道反映');
  await statement.getByRole('button', { name: '隐藏' }).click();
  await expect(page.getByTestId('statements')).toContainText('已隐藏：涉及未经核实的个人指控，请通过信访渠道反映');
  await expect(page.getByTestId('statements')).not.toContainText('某某干部收了好处');

  // Anyone sees the reason, not the statement.
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  await visitor.goto(`/discussions/${discussionId}`);
  await expect(visitor.getByText('登录后参与讨论')).toBeVisible();
  await visitor.getByText(/全部观点/).click();
  await expect(visitor.getByTestId('statements')).toContainText('已隐藏');
  expect(await accessibilityViolations(visitor)).toEqual([]);
  await visitor.context().close();

  await page.goto(`/councils/${council.id}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('discussions').getByRole('button', { name: '结束讨论' }).click();
  await expect(page.getByTestId('discussions')).toContainText('已结束');
});
