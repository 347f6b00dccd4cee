// Same-day targets (当日反馈、当日解决). Deadlines are computed once from the stored report time and the
// targets in force, and stored on the issue so "overdue" is an indexed comparison with the clock.
// "Same working day" means the end of the working day (local time, default 18:00) on which the issue was
// reported, or of the next day when it was reported after hours.
import type { IssueStatus, Severity, SlaConfig, SlaTarget } from '#contract/index.ts';
import { openStatuses } from './workflow.ts';

const HOUR = 3_600_000;

export function endOfWorkingDay(reported: Date, workdayEnd: string): Date {
  const [h, m] = workdayEnd.split(':').map(Number) as [number, number];
  const end = new Date(reported);
  end.setHours(h, m, 0, 0);
  if (end.getTime() <= reported.getTime()) end.setDate(end.getDate() + 1);
  return end;
}

export function responseDue(reported: Date, target: SlaTarget): Date {
  return new Date(reported.getTime() + target.responseHours * HOUR);
}

export function resolutionDue(reported: Date, target: SlaTarget, workdayEnd: string): Date {
  return target.resolutionHours === null
    ? endOfWorkingDay(reported, workdayEnd)
    : new Date(reported.getTime() + target.resolutionHours * HOUR);
}

export function deadlines(reportedAt: string, severity: Severity, sla: SlaConfig) {
  const reported = new Date(reportedAt);
  const target = sla.targets[severity];
  return {
    responseDueAt: responseDue(reported, target).toISOString(),
    resolutionDueAt: resolutionDue(reported, target, sla.workdayEnd).toISOString(),
  };
}

export interface OverdueInput {
  status: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  responseDueAt: string;
  resolutionDueAt: string;
}

/**
 * Overdue now: no response past the response deadline, or still open past the resolution deadline. A done
 * issue is never overdue, also when its resolution time is unknown (imported without one: issue #12).
 */
export function overdueKind(issue: OverdueInput, now: Date): 'response' | 'resolution' | null {
  const t = now.toISOString();
  if (!openStatuses.includes(issue.status as IssueStatus)) return null;
  if (!issue.resolvedAt && issue.resolutionDueAt < t) return 'resolution';
  if (!issue.acknowledgedAt && issue.responseDueAt < t) return 'response';
  return null;
}
