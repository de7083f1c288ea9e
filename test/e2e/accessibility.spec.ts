import { expect, test } from '@playwright/test';
import { Api, caseAt, departmentOf, streetLight } from './cases-support.js';
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

  test('reporting a problem without an account, its mistakes shown, in both languages and large text', async ({ page }) => {
    await page.goto('/report');
    await expect(page.getByRole('heading', { level: 1, name: '我要报事' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page), 'empty form').toEqual([]);
    await page.getByRole('button', { name: '提交诉求' }).click();
    await expect(page.getByText('请选择问题所在的地点')).toBeVisible();
    expect(await accessibilityViolations(page), 'form with mistakes').toEqual([]);
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
    await page.getByTestId('large-text').click();
    expect(await accessibilityViolations(page), 'English, large text').toEqual([]);
  });

  test('following a request without an account, with a wrong phone number first', async ({ page }) => {
    await page.goto('/track?number=NS-2026-000001');
    await expect(page.getByRole('heading', { level: 1, name: '查询诉求进度' })).toBeVisible();
    await page.getByLabel('电话号码').fill('13000000000');
    await page.getByRole('button', { name: '查询进度' }).click();
    await expect(page.getByTestId('track-error')).toBeVisible();
    expect(await accessibilityViolations(page), 'form with its error').toEqual([]);
  });

  test('a resident’s requests, and a resolved one with its timeline and the rating form', async ({ page, baseURL }) => {
    const made = await caseAt(baseURL!, 'resolved');
    await login(page, 'resident');
    await page.getByTestId('report-link').click();
    await page.getByLabel('问题描述').fill(streetLight(made.mark));
    await expect(page.getByTestId('suggestion')).toContainText('城市管理');
    expect(await accessibilityViolations(page), 'report form with a suggestion').toEqual([]);
    await page.goto('/my/requests');
    await expect(page.getByTestId('my-requests')).toContainText(made.number);
    expect(await accessibilityViolations(page), 'my requests').toEqual([]);
    await page.goto(`/cases/${made.id}`);
    await expect(page.getByTestId('rating-form')).toBeVisible();
    await page.getByTestId('large-text').click();
    expect(await accessibilityViolations(page), 'case with rating form').toEqual([]);
  });

  test('the cases pages of the hotline: intake, queues, a case and its dialog, whistle board, evaluation', async ({ page, baseURL }) => {
    const made = await caseAt(baseURL!, 'received');
    // A whistle blown on it, so that the board and the case show a department's duty.
    const official = await Api.as(baseURL!, 'official');
    await official.post(`/api/cases/${made.id}/whistle`, { departmentIds: [await departmentOf(official, made.id, 'urban-management')] });
    await official.dispose();
    await login(page, 'dispatcher');
    await page.goto('/cases/new');
    await page.getByLabel('社区村').selectOption({ label: '水湾社区' });
    await page.getByLabel('问题描述').fill(streetLight(made.mark));
    await expect(page.getByTestId('similar')).toContainText(made.number);
    expect(await accessibilityViolations(page), 'intake').toEqual([]);
    for (const [path, heading] of [['/cases?view=dispatch', '待派单'], ['/cases', '诉求查询']] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('.ant-table-row').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    await page.goto(`/cases/${made.id}`);
    await expect(page.getByTestId('timeline')).toContainText('街道吹哨');
    expect(await accessibilityViolations(page), 'case').toEqual([]);
    await page.getByRole('button', { name: '派往部门' }).click();
    await expect(page.getByRole('dialog').getByLabel('紧急程度')).toBeVisible();
    expect(await accessibilityViolations(page), 'dispatch dialog').toEqual([]);
    await page.goto('/whistle');
    await expect(page.getByRole('row', { name: new RegExp(made.number) })).toContainText('等待报到');
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page), 'whistle board').toEqual([]);
    await page.goto('/cases/dashboard');
    await expect(page.getByRole('img', { name: /各部门诉求量/ }).locator('svg')).toBeVisible();
    expect(await accessibilityViolations(page), 'evaluation').toEqual([]);
  });

  test('a department’s queue and a case it handles', async ({ page, baseURL }) => {
    const made = await caseAt(baseURL!, 'accepted');
    await login(page, 'staff');
    await page.goto('/cases?view=department');
    await expect(page.getByRole('row', { name: new RegExp(made.number) })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page), 'department queue').toEqual([]);
    await page.goto(`/cases/${made.id}`);
    await expect(page.getByRole('button', { name: '办结答复' })).toBeVisible();
    expect(await accessibilityViolations(page), 'case').toEqual([]);
    await page.getByRole('button', { name: '办结答复' }).click();
    await expect(page.getByRole('dialog').getByLabel('给群众的答复')).toBeVisible();
    expect(await accessibilityViolations(page), 'resolve dialog').toEqual([]);
  });
});
