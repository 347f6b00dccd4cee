// Issue #14, satisfaction surveys end to end in preview mode: a round, a 问卷星 export imported (the
// columns found, an unknown department kept as written), the per-department results read, a paper form
// keyed in, and re-import adds nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { zhCN as zh } from '#contract/i18n/index.ts';
import { expect, test } from './fixtures.ts';
import { Shell } from './pages.ts';

const sv = zh.surveys;

const WJX = `序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您所在的科室：,2、您的岗位：,3、您对新HIS系统的总体满意度：,4、您的意见和建议：
1,2026/11/20 10:01:02,120秒,微信,N/A,1.2.3.4(北京),心内科一病区,护士,非常满意,很好用
2,2026/11/20 10:05:40,95秒,微信,N/A,1.2.3.5(北京),心内科一病区,医生,满意,
3,2026/11/20 11:00:00,80秒,手机提交,N/A,1.2.3.6(北京),急诊科,护士,一般,"=1+1 打印太慢"
4,2026/11/20 11:30:00,60秒,手机提交,N/A,1.2.3.7(北京),急诊科,护士,不满意,
5,2026/11/21 09:00:00,70秒,微信,N/A,1.2.3.8(北京),口腔科,医生,非常满意,
6,2026/11/21 09:10:00,50秒,微信,N/A,1.2.3.9(北京),心内科一病区,护士,,
`;

test('import a survey export and read the per-department results', async ({ page, preview }) => {
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
  const file = join(tmpdir(), `wjx-${process.pid}.csv`);
  writeFileSync(file, WJX);

  const shell = new Shell(page);
  await shell.go(sv.title);
  await expect(page.getByText(sv.empty)).toBeVisible();
  await page.getByRole('button', { name: sv.newRound }).click();
  const roundDialog = page.getByRole('dialog');
  await roundDialog.getByLabel(sv.roundName).fill('上线第一周');
  // A round has its dates and the departments it asks (both optional).
  await roundDialog.getByLabel(sv.startsOn).fill('2026-11-20');
  await roundDialog.getByLabel(sv.endsOn).fill('2026-11-26');
  await roundDialog.getByLabel(sv.roundDepartments).click();
  await page.keyboard.type('急诊');
  await page.keyboard.press('Enter'); // picks 急诊科; the dialog stays open
  await page.keyboard.press('Escape'); // the list closes
  await expect(roundDialog.getByText('急诊科')).toBeVisible();
  await preview.shot('surveys-00-new-round');
  await roundDialog.getByRole('button', { name: zh.common.save }).click();
  await expect(roundDialog).toBeHidden();
  const [round] = await preview.api('surveys.rounds');
  expect(round).toMatchObject({ name: '上线第一周', startsOn: '2026-11-20', endsOn: '2026-11-26' });
  expect(round!.departmentIds).toHaveLength(1);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: sv.import }).click();
  await (await chooser).setFiles(file);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: sv.departmentColumn })).toHaveValue(
    '7. 1、您所在的科室：',
  );
  await expect(dialog.getByRole('combobox', { name: sv.scoreColumn })).toHaveValue(
    '9. 3、您对新HIS系统的总体满意度：',
  );
  await expect(dialog).toContainText('共 6 份：新增 6，已导入过 0，未作答 1');
  await expect(dialog).toContainText('未匹配科室（按原文统计）：口腔科');
  await preview.shot('surveys-01-import-preview');
  await dialog.getByRole('button', { name: '导入 6 份' }).click();
  await expect(dialog).toBeHidden();

  // 3 of 5 answered are satisfied: 60.0%.
  await expect(page.getByRole('group', { name: sv.rate })).toContainText('60%');
  const byDepartment = page.getByRole('table', { name: sv.byDepartment });
  await expect(byDepartment.getByRole('row', { name: /心内科一病区/ })).toContainText('100%');
  await expect(byDepartment.getByRole('row', { name: /急诊科/ })).toContainText('0%');
  await expect(byDepartment.getByRole('row', { name: /口腔科/ })).toContainText('100%');
  await expect(page.getByLabel(sv.comments)).toContainText('=1+1 打印太慢');
  await preview.shot('surveys-02-results');

  // A paper form by keyboard: department, role, key 2 (不满意), Enter.
  await page.getByRole('button', { name: sv.paper }).click();
  const paper = page.getByRole('dialog', { name: sv.paper });
  await paper.getByLabel(sv.department).fill('急诊科');
  await paper.getByLabel(sv.role).fill('医生');
  await paper.getByRole('radio', { name: '5 非常满意' }).focus();
  await page.keyboard.press('5');
  await paper.getByLabel(sv.comment).fill('希望增加培训');
  await page.keyboard.press('Enter');
  await expect(paper).toContainText('· 1');
  await paper.getByRole('button', { name: zh.common.cancel }).click();
  await expect(byDepartment.getByRole('row', { name: /急诊科/ })).toContainText('33.3%');

  // The same file again adds nothing.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: sv.import }).click();
  await (await again).setFiles(file);
  await expect(dialog).toContainText('新增 0，已导入过 6');
  await expect(dialog.getByRole('button', { name: '导入 0 份' })).toBeDisabled();
});
