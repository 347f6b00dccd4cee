import { describe, expect, it } from 'vitest';
import { createDepartment } from '#services/reference/departments.ts';
import { createIssue } from '#services/issues/issues.ts';
import { listItems, triageItems } from '#services/reconcile/items.ts';
import { findProfileByDomain } from '#services/reconcile/profiles.ts';
import { cleanStreak, goNoGo, setCriteria, trends } from '#services/reconcile/trend.ts';
import { defaultCutoverCriteria } from '#contract/index.ts';
import { freshCtx } from './helpers.ts';
import { diff, run } from './reconcile-fixtures.ts';

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;
const five = (value: string) => ['K1', 'K2', 'K3', 'K4', 'K5'].map((k) => diff(k, 'amount', '1', value));

/**
 * The known dataset, computed by hand:
 * 门诊收费: 15 days of 1000 rows. Days 1–12 the same five keys differ (995/1000 = 99.5 %), day 13 only K1
 * (999/1000 = 99.9 %, exactly the threshold), days 14 and 15 clean. Clean streak 2; last 3 days
 * 99.9 %, 100 %, 100 %; K1–K5 first seen on day 1 and still open on day 15: 14 days old.
 * 住院医嘱: 3 clean days (13–15) of 500 rows.
 */
function dataset() {
  const ctx = freshCtx();
  for (let d = 1; d <= 12; d++) run(ctx, day(d), 1000, five(String(d)));
  run(ctx, day(13), 1000, [diff('K1', 'amount', '1', '13')]);
  run(ctx, day(14), 1000, []);
  run(ctx, day(15), 1000, []);
  for (let d = 13; d <= 15; d++) run(ctx, day(d), 500, [], '住院医嘱');
  return ctx;
}

describe('trend and go / no-go', () => {
  it('consistency rate per day and clean streaks', () => {
    const ctx = dataset();
    const [inpatient, charges] = trends(ctx);
    expect(charges!.domain).toBe('门诊收费');
    expect(charges!.points).toHaveLength(15);
    expect(charges!.points[0]).toMatchObject({
      rate: 0.995,
      consistentRows: 995,
      totalRows: 1000,
      clean: false,
    });
    expect(charges!.points.slice(-3).map((p) => p.rate)).toEqual([0.999, 1, 1]);
    expect(charges!.cleanStreak).toBe(2);
    expect(inpatient!.cleanStreak).toBe(3);
    expect(cleanStreak([{ clean: true }, { clean: false }, { clean: true }])).toBe(1);
    expect(cleanStreak([])).toBe(0);
  });

  it('no-go with the defaults: a short domain and old open items; go once triaged and criteria allow', () => {
    const ctx = dataset();
    const verdict = goNoGo(ctx);
    expect(verdict.criteria).toEqual(defaultCutoverCriteria);
    expect(verdict.go).toBe(false);
    const charges = verdict.domains.find((d) => d.domain === '门诊收费')!;
    expect(charges).toMatchObject({ runDays: 15, cleanStreak: 2, oldestOpenAgeDays: 14, go: false });
    expect(charges.criteria.map((c) => [c.key, c.pass, c.actual])).toEqual([
      ['minDays', true, 15],
      ['recentRate', true, 0.999],
      ['openAge', false, 5],
    ]);
    const overall = Object.fromEntries(verdict.overall.map((c) => [c.key, c]));
    expect(overall.minDays).toMatchObject({ pass: false, actual: 3, detail: ['住院医嘱'] });
    expect(overall.recentRate).toMatchObject({ pass: true, actual: 0.999 });
    expect(overall.openAge).toMatchObject({ pass: false, actual: 5, detail: ['门诊收费'] });
    expect(overall.blockingIssues).toMatchObject({ pass: true, actual: 0 });

    // Triage the five items, and accept 3 days of dual run for this test.
    const profileId = findProfileByDomain(ctx, '门诊收费')!.id;
    const ids = listItems(ctx, { filter: { profileId } }).rows.map((r) => r.id);
    triageItems(ctx, { ids, status: 'fixed' });
    setCriteria(ctx, { ...defaultCutoverCriteria, minDays: 3 });
    expect(goNoGo(ctx).go).toBe(true);

    // A stricter rate fails on day 13 only.
    setCriteria(ctx, { ...defaultCutoverCriteria, minDays: 3, minRate: 0.9995 });
    const strict = goNoGo(ctx);
    expect(strict.go).toBe(false);
    expect(strict.domains.find((d) => d.domain === '门诊收费')!.criteria[1]).toMatchObject({
      key: 'recentRate',
      pass: false,
      detail: [day(13)],
    });
  });

  it('an open P1 or blocking pilot issue is a no-go until it is resolved', () => {
    const ctx = dataset();
    setCriteria(ctx, { ...defaultCutoverCriteria, minDays: 3, maxOpenAgeDays: 30 });
    expect(goNoGo(ctx).go).toBe(true);
    const dept = createDepartment(ctx, { code: 'ICU', name: 'ICU', type: 'ward', pilotPhase: 1 });
    const base = { departmentId: dept.id, category: 'defect' as const, tags: [] };
    createIssue(ctx, { ...base, title: 'P3 blocking', severity: 'P3', blocking: true });
    const p1 = createIssue(ctx, { ...base, title: 'P1', severity: 'P1', blocking: false });
    createIssue(ctx, { ...base, title: 'P2', severity: 'P2', blocking: false });
    const verdict = goNoGo(ctx);
    expect(verdict.go).toBe(false);
    expect(verdict.blockingIssues.map((i) => i.title)).toEqual(['P3 blocking', 'P1']);
    expect(verdict.overall.find((c) => c.key === 'blockingIssues')!.detail).toContain(p1.number);
    setCriteria(ctx, { ...defaultCutoverCriteria, minDays: 3, maxOpenAgeDays: 30, noBlockingIssues: false });
    expect(goNoGo(ctx).go).toBe(true);
  });

  it('no domain at all is no-go', () => {
    expect(goNoGo(freshCtx()).go).toBe(false);
  });
});
