// Issue 15 end to end in preview mode: convert a pilot issue into a requirement request, review it with two
// reviewers' votes and approve it; raise a change inside a freeze window (emergency approval, sign-off);
// record a go/no-go meeting with its snapshot; trigger and close the emergency procedure; the A4 print.
import { zhCN as zh } from '#contract/i18n/index.ts';
import type { Page } from '@playwright/test';
import { expect, test, type Preview } from './fixtures.ts';

const rq = zh.requests;
const ch = zh.changes;
const co = zh.cutover;

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

const go = async (page: Page, hash: string) => {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
};

/** A datetime-local value in the browser's zone, `days` from now. */
const localInput = (page: Page, days: number) =>
  page.evaluate((d) => {
    const t = new Date(Date.now() + d * 86_400_000);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}T${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
  }, days);

test('an issue becomes a request, two reviewers vote, the request is approved', async ({ page, preview }) => {
  await setUp(preview);
  const departments = await preview.api('departments.list');
  const issue = await preview.api('issues.create', {
    title: '交班报告需要自动汇总出入量',
    description: '护士每班手工计算出入量，易出错',
    departmentId: departments.find((d) => d.code === 'NK1')!.id,
    severity: 'P2',
    category: 'change_request',
    blocking: false,
    tags: [],
  });
  await go(page, `/issues/${issue.id}`);
  await page.getByRole('button', { name: rq.fromIssue }).click();
  await expect(page.getByRole('heading', { name: '交班报告需要自动汇总出入量' })).toBeVisible();
  await expect(page.getByTestId('request-status')).toHaveText(rq.statuses.submitted);
  await expect(page.getByRole('link', { name: /交班报告需要自动汇总出入量/ }).first()).toBeVisible();
  await preview.shot('requests-01-converted');

  // Into review; two named reviewers.
  await page
    .getByRole('button', { name: rq.workflow.to.replace('{{status}}', rq.statuses.under_review) })
    .click();
  await expect(page.getByTestId('request-status')).toHaveText(rq.statuses.under_review);
  for (const [name, role] of [
    ['王主任', '临床专家'],
    ['李工', '信息科'],
  ]) {
    await page.getByLabel(rq.review.reviewer, { exact: true }).fill(name!);
    await page.getByLabel(rq.review.role).fill(role!);
    await page.getByRole('button', { name: rq.review.addReviewer }).click();
    await expect(page.getByTestId(`review-${name}`)).toBeVisible();
  }
  // Majority of two needs both: one vote is not enough.
  const vote = async (name: string, opinion: string) => {
    const row = page.getByTestId(`review-${name}`);
    await row.getByText(rq.votes.approve, { exact: true }).click();
    await row.getByLabel(rq.review.opinion).fill(opinion);
    await row.getByRole('button', { name: rq.review.vote }).click();
    // Saved: the vote's time appears beside it.
    await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  };
  await vote('王主任', '临床安全必需');
  await expect(page.getByText(rq.review.notApprovable.replace('{{rule}}', rq.rules.majority))).toBeVisible();
  await vote('李工', '接口可行，约 5 人天');
  await expect(page.getByTestId('tally')).toContainText('同意 2');
  await expect(page.getByText(rq.review.approvable.replace('{{rule}}', rq.rules.majority))).toBeVisible();
  await page.getByRole('combobox', { name: rq.review.decision }).click();
  await page.getByRole('option', { name: rq.statuses.approved }).click();
  await page.getByLabel(rq.review.reason).fill('基础保障：减少护理差错，两位评审均同意');
  await preview.shot('requests-02-review');
  await page.getByRole('button', { name: rq.review.decide }).click();
  await expect(page.getByTestId('request-status')).toHaveText(rq.statuses.approved);
  await expect(page.getByText('基础保障：减少护理差错，两位评审均同意').first()).toBeVisible();
  await preview.shot('requests-03-approved');

  // The board shows it under its tier and status; the issue links back.
  await page.getByRole('navigation').getByRole('link', { name: rq.nav.board }).click();
  await expect(page.getByTestId('request-board')).toContainText('交班报告需要自动汇总出入量');
  await preview.shot('requests-04-board');
  await go(page, `/issues/${issue.id}`);
  await expect(
    page.getByRole('link', { name: `${rq.linkedRequests}：交班报告需要自动汇总出入量` }),
  ).toBeVisible();
});

test('a change raised in a freeze window needs an emergency approval, then sign-off', async ({
  page,
  preview,
}) => {
  await setUp(preview);
  await page.getByRole('navigation').getByRole('link', { name: ch.nav.list }).click();
  await expect(page.getByRole('heading', { level: 2, name: ch.title })).toBeVisible();
  await page.getByLabel(ch.freeze.name).fill('上线冻结期');
  await page.getByLabel(ch.freeze.startsAt).fill(await localInput(page, -1));
  await page.getByLabel(ch.freeze.endsAt).fill(await localInput(page, 7));
  await page.getByRole('button', { name: ch.freeze.add }).click();
  await expect(page.getByTestId('freeze-window')).toContainText('上线冻结期');

  await page.getByRole('button', { name: ch.create }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(ch.fields.title).fill('检验接口改为 HL7 v2.5');
  await form.getByLabel(ch.fields.reason).fill('LIS 厂商升级，旧接口停止维护');
  await form.getByLabel(ch.fields.impactSchedule).fill('联调 2 天');
  await form.getByRole('combobox', { name: ch.fields.likelihood }).click();
  await page.getByRole('option', { name: '3' }).click();
  await form.getByRole('combobox', { name: ch.fields.impact }).click();
  await page.getByRole('option', { name: '4' }).click();
  await expect(form.getByTestId('risk-preview')).toHaveText('12');
  await form.getByLabel(ch.fields.backoutPlan).fill('切回旧接口配置');
  await form.getByLabel(ch.fields.plannedAt).fill(await localInput(page, 2));
  await form.getByLabel(ch.fields.approvers).fill('信息科主任');
  await form.getByLabel(ch.fields.approvers).press('Enter');
  await form.getByLabel(ch.fields.approvers).fill('医务处');
  await form.getByLabel(ch.fields.approvers).press('Enter');
  await preview.shot('changes-01-form');
  await form.getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByRole('heading', { name: '检验接口改为 HL7 v2.5' })).toBeVisible();
  await expect(page.getByTestId('freeze-alert')).toContainText('上线冻结期');

  await page.getByRole('button', { name: ch.submit }).click();
  for (const name of ['信息科主任', '医务处']) {
    await page.getByTestId(`approver-${name}`).getByRole('button', { name: ch.votes.approve }).click();
    await expect(page.getByTestId(`approver-${name}`)).toContainText(ch.votes.approve);
  }
  // Both approved, but the freeze window holds it until the emergency approval.
  await expect(page.getByText(ch.statuses.submitted, { exact: true })).toBeVisible();
  await page.getByLabel(ch.freeze.emergencyBy).fill('王院长');
  await page.getByLabel(ch.freeze.emergencyReason).fill('影响危急值回传，必须上线前完成');
  await preview.shot('changes-02-freeze');
  await page.getByRole('button', { name: ch.freeze.emergencyApprove }).click();
  await expect(page.getByText(ch.statuses.approved, { exact: true })).toBeVisible();
  await page.getByLabel(ch.signOffName).fill('王院长');
  await page.getByRole('button', { name: ch.signOff }).click();
  await expect(page.getByText(/王院长 于 .* 签字/)).toBeVisible();
  await preview.shot('changes-03-signed');
  await page.getByRole('navigation').getByRole('link', { name: ch.nav.list }).click();
  await expect(page.getByRole('row', { name: /检验接口改为 HL7 v2.5/ })).toContainText('12 · 高');
});

test('runbook, go/no-go meeting with its snapshot, emergency triggered and closed, A4 print', async ({
  page,
  preview,
}) => {
  await setUp(preview);
  const departments = await preview.api('departments.list');
  await preview.api('issues.create', {
    title: '医嘱无法保存',
    departmentId: departments[0]!.id,
    severity: 'P1',
    category: 'defect',
    blocking: true,
    tags: [],
  });
  const stop = await preview.api('cutover.addStep', { title: '停止旧系统挂号', owner: '信息科' });
  await preview.api('cutover.addStep', { title: '迁移在院病人数据', owner: '厂商', dependsOn: [stop.id] });
  await preview.api('cutover.addTrigger', {
    condition: '挂号中断超过 30 分钟',
    action: '回退旧系统，启用手工挂号',
  });

  await page.getByRole('navigation').getByRole('link', { name: co.nav.plan }).click();
  await expect(page.getByRole('heading', { level: 2, name: co.title })).toBeVisible();
  await expect(page.getByText(co.runbook.waiting.replace('{{steps}}', '1'))).toBeVisible();

  // Go/no-go meeting: the snapshot is shown before recording and kept with the meeting.
  await page.getByRole('button', { name: co.meeting.record }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(co.meeting.openIssues.replace('{{count}}', '1'));
  await dialog.getByLabel(co.meeting.attendees).fill('王院长');
  await dialog.getByLabel(co.meeting.attendees).press('Enter');
  await dialog.getByLabel(co.meeting.attendees).fill('信息科主任');
  await dialog.getByLabel(co.meeting.attendees).press('Enter');
  await dialog.getByRole('combobox', { name: co.meeting.decision }).click();
  await page.getByRole('option', { name: co.decisions.no_go }).click();
  await dialog.getByLabel(co.meeting.notes).fill('P1 问题未解决，推迟一周');
  await preview.shot('cutover-01-meeting');
  await dialog.getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByTestId('meeting')).toContainText(co.decisions.no_go);
  await expect(page.getByTestId('meeting')).toContainText('医嘱无法保存');

  // 启动应急预案 → a department on manual fallback → who was told → resume.
  const panel = page.getByTestId('emergency-panel');
  await panel.getByLabel(co.emergency.activateNote).fill('新系统医嘱无法提交');
  await panel.getByRole('button', { name: co.emergency.activate }).click();
  await expect(page.getByTestId('paused-banner')).toBeVisible();
  await panel.getByRole('combobox', { name: co.emergency.department }).click();
  await page.getByRole('option', { name: '心内科一病区' }).click();
  await panel.getByLabel(co.emergency.note, { exact: true }).fill('启用手工医嘱单');
  await panel.getByRole('button', { name: co.emergency.log }).click();
  await expect(panel).toContainText('启用手工医嘱单');
  await panel.getByRole('combobox', { name: co.emergency.kind }).click();
  await page.getByRole('option', { name: co.eventKinds.notified }).click();
  await panel.getByLabel(co.emergency.note, { exact: true }).fill('已电话报告王院长、医务处');
  await panel.getByRole('button', { name: co.emergency.log }).click();
  await expect(panel).toContainText('已电话报告王院长、医务处');
  await preview.shot('cutover-02-emergency-open');
  await panel.getByLabel(co.emergency.resumeNote).fill('补丁已上线，恢复切换');
  await panel.getByRole('button', { name: co.emergency.resume }).click();
  await expect(page.getByTestId('paused-banner')).toBeHidden();
  await expect(panel).toContainText(co.emergency.closed);
  await expect(panel).toContainText(co.eventKinds.resumed);
  await preview.shot('cutover-03-emergency-closed');

  // The A4 print.
  await page.getByRole('link', { name: co.print }).click();
  await expect(page.getByTestId('cutover-print')).toContainText('迁移在院病人数据');
  await expect(page.getByTestId('cutover-print')).toContainText('补丁已上线，恢复切换');
  await preview.shot('cutover-04-print');
});
