// For the KPI board's heat map: per department, ward visits and pilot issues reported in the local days
// [from, to] (YYYY-MM-DD). Departments with neither are left out.
import type { Ctx } from '#services/core/context.ts';
import { dayBounds } from '#services/sheets/local-days.ts';

export interface DepartmentVisitsIssues {
  departmentId: string;
  departmentName: string;
  visits: number;
  issues: number;
}

export function visitsVsIssues(ctx: Ctx, input: { from: string; to: string }): DepartmentVisitsIssues[] {
  const start = dayBounds(input.from).start;
  const end = dayBounds(input.to).end;
  return ctx.sqlite
    .prepare(
      `SELECT d.id AS departmentId, d.name AS departmentName,
         (SELECT count(*) FROM ward_visit v WHERE v.department_id = d.id AND v.archived_at IS NULL
            AND v.started_at >= @start AND v.started_at < @end) AS visits,
         (SELECT count(*) FROM pilot_issue i WHERE i.department_id = d.id
            AND i.reported_at >= @start AND i.reported_at < @end) AS issues
       FROM department d ORDER BY d.name`,
    )
    .all({ start, end })
    .filter(
      (r) => (r as DepartmentVisitsIssues).visits + (r as DepartmentVisitsIssues).issues > 0,
    ) as DepartmentVisitsIssues[];
}
