// The KPI figures on a hand-computed dataset (issue #13), in two time zones: the period's edges are local
// midnights, so the same wall-clock dataset must give the same figures in Shanghai and in UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, kpiStatus } from '#services/reports/figures.ts';
import { checkPeriod, presetPeriod } from '#services/reports/period.ts';
import { registerSatisfactionQuery } from '#services/reports/satisfaction.ts';
import { setTarget } from '#services/reports/targets.ts';
import { AppError } from '#services/core/errors.ts';
import { dataset, period } from './reports-fixtures.ts';

describe.each(['Asia/Shanghai', 'UTC'])('KPI figures in %s', (zone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('counts every figure of the hand-computed dataset', () => {
    const { ctx, sys } = dataset();
    const f = computeFigures(ctx, period);
    // The period starts at the local midnight: the zone really is the one under test.
    expect(f.period).toMatchObject({
      days: 7,
      startAt: zone === 'UTC' ? '2026-11-16T00:00:00.000Z' : '2026-11-15T16:00:00.000Z',
      endAt: zone === 'UTC' ? '2026-11-23T00:00:00.000Z' : '2026-11-22T16:00:00.000Z',
    });
    expect(f.issues).toMatchObject({
      reported: 6, // B C D E F I
      resolved: 4, // A B F I
      openAtEnd: 4, // C D E G
      overdue: 2, // C G
      resolvedOnTime: 3, // A B I
      sameDayResolved: 3, // B F I
    });
    expect(f.issues.bySeverity).toEqual({
      P1: { reported: 1, resolved: 2, openAtEnd: 0, overdue: 0 },
      P2: { reported: 1, resolved: 1, openAtEnd: 1, overdue: 1 },
      P3: { reported: 2, resolved: 0, openAtEnd: 2, overdue: 1 },
      P4: { reported: 2, resolved: 1, openAtEnd: 1, overdue: 0 },
    });
    expect(f.issues.byCategory.defect).toEqual({ reported: 3, resolved: 2, openAtEnd: 3, overdue: 1 });
    const icu = f.issues.byDepartment.find((d) => d.name === '重症医学科')!;
    expect(icu).toMatchObject({ reported: 2, resolved: 2, openAtEnd: 2, overdue: 1 }); // B E | A B | E G | G
    // Per local day: 11-16 has B reported and A, B resolved; the burn-down counts what was open at each midnight.
    expect(f.issues.perDay.map((d) => d.day)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(f.issues.perDay[0]).toEqual({
      day: '2026-11-16',
      reported: 1,
      resolved: 2,
      open: { P1: 0, P2: 1, P3: 0, P4: 0 },
    });
    // C is counted open on 11-18 too: figures follow the current stamps (reopened = open until resolved again).
    expect(f.issues.perDay[2]).toEqual({
      day: '2026-11-18',
      reported: 1,
      resolved: 1,
      open: { P1: 0, P2: 1, P3: 1, P4: 0 },
    });
    expect(f.issues.perDay[6]!.open).toEqual({ P1: 0, P2: 1, P3: 2, P4: 1 });
    expect(f.issues.topOpen.map((o) => o.title)).toEqual(['G', 'C', 'D', 'E']);
    expect(f.issues.overdueList.map((o) => o.title)).toEqual(['G', 'C']);
    expect(f.issues.newHigh.map((o) => o.title)).toEqual(['F', 'B']);
    expect(f.issues.heatmap.rows.map((r) => r.name).sort()).toEqual(['急诊科', '重症医学科'].sort());
    const erRow = f.issues.heatmap.rows.findIndex((r) => r.name === '急诊科');
    // ER reported C (training), D (defect), F (defect), I (change_request).
    expect(
      Object.fromEntries(
        f.issues.heatmap.columns.map((c, i) => [c, f.issues.heatmap.series.issues![erRow]![i]]),
      ),
    ).toEqual({
      defect: 2,
      change_request: 1,
      usability: 0,
      training: 1,
      data_interface: 0,
      hardware_network: 0,
    });

    const his = f.availability.find((a) => a.systemId === sys('HIS'))!;
    expect(his).toMatchObject({ unplannedMinutes: 60, plannedMinutes: 0, events: 1 });
    expect(his.availability).toBeCloseTo(1 - 60 / (7 * 1440), 12);
    const emr = f.availability.find((a) => a.systemId === sys('EMR'))!;
    expect(emr).toMatchObject({ unplannedMinutes: 0, plannedMinutes: 120, availability: 1 });
    expect(f.security.incidents).toBe(1);
    expect(f.efficiency.map((e) => [e.name, e.improvement])).toEqual([
      ['日门诊量', expect.closeTo(0.1, 12)],
      ['病历录入时间', 0.25],
    ]);

    const kpi = Object.fromEntries(f.kpis.map((k) => [k.key, k]));
    expect(kpi.timeliness).toMatchObject({
      value: 0.75,
      numerator: 3,
      denominator: 4,
      target: 0.95,
      status: 'red',
    });
    expect(kpi.sameDay).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
    expect(kpi.availability!.value).toBeCloseTo(1 - 60 / 10080, 12);
    expect(kpi.availability!.status).toBe('red'); // 99.40 % < 99.9 % − 0.4 %
    expect(kpi.securityIncidents).toMatchObject({ value: 1, target: 0, status: 'red' });
    expect(kpi.satisfaction).toMatchObject({ value: null, status: 'none' });
    expect(kpi.trainingPassed).toMatchObject({ value: null, status: 'none' });
    expect(kpi.dualRunConsistency).toMatchObject({ value: null, status: 'none' });
  });

  it('moves the stoplight with the target and its amber margin', () => {
    const { ctx } = dataset();
    const status = () => computeFigures(ctx, period).kpis.find((k) => k.key === 'timeliness')!.status;
    setTarget(ctx, { key: 'timeliness', target: 0.7, amber: 0.05 });
    expect(status()).toBe('green');
    setTarget(ctx, { key: 'timeliness', target: 0.8, amber: 0.05 });
    expect(status()).toBe('amber'); // 75 % is exactly at the margin
    setTarget(ctx, { key: 'timeliness', target: 0.8, amber: 0.04 });
    expect(status()).toBe('red');
  });

  it('takes 临床满意度 from a pluggable query', () => {
    const { ctx } = dataset();
    const seen: unknown[] = [];
    registerSatisfactionQuery((_c, p) => {
      seen.push(p);
      return { satisfied: 45, answered: 50 };
    });
    try {
      const kpi = computeFigures(ctx, period).kpis.find((k) => k.key === 'satisfaction')!;
      expect(kpi).toMatchObject({ value: 0.9, numerator: 45, denominator: 50, status: 'green' });
      expect(seen).toEqual([period]);
    } finally {
      registerSatisfactionQuery(null);
    }
  });

  it('gives each preset its period, and refuses a bad one naming it', () => {
    const { ctx } = dataset();
    expect(presetPeriod(ctx, 'huddle', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(presetPeriod(ctx, 'weekly', '2026-11-25')).toEqual({ from: '2026-11-19', to: '2026-11-25' });
    expect(presetPeriod(ctx, 'monthly', '2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(presetPeriod(ctx, 'bulletin', '2026-11-25')).toEqual({ from: '2026-11-10', to: '2026-11-25' });
    for (const [from, to, detail] of [
      ['2026-11-23', '2026-11-22', '2026-11-23 > 2026-11-22'],
      ['2026-02-30', '2026-03-01', '2026-02-30'],
      ['yesterday', '2026-03-01', 'yesterday'],
    ] as const) {
      const error = (() => {
        try {
          checkPeriod(from, to);
        } catch (e) {
          return e as AppError;
        }
        return null;
      })();
      expect(error?.code).toBe('report_bad_period');
      expect(error?.params.detail).toBe(detail);
    }
  });
});

describe('kpiStatus', () => {
  it('is green at the target, amber within the margin, red beyond, none without a value', () => {
    const t = { target: 0.95, amber: 0.05 };
    expect(kpiStatus('timeliness', 19 / 20, t)).toBe('green');
    expect(kpiStatus('timeliness', 0.9, t)).toBe('amber');
    expect(kpiStatus('timeliness', 0.899, t)).toBe('red');
    expect(kpiStatus('timeliness', null, t)).toBe('none');
    expect(kpiStatus('securityIncidents', 0, { target: 0, amber: 0 })).toBe('green');
    expect(kpiStatus('securityIncidents', 1, { target: 0, amber: 0 })).toBe('red');
    expect(kpiStatus('securityIncidents', 1, { target: 0, amber: 1 })).toBe('amber');
  });
});
