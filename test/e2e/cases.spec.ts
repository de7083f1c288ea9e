import { expect, test } from '@playwright/test';
import { Api, caseAt, departmentOf, markOf, streetLight } from './cases-support.js';
import { login, sidewaysOverflow } from './support.js';

interface CaseView {
  status: string;
  department: { code: string } | null;
  timeline: { kind: string; body: string | null }[];
}

test.describe('a resident on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('reports a problem in their community and finds it, by its number, under “my requests”', async ({ page }) => {
    const mark = markOf();
    await login(page, 'resident');
    await page.getByTestId('report-link').click();
    await expect(page.getByRole('heading', { level: 1, name: '我要报事' })).toBeVisible();
    // Their own community comes chosen.
    await expect(page.getByLabel('社区村')).toHaveValue(/.+/);
    await expect(page.getByLabel('社区村').locator('option:checked')).toHaveText('水湾社区');
    await page.getByLabel('问题描述').fill(streetLight(mark));
    // The department is suggested while typing.
    await expect(page.getByTestId('suggestion')).toContainText('城市管理和综合执法局');
    await page.getByLabel('详细地址').fill('水湾社区东门');
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByRole('button', { name: '提交诉求' }).click();

    const number = (await page.getByTestId('case-number').textContent())!.trim();
    expect(number).toMatch(/^[A-Z0-9]+-\d{4}-\d{6}$/);
    await expect(page.getByRole('heading', { name: '已收到您的诉求' })).toBeFocused();
    expect(await sidewaysOverflow(page)).toEqual([]);

    await page.getByRole('link', { name: '我的诉求' }).click();
    const entry = page.getByTestId('my-requests').getByRole('link', { name: new RegExp(number) });
    await expect(entry).toContainText(mark);
    await expect(entry).toContainText('已受理，正在分派');
    expect(await sidewaysOverflow(page)).toEqual([]);
    await entry.click();
    await expect(page.getByRole('heading', { level: 1, name: `诉求 ${number}` })).toBeVisible();
    await expect(page.getByTestId('timeline')).toContainText('诉求已受理');
    expect(await sidewaysOverflow(page)).toEqual([]);
  });

  test('without an account: nothing typed is lost, and a retry after a lost answer makes no second case', async ({ page, baseURL }) => {
    const mark = markOf();
    await page.goto('/report');
    await expect(page.getByRole('heading', { level: 1, name: '我要报事' })).toBeVisible();
    await page.getByRole('combobox', { name: '市', exact: true }).selectOption({ label: '深圳市' });
    await page.getByLabel('区县').selectOption({ label: '南山区' });
    await page.getByLabel('街道乡镇').selectOption({ label: '招商街道' });
    await page.getByLabel('社区村').selectOption({ label: '水湾社区' });
    await page.getByLabel('问题描述').fill(streetLight(mark));
    await page.getByRole('button', { name: '提交诉求' }).click();
    // No phone and no account: said beside the field, nothing sent.
    await expect(page.getByLabel('联系电话')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('未登录时请留下电话')).toBeVisible();
    await expect(page.getByLabel('联系电话')).toBeFocused();

    // A reload keeps the draft.
    await page.reload();
    await expect(page.getByLabel('问题描述')).toHaveValue(streetLight(mark));
    await expect(page.getByLabel('社区村').locator('option:checked')).toHaveText('水湾社区');
    await page.getByLabel('联系电话').fill('13800138000');

    // The first answer is lost on the way back: the case is made, the phone never hears of it.
    let lost = false;
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '提交诉求' }).click();
    await expect(page.getByTestId('report-error')).toContainText('您填写的内容都还在');
    await expect(page.getByLabel('问题描述')).toHaveValue(streetLight(mark));
    await page.getByRole('button', { name: '提交诉求' }).click();
    const number = (await page.getByTestId('case-number').textContent())!.trim();

    // One case, with the number the phone was given.
    const dispatcher = await Api.as(baseURL!, 'dispatcher');
    const found = await dispatcher.get<{ items: { number: string }[]; total: number }>(`/api/cases?q=${encodeURIComponent(mark)}`);
    await dispatcher.dispose();
    expect(found.total).toBe(1);
    expect(found.items[0]!.number).toBe(number);
    // And the next report starts afresh.
    await page.getByRole('button', { name: '再报一件' }).click();
    await expect(page.getByLabel('问题描述')).toHaveValue('');
  });

  test('without an account: follows the request later by its number and phone', async ({ page }) => {
    const mark = markOf();
    await page.goto('/report');
    await page.getByRole('combobox', { name: '市', exact: true }).selectOption({ label: '深圳市' });
    await page.getByLabel('区县').selectOption({ label: '南山区' });
    await page.getByLabel('街道乡镇').selectOption({ label: '招商街道' });
    await page.getByLabel('社区村').selectOption({ label: '水湾社区' });
    await page.getByLabel('问题描述').fill(streetLight(mark));
    await page.getByLabel('联系电话').fill('13600136000');
    await page.getByRole('button', { name: '提交诉求' }).click();
    const number = (await page.getByTestId('case-number').textContent())!.trim();

    await page.getByRole('link', { name: '凭编号和电话在这里查询办理进度' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '查询诉求进度' })).toBeVisible();
    await expect(page.getByLabel('诉求编号')).toHaveValue(number);
    await page.getByLabel('电话号码').fill('13600136001');
    await page.getByRole('button', { name: '查询进度' }).click();
    await expect(page.getByTestId('track-error')).toContainText('找不到该诉求');
    await page.getByLabel('电话号码').fill('13600136000');
    await page.getByRole('button', { name: '查询进度' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `诉求 ${number}` })).toBeVisible();
    await expect(page.getByTestId('timeline')).toContainText('诉求已受理');
    await expect(page).not.toHaveURL(/1360013/);
    expect(await sidewaysOverflow(page)).toEqual([]);
    // Another look starts from the form again, the number kept.
    await page.getByRole('button', { name: '查询另一件' }).click();
    await expect(page.getByLabel('诉求编号')).toHaveValue(number);
  });
});

test('a dispatcher confirms the proposed department in one click', async ({ page, baseURL }) => {
  const made = await caseAt(baseURL!, 'received');
  await login(page, 'dispatcher');
  await page.getByRole('navigation', { name: '菜单' }).getByRole('menuitem', { name: '派单调度' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '待派单' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(made.number) });
  await expect(row).toContainText('城市管理和综合执法局');
  await row.getByRole('button', { name: '确认派单' }).click();
  await expect(page.getByText(`${made.number} 已派给城市管理和综合执法局`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(made.number) })).toHaveCount(0);

  const dispatcher = await Api.as(baseURL!, 'dispatcher');
  const { case: c } = await dispatcher.get<{ case: CaseView }>(`/api/cases/${made.id}`);
  await dispatcher.dispose();
  expect(c.status).toBe('dispatched');
  expect(c.department?.code).toBe('urban-management');
});

test('a dispatcher sends a case elsewhere than proposed', async ({ page, baseURL }) => {
  const made = await caseAt(baseURL!, 'received');
  await login(page, 'dispatcher');
  await page.goto('/cases?view=dispatch');
  await page.getByRole('row', { name: new RegExp(made.number) }).getByRole('button', { name: '更改部门' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('派往部门').click();
  await dialog.getByLabel('派往部门').fill('供电');
  await page.locator('.ant-select-item-option', { hasText: '供电公司' }).click();
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(dialog).toBeHidden();
  const dispatcher = await Api.as(baseURL!, 'dispatcher');
  const { case: c } = await dispatcher.get<{ case: CaseView }>(`/api/cases/${made.id}`);
  await dispatcher.dispose();
  expect(c.department?.code).toBe('power');
});

test('urban management’s staff find the case in their queue, accept it and resolve it with a reply', async ({ page, baseURL }) => {
  const made = await caseAt(baseURL!, 'dispatched');
  await login(page, 'staff');
  await page.getByRole('navigation', { name: '菜单' }).getByRole('menuitem', { name: '本部门工单' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '本部门工单' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(made.number) });
  // The deadline in words, not by colour alone.
  await expect(row.locator('[data-deadline]')).toHaveText(/前|到期|超期/);
  await row.getByRole('link', { name: made.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `诉求 ${made.number}` })).toBeVisible();

  await page.getByRole('button', { name: '接单办理' }).click();
  await expect(page.getByTestId('case-state')).toContainText('办理中');
  await page.getByRole('button', { name: '办结答复' }).click();
  const dialog = page.getByRole('dialog');
  // A resolution without a reply is refused before it is sent.
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(dialog.getByText('请填写给群众的答复')).toBeVisible();
  await dialog.getByLabel('给群众的答复').fill('路灯已更换灯泡，今晚恢复照明。');
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-state')).toContainText('已办结');
  await expect(page.getByTestId('timeline')).toContainText('路灯已更换灯泡，今晚恢复照明。');

  const staff = await Api.as(baseURL!, 'staff');
  const { case: c } = await staff.get<{ case: CaseView }>(`/api/cases/${made.id}`);
  await staff.dispose();
  expect(c.status).toBe('resolved');
  expect(c.timeline.find((e) => e.kind === 'resolve')?.body).toBe('路灯已更换灯泡，今晚恢复照明。');
});

test('the resident reads what happened in plain words and rates the handling', async ({ page, baseURL }) => {
  const made = await caseAt(baseURL!, 'resolved');
  await login(page, 'resident');
  await page.goto('/my/requests');
  await page.getByTestId('my-requests').getByRole('link', { name: new RegExp(made.number) }).click();
  await expect(page.getByTestId('case-status')).toHaveText('已办结，请评价');
  const timeline = page.getByTestId('timeline');
  for (const words of ['诉求已受理', '已派给城市管理和综合执法局', '城市管理和综合执法局已接单', '城市管理和综合执法局已办结', '路灯已经修好，感谢您的反映。']) await expect(timeline).toContainText(words);
  // Nobody's account name, only the department's.
  await expect(timeline).not.toContainText('staff');

  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('请选择一项评价')).toBeVisible();
  await page.getByRole('radio', { name: '满意', exact: true }).check();
  await page.getByLabel('意见').fill('修得很快');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByTestId('my-rating')).toHaveText('您的评价：满意');
  await expect(page.getByTestId('case-status')).toHaveText('已结案');
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await expect(timeline).toContainText('修得很快');
});

test('an operator takes a request by phone and merges it into the same problem reported before', async ({ page, baseURL }) => {
  const earlier = await caseAt(baseURL!, 'received');
  await login(page, 'dispatcher');
  await page.getByRole('navigation', { name: '菜单' }).getByRole('menuitem', { name: '受理登记' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '受理登记' })).toBeVisible();
  // The dispatcher serves one subdistrict: it comes chosen, the community is picked below it.
  await expect(page.getByLabel('街道乡镇').locator('option:checked')).toHaveText('招商街道');
  await page.getByLabel('社区村').selectOption({ label: '水湾社区' });
  await page.getByLabel('问题描述').fill(`${streetLight(earlier.mark)}，居民来电反映`);
  await expect(page.getByTestId('suggestion')).toContainText('建议派往：城市管理和综合执法局');
  await page.getByLabel('来源渠道').selectOption({ label: '电话' });
  await page.getByLabel('紧急程度').selectOption({ label: '紧急' });
  await page.getByLabel('联系电话').fill('13900139000');
  await page.getByRole('button', { name: '登记诉求' }).click();
  await expect(page.getByTestId('case-number')).toHaveText(/-\d{6}$/);
  const duplicates = page.getByTestId('similar');
  await expect(duplicates).toContainText(earlier.number);
  await duplicates.getByRole('button', { name: `并入 ${earlier.number}` }).click();
  await expect(page.getByText(`已并入诉求 ${earlier.number}`)).toBeVisible();

  const dispatcher = await Api.as(baseURL!, 'dispatcher');
  const { case: c } = await dispatcher.get<{ case: CaseView & { mergedFrom: string[] } }>(`/api/cases/${earlier.id}`);
  await dispatcher.dispose();
  expect(c.mergedFrom).toHaveLength(1);
});

test('an official blows the whistle, the department checks in on the scene, and the board shows it', async ({ page, browser, baseURL }) => {
  const made = await caseAt(baseURL!, 'accepted');
  const official = await Api.as(baseURL!, 'official');
  const urban = await departmentOf(official, made.id, 'urban-management');
  await official.dispose();

  await login(page, 'official');
  await page.goto(`/cases/${made.id}`);
  await page.getByRole('button', { name: '吹哨召集' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('召集的部门').fill('城市管理');
  await page.locator('.ant-select-item-option', { hasText: '城市管理和综合执法局' }).click();
  // The list stays open for more; a click on the dialog's title closes it.
  await dialog.locator('.ant-modal-title').click();
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('timeline')).toContainText('街道吹哨');

  // Staff check in from the scene with the phone's position.
  const context = await browser.newContext({ geolocation: { latitude: 22.4835, longitude: 113.9102 }, permissions: ['geolocation'] });
  const phone = await context.newPage();
  await login(phone, 'staff');
  await phone.goto(`/cases/${made.id}`);
  await phone.getByRole('button', { name: '到场报到' }).click();
  await expect(phone.getByTestId('timeline')).toContainText('城市管理和综合执法局已到现场报到');
  await context.close();

  await page.getByRole('navigation', { name: '菜单' }).getByRole('menuitem', { name: '吹哨报到' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '吹哨报到' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(made.number) });
  await expect(row).toContainText('按时报到');
  // The official compares departments: urban management has at least this call, in time.
  const standings = page.getByRole('region', { name: /各部门报到情况/ });
  await expect(standings.getByRole('row', { name: /城市管理和综合执法局/ })).toBeVisible();
  expect(urban).toBeTruthy();
});

test('a leader sees the evaluation with its charts and exports it', async ({ page, baseURL }) => {
  await caseAt(baseURL!, 'resolved');
  await login(page, 'dispatcher');
  await page.getByRole('navigation', { name: '菜单' }).getByRole('menuitem', { name: '考核评价' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '考核评价' })).toBeVisible();
  await expect(page.getByTestId('dashboard-scope')).toContainText('招商街道');
  await expect(page.getByTestId('dashboard-figures')).toContainText('诉求量');
  // The charts load on demand and are drawn.
  await expect(page.getByRole('img', { name: /各部门诉求量/ }).locator('svg')).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: '城市管理和综合执法局' }).first()).toBeVisible();

  const excel = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  expect((await excel).suggestedFilename()).toBe('tongxin-evaluation.xlsx');
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const file = await csv;
  expect(file.suggestedFilename()).toBe('tongxin-evaluation-department.csv');
  const { readFile } = await import('node:fs/promises');
  expect(await readFile((await file.path())!, 'utf8')).toContain('城市管理和综合执法局');
});
