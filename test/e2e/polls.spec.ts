import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Api, markOf } from './cases-support.js';
import { accessibilityViolations, choose, login, pick, pickPlace, sidewaysOverflow } from './support.js';

const TRAIL = ['深圳市', '南山区', '招商街道'];
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

const noViolations = async (page: Page, where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

async function phone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, baseURL });
  return context.newPage();
}

/** A question card of the builder, by its position. */
const questionCard = (page: Page, n: number): Locator => page.getByTestId('builder-question').nth(n);

interface Results {
  responses: number;
  questions: { id: string; text: string; respondents: number; options: { label: string; count: number; percent: number | null }[] }[];
}

test.describe('polls, as a new user would run one', () => {
  test.describe.configure({ timeout: 420_000 });

  test('a liaison builds a questionnaire with skip logic and targets it; residents answer by phone, by code and by proxy; results and exports agree; refusals are clear', async ({ page, browser, baseURL }) => {
    const mark = markOf();
    const title = `水湾社区满意度 ${mark}`;

    // ── The liaison builds the questionnaire: a required rating, a multiple choice shown only when dissatisfied, free text.
    await login(page, 'liaison');
    await page.getByRole('navigation', { name: /菜单|Menu/ }).getByRole('menuitem', { name: '民意调查' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '民意调查' })).toBeVisible();
    await page.getByRole('button', { name: '新建问卷' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新建问卷' })).toBeVisible();
    await page.getByLabel('问卷标题').fill(title);
    await page.getByLabel('所属地区').click();
    await pickPlace(page, TRAIL, '水湾社区');

    const first = questionCard(page, 0);
    await choose(page, first, '题型', '评价量表');
    await first.getByLabel('题目').fill('您对社区工作总体是否满意？');
    await first.getByText('必答').click();
    await first.getByLabel('选项（每行一个）').fill('满意\n基本满意\n不满意');

    await page.getByTestId('builder-add-question').click();
    const second = questionCard(page, 1);
    await choose(page, second, '题型', '多选');
    await second.getByLabel('题目').fill('您不满意的主要原因是？');
    await second.getByText('必答').click();
    await second.getByLabel('选项（每行一个）').fill('办事慢\n态度差');
    await second.getByLabel('前面哪道题').click();
    await pick(page, '1. 您对社区工作总体是否满意？');
    await second.getByLabel('回答为').click();
    await pick(page, /^不满意$/);
    await page.keyboard.press('Escape');

    await page.getByTestId('builder-add-question').click();
    const third = questionCard(page, 2);
    await choose(page, third, '题型', '文字');
    await third.getByLabel('题目').fill('还有什么意见？');
    await noViolations(page, 'builder');

    // The preview behaves as the residents' form: the reason appears only once dissatisfied.
    await page.getByTestId('builder-mode').getByText('预览').click();
    const preview = page.getByTestId('builder-preview');
    await expect(preview.getByText('您对社区工作总体是否满意？')).toBeVisible();
    await expect(preview.getByText('您不满意的主要原因是？')).toHaveCount(0);
    await preview.getByLabel('不满意').check();
    await expect(preview.getByText('您不满意的主要原因是？')).toBeVisible();
    await noViolations(page, 'preview');
    await page.getByTestId('builder-mode').getByText('编辑').click();
    await page.getByRole('button', { name: '保存问卷' }).click();
    await expect(page.getByText('问卷已保存（第 1 版）')).toBeVisible();

    // ── It is targeted at Shuiwan, everyone there.
    await page.getByRole('link', { name: '用它发起调查' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '发起调查' })).toBeVisible();
    await expect(page.getByText(`${title} ·`).first()).toBeVisible();
    await page.getByLabel('调查名称').fill(title);
    await page.getByRole('button', { name: '发起调查' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId('poll-status')).toHaveText('进行中');
    const pollId = page.url().split('/').pop()!;

    // ── Codes for two residents without an account, and one interview entered by proxy.
    const resident = await Api.as(baseURL!, 'resident');
    const { mine } = await resident.get<{ mine: { me: { name: string } } }>('/api/my/household');
    const others = (dropdown: Page) => dropdown.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasNotText: mine.me.name });
    await page.getByRole('tab', { name: '答题码' }).click();
    await page.getByLabel('选择居民').click();
    await others(page).nth(0).click();
    await others(page).nth(1).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '生成答题码' }).click();
    await expect(page.getByTestId('issued-code')).toHaveCount(2);
    const codes = (await page.getByTestId('issued-code').allTextContents()).map((c) => c.trim());
    expect(codes.every((c) => /^[2-9A-HJ-KM-NP-Z]{10}$/.test(c))).toBe(true);
    await noViolations(page, 'codes');

    await page.getByRole('tab', { name: '代填' }).click();
    await page.getByLabel('为哪位居民代填').click();
    await others(page).nth(3).click();
    await expect(page.getByText(/代填：按入户或电话访谈/)).toBeVisible();
    await page.getByTestId('poll-answer-form').getByLabel('基本满意').check();
    await page.getByRole('button', { name: '提交答卷' }).click();
    await expect(page.getByText('代填答卷已提交')).toBeVisible();

    // ── The resident answers from a phone: skip logic live, the draft kept across a reload, the required reason asked for.
    const residentPage = await phone(browser, baseURL!);
    await login(residentPage, 'resident');
    await residentPage.getByTestId('polls-link').click();
    await expect(residentPage.getByRole('heading', { level: 1, name: '我的调查' })).toBeVisible();
    await residentPage.getByTestId('my-polls').locator('li', { hasText: title }).getByRole('link', { name: '去作答' }).click();
    const form = residentPage.getByTestId('poll-answer-form');
    await expect(form.getByText('您不满意的主要原因是？')).toHaveCount(0);
    await form.getByLabel('不满意').check();
    await expect(form.getByText('您不满意的主要原因是？')).toBeVisible();
    await form.getByLabel('还有什么意见？').fill(`窗口只开一个，排队太久 ${mark}`);
    await expect(residentPage.getByTestId('draft-state')).toHaveText('草稿已自动保存');
    expect(await sidewaysOverflow(residentPage)).toEqual([]);
    await residentPage.reload();
    await expect(residentPage.getByText('已恢复您上次填写的内容。')).toBeVisible();
    await expect(form.getByLabel('还有什么意见？')).toHaveValue(`窗口只开一个，排队太久 ${mark}`);
    await expect(form.getByLabel('不满意')).toBeChecked();
    await form.getByRole('button', { name: '提交答卷' }).click();
    await expect(residentPage.getByTestId('poll-problems')).toBeVisible();
    await expect(form.getByText('这道题必须回答')).toBeVisible();
    await noViolations(residentPage, 'answer form with a problem');
    await form.getByLabel('办事慢').check();
    await form.getByRole('button', { name: '提交答卷' }).click();
    await expect(residentPage.getByRole('heading', { name: '感谢参与！您的答卷已提交。' })).toBeFocused();
    // A second time: the poll says it has the answer.
    await residentPage.goto(`/answer/${pollId}`);
    await expect(residentPage.getByTestId('poll-already')).toHaveText('您已经参加过这次调查，感谢参与。');
    // Malformed answers sent straight to the server are refused with the reason, in the reader's language.
    const malformed = await residentPage.evaluate(async (id) => {
      const { token } = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
      const response = await fetch(`/api/polls/${id}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token, 'accept-language': 'zh-CN' }, body: JSON.stringify({ answers: { q1: 'happy' } }) });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    }, pollId);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('poll_answers_invalid');
    expect(malformed.body.error.message).toMatch(/^以下题目的回答有误/);

    // ── A resident without an account answers with a code; a wrong code and a used one are refused.
    const codePage = await phone(browser, baseURL!);
    await codePage.goto(`/answer/${pollId}`);
    await expect(codePage.getByRole('heading', { name: '输入答题码' })).toBeVisible();
    await noViolations(codePage, 'code form');
    await codePage.getByLabel('答题码').fill('AAAAAAAAAA');
    await codePage.getByRole('button', { name: '开始作答' }).click();
    await expect(codePage.getByTestId('poll-refused')).toHaveText('答题码无效，请核对后重试');
    await codePage.getByRole('button', { name: '输入答题码' }).click();
    await codePage.getByLabel('答题码').fill(codes[0]!.toLowerCase());
    await codePage.getByRole('button', { name: '开始作答' }).click();
    await codePage.getByTestId('poll-answer-form').getByLabel(/^满意$/).check();
    expect(await sidewaysOverflow(codePage)).toEqual([]);
    await noViolations(codePage, 'answering by code');
    await codePage.getByRole('button', { name: '提交答卷' }).click();
    await expect(codePage.getByTestId('poll-thanks')).toBeVisible();
    await codePage.goto(`/answer/${pollId}`);
    await codePage.getByLabel('答题码').fill(codes[0]!);
    await codePage.getByRole('button', { name: '开始作答' }).click();
    await expect(codePage.getByTestId('poll-already')).toBeVisible();

    // ── The results: three responses, the figures the endpoint gives, in the chart, the tables and the workbook.
    const liaison = await Api.as(baseURL!, 'liaison');
    const results = await liaison.get<Results>(`/api/polls/${pollId}/results`);
    expect(results.responses).toBe(3);
    const satisfaction = results.questions[0]!;
    expect(satisfaction.options.map((o) => [o.label, o.count])).toEqual([['满意', 1], ['基本满意', 1], ['不满意', 1]]);
    await page.getByRole('tab', { name: '结果' }).click();
    await expect(page.getByTestId('poll-responses')).toHaveText('3');
    const card = page.getByTestId(`result-${satisfaction.id}`);
    await expect(card.getByTestId('question-chart').locator('svg')).toBeVisible();
    await expect(card.getByRole('row', { name: /不满意/ })).toContainText('33.3%');
    await noViolations(page, 'results');

    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').first().click();
    const file = await (await downloading).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('结果')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 4));
    expect(rows).toContainEqual([satisfaction.text, '作答人数', 3]);
    for (const o of satisfaction.options) expect(rows).toContainEqual([satisfaction.text, o.label, o.count]);
    const pdf = page.waitForEvent('download');
    await page.getByTestId('export-pdf').first().click();
    expect((await readFile(await (await pdf).path())).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('tab', { name: '文字回答' }).click();
    await page.getByLabel('搜索文字回答').fill(mark);
    await page.getByLabel('搜索文字回答').press('Enter');
    await expect(page.getByTestId('free-text-count')).toHaveText('共 1 条');
    await expect(page.getByTestId('free-text-list')).toContainText('排队太久');

    // ── From answers to action: the free-text answer becomes a request to a department, listed with the poll.
    await page.getByTestId('free-text-list').getByTestId('to-case').first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('诉求内容')).toHaveValue(/排队太久/);
    await noViolations(page, 'request from an answer');
    await dialog.getByRole('button', { name: '提交诉求' }).click();
    await expect(page.getByText(/^已转为诉求 /)).toBeVisible();
    await page.getByRole('tab', { name: '转办诉求' }).click();
    const made = page.getByTestId('poll-cases').getByRole('link');
    await expect(made).toHaveCount(1);
    const caseNumber = (await made.textContent())!.trim();
    const { items: pollCases } = await liaison.get<{ items: { number: string; description: string }[] }>(`/api/polls/${pollId}/cases`);
    expect(pollCases).toEqual([expect.objectContaining({ number: caseNumber, description: expect.stringContaining(mark) })]);
    // …and the satisfaction question linked to the closing rating of cases, read on the same scale.
    await page.getByRole('tab', { name: '结果' }).click();
    const ratings = page.getByTestId('case-ratings');
    await ratings.getByRole('button', { name: '保存关联' }).click();
    await expect(ratings.getByTestId('case-ratings-table')).toBeVisible();
    await noViolations(page, 'case ratings linked');
    await page.getByRole('tab', { name: '分组' }).click();
    await expect(page.getByTestId('breakdown-table')).toBeVisible();
    await noViolations(page, 'breakdown');

    // ── Closed: the second code is refused with the reason.
    await page.getByRole('button', { name: '提前结束' }).click();
    await page.getByRole('button', { name: '确 定' }).click();
    await expect(page.getByTestId('poll-status')).toHaveText('已结束');
    await codePage.goto(`/answer/${pollId}`);
    await codePage.getByLabel('答题码').fill(codes[1]!);
    await codePage.getByRole('button', { name: '开始作答' }).click();
    await expect(codePage.getByTestId('poll-refused')).toHaveText('该调查已结束，不能再作答');

    // ── Outside the target: a deputy's poll in Nanshan Subdistrict does not ask a Shuiwan resident.
    const deputy = await Api.as(baseURL!, 'deputy');
    const { me: deputyMe } = await deputy.get<{ me: { grants: { role: string; placeId: string }[] } }>('/api/auth/me');
    const nanshan = { id: deputyMe.grants.find((g) => g.role === 'deputy')!.placeId };
    const questionnaire = await deputy.post<{ id: string }>('/api/questionnaires', {
      placeId: nanshan.id,
      title: `代表民意调查 ${mark}`,
      definition: { sections: [{ id: 's', title: '', questions: [{ id: 'q', type: 'single', text: '您支持吗？', options: [{ id: 'y', label: '支持' }, { id: 'n', label: '不支持' }] }] }] },
    });
    const elsewhere = await deputy.post<{ id: string }>('/api/polls', {
      questionnaireId: questionnaire.id,
      placeId: nanshan.id,
      title: `代表民意调查 ${mark}`,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await residentPage.goto(`/answer/${elsewhere.id}`);
    await expect(residentPage.getByTestId('poll-refused')).toHaveText('您不在本次调查的对象范围内');

    for (const api of [resident, liaison, deputy]) await api.dispose();
  });

  test('the polls pages pass axe in English too, and the resident’s list fits a phone', async ({ browser, baseURL }) => {
    const liaison = await Api.as(baseURL!, 'liaison');
    const { me } = await liaison.get<{ me: { grants: { role: string; placeId: string }[] } }>('/api/auth/me');
    const placeId = me.grants.find((g) => g.role === 'liaison')!.placeId;
    const questionnaire = await liaison.post<{ id: string }>('/api/questionnaires', {
      placeId,
      title: '楼道照明',
      definition: { sections: [{ id: 's', title: '', questions: [{ id: 'q', type: 'rating', text: '您对楼道照明满意吗？', required: true, options: [{ id: 'y', label: '满意' }, { id: 'n', label: '不满意' }] }] }] },
    });
    const poll = await liaison.post<{ id: string }>('/api/polls', {
      questionnaireId: questionnaire.id,
      placeId,
      title: `楼道照明 ${markOf()}`,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await liaison.dispose();
    const residentPage = await phone(browser, baseURL!);
    await login(residentPage, 'resident');
    await residentPage.goto('/my/polls');
    await expect(residentPage.getByRole('heading', { level: 1, name: '我的调查' })).toBeVisible();
    await expect(residentPage.getByTestId('my-polls')).toBeVisible();
    expect(await sidewaysOverflow(residentPage)).toEqual([]);
    await noViolations(residentPage, 'my polls');
    await residentPage.getByTestId('language-switch').click();
    await expect(residentPage.getByRole('heading', { level: 1, name: 'My polls' })).toBeVisible();
    await noViolations(residentPage, 'my polls, English');
    await residentPage.goto(`/answer/${poll.id}`);
    await expect(residentPage.getByTestId('poll-answer-form')).toBeVisible();
    await noViolations(residentPage, 'answering, English');
  });
});
