// Issue #14, knowledge base end to end in preview mode: resolve an issue → 沉淀为知识 → the article is found
// by a two-character word and suggested (已有解决办法) while a similar issue is typed in another department.
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, test, type Preview } from './fixtures.ts';
import { IssueDetailScreen, QuickEntry, Shell } from './pages.ts';

const kb = zh.knowledge;

async function setUp(preview: Preview) {
  await preview.open();
  await preview.api('project.setup', {
    hospital: '某某市第一人民医院',
    name: '新 HIS 上线项目',
    newSystem: 'HIS',
    goLiveDate: '2027-03-01',
    pilotDepartments: [
      { code: 'NK1', name: '心内科一病区', type: 'ward' },
      { code: 'JZK', name: '急诊科', type: 'clinic' },
    ],
  });
  await preview.reload();
}

test('resolved issue → knowledge article → suggested while typing a similar issue elsewhere', async ({
  page,
  preview,
}) => {
  await setUp(preview);
  const departments = await preview.api('departments.list', {});
  const nk = departments.find((d) => d.code === 'NK1')!;
  const issue = await preview.api('issues.create', {
    title: '门诊医保结算提示交易超时',
    description: '收费处医保刷卡后提示“交易超时”，结算单打不出来',
    departmentId: nk.id,
    severity: 'P2',
  });
  await preview.api('issues.transition', {
    id: issue.id,
    to: 'resolved',
    resolution: '1. 前置机更新医保证书\n2. 重启医保接口服务\n3. 重新结算',
  });

  // 沉淀为知识 on the resolved issue: the form comes pre-filled.
  await page.goto(`${new URL(page.url()).origin}/#/issues/${issue.id}`);
  const detail = new IssueDetailScreen(page);
  await detail.action(kb.toKnowledge).click();
  const form = page.getByRole('dialog');
  await expect(form.getByLabel(kb.titleField)).toHaveValue('门诊医保结算提示交易超时');
  await expect(form.getByLabel(kb.solution)).toHaveValue(/前置机更新医保证书/);
  await form.getByLabel(kb.cause).fill('前置机证书过期');
  await form.getByText(kb.audiences.faq, { exact: true }).click();
  await preview.shot('kb-01-from-issue');
  await form.getByRole('button', { name: kb.save }).click();
  await expect(form).toBeHidden();

  // The knowledge base finds it by 医保 (two characters).
  const shell = new Shell(page);
  await shell.go(kb.title);
  await page.getByRole('textbox', { name: kb.search }).fill('医保');
  const article = page.getByLabel('门诊医保结算提示交易超时', { exact: true });
  await expect(article).toContainText('前置机证书过期');
  await expect(article).toContainText(issue.number);
  await expect(page.getByText(kb.count.replace('{{count}}', '1'))).toBeVisible();
  await preview.shot('kb-02-search');
  await page.getByRole('textbox', { name: kb.search }).fill('挂号');
  await expect(page.getByText(kb.noMatch.replace('{{text}}', '挂号'))).toBeVisible();

  // Typing a similar issue in another department: the article shows beside the duplicate warnings.
  await page.keyboard.press('Control+n');
  const quick = new QuickEntry(page);
  await expect(quick.dialog).toBeVisible();
  await quick.title.fill('急诊医保结算报交易超时');
  const suggestions = quick.dialog.getByRole('alert', { name: kb.suggestions.replace('{{count}}', '1') });
  await expect(suggestions).toContainText('门诊医保结算提示交易超时');
  await expect(suggestions).toContainText('重启医保接口服务');
  await preview.shot('kb-03-suggested-while-typing');
  await suggestions.getByRole('link', { name: '门诊医保结算提示交易超时' }).click();
  await expect(quick.dialog).toBeHidden();
  await expect(page.getByLabel('门诊医保结算提示交易超时', { exact: true })).toContainText('前置机证书过期');
});
