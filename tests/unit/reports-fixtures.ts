// The hand-computed dataset of the report tests (issue #13): nine issues around the edges of the week
// 2026-11-16 … 2026-11-22 (local days), downtime across its start, incidents at its edges, two efficiency
// measures. Built on the wall clock of the process's time zone, so the figures are the same in every zone.
import type { Ctx } from '#services/core/context.ts';
import { createIssue, transitionIssue } from '#services/issues/issues.ts';
import { setupProject } from '#services/reference/project.ts';
import { addDowntime, addEfficiency, addIncident } from '#services/reports/logs.ts';
import type { IssueCategory, IssueStatus, Severity } from '#contract/index.ts';
import { freshCtx } from './helpers.ts';

/** A local wall-clock time in November 2026. */
export const local = (day: number, h = 0, m = 0, s = 0) => new Date(2026, 10, day, h, m, s);
export const period = { from: '2026-11-16', to: '2026-11-22' };

export function dataset() {
  let clock = local(25, 10);
  const ctx = freshCtx({ now: () => clock });
  const at = (d: Date) => {
    clock = d;
  };
  setupProject(ctx, {
    hospital: '市第一人民医院',
    name: 'HIS 升级',
    newSystem: 'HIS',
    goLiveDate: null,
    pilotDepartments: [
      { code: 'ICU', name: '重症医学科', type: 'ward' },
      { code: 'ER', name: '急诊科', type: 'ward' },
    ],
  });
  const dept = (code: string) =>
    (ctx.sqlite.prepare('SELECT id FROM department WHERE code = ?').get(code) as { id: string }).id;
  const sys = (code: string) =>
    (ctx.sqlite.prepare('SELECT id FROM system WHERE code = ?').get(code) as { id: string }).id;
  const issue = (
    title: string,
    severity: Severity,
    department: string,
    category: IssueCategory,
    reported: Date,
    moves: [Date, IssueStatus][] = [],
  ) => {
    at(reported);
    const { id } = createIssue(ctx, {
      title,
      severity,
      departmentId: dept(department),
      systemId: sys('HIS'),
      category,
      blocking: false,
      tags: [],
      reportedAt: reported.toISOString(),
    });
    for (const [when, to] of moves) {
      at(when);
      transitionIssue(ctx, { id, to, resolution: '已处理' });
    }
  };
  // A: reported the second before the period, resolved 30 s into it (P1, due 4 h later): resolved, on time.
  issue('A', 'P1', 'ICU', 'defect', local(15, 23, 59, 59), [[local(16, 0, 0, 30), 'resolved']]);
  // B: reported at the period's first instant, resolved the same morning: reported, resolved, same day.
  issue('B', 'P2', 'ICU', 'usability', local(16, 0, 0, 0), [[local(16, 10), 'resolved']]);
  // C: resolved in the period, then reopened: open at the end, overdue (due 11-20 09:00), not resolved.
  issue('C', 'P3', 'ER', 'training', local(17, 9), [
    [local(18, 9), 'resolved'],
    [local(19, 9), 'reopened'],
  ]);
  // D: reported in the period's last second, resolved at the next midnight: open at the end, not overdue.
  issue('D', 'P3', 'ER', 'defect', local(22, 23, 59, 59), [[local(23, 0, 0, 0), 'resolved']]);
  // E: resolved after the period: open at the end.
  issue('E', 'P4', 'ICU', 'defect', local(20, 10), [[local(24, 10), 'resolved']]);
  // F: a P1 resolved 6 h after its report: resolved late, same day.
  issue('F', 'P1', 'ER', 'defect', local(18, 8), [[local(18, 14), 'resolved']]);
  // G: reported before the period and never resolved: open at the end, overdue.
  issue('G', 'P2', 'ICU', 'defect', local(10, 9));
  // H: reported after the period: counts nowhere.
  issue('H', 'P3', 'ICU', 'defect', local(23, 8));
  // I: won't fix the same afternoon: resolved, on time, same day.
  issue('I', 'P4', 'ER', 'change_request', local(19, 12), [[local(19, 15), 'wont_fix']]);

  at(local(25, 10));
  // HIS down across the period's start: 60 of its 120 minutes fall inside. EMR's planned window does not count.
  addDowntime(ctx, {
    systemId: sys('HIS'),
    startAt: local(15, 23).toISOString(),
    endAt: local(16, 1).toISOString(),
    planned: false,
    cause: '数据库故障',
    departmentIds: [dept('ICU')],
  });
  addDowntime(ctx, {
    systemId: sys('EMR'),
    startAt: local(18, 2).toISOString(),
    endAt: local(18, 4).toISOString(),
    planned: true,
    cause: '版本升级',
    departmentIds: [],
  });
  addIncident(ctx, {
    occurredAt: local(16).toISOString(),
    title: '账号外借',
    severity: 'low',
    description: null,
    departmentId: null,
    resolvedAt: null,
  });
  addIncident(ctx, {
    occurredAt: local(23).toISOString(),
    title: '下周事件',
    severity: 'low',
    description: null,
    departmentId: null,
    resolvedAt: null,
  });
  addEfficiency(ctx, {
    name: '病历录入时间',
    unit: '分钟/份',
    baseline: 20,
    current: 15,
    lowerIsBetter: true,
  });
  addEfficiency(ctx, { name: '日门诊量', unit: '人次', baseline: 1000, current: 1100, lowerIsBetter: false });
  return { ctx: ctx as Ctx, sys };
}
