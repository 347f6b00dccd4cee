// Issue #14, ward rounds end to end in preview mode: a visit with two findings logged by keyboard (one
// made an issue at once), the plan's flags, and the other finding made an issue in one step.
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, test } from './fixtures.ts';
import { Shell } from './pages.ts';

const rd = zh.rounds;

test('log a visit with a finding that becomes an issue', async ({ page, preview }) => {
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
  await preview.api('people.create', {
    name: '陈工',
    role: null,
    phone: null,
    organisation: 'vendor',
    departmentId: null,
    employeeNo: null,
  });
  await preview.reload();
  const shell = new Shell(page);
  await shell.go(rd.title);
  const plan = page.getByLabel(rd.plan);
  await expect(plan.getByRole('row', { name: /急诊科/ })).toContainText(rd.never);
  await preview.shot('rounds-01-empty');

  // Keyboard only: department, engineer, then findings; Enter moves to the next finding; Ctrl+Enter saves.
  const form = page.getByRole('form', { name: rd.log });
  await form.getByRole('combobox', { name: rd.department }).click();
  await page.keyboard.type('急诊');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('陈');
  await page.keyboard.press('Enter');
  await form.getByRole('textbox', { name: rd.peopleMet }).fill('护士长 赵敏');
  await form.getByRole('textbox', { name: rd.finding.replace('{{n}}', '1') }).fill('分诊台打印腕带空白');
  await page.keyboard.press('Enter');
  await page.keyboard.type('抢救室医嘱执行单字段顺序不对');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // the second finding becomes an issue at once
  await preview.shot('rounds-02-quick-entry');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(rd.saved)).toBeVisible();

  const visit = page
    .getByRole('article')
    .or(page.locator('.mantine-Card-root'))
    .filter({ hasText: '护士长 赵敏' });
  await expect(visit).toContainText('分诊台打印腕带空白');
  await expect(visit.getByRole('link', { name: /-0001$/ })).toBeVisible();
  await expect(plan.getByRole('row', { name: /急诊科/ })).toContainText(rd.onPlan);

  // A follow-up with a date: kept with the finding; a date already past shows in red until done.
  await visit.getByRole('textbox', { name: rd.followUp }).first().fill('周五回访护士长');
  await visit.getByRole('textbox', { name: rd.followUp }).first().blur();
  await visit.getByRole('textbox', { name: rd.followUpOn }).first().fill('2026-11-01');
  await visit.getByRole('textbox', { name: rd.followUp }).first().click();
  await expect
    .poll(async () => (await preview.api('rounds.visits'))[0]!.findings.find((f) => f.followUp)?.followUpOn)
    .toBe('2026-11-01');
  await expect(visit.getByRole('textbox', { name: rd.followUpOn }).first()).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  // The first finding to an issue in one step.
  await visit.getByRole('button', { name: rd.toIssue }).click();
  await expect(visit.getByRole('link', { name: /-0002$/ })).toBeVisible();
  await preview.shot('rounds-03-findings-to-issues');
  // The "saved" toasts stack over the visit's row at 1366×768 and stay while the pointer rests on them:
  // move it away, as a user would, and let them go before following the link.
  await page.mouse.move(600, 100);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await visit.getByRole('link', { name: /-0002$/ }).click();
  await expect(page.getByRole('heading', { name: '分诊台打印腕带空白' })).toBeVisible();
  await expect(page.getByText('科室驻点').first()).toBeVisible();
});
