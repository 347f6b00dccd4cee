// Issue 13 end to end, in preview mode on a `wardside demo --days 28` pilot: the KPI board shows every KPI
// as a stoplight; changing a target changes its stoplight; the coordinator writes next steps, saves the
// weekly report and exports it as Word (the download is a .docx holding the text); the print page renders.
// Screenshots: test-results/screenshots/reports-*.png.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, root, test } from './fixtures.ts';

const NEXT_STEPS = '1. 周五前完成检验科接口联调\n2. 下周一起扩大到心血管内科';

test('KPI board on a 28-day pilot, a target changes a stoplight, the weekly report is written and exported', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(180_000);
  execFileSync(
    process.execPath,
    [
      'main/cli/wardside.ts',
      'demo',
      '--db',
      preview.dbPath,
      '--days',
      '28',
      '--seed',
      '3',
      '--replica',
      'E2E',
    ],
    { cwd: root, env: { ...process.env, TZ: 'Asia/Shanghai' } },
  );
  await preview.open();

  await page.getByRole('link', { name: zh.reports.nav.board }).click();
  const timeliness = page.locator('[data-kpi="timeliness"]');
  await expect(timeliness).toBeVisible();
  await expect(page.locator('[data-kpi]')).toHaveCount(7);
  await expect(page.locator('[data-kpi="satisfaction"]')).toContainText(zh.reports.noSurvey);
  await expect(page.getByRole('img', { name: zh.reports.board.heatmap })).toBeVisible();
  await preview.shot('reports-board');

  // A target nobody meets turns the stoplight red; one everybody meets turns it green.
  const before = await timeliness.getAttribute('data-status');
  const [target, expected] = before === 'red' ? ['1', 'green'] : ['100', 'red'];
  await page.getByRole('button', { name: zh.reports.board.targets }).click();
  const dialog = page.getByRole('dialog');
  const input = dialog.getByRole('textbox', {
    name: `${zh.reports.kpi.timeliness} ${zh.reports.board.target}`,
  });
  await input.fill(target);
  await dialog
    .getByRole('textbox', { name: `${zh.reports.kpi.timeliness} ${zh.reports.board.amber}` })
    .fill('0');
  await dialog.getByRole('button', { name: zh.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(timeliness).toHaveAttribute('data-status', expected);
  expect((await preview.api('reports.targets')).timeliness.target).toBeCloseTo(Number(target) / 100, 6);
  await preview.shot('reports-board-target-changed');

  // The weekly report: next steps, save, export as Word.
  await page.getByRole('link', { name: zh.reports.nav.reports, exact: true }).click();
  await page.getByRole('radio', { name: zh.reports.kindsShort.weekly }).check({ force: true });
  const reportPreview = page.getByTestId('report-preview');
  await expect(reportPreview).toContainText(zh.reports.kinds.weekly);
  await page.getByLabel(zh.reports.page.nextSteps).fill(NEXT_STEPS);
  await expect(reportPreview).toContainText('周五前完成检验科接口联调');
  await page.getByRole('button', { name: zh.reports.page.save }).click();
  await expect(page.getByRole('button', { name: new RegExp(zh.reports.kinds.weekly) })).toBeVisible();
  const saved = await preview.api('reports.list');
  expect(saved).toHaveLength(1);
  expect(saved[0]!.nextSteps).toBe(NEXT_STEPS);
  await preview.shot('reports-weekly');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: zh.reports.page.docx }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^周例会报告-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.docx$/);
  const path = testInfo.outputPath('weekly.docx');
  await file.saveAs(path);
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('周五前完成检验科接口联调');
  expect(xml).toContain('市第一人民医院');
  // Arrivals, burn-down and the dual-run trend (the demo runs a dual run from day 3).
  expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(3);

  // The print page: the saved report alone on A4.
  await page.getByRole('button', { name: zh.reports.page.print }).click();
  await expect(page).toHaveURL(/\/reports\/print\//);
  await expect(page.getByTestId('report-preview')).toContainText('下周一起扩大到心血管内科');
  await preview.shot('reports-print');

  // The availability and incident log: the demo's downtime events and efficiency measures.
  await page.goBack();
  await page.getByRole('link', { name: zh.reports.nav.logs }).click();
  await expect(page.getByRole('cell', { name: '数据库连接池耗尽，重启应用服务' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '病历录入时间' })).toBeVisible();
  await preview.shot('reports-logs');
});
