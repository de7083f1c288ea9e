import { expect, test } from '@playwright/test';
import { Api, markOf } from './cases-support.js';
import { accessibilityViolations, choose, login, sidewaysOverflow } from './support.js';

/** A council of Zhaoshang Subdistrict and a Shuiwan poll the demo resident has answered, set up through the API. */
async function pollAndCouncil(baseURL: string) {
  const mark = markOf();
  const admin = await Api.as(baseURL, 'admin');
  const liaison = await Api.as(baseURL, 'liaison');
  const resident = await Api.as(baseURL, 'resident');
  const place = async (name: string) => (await admin.get<{ items: { id: string; nameZh: string }[] }>(`/api/places?q=${encodeURIComponent(name)}`)).items.find((p) => p.nameZh === name)!.id;
  const council = await admin.post<{ id: string; name: string }>('/api/councils', { placeId: await place('招商街道'), name: `招商街道议事厅 ${mark}`, typeCode: 'sanyuanli-hall' });
  const shuiwan = await place('水湾社区');
  const definition = {
    sections: [{ id: 's', title: '', questions: [{ id: 'overall', type: 'rating', text: '您对小区停车管理是否满意？', required: true, options: ['满意', '基本满意', '不满意'].map((label, i) => ({ id: `o${i}`, label })) }] }],
  };
  const questionnaire = await liaison.post<{ id: string }>('/api/questionnaires', { placeId: shuiwan, title: `停车 ${mark}`, definition });
  const now = Date.now();
  const poll = await liaison.post<{ id: string }>('/api/polls', { questionnaireId: questionnaire.id, placeId: shuiwan, title: `停车满意度 ${mark}`, minCellSize: 1, opensAt: new Date(now - 3_600_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString() });
  await resident.post(`/api/polls/${poll.id}/responses`, { answers: { overall: 'o2' } });
  await Promise.all([admin.dispose(), liaison.dispose(), resident.dispose()]);
  return { councilId: council.id, councilName: council.name, pollId: poll.id, mark };
}

test('a liaison puts a poll result before the subdistrict council, which shows it with the topic as it stood', async ({ page, baseURL, browser }) => {
  const { councilId, councilName, pollId, mark } = await pollAndCouncil(baseURL!);
  await login(page, 'liaison');
  await page.goto(`/polls/${pollId}`);
  const result = page.getByTestId('result-overall');
  await expect(result).toContainText('1 人作答');
  await result.getByTestId('to-topic').click();
  const dialog = page.getByRole('dialog');
  // Every council whose place overlaps the poll's is offered; this one is chosen.
  await choose(page, dialog, '议事会', councilName);
  await expect(dialog.getByLabel('议题说明')).toHaveValue(/不满意 100\.0%/);
  await dialog.getByLabel('议题名称').fill(`小区停车管理 ${mark}`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: '提交议事会' }).click();
  await expect(page.getByText(`已提交议事会：小区停车管理 ${mark}`)).toBeVisible();

  await page.getByRole('tab', { name: '议事议题' }).click();
  const listed = page.getByTestId('poll-topics');
  await expect(listed).toContainText(`小区停车管理 ${mark}`);
  await expect(listed).toContainText('待处理');

  // The council's public page: the topic, and the figures put before it, drawn and written.
  await listed.getByRole('link', { name: `小区停车管理 ${mark}` }).click();
  await expect(page).toHaveURL(new RegExp(`/forum/${councilId}$`));
  await expect(page.getByRole('heading', { level: 1, name: councilName })).toBeVisible();
  const topic = page.getByTestId('topics').getByRole('listitem').filter({ hasText: `小区停车管理 ${mark}` });
  await expect(topic.getByTestId('topic-grounds')).toContainText(`来自调查“停车满意度 ${mark}”，1 人作答`);
  await expect(topic.getByRole('table', { name: '您对小区停车管理是否满意？' }).getByRole('row', { name: /不满意/ })).toContainText('100.0% (1)');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await sidewaysOverflow(page)).toEqual([]);

  // Anyone with the link reads the same, without an account.
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  await visitor.goto(`/forum/${councilId}`);
  await expect(visitor.getByRole('heading', { level: 1, name: councilName })).toBeVisible();
  await expect(visitor.getByTestId('topic-grounds')).toContainText(`停车满意度 ${mark}`);
  expect(await accessibilityViolations(visitor)).toEqual([]);
  await visitor.context().close();
});
