// Same-day targets (issue #3 "Same-day targets") with a fake clock in the hospital's time zone: deadlines
// per severity, "same working day" across midnight, overdue appearing only once a deadline has passed and
// going away when the issue is dealt with, SLA changes, the agreement of the detail view, the list filter
// and the daily summary; then the daily summary itself.
import { describe, expect, it } from 'vitest';
import { getIssueDetail, getSla, setSla, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { dailySummary, listIssues } from '#services/issues/queries.ts';
import { dayBounds, localDay } from '#services/sheets/local-days.ts';
import { deadlines, endOfWorkingDay, overdueKind } from '#services/issues/sla.ts';
import { defaultSla, type IssueFilter, type SlaConfig } from '#contract/index.ts';
import { sameDayStoplight } from '#renderer/features/summary/rate.ts';
import { HOUR, issueWorld, local, MINUTE, type IssueWorld } from './issues-fixtures.ts';

function listIds(w: IssueWorld, filter: IssueFilter): string[] {
  return listIssues(w.ctx, { filter, sort: { key: 'number', dir: 'asc' }, offset: 0, limit: 500 }).rows.map(
    (r) => r.id,
  );
}

const overdueNow = (w: IssueWorld, id: string) => getIssueDetail(w.ctx, id).overdue;

const localDate = (t: string) => new Date(local(t));

describe('the test clock and time zone', () => {
  it('runs in Asia/Shanghai (UTC+8), so "local" below means hospital time', () => {
    expect(process.env.TZ).toBe('Asia/Shanghai');
    expect(new Date(local('2026-11-23 10:00')).getHours()).toBe(10);
    expect(new Date(local('2026-11-23 10:00')).getTimezoneOffset()).toBe(-480);
    expect(localDay(new Date(local('2026-11-23 00:10')))).toBe('2026-11-23');
    expect(dayBounds('2026-11-23')).toEqual({
      start: local('2026-11-23 00:00'),
      end: local('2026-11-24 00:00'),
    });
  });
});

describe('deadlines', () => {
  it.each([
    // severity, reported (local), response due, resolution due
    ['P1', '2026-11-23 10:00', '2026-11-23 10:30', '2026-11-23 14:00'],
    ['P1', '2026-11-23 22:00', '2026-11-23 22:30', '2026-11-24 02:00'],
    ['P2', '2026-11-23 10:00', '2026-11-23 12:00', '2026-11-23 18:00'],
    ['P2', '2026-11-23 17:59', '2026-11-23 19:59', '2026-11-23 18:00'],
    ['P2', '2026-11-23 18:00', '2026-11-23 20:00', '2026-11-24 18:00'],
    ['P2', '2026-11-23 18:30', '2026-11-23 20:30', '2026-11-24 18:00'],
    ['P2', '2026-11-23 23:50', '2026-11-24 01:50', '2026-11-24 18:00'],
    ['P2', '2026-11-24 00:10', '2026-11-24 02:10', '2026-11-24 18:00'],
    ['P2', '2026-11-30 18:30', '2026-11-30 20:30', '2026-12-01 18:00'],
    ['P3', '2026-11-23 10:00', '2026-11-24 10:00', '2026-11-26 10:00'],
    ['P4', '2026-11-23 10:00', '2026-11-25 10:00', '2026-12-03 10:00'],
  ] as const)(
    '%s reported %s: response by %s, resolution by %s',
    (severity, reported, response, resolution) => {
      const expected = { responseDueAt: local(response), resolutionDueAt: local(resolution) };
      expect(deadlines(local(reported), severity, defaultSla)).toEqual(expected);

      // The same through the service, reported "now" on the fake clock.
      const w = issueWorld();
      w.clock.set(local(reported));
      const issue = w.issue({ severity });
      expect(issue).toMatchObject({ reportedAt: local(reported), ...expected });
    },
  );

  it('end of the working day honours the configured hour', () => {
    expect(endOfWorkingDay(new Date(local('2026-11-23 16:30')), '17:00').toISOString()).toBe(
      local('2026-11-23 17:00'),
    );
    expect(endOfWorkingDay(new Date(local('2026-11-23 17:30')), '17:00').toISOString()).toBe(
      local('2026-11-24 17:00'),
    );
  });

  it('an explicit report time (entered afterwards) sets the deadlines, not the time of entry', () => {
    const w = issueWorld();
    w.clock.set(local('2026-11-24 09:00'));
    const issue = w.issue({ severity: 'P2', reportedAt: local('2026-11-23 18:30') });
    expect(issue.resolutionDueAt).toBe(local('2026-11-24 18:00'));
    expect(issue.createdAt).toBe(local('2026-11-24 09:00'));
  });
});

describe('overdue', () => {
  it('P1: response overdue after 30 minutes, resolution after 4 hours, gone once resolved', () => {
    const w = issueWorld();
    const issue = w.issue({ severity: 'P1', title: '急诊挂号全部失败' });
    const state = () => ({
      detail: overdueNow(w, issue.id),
      filtered: listIds(w, { overdue: true }).includes(issue.id),
      summary: dailySummary(w.ctx).overdue,
    });

    w.clock.set(local('2026-11-23 10:30'));
    expect(state()).toEqual({ detail: null, filtered: false, summary: 0 });
    w.clock.set(local('2026-11-23 10:31'));
    expect(state()).toEqual({ detail: 'response', filtered: true, summary: 1 });

    w.clock.set(local('2026-11-23 10:35'));
    transitionIssue(w.ctx, { id: issue.id, to: 'in_progress' });
    expect(state()).toEqual({ detail: null, filtered: false, summary: 0 });

    w.clock.set(local('2026-11-23 14:00'));
    expect(state()).toEqual({ detail: null, filtered: false, summary: 0 });
    w.clock.set(local('2026-11-23 14:01'));
    expect(state()).toEqual({ detail: 'resolution', filtered: true, summary: 1 });
    expect(
      listIssues(w.ctx, { filter: {}, sort: { key: 'number', dir: 'asc' }, offset: 0, limit: 10 }).rows[0],
    ).toMatchObject({ id: issue.id, overdue: 'resolution' });

    w.clock.set(local('2026-11-23 14:20'));
    transitionIssue(w.ctx, { id: issue.id, to: 'resolved', resolution: '网络恢复' });
    expect(state()).toEqual({ detail: null, filtered: false, summary: 0 });

    // Reopened past its deadline, it is overdue again.
    transitionIssue(w.ctx, { id: issue.id, to: 'reopened' });
    expect(state()).toEqual({ detail: 'resolution', filtered: true, summary: 1 });
  });

  it('P2 reported after hours is due at the end of the next working day, across midnight', () => {
    const w = issueWorld();
    w.clock.set(local('2026-11-23 18:30'));
    const late = w.issue({ severity: 'P2', title: '夜班医嘱无法打印' });
    w.clock.set(local('2026-11-23 20:30'));
    expect(overdueNow(w, late.id)).toBeNull();
    w.clock.set(local('2026-11-23 20:31'));
    expect(overdueNow(w, late.id)).toBe('response');
    transitionIssue(w.ctx, { id: late.id, to: 'acknowledged' });

    for (const t of ['2026-11-23 23:59', '2026-11-24 00:01', '2026-11-24 17:59', '2026-11-24 18:00']) {
      w.clock.set(local(t));
      expect(overdueNow(w, late.id), t).toBeNull();
      expect(listIds(w, { overdue: true }), t).toEqual([]);
    }
    w.clock.set(local('2026-11-24 18:01'));
    expect(overdueNow(w, late.id)).toBe('resolution');
    expect(listIds(w, { overdue: true })).toEqual([late.id]);
  });

  it('P3 and P4 count in days', () => {
    const w = issueWorld();
    const p3 = w.issue({ severity: 'P3' });
    const p4 = w.issue({ severity: 'P4' });
    for (const id of [p3.id, p4.id]) transitionIssue(w.ctx, { id, to: 'acknowledged' });
    w.clock.set(local('2026-11-26 10:00'));
    expect([overdueNow(w, p3.id), overdueNow(w, p4.id)]).toEqual([null, null]);
    w.clock.set(local('2026-11-26 10:01'));
    expect([overdueNow(w, p3.id), overdueNow(w, p4.id)]).toEqual(['resolution', null]);
    w.clock.set(local('2026-12-03 10:01'));
    expect([overdueNow(w, p3.id), overdueNow(w, p4.id)]).toEqual(['resolution', 'resolution']);
  });

  it('the detail view, the list rows, the overdue filter and the summary always agree', () => {
    const w = issueWorld();
    const at = (t: string) => w.clock.set(local(t));

    // Imported from the old sheet with their status; the open one is three days past its P3 deadline.
    at('2026-11-19 09:00');
    const importedClosed = w.issue({
      title: '导入已关闭',
      severity: 'P1',
      status: 'closed',
      resolution: '已处理',
    });
    const importedVerified = w.issue({
      title: '导入已确认',
      severity: 'P2',
      status: 'verified',
      resolution: 'ok',
    });
    const importedOpen = w.issue({ title: '导入处理中', severity: 'P3', status: 'in_progress' });
    at('2026-11-23 08:00');
    const target = w.issue({ title: '原问题', severity: 'P4' });
    const p1 = w.issue({ title: 'P1 急诊', severity: 'P1', departmentId: w.er });
    const p2 = w.issue({ title: 'P2 阻断', severity: 'P2', blocking: true });
    const p3 = w.issue({ title: 'P3', severity: 'P3' });
    const wontFix = w.issue({ title: '不予处理', severity: 'P1' });
    transitionIssue(w.ctx, { id: wontFix.id, to: 'wont_fix', resolution: '按现有流程' });
    const dup = w.issue({ title: '重复', severity: 'P1' });
    transitionIssue(w.ctx, { id: dup.id, to: 'duplicate', duplicateOfId: target.id });
    const reopened = w.issue({ title: '重新打开', severity: 'P2' });
    transitionIssue(w.ctx, { id: reopened.id, to: 'resolved', resolution: '已修复' });
    transitionIssue(w.ctx, { id: reopened.id, to: 'reopened' });
    at('2026-11-23 09:00');
    transitionIssue(w.ctx, { id: p3.id, to: 'acknowledged' });

    // In creation order, which is also the order of the list sorted by number.
    const all = [importedClosed, importedVerified, importedOpen, target, p1, p2, p3, wontFix, dup, reopened];
    const moments = [
      '2026-11-23 08:20',
      '2026-11-23 08:31',
      '2026-11-23 10:01',
      '2026-11-23 12:01',
      '2026-11-23 18:01',
      '2026-11-24 08:01',
      '2026-11-24 09:01',
      '2026-11-26 09:01',
      '2026-12-05 12:00',
    ];
    const overdueAt: Record<string, string[]> = {};
    for (const moment of moments) {
      at(moment);
      const fromDetail = all.filter((i) => overdueNow(w, i.id) !== null).map((i) => i.id);
      const rows = listIssues(w.ctx, {
        filter: {},
        sort: { key: 'number', dir: 'asc' },
        offset: 0,
        limit: 100,
      }).rows;
      const fromRows = rows.filter((r) => r.overdue !== null).map((r) => r.id);
      const filtered = listIds(w, { overdue: true });
      const summary = dailySummary(w.ctx);
      expect(fromRows, moment).toEqual(fromDetail);
      expect(filtered, moment).toEqual(fromDetail);
      expect(summary.overdue, moment).toBe(fromDetail.length);
      expect(summary.departments.find((d) => d.departmentId === w.er)?.overdue ?? 0, moment).toBe(
        fromDetail.filter((id) => id === p1.id).length,
      );
      overdueAt[moment] = fromDetail.map(
        (id) => all.find((i) => i.id === id)!.title + ':' + overdueNow(w, id),
      );
    }
    // Issues dealt with (closed, verified, won't fix, duplicate) are never overdue, imported ones included.
    for (const done of [importedClosed, importedVerified, wontFix, dup]) {
      expect(Object.values(overdueAt).flat().join()).not.toContain(done.title);
    }
    expect(overdueAt['2026-11-23 08:20']).toEqual([`${importedOpen.title}:resolution`]);
    expect(overdueAt['2026-11-23 08:31']).toEqual([
      `${importedOpen.title}:resolution`,
      `${p1.title}:response`,
    ]);
    expect(overdueAt['2026-11-23 18:01']).toEqual([
      `${importedOpen.title}:resolution`,
      `${p1.title}:resolution`,
      `${p2.title}:resolution`,
      `${reopened.title}:resolution`,
    ]);
  });
});

describe('changing the targets', () => {
  const strict: SlaConfig = {
    targets: {
      P1: { responseHours: 0.25, resolutionHours: 2 },
      P2: { responseHours: 1, resolutionHours: null },
      P3: { responseHours: 1, resolutionHours: 8 },
      P4: { responseHours: 24, resolutionHours: 120 },
    },
    workdayEnd: '17:00',
  };

  it('recomputes the deadlines of open issues from their report time, not of closed ones', () => {
    const w = issueWorld();
    const open = w.issue({ severity: 'P3' });
    const working = w.issue({ severity: 'P2' });
    transitionIssue(w.ctx, { id: working.id, to: 'in_progress' });
    const resolved = w.issue({ severity: 'P3' });
    transitionIssue(w.ctx, { id: resolved.id, to: 'resolved', resolution: '已修复' });
    const closed = w.issue({ severity: 'P2' });
    for (const to of ['resolved', 'verified', 'closed'] as const)
      transitionIssue(w.ctx, { id: closed.id, to, resolution: '已修复' });
    const wontFix = w.issue({ severity: 'P4' });
    transitionIssue(w.ctx, { id: wontFix.id, to: 'wont_fix', resolution: '不改' });
    const reopened = w.issue({ severity: 'P3' });
    transitionIssue(w.ctx, { id: reopened.id, to: 'resolved', resolution: '已修复' });
    transitionIssue(w.ctx, { id: reopened.id, to: 'reopened' });
    const untouched = [resolved, closed, wontFix].map((i) => getIssueDetail(w.ctx, i.id).issue);

    w.clock.advance(3 * HOUR);
    expect(setSla(w.ctx, strict)).toEqual(strict);
    expect(getSla(w.ctx)).toEqual(strict);

    const due = (id: string) => {
      const { responseDueAt, resolutionDueAt } = getIssueDetail(w.ctx, id).issue;
      return { responseDueAt, resolutionDueAt };
    };
    expect(due(open.id)).toEqual({
      responseDueAt: local('2026-11-23 11:00'),
      resolutionDueAt: local('2026-11-23 18:00'),
    });
    expect(due(working.id)).toEqual({
      responseDueAt: local('2026-11-23 11:00'),
      resolutionDueAt: local('2026-11-23 17:00'),
    });
    expect(due(reopened.id).resolutionDueAt).toBe(local('2026-11-23 18:00'));
    for (const before of untouched) expect(getIssueDetail(w.ctx, before.id).issue).toEqual(before);

    // The stricter target makes the unanswered issue overdue at once (13:00 > 11:00).
    expect(overdueNow(w, open.id)).toBe('response');
    // New issues get the new targets.
    expect(w.issue({ severity: 'P1' }).resolutionDueAt).toBe(local('2026-11-23 15:00'));
  });

  it('changing the severity recomputes the deadlines from the original report time', () => {
    const w = issueWorld();
    const issue = w.issue({ severity: 'P4' });
    w.clock.advance(2 * HOUR);
    const raised = updateIssue(w.ctx, { id: issue.id, severity: 'P1' });
    expect(raised).toMatchObject({
      responseDueAt: local('2026-11-23 10:30'),
      resolutionDueAt: local('2026-11-23 14:00'),
    });
    expect(overdueNow(w, issue.id)).toBe('response');
  });

  it('the pure rule: dealt-with issues are never overdue; unanswered ones are late on response', () => {
    const base = {
      status: 'new',
      acknowledgedAt: null,
      resolvedAt: null,
      responseDueAt: local('2026-11-23 10:30'),
      resolutionDueAt: local('2026-11-23 14:00'),
    };
    const at = localDate;
    expect(overdueKind(base, at('2026-11-23 10:30'))).toBeNull();
    expect(overdueKind(base, at('2026-11-23 10:31'))).toBe('response');
    expect(overdueKind(base, at('2026-11-23 14:01'))).toBe('resolution');
    const answered = { ...base, status: 'in_progress', acknowledgedAt: local('2026-11-23 10:40') };
    expect(overdueKind(answered, at('2026-11-23 13:59'))).toBeNull();
    const resolved = { ...answered, status: 'resolved', resolvedAt: local('2026-11-23 15:00') };
    expect(overdueKind(resolved, at('2026-11-24 10:00'))).toBeNull();
  });
});

/** A day with work carried over, finished, missed and still open in two departments. */
function busyDay() {
  const w = issueWorld();
  const at = (t: string) => w.clock.set(local(t));
  const resolve = (id: string, t: string, to: 'resolved' | 'wont_fix' = 'resolved') => {
    at(t);
    transitionIssue(w.ctx, { id, to, resolution: '已处理' });
  };

  at('2026-11-20 09:00');
  const before = w.issue({ title: '上周已解决', severity: 'P3' });
  resolve(before.id, '2026-11-21 09:00');
  at('2026-11-21 10:00');
  const carriedEr = w.issue({ title: '急诊遗留', severity: 'P3', departmentId: w.er });
  at('2026-11-21 11:00');
  transitionIssue(w.ctx, { id: carriedEr.id, to: 'acknowledged' });
  at('2026-11-22 09:00');
  const carried = w.issue({ title: '昨天提出今天解决', severity: 'P3' });
  at('2026-11-23 09:00');
  const sameDay = w.issue({ title: '当天解决', severity: 'P2' });
  at('2026-11-23 10:00');
  const missed = w.issue({ title: '次日才解决', severity: 'P2' });
  at('2026-11-23 11:00');
  const wontFix = w.issue({ title: '不予处理', severity: 'P2' });
  resolve(carried.id, '2026-11-23 11:00');
  resolve(wontFix.id, '2026-11-23 12:00', 'wont_fix');
  at('2026-11-23 12:00');
  const blockingEr = w.issue({ title: '急诊阻断上线', severity: 'P4', blocking: true, departmentId: w.er });
  resolve(sameDay.id, '2026-11-23 15:00');
  at('2026-11-23 19:00');
  const nightP1 = w.issue({ title: '夜间P1未处理', severity: 'P1' });
  resolve(missed.id, '2026-11-24 10:00');
  at('2026-11-24 09:00');
  const nextDay = w.issue({ title: '次日提出', severity: 'P1' });
  at('2026-11-25 12:00');
  return { w, before, carriedEr, carried, sameDay, missed, wontFix, blockingEr, nightP1, nextDay };
}

describe('daily summary', () => {
  it('counts a past day per department, judged at the end of that day', () => {
    const { w, blockingEr, nightP1, nextDay } = busyDay();
    const summary = dailySummary(w.ctx, '2026-11-23');
    expect(summary).toMatchObject({
      day: '2026-11-23',
      reported: 5,
      resolved: 3,
      open: 4,
      overdue: 2,
      target: 0.95,
    });
    expect(summary.departments).toEqual([
      { departmentId: w.icu, departmentName: '重症医学科', reported: 4, resolved: 3, open: 2, overdue: 2 },
      { departmentId: w.er, departmentName: '急诊科', reported: 1, resolved: 0, open: 2, overdue: 0 },
    ]);
    // Reported that day with the deadline passed or resolved: 当天解决, 次日才解决 (late), 不予处理,
    // 夜间P1未处理 (due 23:00, open) → 2 of 4 on time.
    expect(summary.sameDayRate).toBe(0.5);
    // Open P1 and blocking issues reported by the end of that day, P1 first; not the next day's P1.
    expect(summary.urgent.map((r) => r.id)).toEqual([nightP1.id, blockingEr.id]);
    expect(summary.urgent.map((r) => r.id)).not.toContain(nextDay.id);
  });

  it('is empty for a quiet day, with no rate', () => {
    const { w } = busyDay();
    expect(dailySummary(w.ctx, '2026-11-10')).toMatchObject({
      reported: 0,
      resolved: 0,
      open: 0,
      overdue: 0,
      sameDayRate: null,
      departments: [],
      urgent: [],
    });
  });

  it('for today, judges at the clock and defaults to the local day', () => {
    const w = issueWorld();
    w.clock.set(local('2026-11-24 07:50'));
    const p1 = w.issue({ severity: 'P1', title: '检验结果无法回传' });
    w.clock.set(local('2026-11-24 08:10'));
    const p2 = w.issue({ severity: 'P2', title: '护理记录排版' });

    w.clock.set(local('2026-11-24 08:21'));
    let today = dailySummary(w.ctx);
    expect(today).toMatchObject({ day: '2026-11-24', reported: 2, open: 2, overdue: 1, sameDayRate: null });
    expect(today.urgent.map((r) => r.id)).toEqual([p1.id]);
    expect(today.urgent[0]!.overdue).toBe('response');

    w.clock.set(local('2026-11-24 12:00'));
    transitionIssue(w.ctx, { id: p2.id, to: 'resolved', resolution: '调整模板' });
    today = dailySummary(w.ctx);
    // The P1 is past its 4-hour deadline and open; the P2 was resolved in time.
    expect(today).toMatchObject({ reported: 2, resolved: 1, open: 1, overdue: 1, sameDayRate: 0.5 });
  });

  it('says what the rate counts (n of m) and the open ones not yet due; never green over overdue work', () => {
    // Issue 12 §6: 100 % in green beside 16 new, 1 resolved and 11 overdue.
    const w = issueWorld();
    w.clock.set(local('2026-11-24 08:00'));
    const done = w.issue({ severity: 'P3', title: '打印模板错位' });
    const waiting = Array.from({ length: 3 }, (_, i) => w.issue({ severity: 'P2', title: `医嘱问题${i}` }));
    w.issue({ severity: 'P3', title: '界面字体偏小' });
    w.clock.set(local('2026-11-24 09:00'));
    transitionIssue(w.ctx, { id: done.id, to: 'resolved', resolution: '调整模板' });
    // P2 must be acknowledged within 1 hour: the three are overdue on response, not yet due on resolution.
    w.clock.set(local('2026-11-24 10:30'));
    const today = dailySummary(w.ctx);
    expect(waiting).toHaveLength(3);
    expect(today).toMatchObject({
      reported: 5,
      resolved: 1,
      overdue: 3,
      sameDayRate: 1,
      sameDayMet: 1,
      sameDayCounted: 1,
      sameDayPending: 4,
    });
    expect(sameDayStoplight(today)).toBe('amber');
    expect(sameDayStoplight({ ...today, overdue: 0 })).toBe('green');
    expect(sameDayStoplight({ ...today, sameDayRate: 0.5 })).toBe('red');
    expect(sameDayStoplight({ ...today, sameDayRate: null, overdue: 0 })).toBeUndefined();
  });

  it('days are local: just before and just after midnight fall on different days', () => {
    const w = issueWorld();
    w.clock.set(local('2026-11-22 23:59'));
    w.issue({ title: '深夜' });
    w.clock.set(local('2026-11-23 00:00'));
    w.issue({ title: '零点' });
    w.clock.set(local('2026-11-23 09:00'));
    expect(dailySummary(w.ctx, '2026-11-22').reported).toBe(1);
    expect(dailySummary(w.ctx, '2026-11-23').reported).toBe(1);
    expect(dailySummary(w.ctx).day).toBe('2026-11-23');
  });

  it('an issue resolved on the stroke of midnight was open at the end of the day before', () => {
    const w = issueWorld();
    const issue = w.issue({ severity: 'P3' });
    w.clock.set(local('2026-11-24 00:00'));
    transitionIssue(w.ctx, { id: issue.id, to: 'resolved', resolution: '已修复' });
    w.clock.set(local('2026-11-24 09:00'));
    expect(dailySummary(w.ctx, '2026-11-23')).toMatchObject({ reported: 1, resolved: 0, open: 1 });
    expect(dailySummary(w.ctx, '2026-11-24')).toMatchObject({ reported: 0, resolved: 1, open: 0 });
  });

  it('moves on a minute before midnight to the next day at midnight', () => {
    const w = issueWorld();
    w.clock.set(local('2026-11-23 23:59'));
    expect(dailySummary(w.ctx).day).toBe('2026-11-23');
    w.clock.advance(MINUTE);
    expect(dailySummary(w.ctx).day).toBe('2026-11-24');
  });
});
