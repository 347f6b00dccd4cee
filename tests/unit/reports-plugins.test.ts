// The KPI board's pieces that other areas supply (main/services/areas.ts plugs them in): 临床满意度 from the
// satisfaction surveys, and ward-round visits per department beside the heat map's issues.
import { describe, expect, it } from 'vitest';
import { visitInput } from '#contract/index.ts';
import { computeFigures } from '#services/reports/figures.ts';
import { logVisit } from '#services/rounds/visits.ts';
import { addPaperResponse, createRound } from '#services/surveys/rounds.ts';
import { issueWorld, local } from './issues-fixtures.ts';

describe('the KPI board with surveys and ward rounds', () => {
  it('has no satisfaction figure before a survey, then satisfied ÷ answered from the surveys of the period', () => {
    const w = issueWorld();
    const period = { from: '2026-11-20', to: '2026-11-26' };
    expect(computeFigures(w.ctx, period).kpis.find((k) => k.key === 'satisfaction')).toMatchObject({
      value: null,
    });
    const round = createRound(w.ctx, { name: '第一轮', startsOn: null, endsOn: null, departmentIds: [] });
    for (const answer of ['非常满意', '满意', '一般', '不满意', '满意'] as const) {
      addPaperResponse(w.ctx, {
        roundId: round.id,
        department: '重症医学科',
        role: '护士',
        answer,
        comment: null,
      });
    }
    const satisfaction = computeFigures(w.ctx, period).kpis.find((k) => k.key === 'satisfaction')!;
    expect(satisfaction.value).toBeCloseTo(3 / 5, 10);
  });

  it('adds each department’s ward-round visits to the heat map, with a row for a department visited without issues', () => {
    const w = issueWorld();
    for (const at of ['2026-11-23 09:30', '2026-11-24 10:00']) {
      logVisit(w.ctx, visitInput.parse({ departmentId: w.icu, startedAt: local(at), durationMinutes: 20 }));
    }
    // Outside the period: not counted.
    logVisit(
      w.ctx,
      visitInput.parse({ departmentId: w.er, startedAt: local('2026-11-10 09:00'), durationMinutes: 5 }),
    );
    const heat = computeFigures(w.ctx, { from: '2026-11-20', to: '2026-11-26' }).issues.heatmap;
    const row = heat.rows.findIndex((r) => r.id === w.icu);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(heat.series.visits![row]).toEqual([2]);
    expect(heat.series.issues![row]).toEqual(heat.columns.map(() => 0));
    expect(heat.rows.some((r) => r.id === w.er)).toBe(false);
  });
});
