// Issue 6 end to end in preview mode: import import the hospital roster (GB18030), plan a session, take
// attendance and scores with the keyboard (with a retake), watch the readiness matrix change, export the
// not-ready list, open the A4 sign-in sheet (screen and print media), re-import an updated roster.
import { zhCN as zh } from '#contract/i18n/index.ts';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, fixturePath, test, type Preview } from './fixtures.ts';
import { ImportDialog, PeopleScreen, Shell } from './pages.ts';
import type { Page } from '@playwright/test';

const tr = zh.training;

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

/** A row of the attendance sheet, by the person's name. */
const sheetRow = (page: Page, name: string) =>
  page.getByTestId('attendance-sheet').getByRole('row', { name, exact: true });

const pressed = (page: Page, name: string, status: keyof typeof tr.attendance) =>
  sheetRow(page, name).getByRole('button', { name: tr.attendance[status], exact: true });

test('roster, session, keyboard attendance and scores, readiness, sign-in sheet', async ({
  page,
  preview,
}) => {
  await setUp(preview);
  const shell = new Shell(page);

  // 1. The roster: GB18030, title row above the header; roles come from the job titles.
  await shell.go(zh.nav.people);
  const people = new PeopleScreen(page);
  const dialog = await people.openImport();
  await dialog.choose(fixturePath('roster-gb18030.csv'));
  await expect(dialog.root).toContainText('GB18030');
  await expect(dialog.commitButton).toHaveText('导入 9 行');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  await expect(page.getByText('新增 9 人，变更 0 人，离职/调出 0 人')).toBeVisible();
  await expect(people.row('王芳')).toContainText(tr.roles.nurse);
  await expect(people.row('王芳')).toContainText('主管护师');
  await expect(people.row('钱多多')).toContainText(tr.roles.cashier);

  // 赵敏 (急诊科 护士长) is an in-house champion: set in her person form.
  await people.row('赵敏').getByRole('button', { name: zh.common.edit }).click();
  await page.getByRole('dialog').getByRole('checkbox', { name: tr.person.champion }).check();
  await preview.shot('training-01-person-champion');
  await page.getByRole('dialog').getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(people.row('赵敏')).toContainText(tr.person.champion);
  await preview.shot('training-02-people');

  // 2. Readiness before any training: nobody trained.
  await shell.go(tr.nav.readiness);
  await expect(page.getByTestId('readiness-help')).toContainText('已培训');
  await expect(page.getByTestId('total-trained')).toHaveText('0%');
  await expect(
    page.getByRole('button', { name: '心内科一病区 · 护士：4 人 · 培训 0 · 合格 0' }),
  ).toBeVisible();
  await preview.shot('training-03-readiness-before');

  // 3. Plan a session for the nurses of 心内科一病区, trainer 赵敏, pass mark 80.
  await page.getByRole('navigation').getByRole('link', { name: tr.nav.sessions }).click();
  await expect(page.getByText(tr.session.empty)).toBeVisible();
  await page.getByRole('button', { name: tr.session.create }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(tr.session.topic).fill('新 HIS 护士工作站：医嘱执行与体温单');
  await form.getByRole('combobox', { name: tr.session.format }).click();
  await page.getByRole('option', { name: tr.formats.drill, exact: true }).click();
  await form.getByLabel(tr.session.departments).click();
  await page.getByRole('option', { name: '心内科一病区 (NK1)' }).click();
  await form.getByLabel(tr.session.departments).press('Escape');
  await form.getByLabel(tr.session.trainer).click();
  await page.getByRole('option', { name: `赵敏 ★ ${tr.person.champion}` }).click();
  await form.getByLabel(tr.session.place).fill('示教室 2');
  await form.getByLabel(tr.session.materialVersion).fill('v1.3');
  await expect(form.getByLabel(tr.session.passMark)).toHaveValue('80');
  await preview.shot('training-04-session-form');
  await form.getByRole('button', { name: zh.common.save }).click();

  // The new session's page: its audience is the four nurses of 心内科一病区.
  await expect(
    page.getByRole('heading', { level: 2, name: '新 HIS 护士工作站：医嘱执行与体温单' }),
  ).toBeVisible();
  await expect(page.getByTestId('session-summary')).toHaveText('应到 4 人 · 实到 0 人 · 合格 0 人');
  const names = page.getByTestId('attendance-sheet').locator('tbody tr[data-person]');
  await expect(names).toHaveCount(4);
  expect(await names.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-person')))).toEqual([
    '陈静',
    '李娜',
    '王芳',
    '张晓梅',
  ]);

  // 4. Keyboard only: / to find, Enter into the list, 1–4 to mark, Enter for the score, ↑↓ to move.
  await page.getByRole('textbox', { name: tr.sheet.search }).focus();
  await page.keyboard.press('Enter');
  await expect(sheetRow(page, '陈静')).toBeFocused();
  await page.keyboard.press('1');
  await expect(pressed(page, '陈静', 'present')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('2');
  await expect(pressed(page, '李娜', 'late')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('3');
  await expect(pressed(page, '王芳', 'absent')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const score = (name: string) => page.getByRole('textbox', { name: `${name} ${tr.sheet.score}` });
  await expect(score('陈静')).toBeFocused();
  // Issue #12: 150 and 「8a」 are refused with a message and stay in the field to correct, never saved.
  const scoreRange = tr.sheet.scoreRange.replace('{{max}}', '100');
  await page.keyboard.type('150');
  await page.keyboard.press('Enter');
  await expect(score('陈静')).toBeFocused();
  await expect(page.getByText(scoreRange)).toBeVisible();
  await score('陈静').fill('8a');
  await page.keyboard.press('Enter');
  await expect(score('陈静')).toHaveValue('8a');
  await expect(page.getByText(scoreRange)).toBeVisible();
  await preview.shot('training-04b-score-refused');
  await score('陈静').fill('90');
  await page.keyboard.press('Enter');
  await expect(score('李娜')).toBeFocused();
  await page.keyboard.type('70');
  await page.keyboard.press('Enter');
  // 王芳 is absent: no score field for her, the focus lands on her row.
  await expect(score('王芳')).toBeDisabled();
  await expect(sheetRow(page, '王芳')).toBeFocused();
  await expect(sheetRow(page, '陈静')).toContainText(tr.sheet.pass);
  await expect(sheetRow(page, '李娜')).toContainText(tr.sheet.fail);

  // Search by employee number narrows the list; Escape clears it.
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: tr.sheet.search })).toBeFocused();
  await page.keyboard.type('00204');
  await expect(names).toHaveCount(1);
  await expect(sheetRow(page, '张晓梅')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(names).toHaveCount(4);

  // 李娜 failed (70 < 80): a retake is a new attempt, the 70 stays.
  await sheetRow(page, '李娜').getByRole('button', { name: tr.sheet.retake, exact: true }).click();
  const retake = page.getByRole('dialog', { name: tr.sheet.retakeTitle.replace('{{name}}', '李娜') });
  await retake.getByLabel(tr.sheet.score).fill('85');
  await retake.getByRole('button', { name: zh.common.save }).click();
  await expect(retake).toBeHidden();
  await expect(sheetRow(page, '李娜')).toContainText(`${tr.sheet.retake} 85`);
  await expect(sheetRow(page, '李娜')).toContainText(tr.sheet.pass);
  await expect(score('李娜')).toHaveValue('70');

  // The rest (张晓梅) present in one go.
  await page.getByRole('button', { name: tr.sheet.markRest }).click();
  await expect(pressed(page, '张晓梅', 'present')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('session-summary')).toHaveText('应到 4 人 · 实到 3 人 · 合格 2 人');
  await expect(page.getByText(tr.statuses.done, { exact: true })).toBeVisible();
  await preview.shot('training-05-attendance');

  // 5. The readiness matrix changed: 心内科一病区 nurses 3 of 4 trained, 2 passed.
  await shell.go(tr.nav.readiness);
  const cell = page.getByRole('button', { name: '心内科一病区 · 护士：4 人 · 培训 3 · 合格 2' });
  await expect(cell).toContainText('75% / 50%');
  await expect(page.getByTestId('total-trained')).toHaveText('33%');
  await expect(page.getByTestId('total-passed')).toHaveText('22%');
  await expect(page.getByTestId('trainer-stats')).toContainText('赵敏');
  await expect(page.getByTestId('trainer-stats')).toContainText('100%');
  await cell.click();
  const list = page.getByTestId('readiness-people');
  await expect(page.getByTestId('readiness-people-title')).toHaveText('心内科一病区 · 护士：2 人');
  await expect(list.getByRole('row', { name: /王芳/ })).toContainText(tr.readiness.reasons.untrained);
  await expect(list.getByRole('row', { name: /张晓梅/ })).toContainText(tr.readiness.reasons.not_passed);
  await preview.shot('training-06-readiness-after');

  // The not-ready list of the cell as xlsx.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: tr.readiness.export }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^培训未达标人员-\d{8}-\d{4}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect([sheet.getCell('C3').value, sheet.getCell('C4').value]).toEqual(['王芳', '张晓梅']);
  expect(sheet.getCell('C5').value).toBeNull();

  // The whole hospital, everyone (ready too).
  await page.getByRole('button', { name: /^全院：9 人/ }).click();
  await page.getByRole('checkbox', { name: tr.readiness.notReadyOnly }).uncheck();
  await expect(page.getByTestId('readiness-people-title')).toHaveText('全院：9 人');

  // 6. The sign-in sheet: the planned audience pre-filled, columns for signature and score.
  await page.getByRole('navigation').getByRole('link', { name: tr.nav.sessions }).click();
  await expect(page.getByRole('row', { name: /新 HIS 护士工作站/ })).toContainText('赵敏');
  await preview.shot('training-07a-sessions');
  await page.getByRole('row', { name: /新 HIS 护士工作站/ }).click();
  await page.getByRole('link', { name: tr.session.signIn }).click();
  const signIn = page.getByTestId('sign-in-sheet');
  await expect(signIn.getByRole('heading', { name: tr.signIn.title })).toBeVisible();
  await expect(signIn).toContainText('某某市第一人民医院');
  await expect(signIn).toContainText('赵敏（金牌讲师）');
  for (const name of ['陈静', '李娜', '王芳', '张晓梅'])
    await expect(signIn.getByRole('cell', { name })).toBeVisible();
  await expect(signIn.getByRole('columnheader', { name: tr.signIn.signature })).toBeVisible();
  await expect(signIn.getByRole('columnheader', { name: tr.signIn.score })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await preview.shot('training-07-sign-in');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: tr.signIn.print })).toBeHidden();
  await preview.shot('training-08-sign-in-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: tr.signIn.back }).click();
  await expect(page.getByTestId('attendance-sheet')).toBeVisible();
});

test('re-importing an updated roster shows who will be archived, then reports it', async ({
  page,
  preview,
}) => {
  await setUp(preview);
  const shell = new Shell(page);
  await shell.go(zh.nav.people);
  const people = new PeopleScreen(page);
  let dialog: ImportDialog = await people.openImport();
  await dialog.choose(fixturePath('roster-gb18030.csv'));
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();

  dialog = await people.openImport();
  await dialog.choose(fixturePath('roster-december.csv'));
  const leaving = dialog.root.getByTestId('roster-leaving');
  await expect(leaving).toContainText('王芳（00203）');
  await leaving.scrollIntoViewIfNeeded();
  await preview.shot('training-09-roster-reimport');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  await expect(page.getByText('新增 1 人，变更 0 人，离职/调出 1 人，未变 8 人，跳过 0 行')).toBeVisible();
  await expect(people.row('孙新人')).toBeVisible();
  await expect(people.table).not.toContainText('王芳');
  await page.getByRole('checkbox', { name: zh.common.showArchived }).check();
  await expect(people.row('王芳')).toContainText(zh.common.archived);
});
