// Issue 12 §6, §17, §18 end to end at 1366×768: the empty log says so without asking to adjust filters;
// the same-day rate says what it counts; the daily summary prints without the frame and with every
// department; F1 opens the screen's guide; Ctrl+K finds an issue and opens it; the English reporter
// placeholder is not cut.
import { en, zhCN as zh } from '#contract/i18n/index.ts';
import { expect, test, type Preview } from './fixtures.ts';
import { Shell } from './pages.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)(?:, number)?\}\}/g, (_m, key: string) => String(values[key]));

const wards = Array.from({ length: 16 }, (_, i) => ({
  code: `W${String(i + 1).padStart(2, '0')}`,
  name: `第${i + 1}病区`,
  type: 'ward' as const,
}));

async function setUp(preview: Preview) {
  await preview.open();
  await preview.api('project.setup', {
    hospital: '某某市第一人民医院',
    name: '新 HIS 上线项目',
    newSystem: 'HIS',
    goLiveDate: '2027-03-01',
    pilotDepartments: wards,
  });
  await preview.reload();
  return preview.api('departments.list');
}

test('empty log, same-day rate, print, help, search, English placeholder', async ({ page, preview }) => {
  const departments = await setUp(preview);
  const shell = new Shell(page);

  // An empty log with no filter: nothing to adjust (§18).
  await shell.go(zh.nav.issues);
  await expect(page.getByText(zh.issueList.emptyLog)).toBeVisible();
  await expect(page.getByText(zh.issueList.empty)).toHaveCount(0);
  await preview.shot('coordinator-01-empty-log');

  // One P1 per ward, one of them resolved at once.
  const issues = [];
  for (const d of departments) {
    issues.push(
      await preview.api('issues.create', {
        title: `${d.name}医嘱单打印空白`,
        departmentId: d.id,
        severity: 'P1',
      }),
    );
  }
  await preview.api('issues.transition', { id: issues[0]!.id, to: 'resolved', resolution: '更新打印模板' });

  // The rate says what it counts: 1 of 1 due, 15 not yet due (§6).
  await shell.go(zh.nav.summary);
  const rate = page.getByRole('group', { name: zh.summary.sameDayRate });
  await expect(rate).toContainText(fill(zh.summary.metOf, { met: 1, counted: 1 }));
  await expect(rate).toContainText(fill(zh.summary.notYetDue, { count: 15 }));
  await preview.shot('coordinator-02-summary');

  // F1: the guide of this screen (§17).
  await page.keyboard.press('F1');
  const guide = page.getByRole('dialog', {
    name: fill(zh.help.title, { screen: zh.help.guides.summary.title }),
  });
  await expect(guide).toBeVisible();
  await expect(guide.getByTestId('help-guide')).toHaveText(zh.help.guides.summary.body);
  await preview.shot('coordinator-03-help');
  await page.keyboard.press('Escape');
  await expect(guide).toBeHidden();

  // Printed: no header or sidebar, and every department row inside the printed list (§17).
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  // The open P1 list scrolls inside 440 px on screen; on paper every row is inside it.
  const urgent = page.locator('[data-print-full]');
  const box = await urgent.getByRole('row').filter({ hasText: '第16病区医嘱单打印空白' }).boundingBox();
  const list = await urgent.boundingBox();
  expect(box && list).toBeTruthy();
  expect(box!.y + box!.height).toBeLessThanOrEqual(list!.y + list!.height + 1);
  await page.screenshot({ path: 'test-results/screenshots/coordinator-04-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // Ctrl+K: find an issue by part of its title and open it (§17).
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: zh.search.title });
  await expect(search).toBeVisible();
  await page.keyboard.type('第7病区');
  await expect(search.getByRole('option').first()).toContainText('第7病区医嘱单打印空白');
  await preview.shot('coordinator-05-search');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '第7病区医嘱单打印空白' })).toBeVisible();

  // English: the reporter placeholder of quick entry fits its field (§18).
  await shell.switchLanguage(en.languages.en);
  await page.keyboard.press('Control+n');
  const reporter = page.getByRole('dialog').getByRole('combobox', { name: en.issue.reporter });
  await expect(reporter).toHaveAttribute('placeholder', en.personPicker.placeholder);
  const fits = await reporter.evaluate((el) => {
    const input = el as HTMLInputElement;
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    const available = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width <= available;
  });
  expect(fits).toBe(true);
  await preview.shot('coordinator-06-quick-entry-en');
});
