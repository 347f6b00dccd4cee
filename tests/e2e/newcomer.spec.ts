// Issue #12: a new hospital team's first hour. A fresh project imports its department list, its GB18030
// roster and the issue sheet kept so far (tests/fixtures/hospital/, names the project does not know yet):
// each comes in whole, each only once; the previews say which names are matched or created, and what
// needs a decision is on screen at 1366×768 without scrolling.
import { join } from 'node:path';
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, root, test } from './fixtures.ts';
import { ImportDialog, PeopleScreen, SetupWizard, Shell } from './pages.ts';

const hospital = (name: string) => join(root, 'tests', 'fixtures', 'hospital', name);

/** The dialog's element lies entirely inside the 1366×768 window, without scrolling. */
async function aboveFold(locator: import('@playwright/test').Locator) {
  const box = await locator.boundingBox();
  expect(box, 'element is rendered').not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
}

test('a fresh project imports the department list, the GB18030 roster and the issue sheet whole, once', async ({
  page,
  preview,
}) => {
  await preview.open();
  await new SetupWizard(page).complete(
    { hospital: '滨江市第一人民医院', name: '新HIS上线', newSystem: 'HIS', goLiveDate: '2027-01-10' },
    { code: '0101', name: '心血管内科', type: 'ward' },
  );
  const shell = new Shell(page);

  // 1. The department list: 8 rows, the pilot department among them (matched by code).
  await shell.go(zh.nav.departments);
  await page.getByRole('button', { name: zh.import.button }).click();
  let dialog = new ImportDialog(page);
  await dialog.choose(hospital('科室字典.csv'));
  await expect(dialog.commitButton).toHaveText('导入 8 行');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  expect((await preview.counts()).departments).toBe(8);

  // 2. The roster: 心内科 and 骨科1病区 go to the list's departments, 重症医学科 and 体检中心 are new.
  await shell.go(zh.nav.people);
  const people = new PeopleScreen(page);
  dialog = await people.openImport();
  await dialog.choose(hospital('花名册-GB18030.csv'));
  const names = dialog.root.getByTestId('unknown-departments');
  await expect(names).toContainText('“心内科”（3 行）→ 归入已有的“心血管内科”（0101）');
  await expect(names).toContainText('“骨科1病区”（2 行）→ 归入已有的“骨科一病区”（0102）');
  await expect(names).toContainText('新建科室“重症医学科”');
  await expect(names).toContainText('新建科室“体检中心”');
  await expect(dialog.commitButton).toHaveText('导入 12 行');
  await aboveFold(names);
  await aboveFold(dialog.commitButton);
  await preview.shot('newcomer-01-roster-preview');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  expect(await preview.counts()).toMatchObject({ departments: 10, people: 12 });

  // 3. The issue sheet: only descriptions (titles from their first clause), systems written their own way.
  await shell.go(zh.nav.issues);
  await page.getByRole('button', { name: zh.issueSheet.importButton }).click();
  dialog = new ImportDialog(page);
  await dialog.choose(hospital('试运行问题登记表.xlsx'));
  await expect(dialog.root.getByTestId('unknown-departments')).toContainText('新建科室“药剂科”');
  await expect(dialog.root.getByTestId('unknown-departments')).toContainText(
    '“ICU”（1 行）→ 归入已有的“重症医学科”',
  );
  await expect(dialog.root.getByTestId('unknown-systems')).toContainText(
    '“移动护理”（1 行）→ 新建“移动护理”',
  );
  await expect(dialog.root).toContainText('备注');
  await expect(dialog.root).toContainText('4 行已解决但表中没有解决时间');
  await expect(dialog.commitButton).toHaveText('导入 10 行');
  await aboveFold(dialog.root.getByTestId('unknown-departments'));
  await aboveFold(dialog.commitButton);
  await preview.shot('newcomer-02-issue-preview');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  await expect(page.getByText('导入完成：新增 10，已导入过 0，跳过 0')).toBeVisible();
  const listed = await preview.api('issues.list', {
    filter: {},
    sort: { key: 'reportedAt', dir: 'asc' },
    offset: 0,
    limit: 50,
  });
  expect(listed.total).toBe(10);
  expect(listed.rows[0]!.title).toBe('长期医嘱停止后仍显示在执行单上');
  expect(listed.rows[0]!.departmentName).toBe('心血管内科');
  expect(await preview.counts()).toMatchObject({ departments: 11, people: 15 });

  // Each only once: the same three files again add nothing.
  await page.getByRole('button', { name: zh.issueSheet.importButton }).click();
  await dialog.choose(hospital('试运行问题登记表.xlsx'));
  await expect(dialog.root).toContainText('10 行已在问题清单中，不会重复导入');
  // Close names are still filed under their departments; nothing is created a second time.
  await expect(dialog.root.getByTestId('unknown-departments')).not.toContainText('新建科室');
  await expect(dialog.root.getByTestId('unknown-systems')).toHaveCount(0);
  await expect(dialog.commitButton).toBeDisabled();
  await dialog.root.getByRole('button', { name: zh.common.cancel }).click();

  await shell.go(zh.nav.people);
  dialog = await people.openImport();
  await dialog.choose(hospital('花名册-GB18030.csv'));
  await expect(dialog.root.getByTestId('unknown-departments')).toContainText('归入已有的“心血管内科”');
  await expect(dialog.root.getByTestId('unknown-departments')).not.toContainText('新建科室');
  await dialog.commitButton.click();
  await expect(page.getByText('新增 0 人，变更 0 人，离职/调出 0 人，未变 12 人，跳过 0 行')).toBeVisible();

  await shell.go(zh.nav.departments);
  await page.getByRole('button', { name: zh.import.button }).click();
  dialog = new ImportDialog(page);
  await dialog.choose(hospital('科室字典.csv'));
  await dialog.commitButton.click();
  await expect(page.getByText('导入完成：新增 0，更新 0，未变 8，跳过 0')).toBeVisible();
  expect(await preview.counts()).toMatchObject({ departments: 11, people: 15 });
});

test('a roster of one ward does not archive the others unless chosen; skipped rows are all listed', async ({
  page,
  preview,
}, testInfo) => {
  await preview.open();
  await new SetupWizard(page).complete(
    { hospital: '滨江市第一人民医院', name: '新HIS上线', newSystem: 'HIS', goLiveDate: '2027-01-10' },
    { code: '0101', name: '心血管内科', type: 'ward' },
  );
  const shell = new Shell(page);
  await shell.go(zh.nav.people);
  const people = new PeopleScreen(page);
  let dialog = await people.openImport();
  await dialog.choose(hospital('花名册-GB18030.csv'));
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();

  // The cardiology ward sends its own list: two of its three nurses, and 30 rows without a name.
  const { writeFile } = await import('node:fs/promises');
  const ward = testInfo.outputPath('心内科名单.csv');
  const blanks = Array.from({ length: 30 }, (_, i) => `0199${String(i).padStart(2, '0')},,心内科,护士`);
  await writeFile(
    ward,
    ['工号,姓名,科室,岗位', '010231,陈雪梅,心内科,护士长', '010232,王志强,心内科,主治医师', ...blanks].join(
      '\r\n',
    ),
  );
  dialog = await people.openImport();
  await dialog.choose(ward);
  // 心内科 is filed under 心血管内科; the user can say it is not the same, and take that back.
  const names = dialog.root.getByTestId('unknown-departments');
  await expect(names).toContainText('归入已有的“心血管内科”');
  await names.getByRole('button', { name: zh.import.names.decline }).click();
  await expect(names).toContainText('新建科室“心内科”');
  await names.getByRole('button', { name: zh.import.names.undoDecline }).click();
  await expect(names).toContainText('归入已有的“心血管内科”');
  const leaving = dialog.root.getByTestId('roster-leaving');
  await expect(leaving).toContainText('刘芳（010233）');
  await expect(leaving).toContainText(zh.import.archivePartial);
  const archive = leaving.getByRole('checkbox', { name: /归档这 \d+ 人/ });
  await expect(archive).not.toBeChecked();
  const problems = dialog.root.getByTestId('import-problems');
  await expect(problems).toContainText('第 33 行：姓名不能为空');
  await expect(dialog.commitButton).toHaveText('导入 2 行（跳过 30 行）');
  await aboveFold(leaving);
  await aboveFold(problems);
  await aboveFold(dialog.commitButton);
  await preview.shot('newcomer-03-partial-roster');
  const downloading = page.waitForEvent('download');
  await problems.getByRole('button', { name: zh.import.downloadSkipped }).click();
  const file = await downloading;
  const saved = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(saved);
  const { readFile } = await import('node:fs/promises');
  const raw = await readFile(saved, 'utf8');
  expect(raw.startsWith('\ufeff行号,原因\r\n')).toBe(true);
  expect(raw.trim().split(/\r\n/)).toHaveLength(31);
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  expect((await preview.counts()).people).toBe(12);
});
