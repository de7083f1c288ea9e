import { expect, test } from '@playwright/test';
import { login } from './support.js';

const STAFF = ['admin', 'supervisor', 'dispatcher', 'liaison', 'staff', 'head', 'deputy', 'member', 'secretary'];
const ROLE_LABEL: Record<string, string> = {
  admin: '管理员', supervisor: '监督员', dispatcher: '调度员', liaison: '社区联络员', staff: '部门工作人员',
  head: '部门负责人', deputy: '人大代表', member: '议事会成员', secretary: '议事会秘书',
};

test.describe('logging in', () => {
  for (const username of STAFF) {
    test(`${username} logs in and sees the figures of their places`, async ({ page }) => {
      await login(page, username);
      await expect(page.getByTestId('roles')).toContainText(ROLE_LABEL[username]!);
      await expect(page.getByRole('heading', { name: '辖区概况' })).toBeVisible();
      await expect(page.getByText('居民').first()).toBeVisible();
    });
  }

  test('a resident logs in and sees their own household, masked', async ({ page }) => {
    await login(page, 'resident');
    await expect(page.getByRole('heading', { name: '我的住户' })).toBeVisible();
    await expect(page.getByTestId('members').locator('li')).not.toHaveCount(0);
    await expect(page.locator('.facts')).toContainText('****');
  });

  test('a wrong password gets a clear message and no way in', async ({ page }) => {
    await page.goto('/login');
    await page.locator('input[name=username]').fill('liaison');
    await page.locator('input[name=password]').fill('wrong password');
    await page.locator('button[type=submit]').click();
    await expect(page.getByTestId('login-error')).toContainText('用户名或密码不正确');
    await expect(page).toHaveURL(/\/login/);
  });

  test('an empty form is caught before it is sent', async ({ page }) => {
    await page.goto('/login');
    await page.locator('button[type=submit]').click();
    await expect(page.getByTestId('login-error')).toContainText('请输入用户名');
  });

  test('a page asked for before logging in opens after it, and logging out ends the session', async ({ page }) => {
    await page.goto('/places');
    await expect(page).toHaveURL(/\/login\?next=%2Fplaces/);
    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill('Tongxin@2026');
    await page.locator('button[type=submit]').click();
    await expect(page.getByRole('heading', { name: '地区管理' })).toBeVisible();
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('languages', () => {
  test('Chinese for a Chinese browser; the switch changes everything and is remembered', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

    // Errors from the server come in the chosen language too.
    await page.locator('input[name=username]').fill('liaison');
    await page.locator('input[name=password]').fill('wrong password');
    await page.locator('button[type=submit]').click();
    await expect(page.getByTestId('login-error')).toContainText('username or password is wrong');

    await page.locator('input[name=password]').fill('Tongxin@2026');
    await page.locator('button[type=submit]').click();
    await expect(page.getByRole('heading', { name: 'Overview of your places' })).toBeVisible();
    await expect(page.getByRole('navigation').getByText('Residents')).toBeVisible();
  });

  test('English for an English browser', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await context.close();
  });
});
