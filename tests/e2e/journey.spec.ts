// Issue 2's end-to-end journey: wizard → add a department → import import a people file → switch to English →
// reload → everything persisted. Screenshots of every screen go to test-results/screenshots/.
import { en, zhCN as zh } from '#contract/i18n/index.ts';
import { expect, fixturePath, test } from './fixtures.ts';
import { DepartmentsScreen, PeopleScreen, SetupWizard, Shell } from './pages.ts';

test('first run to English after reload: wizard, department, people import, language', async ({
  page,
  preview,
}) => {
  await preview.open();
  const wizard = new SetupWizard(page);
  const shell = new Shell(page);

  // Wizard, step 1: required fields are checked before moving on.
  await expect(wizard.heading).toBeVisible();
  await preview.shot('01-wizard-project-empty');
  await wizard.next();
  await expect(page.getByText(zh.common.required).first()).toBeVisible();
  await preview.shot('02-wizard-project-required');
  await wizard.fillProject({
    hospital: '某某市第一人民医院',
    name: '新 HIS 上线项目',
    newSystem: 'HIS',
    goLiveDate: '2027-03-01',
  });
  await preview.shot('03-wizard-project-filled');

  // Step 2: one pilot department.
  await wizard.next();
  await expect(page.getByText(zh.wizard.pilotIntro)).toBeVisible();
  await preview.shot('04-wizard-pilot-empty');
  await wizard.addPilot(0, { code: 'NK1', name: '心内科一病区', type: 'ward' });
  await preview.shot('05-wizard-pilot-added');

  // Step 3: review, then create.
  await wizard.next();
  await expect(page.getByText(zh.wizard.doneIntro)).toBeVisible();
  await expect(page.getByRole('row', { name: zh.project.hospital })).toContainText('某某市第一人民医院');
  await expect(page.getByRole('row', { name: zh.project.goLiveDate })).toContainText('2027-03-01');
  await expect(page.getByRole('row', { name: zh.wizard.stepPilot })).toContainText('心内科一病区 · NK1');
  await preview.shot('06-wizard-finish');
  await wizard.finish();

  // Overview shows the project and its pilot department.
  await expect(page.getByRole('heading', { name: zh.overview.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: '新 HIS 上线项目' })).toBeVisible();
  await expect(page.getByText('心内科一病区 · NK1')).toBeVisible();
  await preview.shot('07-overview');

  await shell.go(zh.nav.project);
  await expect(page.getByLabel(zh.project.hospital)).toHaveValue('某某市第一人民医院');
  await preview.shot('08-project');

  // Systems: add a module, and look at both dialogs.
  await shell.go(zh.nav.systems);
  await page.getByRole('textbox', { name: `HIS ${zh.system.moduleName}` }).fill('门诊挂号');
  await page.getByRole('textbox', { name: `HIS ${zh.system.moduleName}` }).press('Enter');
  await expect(page.getByText('门诊挂号', { exact: true })).toBeVisible();
  await preview.shot('09-systems');
  await page.getByRole('button', { name: zh.system.create }).click();
  await expect(page.getByRole('dialog', { name: zh.system.create })).toBeVisible();
  await preview.shot('09a-system-modal');
  await page.getByRole('dialog').getByRole('button', { name: zh.common.cancel }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByText('门诊挂号', { exact: true }).click();
  await expect(page.getByRole('dialog', { name: zh.system.editModule })).toBeVisible();
  await preview.shot('09b-module-modal');
  await page.getByRole('dialog').getByRole('button', { name: zh.common.cancel }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // Departments: add one.
  await shell.go(zh.nav.departments);
  const departments = new DepartmentsScreen(page);
  await expect(departments.row('NK1')).toBeVisible();
  await preview.shot('10-departments');
  await departments.openCreate();
  await departments.fillForm({
    code: 'JZK',
    name: '急诊科',
    type: 'clinic',
    phase: zh.department.phase.replace('{{n}}', '2'),
  });
  await preview.shot('11-department-modal');
  await departments.save();
  await expect(departments.modal).toBeHidden();
  await expect(departments.row('JZK')).toContainText('急诊科');
  await expect(departments.row('JZK')).toContainText(zh.department.types.clinic);
  await preview.shot('12-departments-added');

  // People: import a GB18030 roster with a title row above the header.
  await shell.go(zh.nav.people);
  const people = new PeopleScreen(page);
  await expect(people.table).toContainText(zh.person.empty);
  await preview.shot('13-people-empty');
  const dialog = await people.openImport();
  await preview.shot('14-import-dialog');
  await dialog.choose(fixturePath('people-gb18030.csv'));
  await expect(dialog.root).toContainText('GB18030');
  await expect(dialog.root).toContainText(
    zh.import.headerRow.replace('{{row}}', '2').replace('{{total}}', '3'),
  );
  await expect(dialog.mapping(zh.person.employeeNo)).toHaveValue('1. 工号');
  await expect(dialog.mapping(zh.person.name)).toHaveValue('2. 姓名');
  await expect(dialog.mapping(zh.person.role)).toHaveValue('3. 岗位');
  await expect(dialog.mapping(zh.person.phone)).toHaveValue('4. 电话');
  await expect(dialog.mapping(zh.person.organisation)).toHaveValue('5. 所属单位');
  await expect(dialog.mapping(zh.person.department)).toHaveValue('6. 科室');
  await expect(dialog.previewTable).toContainText('张晓梅');
  await expect(dialog.previewTable).toContainText('00123');
  await expect(dialog.commitButton).toHaveText('导入 3 行');
  await expect(dialog.commitButton).toBeEnabled();
  await preview.shot('15-import-preview');
  await dialog.commitButton.click();
  await expect(dialog.root).toBeHidden();
  await expect(people.row('张晓梅')).toContainText('心内科一病区');
  await expect(people.row('张晓梅')).toContainText('00123');
  await expect(people.row('李建国')).toContainText('急诊科');
  await expect(people.row('王工程师')).toContainText(zh.person.organisations.vendor);
  await expect(page.getByText(zh.person.count.replace('{{count}}', '3'), { exact: true })).toBeVisible();
  await preview.shot('16-people-imported');

  // Person modal, for the screenshot review.
  await page.getByRole('button', { name: zh.person.create }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await preview.shot('17-person-modal');
  await page.getByRole('dialog').getByRole('button', { name: zh.common.cancel }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // English, then reload: the choice is stored in the database, not in the page.
  await shell.switchLanguage(en.languages.en);
  await expect(shell.nav.getByRole('link', { name: en.nav.people })).toBeVisible();
  await preview.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The reload stays on the people screen (hash route): the imported rows are still there.
  await expect(page.getByRole('heading', { level: 2, name: en.person.title })).toBeVisible();
  await expect(people.table.getByRole('row')).toHaveCount(4);
  await expect(people.row('王工程师')).toContainText(en.person.organisations.vendor);
  await expect(people.row('李建国')).toContainText('急诊科');
  await preview.shot('18-people-en');

  await shell.go(en.nav.overview);
  await expect(page.getByText('心内科一病区 · NK1')).toBeVisible();
  await preview.shot('19-overview-en');

  await shell.go(en.nav.departments);
  await expect(departments.row('JZK')).toContainText(en.department.types.clinic);
  await expect(departments.row('NK1')).toContainText(en.department.types.ward);
  await preview.shot('20-departments-en');

  await shell.go(en.nav.systems);
  await preview.shot('21-systems-en');
  await shell.go(en.nav.project);
  await expect(page.getByLabel(en.project.hospital)).toHaveValue('某某市第一人民医院');
  await preview.shot('22-project-en');
});
