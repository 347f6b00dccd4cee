// Issue 3 end to end, in preview mode: log an issue with a pasted screenshot using only the keyboard,
// resolve and verify it, and see the daily summary change; then the list — filters, a saved view, sort,
// paging through a few hundred issues, and a bulk status change with refusals. Screenshots of every
// issue screen go to test-results/screenshots/.
import { en, zhCN as zh } from '#contract/i18n/index.ts';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Department, InputOf } from '#contract/index.ts';
import { expect, test, type Preview } from './fixtures.ts';
import { ImportDialog, IssueDetailScreen, IssueListScreen, QuickEntry, Shell } from './pages.ts';

/** Fills a catalogue string's {{placeholders}} (numbers here stay below 1,000, so no separators). */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)(?:, number)?\}\}/g, (_m, key: string) => String(values[key]));

/** A configured project with two departments, without walking through the wizard again. */
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
  const departments = await preview.api('departments.list');
  const systems = await preview.api('systems.list');
  const byCode = (code: string) => departments.find((d) => d.code === code) as Department;
  return { nk1: byCode('NK1'), jzk: byCode('JZK'), his: systems.find((s) => s.code === 'HIS')! };
}

/** Pastes a real PNG (drawn on a canvas) into the focused element, as the clipboard would. */
async function pasteScreenshot(page: Page) {
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 300;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#f1f3f5';
    g.fillRect(0, 0, 480, 300);
    g.fillStyle = '#1c7ed6';
    g.fillRect(0, 0, 480, 40);
    g.fillStyle = '#fa5252';
    g.fillRect(40, 90, 400, 120);
    g.fillStyle = '#ffffff';
    g.font = 'bold 28px sans-serif';
    g.fillText('Print preview: blank', 90, 160);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
}

test('log an issue with a pasted screenshot by keyboard, resolve, verify, and see the summary change', async ({
  page,
  preview,
}) => {
  const { nk1, his } = await setUp(preview);
  await preview.api('systems.addModule', { systemId: his.id, name: '住院医嘱' });
  const nurse = await preview.api('people.create', {
    name: '张晓梅',
    role: 'nurse',
    title: '护士长',
    organisation: 'hospital',
    departmentId: nk1.id,
  });
  // Two open issues already in the log; the new one resembles the first.
  await preview.api('issues.create', {
    title: '医嘱单打印出来是空白页',
    departmentId: nk1.id,
    severity: 'P2',
    systemId: his.id,
    reporterId: nurse.id,
  });
  await preview.api('issues.create', {
    title: '长期医嘱单打印时页眉错位',
    departmentId: nk1.id,
    severity: 'P3',
    systemId: his.id,
  });
  const shell = new Shell(page);

  // This laptop's operator and number prefix, on the issue settings page.
  await shell.go(zh.nav.issueSettings);
  // P4 cosmetic issues: by the end of the same working day instead of 10 days.
  await page.getByRole('checkbox', { name: fill(zh.issueSettings.sameDayOf, { severity: 'P4' }) }).check();
  await page.getByRole('button', { name: zh.common.save }).first().click();
  await expect(page.getByText(zh.common.saved).first()).toBeVisible();
  expect((await preview.api('issues.getSla')).targets.P4).toEqual({
    responseHours: 48,
    resolutionHours: null,
  });
  await page.getByLabel(zh.issueSettings.operator).fill('张工');
  await page.getByLabel(zh.issueSettings.prefix).fill('W3');
  await page.getByRole('button', { name: zh.common.save }).last().click();
  await expect(page.getByText(zh.common.saved).first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await preview.shot('50-issue-settings');

  // The summary before: two new today, none resolved.
  await shell.go(zh.nav.summary);
  await expect(page.getByRole('group', { name: zh.summary.reported })).toContainText('2');
  await expect(page.getByRole('group', { name: zh.summary.resolved })).toContainText('0');

  // Quick entry with the keyboard only.
  await page.keyboard.press('Control+n');
  const entry = new QuickEntry(page);
  await expect(entry.dialog).toBeVisible();
  await expect(entry.title).toBeFocused();
  await page.keyboard.type('医嘱单打印空白');
  await page.keyboard.press('Enter'); // does not save a half-typed issue
  await expect(entry.dialog).toBeVisible();
  // The closest match first.
  await expect(entry.duplicates.getByRole('link').first()).toHaveText(/-0001$/);
  await expect(entry.duplicates).toContainText('医嘱单打印出来是空白页');

  // Department and system come from the last entry.
  await page.keyboard.press('Tab');
  const department = entry.dialog.getByRole('combobox', { name: zh.issue.department });
  await expect(department).toBeFocused();
  await expect(department).toHaveValue('心内科一病区');
  await page.keyboard.press('Tab');
  await expect(entry.dialog.getByRole('radio', { name: 'P3' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(entry.dialog.getByRole('radio', { name: 'P2' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(entry.dialog.getByRole('checkbox', { name: zh.quickEntry.blocking })).toBeFocused();
  await page.keyboard.press('Tab'); // not blocking
  await expect(entry.dialog.getByRole('combobox', { name: zh.issue.system })).toHaveValue(/^HIS/);
  await page.keyboard.press('Tab');
  const module = entry.dialog.getByRole('combobox', { name: zh.issue.module });
  await expect(module).toBeFocused();
  await page.keyboard.type('住院');
  await page.keyboard.press('Enter');
  await expect(module).toHaveValue('住院医嘱');
  await page.keyboard.press('Tab'); // category stays 系统缺陷
  await page.keyboard.press('Tab');
  // A reporter who is nobody yet: typed, then Enter adds the person.
  const reporter = entry.dialog.getByRole('combobox', { name: zh.issue.reporter });
  await expect(reporter).toBeFocused();
  await page.keyboard.type('李护士');
  await expect(
    page.getByRole('option', { name: fill(zh.personPicker.create, { name: '李护士' }) }),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(reporter).toHaveValue('李护士');
  await page.keyboard.press('Tab');
  await expect(entry.dialog.getByRole('textbox', { name: zh.issue.description })).toBeFocused();
  await page.keyboard.type('打印预览正常，打印出来是白纸。');
  await pasteScreenshot(page);
  await expect(entry.dialog.getByRole('img', { name: /^截图-\d{8}-\d{6}\.png$/ })).toBeVisible();
  await preview.shot('51-quick-entry');
  await page.keyboard.press('Control+Enter');
  await expect(entry.dialog).toBeHidden();
  await expect(page.getByText(fill(zh.quickEntry.created, { number: 'W3-0003' }))).toBeVisible();

  // The next entry starts blank but remembers department, system, module and reporter; Esc keeps a
  // draft for the next Ctrl+N, Cancel discards it.
  await page.keyboard.press('Control+n');
  await expect(entry.title).toBeFocused();
  await expect(entry.title).toHaveValue('');
  await expect(entry.dialog.getByRole('combobox', { name: zh.issue.module })).toHaveValue('住院医嘱');
  await expect(entry.dialog.getByRole('combobox', { name: zh.issue.reporter })).toHaveValue('李护士');
  await page.keyboard.type('草稿');
  // Esc with unsaved text asks first; keeping the draft keeps it whole.
  await page.keyboard.press('Escape');
  const unsaved = entry.dialog.getByRole('alertdialog', { name: zh.quickEntry.unsavedTitle });
  await expect(unsaved).toBeVisible();
  await unsaved.getByRole('button', { name: zh.quickEntry.keepDraft }).click();
  await expect(entry.dialog).toBeHidden();
  await page.keyboard.press('Control+n');
  await expect(entry.title).toHaveValue('草稿');
  await entry.dialog.getByRole('button', { name: zh.common.cancel }).click();
  await expect(entry.dialog).toBeHidden();
  await page.keyboard.press('Control+n');
  await expect(entry.title).toHaveValue('');
  await page.keyboard.press('Escape');

  // In the list, then its detail page: the screenshot is attached, the reporter and module are set.
  await shell.go(zh.nav.issues);
  const list = new IssueListScreen(page);
  await expect(list.count(3)).toBeVisible();
  await list.row('W3-0003').click();
  const detail = new IssueDetailScreen(page);
  await expect(page.getByRole('heading', { name: '医嘱单打印空白' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^截图-/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: zh.issue.reporter })).toHaveValue('李护士');
  await expect(page.getByRole('combobox', { name: zh.issue.module })).toHaveValue('住院医嘱');
  await expect(detail.history).toContainText('张工');

  // Resolve (the resolution is asked for), then the department verifies.
  await detail.action(zh.issueDetail.actions.acknowledged).click();
  await expect(detail.status(zh.issue.statuses.acknowledged)).toBeVisible();
  await detail.action(zh.issueDetail.actions.resolved).click();
  const dialog = page.getByRole('dialog', { name: zh.issueDetail.actions.resolved });
  await dialog.getByLabel(zh.issue.resolution).fill('打印机驱动更新为厂商新版本后正常。');
  await dialog.getByRole('button', { name: zh.issueDetail.actions.resolved }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.status(zh.issue.statuses.resolved)).toBeVisible();
  await detail.action(zh.issueDetail.actions.verified).click();
  await expect(detail.action(zh.issueDetail.actions.closed)).toBeVisible();
  await expect(page.getByText('打印机驱动更新为厂商新版本后正常。').first()).toBeVisible();
  await expect(detail.history).toContainText(zh.issue.statuses.verified);
  await preview.shot('52-issue-detail');

  // The summary now counts it as resolved the same day.
  await shell.go(zh.nav.summary);
  await expect(page.getByRole('group', { name: zh.summary.reported })).toContainText('3');
  await expect(page.getByRole('group', { name: zh.summary.resolved })).toContainText('1');
  await expect(page.getByRole('group', { name: zh.summary.open })).toContainText('2');
  await expect(page.getByRole('group', { name: zh.summary.sameDayRate })).toContainText('100%');
  await preview.shot('53-daily-summary');

  // The same detail page in English.
  await shell.switchLanguage(en.languages.en);
  await shell.go(en.nav.issues);
  await list.row('W3-0003').click();
  await expect(page.getByRole('button', { name: en.issueDetail.actions.closed, exact: true })).toBeVisible();
  await preview.shot('54-issue-detail-en');
});

test('list: filters, a saved view, sort and paging, bulk status change with refusals', async ({
  page,
  preview,
}) => {
  const { nk1, jzk, his } = await setUp(preview);
  const engineer = await preview.api('people.create', {
    name: '王工程师',
    role: 'it',
    title: '驻点工程师',
    organisation: 'vendor',
  });
  // 240 issues over three days: every 8th in 急诊科 is P1, a few block go-live, older ones are overdue.
  const hour = 3_600_000;
  const inputs: InputOf<'issues.create'>[] = Array.from({ length: 240 }, (_, i) => ({
    title: `${['挂号', '收费', '医嘱', '检验申请', '护理记录', '药房发药'][i % 6]}问题 ${i + 1}`,
    departmentId: i % 2 ? jzk.id : nk1.id,
    severity: i % 8 === 1 ? 'P1' : i % 3 ? 'P3' : 'P2',
    systemId: his.id,
    blocking: i % 40 === 3,
    assigneeId: i % 5 ? null : engineer.id,
    reportedAt: new Date(Date.now() - (240 - i) * 0.3 * hour).toISOString(),
  }));
  const created = await page.evaluate(async (all) => {
    const api = (window as unknown as { wardside: { issues: Record<string, (x: unknown) => Promise<any>> } })
      .wardside.issues;
    const out: { id: string; number: string }[] = [];
    for (const input of all) out.push((await api.create!(input)).value);
    return out;
  }, inputs);
  const jzkP1 = inputs.filter((x) => x.departmentId === jzk.id && x.severity === 'P1').length;
  // One of them is already resolved: the bulk change to 已响应 must refuse it.
  const resolvedOne = created[9]!; // index 9: 急诊科, P1
  await preview.api('issues.transition', { id: resolvedOne.id, to: 'resolved', resolution: '已修复' });

  const shell = new Shell(page);
  await shell.go(zh.nav.issues);
  const list = new IssueListScreen(page);
  await expect(list.count(240)).toBeVisible();
  await expect(list.rows.first()).toBeVisible();
  // Overdue rows carry the red badge.
  await expect(list.grid.getByText(zh.issue.overdue.resolution).first()).toBeVisible();

  // Sort by number, newest first, then scroll to the end: the last page is fetched and rendered.
  await list.sortBy(zh.issue.number);
  await expect(list.rows.first()).toContainText(created[239]!.number);
  await list.grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(list.row(created[0]!.number)).toBeVisible();
  expect(await list.rows.count()).toBeLessThan(80); // virtualised: only what is on screen
  await list.grid.evaluate((el) => el.scrollTo({ top: 0 }));

  // Filter: 急诊科 and P1.
  await list.filter(zh.issue.department, ['急诊科']);
  await expect(list.count(120)).toBeVisible();
  await list.filter(zh.issue.severity, [zh.issue.severities.P1]);
  await expect(list.count(jzkP1)).toBeVisible();
  await list.saveView('急诊科 P1');
  await expect(page.getByText(zh.issueList.viewSaved)).toBeVisible();
  await expect(list.viewSelect).toHaveValue('急诊科 P1');

  // A view saved by mistake is deleted after a confirmation; the issues stay.
  await list.saveView('临时');
  await expect(list.viewSelect).toHaveValue('临时');
  await page.getByRole('button', { name: zh.issueList.deleteView }).click();
  await expect(page.getByText(fill(zh.issueList.deleteViewConfirm, { name: '临时' }))).toBeVisible();
  await preview.shot('55a-issue-list-delete-view');
  await page.getByRole('dialog').getByRole('button', { name: zh.issueList.deleteView }).click();
  await expect(page.getByText(fill(zh.issueList.deleteViewConfirm, { name: '临时' }))).toBeHidden();
  expect((await preview.api('issues.views')).map((v) => v.name)).toEqual(['急诊科 P1']);
  await expect(list.count(jzkP1)).toBeVisible();

  // Clear, then pick the view again.
  await page.getByRole('button', { name: zh.issueList.clearFilters }).click();
  await expect(list.count(240)).toBeVisible();
  await list.pickView('急诊科 P1');
  await expect(list.count(jzkP1)).toBeVisible();

  // Text search within the view.
  await list.search('检验申请');
  await expect(
    list.count(
      inputs.filter((x, i) => x.departmentId === jzk.id && x.severity === 'P1' && i % 6 === 3).length,
    ),
  ).toBeVisible();
  await list.search('');
  await expect(list.count(jzkP1)).toBeVisible();

  // Select all filtered, set them to 已响应: the resolved one is refused and stays selected.
  // (Selecting all asks the handlers for every matching id, so the box ticks a moment later.)
  await list.grid.getByRole('checkbox', { name: zh.issueList.selectAll }).click();
  await expect(list.grid.getByRole('checkbox', { name: zh.issueList.selectAll })).toBeChecked();
  await expect(page.getByText(fill(zh.issueList.selected, { count: jzkP1 }))).toBeVisible();
  await page.getByRole('button', { name: zh.issueList.bulkButton }).click();
  const bulk = page.getByRole('dialog', { name: fill(zh.issueList.bulkTitle, { count: jzkP1 }) });
  await choose(
    page,
    bulk.getByRole('combobox', { name: zh.issueList.bulkStatus }),
    zh.issue.statuses.acknowledged,
  );
  await bulk.getByRole('button', { name: fill(zh.issueList.bulkApply, { count: jzkP1 }) }).click();
  await expect(bulk).toContainText(fill(zh.issueList.bulkRefused, { count: 1 }));
  await expect(bulk).toContainText(resolvedOne.number);
  await bulk.getByRole('button', { name: zh.issueList.close }).click();
  await expect(page.getByText(fill(zh.issueList.selected, { count: 1 }))).toBeVisible();
  await expect(list.row(created[233]!.number)).toContainText(zh.issue.statuses.acknowledged);
  await list.search(resolvedOne.number);
  await expect(list.count(1)).toBeVisible();
  await expect(list.row(resolvedOne.number)).toContainText(zh.issue.statuses.resolved);
  const stored = await preview.api('issues.list', {
    filter: { departmentIds: [jzk.id], severities: ['P1'], statuses: ['acknowledged'] },
  });
  expect(stored.total).toBe(jzkP1 - 1);

  // The summary of a busy day: open P1 and blocking issues on top, overdue counted per department.
  await shell.go(zh.nav.summary);
  await expect(page.getByRole('group', { name: zh.summary.overdue })).not.toContainText(/^\D*0$/);
  const urgent = inputs.filter((x) => x.severity === 'P1' || x.blocking).length - 1; // one is resolved
  await expect(page.getByText(fill(zh.summary.urgent, { count: urgent }))).toBeVisible();
  await preview.shot('58-daily-summary-busy');
  await shell.go(zh.nav.issues);

  // The whole log again for the screenshots, in Chinese and in English.
  await page.getByRole('button', { name: zh.issueList.clearFilters }).click();
  await expect(list.count(240)).toBeVisible();
  await preview.shot('55-issue-list');
  await shell.switchLanguage(en.languages.en);
  await expect(page.getByText(fill(en.issueList.count, { count: 240 }))).toBeVisible();
  await preview.shot('56-issue-list-en');

  // The overview card counts open and overdue issues and leads to the list.
  await shell.go(en.nav.overview);
  await expect(page.getByRole('button', { name: en.overviewIssues.overdue })).toBeVisible();
  await preview.shot('57-overview-issues-en');
});

async function choose(page: Page, select: ReturnType<Page['getByRole']>, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('import a 试运行问题清单 sheet with a mapping preview, then export the filtered list to Excel', async ({
  page,
  preview,
}, testInfo) => {
  await setUp(preview);
  // The department's own sheet: a title row above the header, Chinese headers, one unknown column.
  const sheet = testInfo.outputPath('心内科试运行问题.csv');
  await writeFile(
    sheet,
    [
      '心内科一病区 试运行问题清单,,,,,,,',
      '序号,科室,问题描述,严重程度,状态,提出人,处理人,备注',
      '1,心内科一病区,护士站无法打印腕带,P2,处理中,张晓梅,王工程师,已电话联系',
      '2,急诊科,分诊台读卡器无响应,P1,新提出,李护士,,',
      '3,急诊科,医保结算提示超时,P3,已解决,李护士,王工程师,',
      '',
    ].join('\r\n'),
  );
  const shell = new Shell(page);
  await shell.go(zh.nav.issues);
  await page.getByRole('button', { name: zh.issueSheet.importButton }).click();
  const dialog = new ImportDialog(page);
  await expect(dialog.root).toBeVisible();
  await dialog.choose(sheet);
  await expect(dialog.root).toContainText(fill(zh.import.headerRow, { row: 2, total: 3 }));
  await expect(dialog.previewTable).toContainText('分诊台读卡器无响应');
  await expect(dialog.root).toContainText('张晓梅');
  await expect(dialog.commitButton).toHaveText('导入 3 行');
  await preview.shot('59-issue-import-preview');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  const list = new IssueListScreen(page);
  await expect(list.count(3)).toBeVisible();

  // The same sheet again: nothing new to import.
  await page.getByRole('button', { name: zh.issueSheet.importButton }).click();
  await dialog.choose(sheet);
  await expect(dialog.root).toContainText(fill(zh.issueSheet.alreadyImportedCount, { count: 3 }));
  await expect(dialog.commitButton).toBeDisabled();
  await dialog.root.getByRole('button', { name: zh.common.cancel }).click();

  // Export what the filter shows: the two 急诊科 issues.
  await list.filter(zh.issue.department, ['急诊科']);
  await expect(list.count(2)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: zh.issueSheet.exportButton }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
  expect(cells).toContain('分诊台读卡器无响应');
  expect(cells).toContain('医保结算提示超时');
  expect(cells).not.toContain('护士站无法打印腕带');
  await expect(page.getByText(fill(zh.issueSheet.exported, { count: 2 }))).toBeVisible();
});

test('detail: inline edits, a pasted screenshot and its viewer, the size limit, marking a duplicate', async ({
  page,
  preview,
}) => {
  const { jzk } = await setUp(preview);
  await preview.api('people.create', {
    name: '王工程师',
    role: 'it',
    title: '驻点工程师',
    organisation: 'vendor',
  });
  const original = await preview.api('issues.create', {
    title: '分诊台读卡器无响应',
    departmentId: jzk.id,
    severity: 'P2',
  });
  const copy = await preview.api('issues.create', {
    title: '分诊台刷卡没有反应',
    departmentId: jzk.id,
    severity: 'P3',
  });
  await page.goto(`${preview.url.split('?')[0]}#/issues/${copy.id}`);
  const detail = new IssueDetailScreen(page);
  await expect(page.getByRole('heading', { name: '分诊台刷卡没有反应' })).toBeVisible();

  // Assignee by typing part of the name; the history shows the name, not the id.
  const assignee = page.getByRole('combobox', { name: zh.issue.assignee });
  await assignee.click();
  await page.keyboard.type('王工');
  await page.keyboard.press('Enter');
  await expect(assignee).toHaveValue('王工程师');
  await expect(detail.history).toContainText(`${zh.issue.assignee}${zh.common.colon}`);
  await expect(detail.history).toContainText('王工程师');

  // Workaround: pencil, type, Ctrl+Enter.
  await page
    .getByRole('button', { name: fill(zh.issueDetail.editField, { field: zh.issue.workaround }) })
    .click();
  await page.getByRole('textbox', { name: zh.issue.workaround }).fill('先用手工录入卡号');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('先用手工录入卡号').first()).toBeVisible();

  // A screenshot pasted anywhere on the page is attached; preview mode has no system viewer, so it opens here.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await pasteScreenshot(page);
  await expect(page.getByText(fill(zh.attachments.titleCount, { count: 1 }))).toBeVisible();
  await page.getByRole('button', { name: /^打开附件 截图-/ }).click();
  const viewer = page.getByRole('dialog', { name: /^截图-/ });
  await expect(viewer.getByRole('img', { name: /^截图-/ })).toBeVisible();
  await viewer.getByRole('button', { name: zh.attachments.download }).waitFor();
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // Over the per-file limit: refused before upload, with the limit in the message.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(21 * 1024 * 1024)], '录屏.mp4', { type: 'video/mp4' }));
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(
    page.getByText(fill(zh.errors.attachment_too_large, { file: '录屏.mp4', size: '21.0', limit: 20 })),
  ).toBeVisible();
  await expect(page.getByText(fill(zh.attachments.titleCount, { count: 1 }))).toBeVisible();

  // Removing the attachment asks first, then archives it (the file stays for the history).
  await page.getByRole('button', { name: /^移除附件 截图-/ }).click();
  await expect(page.getByText(/^移除附件“截图-/)).toBeVisible();
  await preview.shot('59a-issue-detail-remove-attachment');
  await page.getByRole('dialog').getByRole('button', { name: zh.attachments.remove }).click();
  await expect(page.getByText(zh.attachments.removed)).toBeVisible();
  await expect(page.getByRole('button', { name: /^打开附件 截图-/ })).toBeHidden();

  // Duplicate of the original, found by its number.
  await detail.action(zh.issueDetail.actions.duplicate).click();
  const dialog = page.getByRole('dialog', { name: zh.issueDetail.actions.duplicate });
  await dialog.getByRole('combobox', { name: zh.issue.duplicateOf }).fill(original.number);
  await page.getByRole('option', { name: `${original.number} 分诊台读卡器无响应` }).click();
  await dialog.getByRole('button', { name: zh.issueDetail.actions.duplicate }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.status(zh.issue.statuses.duplicate)).toBeVisible();
  await expect(detail.history).toContainText(`${original.number} 分诊台读卡器无响应`);
  await preview.shot('60-issue-detail-duplicate');
  await page.getByRole('link', { name: `${original.number} 分诊台读卡器无响应` }).click();
  await expect(page.getByRole('heading', { name: '分诊台读卡器无响应' })).toBeVisible();
  await expect(page.getByRole('link', { name: copy.number })).toBeVisible();
});
