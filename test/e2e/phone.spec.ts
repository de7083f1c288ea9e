import { expect, test } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { caseAt } from './cases-support.js';
import { login, sidewaysOverflow } from './support.js';

const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');
const BUDGET = 200 * 1024;

test.describe('on a phone (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('a resident’s first page needs under 200 KB of gzipped JavaScript', async ({ page }) => {
    const scripts = new Map<string, { encoding: string; transferred: Promise<number> }>();
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      const transferred = response.request().sizes().then((s) => s.responseBodySize);
      scripts.set(new URL(response.url()).pathname, { encoding: response.headers()['content-encoding'] ?? 'none', transferred });
    });
    await login(page, 'resident');
    await expect(page.getByTestId('members')).toBeVisible();
    await page.waitForLoadState('networkidle');

    // What a browser that takes only gzip would download: the pre-compressed files the server sends.
    let gzipped = 0;
    let transferred = 0;
    for (const [script, { encoding, transferred: bytes }] of scripts) {
      const file = path.join(WEB_DIST, `${script}.gz`);
      expect(existsSync(file), `${file} is served pre-compressed`).toBe(true);
      expect(['br', 'gzip'], `${script} came compressed`).toContain(encoding);
      gzipped += statSync(file).size;
      transferred += await bytes;
    }
    console.log(`resident first page: ${scripts.size} scripts, ${(gzipped / 1024).toFixed(1)} KB gzipped, ${(transferred / 1024).toFixed(1)} KB as sent (brotli)`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(BUDGET);
    expect(transferred).toBeLessThan(BUDGET);
    // Nothing of the staff pages came along.
    expect([...scripts.keys()].filter((s) => /OverviewChart|StaffShell|StaffHome|AdminPage|Page-|Providers|menu/.test(s))).toEqual([]);
  });

  test('reporting a problem without an account needs under 200 KB of gzipped JavaScript and fits in large text', async ({ page }) => {
    const scripts = new Map<string, Promise<number>>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, response.request().sizes().then((s) => s.responseBodySize));
    });
    await page.goto('/report');
    await expect(page.getByRole('heading', { level: 1, name: '我要报事' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    let gzipped = 0;
    // Files too small to be worth compressing are sent as they are.
    for (const script of scripts.keys()) {
      const file = path.join(WEB_DIST, script);
      gzipped += statSync(existsSync(`${file}.gz`) ? `${file}.gz` : file).size;
    }
    console.log(`report page: ${scripts.size} scripts, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThan(BUDGET);
    // No component library and no charts.
    expect([...scripts.keys()].filter((s) => /StaffShell|StaffCase|Providers|QueuePage|IntakePage|Dashboard/.test(s))).toEqual([]);
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByTestId('large-text').click();
    await page.getByRole('button', { name: '提交诉求' }).click();
    await expect(page.getByText('请选择问题所在的地点')).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
  });

  test('the hotline’s pages fit a phone: intake, queues, a case, the whistle board and the evaluation', async ({ page, baseURL }) => {
    const made = await caseAt(baseURL!, 'received');
    await login(page, 'dispatcher');
    for (const [item, heading] of [['受理登记', '受理登记'], ['派单调度', '待派单'], ['诉求查询', '诉求查询'], ['吹哨报到', '吹哨报到'], ['考核评价', '考核评价']] as const) {
      await page.getByTestId('menu-button').click();
      await page.getByRole('dialog').getByRole('menuitem', { name: item }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('dialog')).toBeHidden();
      await page.waitForLoadState('networkidle');
      expect(await sidewaysOverflow(page), item).toEqual([]);
    }
    await page.goto(`/cases/${made.id}`);
    await expect(page.getByTestId('timeline')).toBeVisible();
    expect(await sidewaysOverflow(page), 'case').toEqual([]);
  });

  test('a resident reads their page without sideways scrolling, and can log out', async ({ page }) => {
    await login(page, 'resident');
    await expect(page.getByTestId('members')).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { name: 'My household' })).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  });

  test('an administrator opens the menu and reaches every administration page', async ({ page }) => {
    await login(page, 'admin');
    await expect(page.getByRole('heading', { name: '辖区概况' })).toBeVisible();
    // The side bar of wide screens gives way to a menu button.
    await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
    expect(await sidewaysOverflow(page)).toEqual([]);
    for (const [item, heading] of [['地区', '地区管理'], ['居民', '居民'], ['住户', '住户'], ['账号', '账号'], ['审计日志', '审计日志']] as const) {
      await page.getByTestId('menu-button').click();
      await page.getByRole('dialog').getByRole('menuitem', { name: item }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('dialog')).toBeHidden();
      await expect(page.locator('.ant-table-row').first()).toBeVisible();
      expect(await sidewaysOverflow(page), item).toEqual([]);
    }
    // A form fits too.
    await page.getByTestId('menu-button').click();
    await page.getByRole('dialog').getByRole('menuitem', { name: '居民' }).click();
    await page.getByRole('button', { name: '登记居民' }).click();
    await expect(page.getByRole('dialog').getByLabel('姓名')).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
  });

  test('large text makes the text larger, and stays on', async ({ page }) => {
    await login(page, 'resident');
    const size = () => page.locator('.facts dd').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const before = await size();
    await page.getByTestId('large-text').click();
    await expect(page.getByTestId('large-text')).toHaveAttribute('aria-checked', 'true');
    expect(await size()).toBeGreaterThanOrEqual(before * 1.2);
    await page.reload();
    await expect(page.getByTestId('members')).toBeVisible();
    expect(await size()).toBeGreaterThanOrEqual(before * 1.2);
    expect(await sidewaysOverflow(page)).toEqual([]);
  });
});

test('large text enlarges the staff pages’ components too', async ({ page }) => {
  await login(page, 'admin');
  await page.goto('/residents');
  const cell = page.locator('.ant-table-row .ant-table-cell').first();
  const button = page.getByRole('button', { name: '登记居民' });
  await expect(cell).toBeVisible();
  const size = () => cell.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  const height = async () => (await button.boundingBox())!.height;
  const [textBefore, buttonBefore] = [await size(), await height()];
  await page.getByTestId('large-text').click();
  await expect.poll(size).toBeGreaterThanOrEqual(textBefore * 1.25);
  expect(await height()).toBeGreaterThan(buttonBefore);
  await page.getByTestId('large-text').click();
  await expect.poll(size).toBe(textBefore);
});
