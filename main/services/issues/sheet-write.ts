// Carrying out an import plan (sheet-plan.ts) inside the caller's transaction: the unknown departments,
// systems, people and modules first, then one issue per planned row with the sheet's own dates.
import type { IssueImportResult, IssueImportRowRef, PilotIssue } from '#contract/index.ts';
import { pilotIssue } from '#db/schema.ts';
import type { Ctx } from '#services/core/context.ts';
import { updateRecord } from '#services/core/records.ts';
import { getLocalSetting, setLocalSetting } from '#services/core/settings.ts';
import {
  applyDepartmentPlan,
  departmentKey,
  type DepartmentIds,
} from '#services/reference/department-match.ts';
import { createPerson } from '#services/reference/people.ts';
import { applySystemPlan, systemKey } from '#services/reference/system-match.ts';
import { addModule } from '#services/reference/systems.ts';
import { createIssue } from './issues.ts';
import {
  publicDepartments,
  publicModules,
  publicPeople,
  publicSystems,
  type Plan,
  type PlannedIssue,
} from './sheet-plan.ts';
import { nameKey, type RowDepartment } from './sheet-lookups.ts';
import type { Ref } from './sheet-row.ts';

/** The id of a planned reference: an existing record, or the one created for its name. */
const refId = (ref: Ref | null, created: Map<string, string>, prefix = '') =>
  ref === null ? null : 'id' in ref ? ref.id : created.get(prefix + nameKey(ref.name))!;

const moduleKey = (systemCode: string | null, name: string) => `${systemCode}\n${name}`;

const departmentIdOf = (d: RowDepartment, ids: DepartmentIds) => d.id ?? ids.get(departmentKey(d.raw))!;

/** The people the sheet names but nobody created yet, by name key → id. */
function createPeople(ctx: Ctx, plan: Plan, departments: DepartmentIds): Map<string, string> {
  const people = new Map<string, string>();
  for (const p of plan.newPeople) {
    const created = createPerson(ctx, {
      name: p.name,
      organisation: p.organisation,
      departmentId: p.department ? departmentIdOf(p.department, departments) : null,
      role: null,
      phone: null,
      employeeNo: null,
    });
    people.set(nameKey(p.name), created.id);
  }
  return people;
}

/** The modules the sheet names in known systems, by system id and name key → id. */
function createModules(ctx: Ctx, plan: Plan, systemIds: Map<string, string>): Map<string, string> {
  const modules = new Map<string, string>();
  for (const m of plan.newModules) {
    const issue = plan.issues.find((p) => p.systemCode === m.systemCode)!;
    const systemId = issue.systemId ?? systemIds.get(systemKey(issue.systemRaw!))!;
    modules.set(moduleKey(m.systemCode, nameKey(m.name)), addModule(ctx, systemId, m.name).id);
  }
  return modules;
}

/**
 * createIssue stamps a non-new status at the report time; the sheet's own dates are better. A done row
 * without a resolution time keeps it empty (issue #12): a time equal to the report time would claim a
 * 0-minute solution.
 */
function sheetStamps(issue: PilotIssue, p: PlannedIssue): Record<string, string | null> {
  const stamps: Record<string, string | null> = {};
  if (issue.resolvedAt && !p.resolvedAt) {
    stamps.resolvedAt = null;
    if (issue.verifiedAt) stamps.verifiedAt = null;
    if (issue.closedAt) stamps.closedAt = null;
  }
  if (issue.acknowledgedAt && p.acknowledgedAt) stamps.acknowledgedAt = p.acknowledgedAt;
  if (issue.resolvedAt && p.resolvedAt) {
    stamps.resolvedAt = p.resolvedAt;
    if (issue.verifiedAt && issue.verifiedAt < p.resolvedAt) stamps.verifiedAt = p.resolvedAt;
    if (issue.closedAt && issue.closedAt < p.resolvedAt) stamps.closedAt = p.resolvedAt;
    if (!p.acknowledgedAt && issue.acknowledgedAt && issue.acknowledgedAt > p.resolvedAt) {
      stamps.acknowledgedAt = p.resolvedAt;
    }
  }
  return stamps;
}

/** Writes the plan; call inside a transaction with a plan made in that same transaction. */
export function writePlan(ctx: Ctx, plan: Plan): IssueImportResult {
  const departments = applyDepartmentPlan(ctx, plan.look.departmentPlan);
  const systems = applySystemPlan(ctx, plan.look.systemPlan);
  const people = createPeople(ctx, plan, departments);
  const modules = createModules(ctx, plan, systems);

  // Importing is not "capturing": the quick-entry form keeps remembering the user's last own entry.
  const lastCapture = getLocalSetting<unknown>(ctx, 'lastCapture') ?? null;
  const created: IssueImportRowRef[] = [];
  for (const p of plan.issues) {
    const issue = createIssue(ctx, {
      title: p.title,
      description: p.description,
      departmentId: departmentIdOf(p.department, departments),
      systemId: p.systemId ?? (p.systemRaw ? systems.get(systemKey(p.systemRaw))! : null),
      moduleId: refId(p.module, modules, moduleKey(p.systemCode, '')),
      category: p.category,
      severity: p.severity,
      blocking: p.blocking,
      reporterId: refId(p.reporter, people),
      assigneeId: refId(p.assignee, people),
      workaround: p.workaround,
      resolution: p.resolution,
      tags: p.tags,
      status: p.status,
      importKey: p.importKey,
      ...(p.reportedAt ? { reportedAt: p.reportedAt } : {}),
    });
    const stamps = sheetStamps(issue, p);
    if (Object.keys(stamps).length) updateRecord(ctx, pilotIssue, issue.id, stamps);
    created.push({ row: p.row, number: issue.number });
  }
  setLocalSetting(ctx, 'lastCapture', lastCapture);
  return {
    created,
    alreadyImported: plan.alreadyImported,
    skipped: plan.problems,
    newPeople: publicPeople(plan),
    newModules: publicModules(plan),
    departments: publicDepartments(plan),
    systems: publicSystems(plan),
    resolvedWithoutTime: plan.resolvedWithoutTime,
  };
}
