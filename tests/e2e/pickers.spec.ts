// Issue 12 §2, §3 end to end at 1366×768: the kit's picker in quick entry (typing in a pre-filled
// department searches instead of appending, unmatched text is said and refused, Enter never saves, Esc with
// unsaved text asks, Ctrl+N right after Ctrl+Enter opens the next entry) and in the session form (Enter in
// the department picker picks, the start is typed, a calendar day lands on that day in two time zones).
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, test, type Preview } from './fixtures.ts';
import { QuickEntry } from './pages.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(values[key]));

async function setUp(preview: Preview) {
  await preview.open();
  await preview.api('project.setup', {
    hospital: '某某市第一人民医院',
    name: '新 HIS 上线项目',
    newSystem: 'HIS',
    goLiveDate: '2027-03-01',
    pilotDepartments: [
      { code: 'GK', name: '骨科病区', type: 'ward' },
      { code: 'NK1', name: '心内科一病区', type: 'ward' },
      { code: 'JZK', name: '急诊科', type: 'clinic' },
    ],
  });
  await preview.reload();
  const departments = await preview.api('departments.list');
  return (code: string) => departments.find((d) => d.code === code)!.id;
}

test('quick entry: typing in the remembered department searches; Esc asks; Ctrl+N right after saving', async ({
  page,
  preview,
}) => {
  const idOf = await setUp(preview);
  const entry = new QuickEntry(page);
  const department = entry.dialog.getByRole('combobox', { name: zh.issue.department });

  // First entry, filed under 骨科病区 (remembered for the next one).
  await page.keyboard.press('Control+n');
  await expect(entry.title).toBeFocused();
  await page.keyboard.type('床旁打印机无法连接');
  await page.keyboard.press('Tab');
  await expect(department).toBeFocused();
  await page.keyboard.type('骨科');
  await page.keyboard.press('Enter'); // picks; does not save
  await expect(department).toHaveValue('骨科病区');
  await expect(entry.dialog).toBeVisible();
  await page.keyboard.press('Control+Enter');
  // Ctrl+N right after Ctrl+Enter, while the first is still saving: the next entry opens.
  await page.keyboard.press('Control+n');
  await expect
    .poll(
      async () =>
        (
          await preview.api('issues.list', {
            filter: {},
            sort: { key: 'reportedAt', dir: 'asc' },
            offset: 0,
            limit: 10,
          })
        ).total,
    )
    .toBe(1);
  await expect(entry.dialog).toBeVisible();
  await expect(entry.title).toHaveValue('');
  await expect(department).toHaveValue('骨科病区');

  // Second entry: Tab into the pre-filled department and type 心内 — a search, not 「骨科病区心内」.
  await entry.title.focus();
  await page.keyboard.type('心电监护数据不回传');
  await page.keyboard.press('Tab');
  await expect(department).toBeFocused();
  await page.keyboard.type('心内');
  await expect(department).toHaveValue('心内');
  await expect(page.getByRole('option', { name: '心内科一病区' })).toBeVisible();
  await preview.shot('pickers-01-typing-replaces');
  await page.keyboard.press('Tab'); // the only match is picked on the way out
  await expect(department).toHaveValue('心内科一病区');
  await page.keyboard.press('Control+Enter');
  await expect(entry.dialog).toBeHidden();

  // Third entry: a name that matches nothing is said, and nothing is saved under the old department.
  await page.keyboard.press('Control+n');
  await expect(department).toHaveValue('心内科一病区');
  await page.keyboard.type('医保结算失败');
  await page.keyboard.press('Tab');
  await page.keyboard.type('放射');
  await page.keyboard.press('Tab');
  await expect(entry.dialog.getByText(fill(zh.picker.noMatch, { text: '放射' }))).toBeVisible();
  await expect(department).toHaveValue('放射'); // the typed text stays, the old department does not
  await page.keyboard.press('Control+Enter');
  await expect(entry.dialog).toBeVisible();
  await preview.shot('pickers-02-no-match');

  // Esc with unsaved text asks; discarding empties the whole draft.
  await entry.title.focus();
  await page.keyboard.press('Escape');
  const unsaved = entry.dialog.getByRole('alertdialog', { name: zh.quickEntry.unsavedTitle });
  await expect(unsaved).toBeVisible();
  await preview.shot('pickers-03-esc-asks');
  await unsaved.getByRole('button', { name: zh.quickEntry.discardDraft }).click();
  await expect(entry.dialog).toBeHidden();
  await page.keyboard.press('Control+n');
  await expect(entry.title).toHaveValue('');
  await expect(department).toHaveValue('心内科一病区');
  await page.keyboard.press('Escape'); // nothing typed: closes without asking
  await expect(entry.dialog).toBeHidden();

  const issues = await preview.api('issues.list', {
    filter: {},
    sort: { key: 'reportedAt', dir: 'asc' },
    offset: 0,
    limit: 10,
  });
  expect(issues.rows.map((r) => [r.title, r.departmentId])).toEqual([
    ['床旁打印机无法连接', idOf('GK')],
    ['心电监护数据不回传', idOf('NK1')],
  ]);
});

for (const timezoneId of ['Asia/Shanghai', 'UTC']) {
  test.describe(`session form in ${timezoneId}`, () => {
    test.use({ timezoneId });
    test('Enter in the department picker picks; the start is typed; a calendar day lands on that day', async ({
      page,
      preview,
    }) => {
      await setUp(preview);
      const tr = zh.training;
      await page.goto(`${preview.url.split('?')[0]}#/training/sessions`);
      await page.getByRole('button', { name: tr.session.create }).click();
      const form = page.getByRole('dialog');
      await form.getByLabel(tr.session.topic).fill('急诊分诊新流程');
      const departments = form.getByLabel(tr.session.departments);
      await departments.click();
      await page.keyboard.type('急诊');
      await page.keyboard.press('Enter'); // picks 急诊科; the form stays open
      await expect(form).toBeVisible();
      await expect(form.getByText('急诊科 (JZK)')).toBeVisible();
      await page.keyboard.press('Escape'); // the list closes, the form stays
      await page.keyboard.press('Enter'); // Enter on the closed picker: still no save
      await expect(form).toBeVisible();
      await expect(form.getByText('骨科病区 (GK)')).toHaveCount(0);

      // Typed start date and time.
      const day = form.getByRole('textbox', { name: tr.session.startDay });
      await day.fill('2026-12-03');
      await form.getByLabel(tr.session.startTime).fill('09:30');
      await expect(day).toHaveValue('2026-12-03');
      // Then a day picked in the calendar: the 15th, in this time zone.
      await day.click();
      await page.locator('table button', { hasText: /^15$/ }).click();
      await expect(day).toHaveValue('2026-12-15');
      await preview.shot(`pickers-04-session-form-${timezoneId.replace('/', '-')}`);
      await form.getByRole('button', { name: zh.common.save }).click();
      await expect(page.getByRole('heading', { level: 2, name: '急诊分诊新流程' })).toBeVisible();

      const [session] = await preview.api('training.sessions', {});
      const startsAt = new Date(session!.startsAt);
      const local = await page.evaluate((iso) => {
        const d = new Date(iso);
        return [
          d.getFullYear(),
          '-',
          String(d.getMonth() + 1).padStart(2, '0'),
          '-',
          String(d.getDate()).padStart(2, '0'),
          ' ',
          String(d.getHours()).padStart(2, '0'),
          ':',
          String(d.getMinutes()).padStart(2, '0'),
        ].join('');
      }, startsAt.toISOString());
      expect(local).toBe('2026-12-15 09:30');
    });
  });
}
