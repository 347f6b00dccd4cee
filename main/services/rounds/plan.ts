// The rounding plan: every pilot department visited every N working days (Mon–Fri), and the departments
// not visited within it ("N 个工作日未驻点"). Judged on local calendar days against ctx.now().
import { wardRoundPlan } from '#db/schema.ts';
import { defaultRoundInterval, type RoundPlan } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { getRecord, insertRecord, stableId, updateRecord } from '#services/core/records.ts';
import { localDay } from '#services/sheets/local-days.ts';

/** One plan per project: the same id on every laptop, so two laptops setting it merge into one record. */
const PLAN_ID = stableId('ward_round_plan', 'default');

function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** Working days (Mon–Fri) after `fromDay` up to and including `toDay`; 0 when the same day or later. */
export function workingDaysBetween(fromDay: string, toDay: string): number {
  const day = parseDay(fromDay);
  const end = parseDay(toDay).getTime();
  let n = 0;
  for (day.setDate(day.getDate() + 1); day.getTime() <= end; day.setDate(day.getDate() + 1)) {
    const weekday = day.getDay();
    if (weekday !== 0 && weekday !== 6) n++;
  }
  return n;
}

export function planInterval(ctx: Ctx): number {
  const row = ctx.sqlite
    .prepare('SELECT interval_days AS n FROM ward_round_plan WHERE id = ?')
    .get(PLAN_ID) as { n: number } | undefined;
  return row?.n ?? defaultRoundInterval;
}

export function roundPlan(ctx: Ctx): RoundPlan {
  const intervalDays = planInterval(ctx);
  const today = localDay(ctx.now());
  let departments = ctx.sqlite
    .prepare(
      `SELECT d.id AS departmentId, d.name AS departmentName,
         (SELECT max(v.started_at) FROM ward_visit v WHERE v.department_id = d.id AND v.archived_at IS NULL)
           AS lastVisitAt
       FROM department d WHERE d.archived_at IS NULL AND d.pilot_phase IS NOT NULL ORDER BY d.pilot_phase, d.name`,
    )
    .all() as { departmentId: string; departmentName: string; lastVisitAt: string | null }[];
  if (departments.length === 0) {
    // No pilot phases set: every live department is on the plan.
    departments = ctx.sqlite
      .prepare(
        `SELECT d.id AS departmentId, d.name AS departmentName,
           (SELECT max(v.started_at) FROM ward_visit v WHERE v.department_id = d.id AND v.archived_at IS NULL)
             AS lastVisitAt
         FROM department d WHERE d.archived_at IS NULL ORDER BY d.name`,
      )
      .all() as typeof departments;
  }
  return {
    intervalDays,
    departments: departments.map((d) => {
      const since = d.lastVisitAt ? workingDaysBetween(localDay(new Date(d.lastVisitAt)), today) : null;
      return { ...d, workingDaysSince: since, overdue: since === null || since > intervalDays };
    }),
  };
}

export function setRoundPlan(ctx: Ctx, intervalDays: number): RoundPlan {
  const exists = ctx.sqlite.prepare('SELECT 1 FROM ward_round_plan WHERE id = ?').get(PLAN_ID);
  if (exists) {
    getRecord(ctx, wardRoundPlan, PLAN_ID);
    updateRecord(ctx, wardRoundPlan, PLAN_ID, { intervalDays });
  } else insertRecord(ctx, wardRoundPlan, { intervalDays }, { id: PLAN_ID });
  return roundPlan(ctx);
}
