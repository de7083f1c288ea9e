import { expect, test } from '@playwright/test';
import { Api, markOf } from './cases-support.js';
import { accessibilityViolations, login, sidewaysOverflow } from './support.js';

/** A Zhaoshang Subdistrict council with one topic a neighbour proposed, set up through the API. */
async function councilWithTopic(baseURL: string) {
  const mark = markOf();
  const admin = await Api.as(baseURL, 'admin');
  const { items } = await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent('招商街道')}`);
  const council = await admin.post<{ id: string; name: string }>('/api/councils', { placeId: items.find((p) => p.nameZh === '招商街道')!.id, name: `招商街道议事厅 ${mark}`, typeCode: 'sanyuanli-hall' });
  const topic = await admin.post<{ id: string; title: string }>(`/api/councils/${council.id}/topics`, { title: `海月路增设公交站 ${mark}`, body: '早高峰等车太久。' });
  await admin.dispose();
  return { council, topic, mark };
}

test.describe('a resident on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('finds the councils of their place, proposes a topic, and supports a neighbour’s once', async ({ page, baseURL }) => {
    const { council, topic, mark } = await councilWithTopic(baseURL!);
    await login(page, 'resident');
    await page.getByTestId('deliberation-link').click();
    await expect(page.getByRole('heading', { level: 1, name: '议事协商' })).toBeVisible();
    const section = page.getByRole('region', { name: new RegExp(council.name) });
    await expect(section.getByTestId('topics')).toContainText(topic.title);
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Propose: an empty form cannot be sent; a filled one shows at once as awaiting the office.
    await section.getByTestId('propose').click();
    await expect(section.getByRole('button', { name: '提交议题' })).toBeDisabled();
    await section.getByLabel('议题名称').fill(`小区加装电梯 ${mark}`);
    await section.getByLabel('具体内容和建议').fill('六层老楼，老人上下楼困难，建议加装电梯。');
    expect(await accessibilityViolations(page)).toEqual([]);
    await section.getByRole('button', { name: '提交议题' }).click();
    await expect(section.getByRole('status')).toHaveText('议题已提交，议事会办公室会公开处理意见');
    const mine = section.getByTestId('topics').getByRole('listitem').filter({ hasText: `小区加装电梯 ${mark}` });
    await expect(mine).toContainText('待处理 · 0 人附议');

    // Support the neighbour's topic: counted once, and the button says so.
    const theirs = section.getByTestId('topics').getByRole('listitem').filter({ hasText: topic.title });
    await theirs.getByTestId('support').click();
    await expect(theirs).toContainText('已附议');
    await expect(theirs).toContainText('1 人附议');
    await page.reload();
    const again = page.getByRole('region', { name: new RegExp(council.name) }).getByTestId('topics').getByRole('listitem').filter({ hasText: topic.title });
    await again.getByTestId('support').click();
    await expect(again).toContainText('已附议');
    await expect(again).toContainText('1 人附议');
    expect(await sidewaysOverflow(page)).toEqual([]);
  });

  test('reads the deliberation report of their place for this quarter', async ({ page, baseURL }) => {
    // A council of Shuiwan itself, with one topic proposed today.
    const mark = markOf();
    const admin = await Api.as(baseURL!, 'admin');
    const { items } = await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent('水湾社区')}`);
    const council = await admin.post<{ id: string }>('/api/councils', { placeId: items.find((p) => p.nameZh === '水湾社区')!.id, name: `水湾社区议事会 ${mark}`, typeCode: 'sanyuanli-hall' });
    await admin.post(`/api/councils/${council.id}/topics`, { title: `儿童游乐场翻新 ${mark}`, body: '设施老旧。' });
    await admin.dispose();

    await login(page, 'resident');
    await page.goto('/my/deliberation');
    await page.getByRole('link', { name: '查看本地议事情况报告' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /议事情况报告 · 水湾社区/ })).toBeVisible();
    await expect(page.getByText('议事会 1 个')).toBeVisible();
    await expect(page.getByTestId('report-topics').getByRole('row', { name: /待处理/ })).toContainText('1');
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
