import { expect, test } from '@playwright/test';
import { Api, markOf } from './cases-support.js';
import { accessibilityViolations, login, sidewaysOverflow } from './support.js';

/**
 * A Baishuiyang village council of 20 with the demo council member on it, and a motion put to
 * its vote: set up through the API, so the browser test starts at the vote.
 */
async function councilWithOpenMotion(baseURL: string) {
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
