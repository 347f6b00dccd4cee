// Departments are archived, never deleted, and come back on restore; a duplicate code is refused with
// the catalogue's message in the current language.
import { en, zhCN as zh } from '#contract/i18n/index.ts';
import { expect, test } from './fixtures.ts';
import { DepartmentsScreen, SetupWizard, Shell } from './pages.ts';

test('archive and restore a department; a duplicate code shows the translated error', async ({
  page,
  preview,
}) => {
  await preview.open();
  await new SetupWizard(page).complete(
    { hospital: '某某市中心医院', name: 'LIS 上线', newSystem: 'LIS', goLiveDate: '2027-01-10' },
    { code: 'NK1', name: '心内科一病区', type: 'ward' },
  );
  const shell = new Shell(page);
  await shell.go(zh.nav.departments);
  const departments = new DepartmentsScreen(page);
  await departments.create({ code: 'JYK', name: '检验科', type: 'medtech' });

  // Archive: gone from the default list, still there (marked) with 显示已归档.
  await departments.row('JYK').getByRole('button', { name: zh.common.archive }).click();
  await expect(departments.row('JYK')).toHaveCount(0);
  await expect(page.getByText(zh.department.count.replace('{{count}}', '1'))).toBeVisible();
  await departments.showArchived(true);
  await expect(departments.row('JYK')).toContainText(zh.common.archived);
  await preview.shot('40-departments-archived');

  // Restore.
  await departments.row('JYK').getByRole('button', { name: zh.common.restore }).click();
  await expect(departments.row('JYK')).not.toContainText(zh.common.archived);
  await departments.showArchived(false);
  await expect(departments.row('JYK')).toBeVisible();
  await expect(page.getByText(zh.department.count.replace('{{count}}', '2'))).toBeVisible();
  expect((await preview.counts()).departments).toBe(2);

  // Duplicate code, in Chinese: the modal stays open with what the user typed.
  const duplicate = zh.errors.duplicate_code.replace('{{code}}', 'NK1').replace('{{name}}', '心内科一病区');
  await departments.openCreate();
  await departments.fillForm({ code: 'NK1', name: '心内科二病区', type: 'ward' });
  await departments.save();
  await expect(departments.modal.getByText(duplicate)).toBeVisible();
  await expect(departments.modal.getByLabel(zh.department.code)).toHaveAttribute('aria-invalid', 'true');
  await expect(departments.modal.getByLabel(zh.department.name)).toHaveValue('心内科二病区');
  await preview.shot('41-department-duplicate-code');
  await departments.modal.getByRole('button', { name: zh.common.cancel }).click();
  await expect(departments.modal).toBeHidden();

  // And in English.
  await shell.switchLanguage(en.languages.en);
  await expect(page.getByRole('heading', { level: 2, name: en.department.title })).toBeVisible();
  await expect(departments.row('JYK')).toContainText(en.department.types.medtech);
  await preview.shot('42-departments-en');
  await page.getByRole('button', { name: en.department.create }).click();
  await departments.modal.getByLabel(en.department.code).fill('nk1');
  await departments.modal.getByLabel(en.department.name).fill('Cardiology 2');
  await departments.modal.getByRole('button', { name: en.common.save }).click();
  await expect(
    departments.modal.getByText(
      en.errors.duplicate_code.replace('{{code}}', 'nk1').replace('{{name}}', '心内科一病区'),
    ),
  ).toBeVisible();
  await preview.shot('43-department-duplicate-code-en');
  expect((await preview.counts()).departments).toBe(2);
});
