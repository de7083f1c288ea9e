import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Tongxin@2026';

/** Logs in through the login page, as a person would. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('who')).toBeVisible();
}

/** WCAG 2.1 A and AA violations on the page as it stands, described for a failure message. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** True when the page is wider than the window: the phone user would have to scroll sideways. */
export const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

/**
 * Opens the place picker's tree along `path` and picks `target`. Each level loads from the
 * server when opened; a click that lands while the popup is still moving is tried again.
 */
export async function pickPlace(page: Page, path: string[], target: string): Promise<void> {
  const names = [...path, target];
  for (const [index, name] of path.entries()) {
    const node = page.locator('.ant-select-tree-treenode', { hasText: name });
    await expect(async () => {
      if (!(await node.getAttribute('class'))?.includes('switcher-open')) await node.locator('.ant-select-tree-switcher').click({ timeout: 2000 });
      await expect(page.locator('.ant-select-tree-treenode', { hasText: names[index + 1]! })).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
  }
  await page.locator('.ant-select-tree-title', { hasText: target }).click();
}
