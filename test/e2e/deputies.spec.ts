import { expect, test, type Page } from '@playwright/test';
import { markOf } from './cases-support.js';
import { accessibilityViolations, login, pickPlace } from './support.js';

const TRAIL = ['深圳市', '南山区', '招商街道'];

/** Picks an option of the Ant Design select that is open now (closed ones stay in the page, hidden). */
async function pick(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

test('a liaison keeps a workstation: a deputy with a constituency, a reception, a visitor and the issue forwarded as a request', async ({ page }) => {
  test.setTimeout(180_000);
  const mark = markOf();
  const deputy = `李代表${mark.slice(-4)}`;
  await login(page, 'liaison');
  await page.getByRole('navigation', { name: /菜单|Menu/ }).getByRole('menuitem', { name: '代表工作站' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '代表工作站' })).toBeVisible();

  await page.getByLabel('姓名').fill(deputy);
  await page.getByLabel('选区').click();
  await pickPlace(page, TRAIL, '水湾社区');
  await page.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByTestId('deputies-table')).toContainText(deputy);
  expect(await accessibilityViolations(page), 'deputies').toEqual([]);

  // A fresh page: the first place picker's popup would stay in the page beside the next one.
  await page.reload();
  await page.getByRole('tab', { name: '工作站' }).click();
  await page.getByLabel('名称').fill(`水湾联络站${mark.slice(-4)}`);
  await page.getByLabel('地址', { exact: true }).fill('南山区水湾路 1 号');
  await page.getByLabel('所在地区').click();
  await pickPlace(page, TRAIL, '水湾社区');
  await page.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`接待安排 · 水湾联络站${mark.slice(-4)}`) })).toBeVisible();
  // The form is ready for the next workstation: nothing of this one is left in it.
  await expect(page.getByLabel('名称')).toHaveValue('');
  await expect(page.getByLabel('地址', { exact: true })).toHaveValue('');

  await page.getByLabel('代表', { exact: true }).first().click();
  await pick(page, deputy);
  await page.getByLabel('开始时间').fill('2030-01-07T09:00');
  await page.getByLabel('结束时间').fill('2030-01-07T11:00');
  await page.getByLabel('主题').fill('加装电梯');
  await page.getByRole('button', { name: '安排接待' }).click();
  await expect(page.getByTestId('receptions')).toContainText(deputy);

  // The deputy cannot come that morning: the reception moves to the afternoon, then is called off with a reason.
  const booked = page.getByTestId('receptions').getByRole('listitem').filter({ hasText: deputy });
  await booked.getByTestId('move-reception').click();
  const moving = page.getByRole('dialog', { name: '接待改期' });
  await moving.getByLabel('开始时间').fill('2030-01-07T14:00');
  await moving.getByLabel('结束时间').fill('2030-01-07T16:00');
  await moving.getByRole('button', { name: /确\s?定/ }).click();
  await expect(moving).toBeHidden();
  await expect(booked).toContainText('14:00');
  await booked.getByTestId('cancel-reception').click();
  const cancelling = page.getByRole('dialog', { name: '取消这次接待' });
  await cancelling.getByLabel('取消原因（在接待安排中公开显示）').fill('代表参加人代会');
  await cancelling.getByRole('button', { name: /确\s?定/ }).click();
  await expect(booked).toContainText('已取消：代表参加人代会');
  await expect(booked.getByTestId('move-reception')).toHaveCount(0);

  await page.getByLabel('来访人').fill('陈阿姨');
  await page.getByLabel('联系电话').fill('13912345678');
  await page.getByLabel('反映的问题').fill(`楼道里堆满杂物，存在消防隐患 ${mark}`);
  await page.getByRole('button', { name: '登记来访' }).click();
  const row = page.getByTestId('visits-table').getByRole('row', { name: new RegExp(mark) });
  await expect(row).toContainText('139****5678');
  await row.getByTestId('forward-visit').click();
  await expect(row.getByRole('link')).toHaveText(/.+-\d{4}-\d{6}/);
  await page.mouse.move(0, 0);
  expect(await accessibilityViolations(page), 'workstation').toEqual([]);
});
