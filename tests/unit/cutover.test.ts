// The cutover plan (issue #15): runbook dependencies and actual times, the go/no-go snapshot frozen when the
// meeting is recorded (later data does not change it), the emergency log from activation to resumption,
// and the export with formula text neutralised.
process.env.TZ = process.env.TZ ?? 'Asia/Shanghai';

import { describe, expect, it } from 'vitest';
import type { AppError } from '#services/core/errors.ts';
import {
  activateEmergency,
  addStep,
  addTrigger,
  cutoverPlan,
  logEmergency,
  recordMeeting,
  resumeCutover,
  runbook,
  setStepStatus,
  takeSnapshot,
} from '#services/cutover/cutover.ts';
import { exportCutover } from '#services/cutover/export.ts';
import { createIssue, transitionIssue } from '#services/issues/issues.ts';
import { createDepartment } from '#services/reference/departments.ts';
import { createPerson } from '#services/reference/people.ts';
import { readTable } from '#services/sheets/tabular.ts';
import { freshCtx, testClock } from './helpers.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'no error';
}

describe('the runbook', () => {
  it('refuses to start a step before its dependencies are done, and stamps actual start and end', () => {
    const clock = testClock('2026-12-01T14:00:00.000Z');
    const ctx = freshCtx({ now: clock.now });
    const stop = addStep(ctx, {
      title: '停止旧系统挂号',
      owner: '信息科',
      plannedStart: null,
      plannedEnd: null,
      dependsOn: [],
    });
    const migrate = addStep(ctx, {
      title: '迁移在院病人数据',
      owner: '厂商',
      plannedStart: '2026-12-01T23:00:00+08:00',
      plannedEnd: null,
      dependsOn: [stop.id],
    });
    expect(migrate.seq).toBe(2);
    expect(runbook(ctx)[1]!.waitingFor).toEqual([1]);
    expect(codeOf(() => setStepStatus(ctx, migrate.id, 'in_progress'))).toBe('cutover_step_dependency');
    setStepStatus(ctx, stop.id, 'in_progress');
    clock.advance(600_000);
    const done = setStepStatus(ctx, stop.id, 'done');
    expect(done).toMatchObject({
      actualStart: '2026-12-01T14:00:00.000Z',
      actualEnd: '2026-12-01T14:10:00.000Z',
    });
    expect(runbook(ctx)[1]!.waitingFor).toEqual([]);
    expect(setStepStatus(ctx, migrate.id, 'in_progress').actualStart).toBe('2026-12-01T14:10:00.000Z');
  });
});

describe('the go/no-go meeting', () => {
  it('keeps the snapshot of the moment it was held when issues and training change later', () => {
    const clock = testClock('2026-12-01T01:00:00.000Z');
    const ctx = freshCtx({ now: clock.now });
    const icu = createDepartment(ctx, { code: 'ICU', name: '重症医学科', type: 'ward', pilotPhase: 1 });
    createPerson(ctx, {
      name: '护士甲',
      role: 'nurse',
      phone: null,
      organisation: 'hospital',
      departmentId: icu.id,
      employeeNo: '001',
    });
    const p1 = createIssue(ctx, {
      title: '医嘱无法保存',
      departmentId: icu.id,
      severity: 'P1',
      category: 'defect',
      blocking: false,
      tags: [],
    });
    const meeting = recordMeeting(ctx, {
      decision: 'no_go',
      attendees: ['王院长', '信息科主任'],
      notes: 'P1 未解决',
    });
    expect(meeting.snapshot.openIssues.map((i) => i.number)).toEqual([p1.number]);
    expect(meeting.snapshot.training).toEqual({ staff: 1, trained: 0, passed: 0, notReady: 1 });
    expect(meeting.snapshot.dualRun.go).toBe(false);
    expect(meeting.heldAt).toBe('2026-12-01T01:00:00.000Z');

    clock.advance(3_600_000);
    transitionIssue(ctx, { id: p1.id, to: 'acknowledged' });
    transitionIssue(ctx, { id: p1.id, to: 'in_progress' });
    transitionIssue(ctx, { id: p1.id, to: 'resolved', resolution: '已修复' });
    createIssue(ctx, {
      title: '另一个阻断',
      departmentId: icu.id,
      severity: 'P3',
      category: 'defect',
      blocking: true,
      tags: [],
    });
    expect(takeSnapshot(ctx).openIssues.map((i) => i.title)).toEqual(['另一个阻断']);
    const stored = cutoverPlan(ctx).meetings[0]!;
    expect(stored.snapshot).toEqual(meeting.snapshot);
    expect(stored.attendees).toEqual(['王院长', '信息科主任']);
  });
});

describe('the emergency procedure', () => {
  it('logs activation, manual fallback, who was told and resumption with timestamps; one open at a time', () => {
    const clock = testClock('2026-12-02T00:30:00.000Z');
    const ctx = freshCtx({ now: clock.now });
    const icu = createDepartment(ctx, { code: 'ICU', name: '重症医学科', type: 'ward', pilotPhase: 1 });
    const e = activateEmergency(ctx, '新系统医嘱无法提交');
    expect(cutoverPlan(ctx).paused).toBe(true);
    expect(codeOf(() => activateEmergency(ctx, '再次'))).toBe('cutover_emergency_open');
    clock.advance(120_000);
    logEmergency(ctx, {
      emergencyId: e.id,
      kind: 'manual_fallback',
      departmentId: icu.id,
      note: '手工医嘱单',
    });
    clock.advance(60_000);
    logEmergency(ctx, { emergencyId: e.id, kind: 'notified', departmentId: null, note: '王院长、医务处' });
    clock.advance(3_600_000);
    const closed = resumeCutover(ctx, e.id, '补丁已上线');
    expect(closed.open).toBe(false);
    expect(closed.events.map((x) => [x.kind, x.at, x.departmentName])).toEqual([
      ['activated', '2026-12-02T00:30:00.000Z', null],
      ['manual_fallback', '2026-12-02T00:32:00.000Z', '重症医学科'],
      ['notified', '2026-12-02T00:33:00.000Z', null],
      ['resumed', '2026-12-02T01:33:00.000Z', null],
    ]);
    expect(cutoverPlan(ctx).paused).toBe(false);
    expect(
      codeOf(() => logEmergency(ctx, { emergencyId: e.id, kind: 'note', departmentId: null, note: 'x' })),
    ).toBe('cutover_emergency_closed');
  });
});

describe('export', () => {
  it('writes runbook, meetings and the emergency log, neutralising formula text', async () => {
    const ctx = freshCtx();
    addStep(ctx, { title: '=停机', owner: '@信息科', plannedStart: null, plannedEnd: null, dependsOn: [] });
    addTrigger(ctx, { condition: '挂号中断超过 30 分钟', action: '回退旧系统' });
    const file = await exportCutover(ctx, 'zh-CN');
    const table = await readTable(file.fileName, file.bytes);
    expect(table.rows[1]!.slice(0, 3)).toEqual(['1', "'=停机", "'@信息科"]);
  });
});
