import { expect, test } from '@playwright/test';
import { choose, login, open, pick, pickPlace } from './support.js';

const TRAIL = ['深圳市', '南山区', '招商街道'];

test.describe('administration', () => {
  test('an administrator adds a community, a household in it and a resident in that household', async ({ page }) => {
    const code = `E2E${Date.now() % 100000}`;
    await login(page, 'admin');
    await open(page, '地区', '地区管理');
    for (const name of TRAIL) await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('button', { name: '新增下级地区' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('代码').fill(code);
    await dialog.getByLabel('中文名称').fill('测试新社区');
    await dialog.getByLabel('英文名称').fill('Test New Community');
    await dialog.getByRole('button', { name: '保 存' }).click();
    await expect(page.getByRole('link', { name: '测试新社区' })).toBeVisible();
    // The tree beside the list, open along the way here, shows it too.
    await expect(page.getByRole('tree').getByText('测试新社区')).toBeVisible();

    // A code already used here is refused with the server's message, and nothing is added.
    await page.getByRole('button', { name: '新增下级地区' }).click();
    await dialog.getByLabel('代码').fill(code);
    await dialog.getByLabel('中文名称').fill('重复社区');
    await dialog.getByLabel('英文名称').fill('Duplicate');
    await dialog.getByRole('button', { name: '保 存' }).click();
    await expect(dialog.getByRole('alert')).toContainText(code);
    await dialog.getByRole('button', { name: '取 消' }).click();
    await expect(page.getByRole('link', { name: '重复社区' })).toHaveCount(0);

    await open(page, '住户', '住户');
    await page.getByRole('button', { name: '登记住户' }).click();
    await dialog.getByLabel('社区').click();
    await pickPlace(page, TRAIL, '测试新社区');
    await dialog.getByLabel('户号').fill('E2E-01');
    await dialog.getByLabel('地址').fill('测试新社区1栋101室');
    await dialog.getByRole('button', { name: '保 存' }).click();
    await expect(dialog).toBeHidden();

    await open(page, '居民', '居民');
    await page.getByRole('button', { name: '登记居民' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('社区').click();
    await pickPlace(page, TRAIL, '测试新社区');
    await form.getByLabel('姓名').fill('测试居民甲');
    await form.getByLabel('电话').fill('13912345678');
    // The select must show the household before saving: a click that lands while its list is
    // still opening changes nothing, and the resident would be saved without one.
    await choose(page, form, '所属住户', 'E2E-01 · 测试新社区1栋101室');
    await form.getByLabel('与户主关系').fill('户主');
    await form.getByRole('button', { name: '保 存' }).click();
    await expect(form).toBeHidden();
    await page.getByRole('searchbox').fill('13912345678');
    await page.getByRole('searchbox').press('Enter');
    const row = page.getByRole('row', { name: /测试居民甲/ });
    await expect(row).toContainText('139****5678');
    await expect(row).toContainText('测试新社区');
    await expect(row).toContainText('E2E-01');

    // Editing opens with the record as it is, places and households by name.
    await row.getByRole('button', { name: '编 辑' }).click();
    await expect(form.locator('.ant-select', { has: page.getByLabel('社区') })).toContainText('测试新社区');
    await expect(form.locator('.ant-select', { has: page.getByLabel('所属住户') })).toContainText('E2E-01');
    await expect(form.getByLabel('与户主关系')).toHaveValue('户主');
    await form.getByRole('button', { name: '取 消' }).click();

    // The household now counts its member, and opening it shows who lives there.
    await open(page, '住户', '住户');
    await page.getByRole('searchbox').fill('E2E-01');
    await page.getByRole('searchbox').press('Enter');
    const household = page.getByRole('row', { name: /E2E-01/ });
    await expect(household).toContainText('1');
    await household.getByRole('button', { name: /展开/ }).click();
    await expect(page.getByText('测试居民甲 · 户主')).toBeVisible();
  });

  test('an administrator sees a full ID number on asking, and the look is on the audit log', async ({ page }) => {
    await login(page, 'admin');
    await open(page, '居民', '居民');
    const first = page.locator('.ant-table-row').first();
    await first.getByRole('button', { name: /查看完整号码 身份证号/ }).click();
    await expect(page.getByRole('dialog')).toContainText(/\d{17}[\dX]/);
    await page.getByRole('dialog').getByRole('button').last().click();

    // Other tests log in meanwhile: look among the recent entries, not only at the newest.
    await open(page, '审计日志', '审计日志');
    await expect(page.locator('.ant-table-row', { hasText: '查看完整身份证号' }).filter({ hasText: 'admin' }).first()).toBeVisible();
  });

  test('a dispatcher sees only the pages its role allows, and a page outside them says so', async ({ page }) => {
    await login(page, 'dispatcher');
    const nav = page.getByRole('navigation');
    await expect(nav.getByText('居民')).toBeVisible();
    await expect(nav.getByText('账号')).toHaveCount(0);
    await expect(nav.getByText('审计日志')).toHaveCount(0);
    await page.goto('/accounts');
    await expect(page.getByRole('alert')).toContainText('没有权限');
    await page.goto('/audit');
    await expect(page.getByRole('alert')).toContainText('没有权限');
    // Not an administrator: no buttons to change places.
    await page.goto('/places');
    await expect(page.getByRole('heading', { level: 1, name: '地区管理' })).toBeVisible();
    await expect(page.getByRole('button', { name: '新增顶级地区' })).toHaveCount(0);
  });

  test('a dispatcher’s figures break down by community, and open one level down', async ({ page }) => {
    await login(page, 'dispatcher');
    await expect(page.getByRole('heading', { name: '辖区概况 · 招商街道' })).toBeVisible();
    const units = page.getByTestId('units');
    await expect(units.getByRole('link', { name: '水湾社区' })).toBeVisible();
    await units.getByRole('link', { name: '水湾社区' }).click();
    await expect(page.getByRole('heading', { name: '辖区概况 · 水湾社区' })).toBeVisible();
    await page.getByRole('link', { name: '招商街道' }).click();
    await expect(page.getByRole('heading', { name: '辖区概况 · 招商街道' })).toBeVisible();
    // The chart opens a place too, by its name beside the bars.
    await page.getByRole('img', { name: /各下级地区户籍居民/ }).locator('text', { hasText: '水湾社区' }).click();
    await expect(page.getByRole('heading', { name: '辖区概况 · 水湾社区' })).toBeVisible();
  });

  test('a liaison sees a full phone number only on asking, and only for its own community', async ({ page }) => {
    await login(page, 'liaison');
    await open(page, '居民', '居民');
    const first = page.getByRole('row').nth(1);
    await expect(first).toContainText('水湾社区');
    await expect(first.getByRole('button', { name: /查看完整号码 身份证号/ })).toHaveCount(0);
    await first.getByRole('button', { name: /查看完整号码 电话/ }).click();
    await expect(page.getByRole('dialog')).toContainText(/1\d{10}/);
  });

  test('a supervisor reads the audit log and filters it by action', async ({ page }) => {
    await login(page, 'supervisor');
    await open(page, '审计日志', '审计日志');
    await expect(page.locator('.ant-table-row').first()).toContainText('supervisor');
    await page.getByLabel('操作').fill('登记');
    await pick(page, '登记居民');
    await expect(page.locator('.ant-table-row').first()).toContainText('登记居民');
    await expect(page.locator('.ant-table-row', { hasText: '登录' })).toHaveCount(0);
  });

  test('when the session ends on the server, the next step leads to the login page and back', async ({ page, context }) => {
    await login(page, 'admin');
    // The home page has loaded what it needs: the next request is the one we make.
    await expect(page.getByRole('heading', { name: '辖区概况' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await context.clearCookies();
    await page.getByRole('navigation').getByText('账号').click();
    await expect(page).toHaveURL(/\/login\?next=%2Faccounts/);
    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill('Tongxin@2026');
    await page.locator('button[type=submit]').click();
    await expect(page.getByRole('heading', { level: 1, name: '账号' })).toBeVisible();
  });
});
