// `wardside demo --days N` (issue #13): a realistic pilot, the same for the same seed.
import { describe, expect, it } from 'vitest';
import { runPilotDemo } from '#services/demo/pilot.ts';
import { computeFigures } from '#services/reports/figures.ts';
import { freshCtx } from './helpers.ts';

const NOW = new Date('2026-11-26T07:30:00.000Z');

function pilot(seed: number) {
  const ctx = freshCtx({ now: () => NOW });
  const result = runPilotDemo(ctx, { replica: 'D', seed, days: 14 });
  const count = (sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n;
  return { ctx, result, count };
}

describe('demo --days', () => {
  it('is deterministic for a seed and different for another', () => {
    process.env.TZ = 'Asia/Shanghai';
    const a = pilot(5);
    const b = pilot(5);
    const c = pilot(6);
    const figures = (p: ReturnType<typeof pilot>) => {
      const { generatedAt: _g, ...rest } = computeFigures(p.ctx, { from: p.result.from, to: p.result.to });
      // Ids differ between databases; everything counted must not.
      return JSON.stringify(rest, (k, v: unknown) => (k === 'id' || k === 'systemId' ? undefined : v));
    };
    expect(a.result).toEqual(b.result);
    expect(figures(a)).toBe(figures(b));
    expect(figures(a)).not.toBe(figures(c));
  }, 120_000);

  it('looks like a pilot: arrivals decay after go-live, work along the workflow, training, dual run, downtime', () => {
    process.env.TZ = 'Asia/Shanghai';
    const { ctx, result, count } = pilot(11);
    expect(result).toMatchObject({ days: 14, from: '2026-11-13', to: '2026-11-26' });
    const f = computeFigures(ctx, { from: result.from, to: result.to });
    const first3 = f.issues.perDay.slice(0, 3).reduce((n, d) => n + d.reported, 0);
    const last3 = f.issues.perDay.slice(-4, -1).reduce((n, d) => n + d.reported, 0);
    expect(first3).toBeGreaterThan(2 * last3);
    // Reported at working hours in local time, mostly.
    const hours = (
      ctx.sqlite.prepare('SELECT reported_at AS at FROM pilot_issue').all() as { at: string }[]
    ).map((r) => new Date(r.at).getHours());
    expect(hours.filter((h) => h >= 8 && h < 18).length / hours.length).toBeGreaterThan(0.85);
    expect(
      count("SELECT count(*) AS n FROM issue_history WHERE field = 'status' AND new_value = 'reopened'"),
    ).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM pilot_issue WHERE status = 'wont_fix'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM pilot_issue WHERE status = 'duplicate'")).toBeGreaterThan(0);
    // Around the targets: most on time, some late.
    const timeliness = f.kpis.find((k) => k.key === 'timeliness')!.value!;
    expect(timeliness).toBeGreaterThan(0.75);
    expect(timeliness).toBeLessThan(1);
    expect(f.training.staff).toBeGreaterThan(50);
    expect(f.training.passed).toBeGreaterThan(0);
    expect(f.dualRun.perDay.length).toBeGreaterThan(5);
    // Consistency improves over the dual run.
    expect(f.dualRun.perDay.at(-1)!.rate).toBeGreaterThanOrEqual(f.dualRun.perDay[0]!.rate);
    expect(count('SELECT count(*) AS n FROM downtime_event')).toBe(result.downtimes);
    expect(f.efficiency.length).toBe(3);
  }, 60_000);
});
