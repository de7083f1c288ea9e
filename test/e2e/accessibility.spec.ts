import { expect, test } from '@playwright/test';
import { accessibilityViolations, login } from './support.js';

test.describe('WCAG 2.1 AA (axe-core)', () => {
  test('the login page, in both languages', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  test('a resident’s home, also in large text', async ({ page }) => {
    await login(page, 'resident');
    await expect(page.getByTestId('members')).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('large-text').click();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  test('the staff home and every administration page', async ({ page }) => {
    await login(page, 'admin');
    await expect(page.getByRole('heading', { name: '辖区概况' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    for (const [path, heading] of [['/places', '地区管理'], ['/residents', '居民'], ['/households', '住户'], ['/accounts', '账号'], ['/audit', '审计日志']] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      // Checked with its rows in: an empty table would hide what the rows get wrong.
      await expect(page.locator('.ant-table-row').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
  });

  test('the forms of the administration pages, and a household opened', async ({ page }) => {
    await login(page, 'admin');
    await page.goto('/residents');
    await page.getByRole('button', { name: '登记居民' }).click();
    await expect(page.getByRole('dialog').getByLabel('姓名')).toBeVisible();
    expect(await accessibilityViolations(page), 'resident form').toEqual([]);
    await page.goto('/households');
    await page.locator('.ant-table-row').first().getByRole('button', { name: /展开/ }).click();
    await expect(page.locator('.ant-table-expanded-row .ant-list-item').first()).toBeVisible();
    expect(await accessibilityViolations(page), 'household members').toEqual([]);
    await page.goto('/accounts');
    await page.getByRole('button', { name: '新建账号' }).click();
    await expect(page.getByRole('dialog').getByLabel('显示名称')).toBeVisible();
    expect(await accessibilityViolations(page), 'account form').toEqual([]);
  });
});
