// Ward rounds (科室驻点, issue #14): the visit log, findings that become pilot issues in one step (linked
// both ways: the finding names the issue, the issue's description names the visit), and follow-ups.
import { department, person, wardFinding, wardVisit } from '#db/schema.ts';
import type { Finding, Severity, VisitInput, VisitRow } from '#contract/index.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { createIssue } from '#services/issues/issues.ts';
import { localDay } from '#services/sheets/local-days.ts';

type FindingRow = typeof wardFinding.$inferSelect;

function toFinding(ctx: Ctx, row: FindingRow): Finding {
  const issue = row.issueId
    ? (statement(ctx, 'SELECT number FROM pilot_issue WHERE id = ?').get(row.issueId) as
        { number: string } | undefined)
    : undefined;
  return {
    id: row.id,
    visitId: row.visitId,
    text: row.text,
    issueId: issue ? row.issueId : null,
    issueNumber: issue?.number ?? null,
    followUp: row.followUp,
    followUpOn: row.followUpOn,
    followedUpAt: row.followedUpAt,
  };
}

/** Visits, newest first, with their findings. */
export function listVisits(ctx: Ctx, input: { departmentId?: string; limit: number }): VisitRow[] {
  const visits = ctx.sqlite
    .prepare(
      `SELECT v.id, v.department_id AS departmentId, d.name AS departmentName, v.engineer_id AS engineerId,
         p.name AS engineerName, v.started_at AS startedAt, v.duration_minutes AS durationMinutes,
         v.people_met AS peopleMet, v.notes
       FROM ward_visit v JOIN department d ON d.id = v.department_id LEFT JOIN person p ON p.id = v.engineer_id
       WHERE v.archived_at IS NULL ${input.departmentId ? 'AND v.department_id = ?' : ''}
       ORDER BY v.started_at DESC, v.id DESC LIMIT ?`,
    )
    .all(...(input.departmentId ? [input.departmentId] : []), input.limit) as Omit<VisitRow, 'findings'>[];
  const findings = statement(ctx, 'SELECT * FROM ward_finding WHERE visit_id = ? ORDER BY created_at, id');
  return visits.map((v) => ({
    ...v,
    findings: (findings.all(v.id) as Record<string, unknown>[]).map((r) =>
      toFinding(ctx, {
        id: r.id as string,
        visitId: r.visit_id as string,
        text: r.text as string,
        issueId: (r.issue_id as string | null) ?? null,
        followUp: (r.follow_up as string | null) ?? null,
        followUpOn: (r.follow_up_on as string | null) ?? null,
        followedUpAt: (r.followed_up_at as string | null) ?? null,
        createdAt: r.created_at as string,
        updatedAt: r.updated_at as string,
      }),
    ),
  }));
}

function getVisit(ctx: Ctx, id: string): VisitRow {
  const found = listVisits(ctx, { limit: 100_000 }).find((v) => v.id === id);
  if (!found) throw new AppError('not_found', { id });
  return found;
}

function issueFromFinding(ctx: Ctx, finding: FindingRow, severity: Severity) {
  const visit = getRecord(ctx, wardVisit, finding.visitId);
  const engineer = visit.engineerId ? getRecord(ctx, person, visit.engineerId).name : null;
  const title = finding.text.split('\n')[0]!.slice(0, 200);
  const issue = createIssue(ctx, {
    title,
    description: `${finding.text}\n\n（科室驻点 ${localDay(new Date(visit.startedAt))}${engineer ? ` · ${engineer}` : ''}）`,
    departmentId: visit.departmentId,
    severity,
    category: 'defect',
    blocking: false,
    assigneeId: visit.engineerId,
    tags: ['驻点'],
  });
  return updateRecord(ctx, wardFinding, finding.id, { issueId: issue.id });
}

/** A visit with its findings; findings marked `toIssue` become pilot issues in the same transaction. */
export function logVisit(ctx: Ctx, input: VisitInput): VisitRow {
  return inTransaction(ctx, () => {
    getRecord(ctx, department, input.departmentId);
    if (input.engineerId) getRecord(ctx, person, input.engineerId);
    const visit = insertRecord(ctx, wardVisit, {
      departmentId: input.departmentId,
      engineerId: input.engineerId,
      startedAt: new Date(input.startedAt).toISOString(),
      durationMinutes: input.durationMinutes,
      peopleMet: input.peopleMet,
      notes: input.notes,
      archivedAt: null,
    });
    for (const f of input.findings) {
      const finding = insertRecord(ctx, wardFinding, {
        visitId: visit.id,
        text: f.text,
        issueId: null,
        followUp: null,
        followUpOn: null,
        followedUpAt: null,
      });
      if (f.toIssue) issueFromFinding(ctx, finding, f.toIssue);
    }
    return getVisit(ctx, visit.id);
  });
}

/** One step: the finding becomes a pilot issue in the visited department, linked. */
export function findingToIssue(ctx: Ctx, findingId: string, severity: Severity): Finding {
  return inTransaction(ctx, () => {
    const finding = getRecord(ctx, wardFinding, findingId);
    if (finding.issueId && statement(ctx, 'SELECT 1 FROM pilot_issue WHERE id = ?').get(finding.issueId)) {
      throw new AppError('rounds_finding_has_issue', {});
    }
    return toFinding(ctx, issueFromFinding(ctx, finding, severity));
  });
}

export function setFollowUp(
  ctx: Ctx,
  input: { findingId: string; followUp: string | null; followUpOn: string | null; done: boolean },
): Finding {
  const current = getRecord(ctx, wardFinding, input.findingId);
  const row = updateRecord(ctx, wardFinding, input.findingId, {
    followUp: input.followUp,
    followUpOn: input.followUpOn,
    followedUpAt: input.done ? (current.followedUpAt ?? ctx.now().toISOString()) : null,
  });
  return toFinding(ctx, row);
}
