// A roster without a required column: the dialog names the column, refuses to import, and nothing is
// written (checked through the handlers, not only on screen).
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, fixturePath, test } from './fixtures.ts';
import { PeopleScreen, SetupWizard, Shell } from './pages.ts';

test('people import with a missing required column is refused and writes nothing', async ({
  page,
  preview,
}) => {
  await preview.open();
  await new SetupWizard(page).complete(
    { hospital: '某某县人民医院', name: 'EMR 上线', newSystem: 'EMR', goLiveDate: '2027-06-15' },
    { code: 'WK2', name: '普外科二病区', type: 'ward' },
  );
  const shell = new Shell(page);
  await shell.go(zh.nav.people);
  const people = new PeopleScreen(page);
  const dialog = await people.openImport();
  await dialog.choose(fixturePath('people-missing-name.csv'));

  // UTF-8 with BOM, title row skipped, the 姓名 column reported missing and the import disabled.
  await expect(dialog.root).toContainText('UTF-8');
  await expect(dialog.mapping(zh.person.name)).toHaveValue(zh.import.notMapped);
  await expect(dialog.mapping(zh.person.employeeNo)).toHaveValue('1. 工号');
  await expect(dialog.root.getByRole('alert').first()).toContainText(
    zh.import.missing.replace('{{columns}}', zh.person.name),
  );
  await expect(dialog.commitButton).toBeDisabled();
  await preview.shot('30-import-missing-column');

  await dialog.root.getByRole('button', { name: zh.common.cancel }).click();
  await expect(dialog.root).toBeHidden();
  await expect(people.table).toContainText(zh.person.empty);
  expect((await preview.counts()).people).toBe(0);
});
