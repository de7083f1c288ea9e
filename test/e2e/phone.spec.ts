import { expect, test } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { login, overflowsSideways } from './support.js';

const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

test.describe('on a phone (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('a resident’s first page needs under 200 KB of gzipped JavaScript', async ({ page }) => {
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
    });
    await login(page, 'resident');
    await expect(page.getByTestId('members')).toBeVisible();
    await page.waitForLoadState('networkidle');
    // What a browser that takes only gzip would download: the pre-compressed files the server sends.
    const sizes = [...scripts].map((script) => {
      const file = path.join(WEB_DIST, `${script}.gz`);
      expect(existsSync(file), `${file} is served pre-compressed`).toBe(true);
      return statSync(file).size;
    });
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`resident first page: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(total).toBeLessThan(200 * 1024);
    // Nothing of the staff pages came along.
    expect([...scripts].some((s) => /OverviewChart|StaffShell|AdminPage|PlacesPage/.test(s))).toBe(false);
  });

  test('a resident reads their page without sideways scrolling', async ({ page }) => {
    await login(page, 'resident');
    await expect(page.getByTestId('members')).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
  });

  test('an administrator opens the menu and reaches every administration page', async ({ page }) => {
    await login(page, 'admin');
    await expect(page.getByRole('heading', { name: '辖区概况' })).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
    for (const [item, heading] of [['地区', '地区管理'], ['居民', '居民'], ['住户', '住户'], ['账号', '账号'], ['审计日志', '审计日志']] as const) {
      await page.getByTestId('menu-button').click();
      await page.getByRole('dialog').getByRole('menuitem', { name: item }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      expect(await overflowsSideways(page), item).toBe(false);
    }
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
    expect(await overflowsSideways(page)).toBe(false);
  });
});
