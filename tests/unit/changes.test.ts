// Change control (issue #15): risk scoring, approval rules (all / majority, one rejection returns the change
// to draft and a new round starts clean), sign-off before implementation, freeze windows with a fake clock
// (a change planned inside one, or with no plan while the clock is inside one, needs an emergency approval),
// the decision log, and `wardside changes list`.
process.env.TZ = process.env.TZ ?? 'Asia/Shanghai';

import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { boot } from '#services/core/boot.ts';
import type { AppError } from '#services/core/errors.ts';
import {
  createChange,
  createFreeze,
  emergencyApprove,
  freezesAt,
  getChangeDetail,
  implementChange,
  listChanges,
  riskLevel,
  riskScore,
  signOff,
  submitChange,
  voteChange,
} from '#services/changes/changes.ts';
import { exportChanges } from '#services/changes/export.ts';
import { readTable } from '#services/sheets/tabular.ts';
import type { ChangeInput, ChangeRow } from '#contract/index.ts';
import { freshCtx, tempDir, testClock, type TestCtx } from './helpers.ts';

const input = (over: Partial<ChangeInput> = {}): ChangeInput => ({
  title: '检验接口改为 HL7 v2.5',
  kind: 'interface',
  reason: 'LIS 厂商升级',
  impactScope: '检验结果回传',
  impactCost: '厂商 3 人天',
  impactSchedule: '无',
  likelihood: 3,
  impact: 4,
  backoutPlan: '切回旧接口配置',
  plannedAt: null,
  rule: 'all',
  approvers: ['信息科主任', '医务处'],
  requestIds: [],
  issueIds: [],
  ...over,
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'no error';
}

const approvers = (ctx: TestCtx, id: string) => getChangeDetail(ctx, id).approvers;

describe('risk', () => {
  it('is likelihood × impact, 1–25, in four bands', () => {
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(3, 4)).toBe(12);
    expect(riskScore(5, 5)).toBe(25);
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(riskLevel)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    const ctx = freshCtx();
    createChange(ctx, input());
    expect(listChanges(ctx)[0]).toMatchObject({ risk: 12, riskLevel: 'high' });
  });
});

describe('approval', () => {
  it('all: approved only when every approver approved; then sign-off, then implemented', () => {
    const ctx = freshCtx();
    const c = createChange(ctx, input());
    expect(
      codeOf(() =>
        voteChange(ctx, { approverId: approvers(ctx, c.id)[0]!.id, vote: 'approve', comment: null }),
      ),
    ).toBe('changes_not_submitted');
    submitChange(ctx, c.id);
    const [a, b] = approvers(ctx, c.id);
    expect(voteChange(ctx, { approverId: a!.id, vote: 'approve', comment: null }).status).toBe('submitted');
    expect(voteChange(ctx, { approverId: b!.id, vote: 'approve', comment: null }).status).toBe('approved');
    expect(codeOf(() => implementChange(ctx, c.id))).toBe('changes_needs_sign_off');
    signOff(ctx, { id: c.id, name: '王院长' });
    expect(implementChange(ctx, c.id).status).toBe('implemented');
    expect(getChangeDetail(ctx, c.id).log.map((l) => l.action)).toEqual([
      'created',
      'submitted',
      'voted_approve',
      'voted_approve',
      'approved',
      'signed_off',
      'implemented',
    ]);
  });

  it('majority: more than half approve', () => {
    const ctx = freshCtx();
    const c = createChange(ctx, input({ rule: 'majority', approvers: ['甲', '乙', '丙'] }));
    submitChange(ctx, c.id);
    const [a, b] = approvers(ctx, c.id);
    expect(voteChange(ctx, { approverId: a!.id, vote: 'approve', comment: null }).status).toBe('submitted');
    expect(voteChange(ctx, { approverId: b!.id, vote: 'approve', comment: null }).status).toBe('approved');
  });

  it('one rejection returns the change to draft, and the next round starts without the old votes', () => {
    const ctx = freshCtx();
    const c = createChange(ctx, input({ rule: 'majority', approvers: ['甲', '乙', '丙'] }));
    submitChange(ctx, c.id);
    const [a, b] = approvers(ctx, c.id);
    voteChange(ctx, { approverId: a!.id, vote: 'approve', comment: null });
    const back = voteChange(ctx, { approverId: b!.id, vote: 'reject', comment: '回退方案不完整' });
    expect(back.status).toBe('draft');
    const resubmitted = submitChange(ctx, c.id);
    expect(resubmitted.round).toBe(2);
    expect(approvers(ctx, c.id).map((x) => x.vote)).toEqual([null, null, null]);
    expect(getChangeDetail(ctx, c.id).log.map((l) => [l.action, l.round])).toContainEqual([
      'returned_to_draft',
      1,
    ]);
  });

  it('refuses a submission without approvers', () => {
    const ctx = freshCtx();
    const c = createChange(ctx, input({ approvers: [] }));
    expect(codeOf(() => submitChange(ctx, c.id))).toBe('changes_no_approvers');
  });
});

describe('freeze windows (fake clock)', () => {
  const window = {
    name: '上线冻结期',
    startsAt: '2026-12-01T00:00:00+08:00',
    endsAt: '2026-12-08T00:00:00+08:00',
  };

  it('a change planned inside a window needs an emergency approval besides the votes', () => {
    const clock = testClock('2026-11-25T02:00:00.000Z');
    const ctx = freshCtx({ now: clock.now });
    createFreeze(ctx, window);
    const c = createChange(ctx, input({ plannedAt: '2026-12-03T22:00:00+08:00' }));
    expect(listChanges(ctx)[0]!.needsEmergencyApproval).toBe(true);
    expect(submitChange(ctx, c.id).inFreeze).toBe(true);
    for (const a of approvers(ctx, c.id))
      voteChange(ctx, { approverId: a.id, vote: 'approve', comment: null });
    expect(listChanges(ctx)[0]).toMatchObject({ status: 'submitted', needsEmergencyApproval: true });
    clock.advance(60_000);
    const approved = emergencyApprove(ctx, { id: c.id, name: '王院长', reason: '影响危急值回传' });
    expect(approved).toMatchObject({
      status: 'approved',
      emergencyApprovedBy: '王院长',
      emergencyApprovedAt: '2026-11-25T02:01:00.000Z',
    });
    expect(listChanges(ctx)[0]!.needsEmergencyApproval).toBe(false);
  });

  it('without a planned time, the clock decides: before, inside and after the window', () => {
    const clock = testClock('2026-11-30T15:59:59.000Z');
    const ctx = freshCtx({ now: clock.now });
    createFreeze(ctx, window);
    expect(freezesAt(ctx, clock.now())).toEqual([]);
    clock.advance(1000); // 2026-12-01 00:00 in Shanghai: the window starts (inclusive)
    expect(freezesAt(ctx, clock.now()).map((f) => f.name)).toEqual(['上线冻结期']);
    const inside = createChange(ctx, input());
    expect(submitChange(ctx, inside.id).inFreeze).toBe(true);
    clock.advance(7 * 86_400_000); // the end is exclusive
    expect(freezesAt(ctx, clock.now())).toEqual([]);
    const after = createChange(ctx, input({ title: '之后' }));
    expect(submitChange(ctx, after.id).inFreeze).toBe(false);
    for (const a of approvers(ctx, after.id))
      voteChange(ctx, { approverId: a.id, vote: 'approve', comment: null });
    expect(getChangeDetail(ctx, after.id).change.status).toBe('approved');
  });
});

describe('export and CLI', () => {
  it('neutralises formula text in the export', async () => {
    const ctx = freshCtx();
    createChange(ctx, input({ title: '+1 天', backoutPlan: '=cmd' }));
    const file = await exportChanges(ctx, 'zh-CN');
    const table = await readTable(file.fileName, file.bytes);
    expect(table.rows[2]![0]).toBe("'+1 天");
    expect(table.rows[2]).toContain("'=cmd");
  });

  it('wardside changes list [--json]', async () => {
    vi.stubEnv('WARDSIDE_LANG', 'zh-CN');
    const db = join(tempDir(), 'wardside.db');
    const ctx = boot(db);
    createChange(ctx, input());
    ctx.close();
    let out = '';
    const code = await runCli(['changes', 'list', '--json', '--db', db], {
      out: (t) => (out += t),
      err: () => {},
    });
    expect(code).toBe(exitCodes.ok);
    const rows = JSON.parse(out) as ChangeRow[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'interface', risk: 12, status: 'draft', approvers: 2 });
    out = '';
    await runCli(['changes', 'list', '--db', db], { out: (t) => (out += t), err: () => {} });
    expect(out).toContain('检验接口改为 HL7 v2.5');
    expect(out).toContain('12 高');
  });
});
