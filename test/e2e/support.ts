import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

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
  // A dialog or menu still fading in would be measured half transparent. A spinner turns for as
  // long as something loads, so only animations that end are waited for.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: 10_000 });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/**
 * What sticks out past the right edge of the window, outside anything that scrolls sideways by
 * itself: a wide table may scroll within its box, but the page and its controls must fit, or a
 * phone user has to scroll sideways or never sees them. Empty when everything fits.
 */
export const sidewaysOverflow = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e: Element) => /auto|scroll/.test(getComputedStyle(e).overflowX);
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1 || getComputedStyle(element).visibility === 'hidden') continue;
      let parent = element.parentElement;
      while (parent && parent !== document.body && !scrolls(parent)) parent = parent.parentElement;
      if (!parent || parent === document.body) found.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> reaches ${Math.round(box.right)}px`);
    }
    return found.slice(0, 5);
  });

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

/**
 * Opens a page from the side menu and waits for its heading: the page loads on demand, and
 * until it has, the old page (with links of its own) is still on screen.
 */
export async function open(page: Page, item: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: /菜单|Menu/ }).getByRole('menuitem', { name: item }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
}

/**
 * Picks an option of the Ant Design select that is open now: closed ones stay in the page, hidden,
 * and one still closing (its leave animation) is passed over, since a click there changes nothing.
 */
export async function pick(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option', { hasText: text }).first().click();
}

/**
 * Chooses an option of a select in a card and checks the select shows it, choosing again if the
 * first click went to a dropdown that was still closing (as a person would look and try again).
 */
export async function choose(page: Page, card: Locator, label: string, option: string): Promise<void> {
  const select = card.locator('.ant-select').filter({ has: page.getByLabel(label) });
  const shown = select.locator('.ant-select-content');
  await expect(async () => {
    if ((await shown.textContent()) !== option) {
      // A click on a select left open by the try before would close it again.
      if (!(await select.evaluate((element) => element.classList.contains('ant-select-open')))) await card.getByLabel(label).click();
      await pick(page, option);
    }
    await expect(shown).toHaveText(option, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
