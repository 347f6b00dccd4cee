// Issue 5 end to end, in preview mode: a profile made with the wizard from two sample files, a run for
// 2026-11-20, a discrepancy raised as a pilot issue (linked both ways), the next day's run carrying the
// item over with its age, and the go / no-go view. Files go through the browser upload path.
import { zhCN as zh } from '#contract/i18n/index.ts';
import type { Page } from '@playwright/test';
import { expect, fixturePath, test, type Preview } from './fixtures.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(values[key]));

async function setUp(preview: Preview) {
  await preview.open();
  await preview.api('project.setup', {
    hospital: '某某市第一人民医院',
    name: '新 HIS 上线项目',
    newSystem: 'HIS',
    goLiveDate: '2027-03-01',
    pilotDepartments: [{ code: 'MZSF', name: '门诊收费处', type: 'admin' }],
  });
  await preview.reload();
}

/** Clicks a file button and hands the browser's chooser the fixture. */
async function pickFile(page: Page, label: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: `${label} ${zh.dualRun.wizard.pick}` }).click();
  await (await chooser).setFiles(fixturePath(file));
  await expect(page.getByText(file.replace(/^.*\//, ''), { exact: false }).first()).toBeVisible();
}

async function runDay(page: Page, date: string) {
  await page.goto(page.url().replace(/#.*$/, '#/reconcile/run'));
  await pickFile(page, zh.dualRun.run.oldFile, `reconcile-old-${date}.csv`);
  await pickFile(page, zh.dualRun.run.newFile, `reconcile-new-${date}.csv`);
  // The business date is the one the files name, not today (issue 12 §16).
  await expect(page.getByLabel(zh.dualRun.run.businessDate)).toHaveValue(date);
  await expect(page.getByText(zh.dualRun.run.dateFromFiles)).toBeVisible();
  await page.getByRole('button', { name: zh.dualRun.run.start }).click();
  await expect(page.getByRole('heading', { name: `门诊收费 · ${date}` })).toBeVisible({ timeout: 20_000 });
}

test('wizard, run, triage into a pilot issue, next day carries the item over', async ({ preview, page }) => {
  await setUp(preview);
  await page.getByRole('link', { name: zh.dualRun.nav }).click();
  await expect(page.getByText(zh.dualRun.noProfiles)).toBeVisible();
  await page.getByRole('link', { name: zh.dualRun.newProfile }).click();

  // Step 1: domain and one sample of each side; both headers and sample rows are shown.
  await page.getByLabel(zh.dualRun.wizard.domain).fill('门诊收费');
  await pickFile(page, zh.dualRun.wizard.oldSample, 'reconcile-old-2026-11-20.csv');
  await pickFile(page, zh.dualRun.wizard.newSample, 'reconcile-new-2026-11-20.csv');
  await expect(
    page.getByRole('table', { name: `${zh.dualRun.wizard.newSample} ${zh.dualRun.wizard.sample}` }),
  ).toContainText('charge_no');
  await preview.shot('reconcile-wizard-files');
  await page.getByRole('button', { name: zh.common.next }).click();

  // Step 2: suggested pairs — synonyms across languages, the key guessed, compare kinds guessed.
  const rows = page.getByTestId('mapping-row');
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('combobox', { name: `${zh.dualRun.wizard.newColumn} 1` })).toHaveValue(
    'charge_no',
  );
  await expect(page.getByRole('checkbox', { name: `${zh.dualRun.wizard.isKey} 收费单号` })).toBeChecked();
  await expect(page.getByRole('combobox', { name: `${zh.dualRun.wizard.compare} 金额` })).toHaveValue(
    zh.dualRun.compare.number,
  );
  await preview.shot('reconcile-wizard-mapping');
  await page.getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByRole('region', { name: '门诊收费' })).toBeVisible();

  // Day 1: 0002 differs in amount, 0004 is missing in new, 0005 missing in old.
  await runDay(page, '2026-11-20');
  await expect(page.getByRole('group', { name: zh.dualRun.detail.missingInNew })).toContainText('1');
  await expect(page.getByRole('listitem').filter({ hasText: 'amount' })).toBeVisible();
  const table = page.getByRole('table', { name: fill(zh.dualRun.list.title, { domain: '门诊收费' }) });
  await expect(table.getByRole('row').filter({ hasText: '0002' })).toContainText('32.00');
  await preview.shot('reconcile-run-1');

  // Triage 0002 into a pilot issue.
  await table.getByRole('row').filter({ hasText: '0002' }).click();
  const drawer = page.getByRole('dialog', { name: zh.dualRun.triage.title });
  // Nobody has looked at it yet: 待处理, not 已说明 (issue 12 §7); the create button is in view (§15).
  await expect(drawer.getByRole('combobox', { name: zh.dualRun.triage.status })).toHaveValue(
    zh.dualRun.statuses.open,
  );
  await expect(drawer.getByRole('button', { name: zh.dualRun.issue.create })).toBeInViewport({ ratio: 1 });
  await drawer.getByRole('combobox', { name: zh.issue.department }).click();
  await page.getByRole('option', { name: '门诊收费处' }).click();
  await drawer.getByRole('button', { name: zh.dualRun.issue.create }).click();
  const issueLink = drawer.getByRole('link', { name: /-0001$/ });
  await expect(issueLink).toBeVisible();
  await preview.shot('reconcile-item-issue');

  // Explain the row missing in new, in bulk with the one missing in old.
  await page.keyboard.press('Escape');
  await table.getByRole('checkbox', { name: fill(zh.dualRun.list.selectRow, { key: '0004' }) }).check();
  await table.getByRole('checkbox', { name: fill(zh.dualRun.list.selectRow, { key: '0005' }) }).check();
  await page.getByRole('button', { name: zh.dualRun.list.triage }).click();
  const dialog = page.getByRole('dialog', { name: fill(zh.dualRun.triage.titleBulk, { count: 2 }) });
  // The status must be chosen: no default explains items nobody looked at (issue 12 §7).
  await expect(dialog.getByRole('button', { name: zh.dualRun.triage.apply })).toBeDisabled();
  await dialog.getByRole('combobox', { name: zh.dualRun.triage.status }).click();
  await page.getByRole('option', { name: zh.dualRun.statuses.explained }).click();
  await dialog.getByRole('combobox', { name: zh.dualRun.triage.cause }).click();
  await page.getByRole('option', { name: zh.dualRun.causes.timing }).click();
  await dialog.getByRole('button', { name: zh.dualRun.triage.apply }).click();
  await expect(table.getByRole('row').filter({ hasText: '0004' })).toContainText(
    zh.dualRun.statuses.explained,
  );

  // Day 2: 0002 differs again — the same item, one day old, still linked to its issue.
  await runDay(page, '2026-11-21');
  await page.getByRole('link', { name: zh.dualRun.items }).click();
  const items = page.getByRole('table', { name: fill(zh.dualRun.list.title, { domain: '门诊收费' }) });
  const carried = items.getByRole('row').filter({ hasText: '0002' });
  await expect(carried).toHaveCount(1);
  await expect(carried).toContainText(fill(zh.dualRun.item.ageDays, { count: 1 }));
  await expect(carried).toContainText(/-0001/);
  // 0004 and 0005 were not in the second day's files: shown as not reproduced.
  await expect(items.getByRole('row').filter({ hasText: '0004' })).toContainText(
    zh.dualRun.item.notReproduced,
  );
  await preview.shot('reconcile-items-day-2');

  // The issue names where it came from.
  await carried.click();
  await page
    .getByRole('dialog', { name: zh.dualRun.triage.title })
    .getByRole('link', { name: /-0001$/ })
    .click();
  await expect(page.getByRole('region', { name: zh.dualRun.issue.origins })).toContainText('0002');
  await preview.shot('reconcile-issue-origin');

  // Home: two days run, so no-go by the 14-day rule; the trend and the domain's verdict are shown.
  await page.getByRole('link', { name: zh.dualRun.nav }).click();
  await expect(page.getByTestId('verdict')).toHaveText(zh.dualRun.cutover.noGo);
  await expect(page.getByRole('img', { name: `门诊收费 ${zh.dualRun.trend.title}` })).toBeVisible();
  await preview.shot('reconcile-home');
});

test('long hospital keys are shown whole in the discrepancy list (issue 12 §15)', async ({
  preview,
  page,
}) => {
  await setUp(preview);
  await preview.api('reconcile.createProfile', {
    domain: '门诊挂号',
    name: '门诊挂号',
    columns: [
      { old: '就诊号', new: 'visit_no', key: true, compare: 'text' },
      { old: '金额', new: 'amount', compare: 'number' },
    ],
  });
  const keys = ['MZ2026112500012345', 'MZ2026112500012346', 'MZ2026112500012347'];
  const oldCsv = `就诊号,金额\n${keys.map((k, i) => `${k},${10 + i}.00`).join('\n')}\n`;
  const newCsv = `visit_no,amount\n${keys.map((k, i) => `${k},${i === 1 ? 99 : 10 + i}.00`).join('\n')}\n`;
  await page.goto(`${preview.url.split('?')[0]}#/reconcile/run`);
  for (const [label, name, text] of [
    [zh.dualRun.run.oldFile, 'old-2026-11-25.csv', oldCsv],
    [zh.dualRun.run.newFile, 'new-2026-11-25.csv', newCsv],
  ] as const) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: `${label} ${zh.dualRun.wizard.pick}` }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await expect(page.getByText(name).first()).toBeVisible();
  }
  await expect(page.getByLabel(zh.dualRun.run.businessDate)).toHaveValue('2026-11-25');
  await page.getByRole('button', { name: zh.dualRun.run.start }).click();
  await expect(page.getByRole('heading', { name: '门诊挂号 · 2026-11-25' })).toBeVisible({ timeout: 20_000 });
  const table = page.getByRole('table', { name: fill(zh.dualRun.list.title, { domain: '门诊挂号' }) });
  const key = table.getByText('MZ2026112500012346', { exact: true });
  await expect(key).toBeVisible();
  // Not cut: the text fits its cell, and the full value is on hover anyway.
  expect(await key.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(key).toHaveAttribute('title', 'MZ2026112500012346');
  await preview.shot('reconcile-long-keys');
});
