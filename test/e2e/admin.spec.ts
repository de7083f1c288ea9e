import { expect, test } from '@playwright/test';
import { login, pickPlace } from './support.js';

test.describe('administration', () => {
  test('an administrator adds a community and registers a resident in it', async ({ page }) => {
    const code = `E2E${Date.now() % 100000}`;
    await login(page, 'admin');
    await page.getByRole('navigation').getByText('地区').click();
    for (const name of ['深圳市', '南山区', '招商街道']) await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('button', { name: '新增下级地区' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('代码').fill(code);
    await dialog.getByLabel('中文名称').fill('测试新社区');
    await dialog.getByLabel('英文名称').fill('Test New Community');
    await dialog.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByRole('link', { name: '测试新社区' })).toBeVisible();

    // A code already used here is refused with the server's message, and nothing is added.
    await page.getByRole('button', { name: '新增下级地区' }).click();
    await dialog.getByLabel('代码').fill(code);
    await dialog.getByLabel('中文名称').fill('重复社区');
    await dialog.getByLabel('英文名称').fill('Duplicate');
    await dialog.getByRole('button', { name: '保 存' }).click();
    await expect(dialog.getByRole('alert')).toContainText(code);
    await dialog.getByRole('button', { name: '取 消' }).click();
    await expect(page.getByRole('link', { name: '重复社区' })).toHaveCount(0);

    await page.getByRole('navigation').getByText('居民').click();
    await page.getByRole('button', { name: '登记居民' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('社区').click();
    await pickPlace(page, ['深圳市', '南山区', '招商街道'], '测试新社区');
    await form.getByLabel('姓名').fill('测试居民甲');
    await form.getByLabel('电话').fill('13912345678');
    await form.getByRole('button', { name: '保 存' }).click();
    await expect(form).toBeHidden();
    await page.getByRole('searchbox').fill('13912345678');
    await page.getByRole('searchbox').press('Enter');
    const row = page.getByRole('row', { name: /测试居民甲/ });
    await expect(row).toContainText('139****5678');
    await expect(row).toContainText('测试新社区');
  });

  test('a dispatcher sees only the pages its role allows, and a page outside them says so', async ({ page }) => {
    await login(page, 'dispatcher');
    const nav = page.getByRole('navigation');
    await expect(nav.getByText('居民')).toBeVisible();
    await expect(nav.getByText('账号')).toHaveCount(0);
    await expect(nav.getByText('审计日志')).toHaveCount(0);
    await page.goto('/accounts');
    await expect(page.getByRole('alert')).toContainText('没有权限');
  });

  test('a liaison sees a full phone number only on asking, and only for its own community', async ({ page }) => {
    await login(page, 'liaison');
    await page.getByRole('navigation').getByText('居民').click();
    const first = page.getByRole('row').nth(1);
    await expect(first).toContainText('水湾社区');
    await first.getByRole('button', { name: /查看完整号码/ }).click();
    await expect(page.getByRole('dialog')).toContainText(/1\d{10}/);
  });
});
