// What importing an issue sheet would do, decided row by row without writing anything: each row is
// refused (with its reasons), already in the log (by fingerprint), or a new issue, with the departments,
// systems, people and modules it names that have to be created first.
import type { TFunction } from 'i18next';
import type {
  IssueImportModule,
  IssueImportPerson,
  IssueImportRowRef,
  NameProposal,
  RowProblem,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { restoreNeutralised } from '#services/sheets/formula.ts';
import { cellOf, dataRows, type Located } from '#services/sheets/column-mapping.ts';
import { departmentProposals } from '#services/reference/department-match.ts';
import { systemProposals } from '#services/reference/system-match.ts';
import type { Table } from '#services/sheets/tabular.ts';
import { ImportedIssues, issueFingerprint } from './sheet-fingerprint.ts';
import { nameKey, SheetLookups, type RowDepartment } from './sheet-lookups.ts';
import { readRow, type RowValues } from './sheet-row.ts';
import { extraColumns, withExtras, type ExtraColumn } from './sheet-extras.ts';

/** A row to import: its values, with its department and system (created on import when id is null). */
export type PlannedIssue = Omit<RowValues, 'department' | 'system'> & {
  row: number;
  importKey: string;
  department: RowDepartment;
  systemId: string | null;
  systemCode: string | null;
  systemRaw: string | null;
};

export interface Plan {
  issues: PlannedIssue[];
  problems: RowProblem[];
  alreadyImported: IssueImportRowRef[];
  newPeople: (IssueImportPerson & { department: RowDepartment | null })[];
  newModules: IssueImportModule[];
  look: SheetLookups;
  /** Columns no field reads whose values are kept at the end of the description. */
  extras: ExtraColumn[];
  /** Rows of a done status (已解决…) without a resolution time: the time stays empty. */
  resolvedWithoutTime: number[];
}

type Decision =
  { refused: string } | { alreadyImported: string } | { create: RowValues & { importKey: string } };

/**
 * The fingerprint of a row: of its title, the department as the sheet writes it (not the id or code it
 * resolves to, which change when departments are added: issue #12), the reported minute and description.
 * A row whose sheet writes the department code gives the same key as before #12.
 */
function decide(
  row: number,
  read: ReturnType<typeof readRow>,
  seen: Map<string, number>,
  imported: ImportedIssues,
  t: TFunction,
): Decision {
  if ('errors' in read) return { refused: read.errors.join(t('import.problemSeparator')) };
  const { title, department, reportedAt, description } = read.values;
  const importKey = issueFingerprint({ title, departmentCode: department.raw, reportedAt, description });
  const same = seen.get(importKey);
  if (same !== undefined) return { refused: t('issueSheet.sameAsRow', { row: same }) };
  seen.set(importKey, row);
  // Sheets imported before #12 stored the key of the department's code.
  const legacyKey =
    department.id && department.code !== department.raw
      ? issueFingerprint({ title, departmentCode: department.code, reportedAt, description })
      : null;
  const number = imported.find(importKey, legacyKey, reportedAt);
  return number ? { alreadyImported: number } : { create: { ...read.values, importKey } };
}

/** A new issue, and the people and modules it names that nobody created yet. */
function addIssue(plan: Plan, row: number, issue: RowValues & { importKey: string }) {
  const { department, system, ...fields } = issue;
  for (const [ref, organisation] of [
    [issue.reporter, 'hospital'],
    [issue.assignee, 'vendor'],
  ] as const) {
    if (ref && 'name' in ref && !plan.newPeople.some((p) => nameKey(p.name) === nameKey(ref.name))) {
      plan.newPeople.push({
        name: ref.name,
        organisation,
        // Reporters become hospital staff of the row's department, assignees vendor staff.
        department: organisation === 'hospital' ? department : null,
      });
    }
  }
  const module = issue.module;
  if (module && 'name' in module && system) {
    const known = (m: IssueImportModule) =>
      m.systemCode === system.code && nameKey(m.name) === nameKey(module.name);
    if (!plan.newModules.some(known)) plan.newModules.push({ systemCode: system.code, name: module.name });
  }
  if (['resolved', 'verified', 'closed'].includes(issue.status) && !issue.resolvedAt) {
    plan.resolvedWithoutTime.push(row);
  }
  plan.issues.push({
    row,
    ...fields,
    department,
    systemId: system?.id ?? null,
    systemCode: system?.code ?? null,
    systemRaw: system?.raw ?? null,
  });
}

/** How many rows name each value of a field (department, system), as the sheet writes it. */
function countNames(rows: { cells: string[] }[], located: Located, key: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { cells } of rows) {
    const value = restoreNeutralised(cellOf(cells, located.mapping, key));
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export interface PlanOptions {
  /** Create departments and systems the project does not have (default true). */
  createMissing?: boolean;
  /** Department names whose proposed close match the user declined. */
  declinedMatches?: readonly string[];
}

export function planRows(
  ctx: Ctx,
  table: Table,
  located: Located,
  t: TFunction,
  options: PlanOptions = {},
): Plan {
  const rows = dataRows(table, located.headerIndex);
  const look = new SheetLookups(ctx, {
    departments: countNames(rows, located, 'department'),
    systems: countNames(rows, located, 'system'),
    create: options.createMissing !== false,
    declined: options.declinedMatches,
  });
  const imported = new ImportedIssues(ctx);
  const extras = extraColumns(table, located);
  const plan: Plan = {
    issues: [],
    problems: [],
    alreadyImported: [],
    newPeople: [],
    newModules: [],
    look,
    extras,
    resolvedWithoutTime: [],
  };
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const read = readRow(cells, located.mapping, t, look);
    const decision = decide(row, read, seen, imported, t);
    if ('refused' in decision) plan.problems.push({ row, message: decision.refused });
    else if ('alreadyImported' in decision)
      plan.alreadyImported.push({ row, number: decision.alreadyImported });
    else {
      const description = withExtras(decision.create.description, cells, extras);
      addIssue(plan, row, { ...decision.create, description });
    }
  }
  return plan;
}

/** The people and modules to create, as the preview and the result show them. */
export const publicPeople = (plan: Plan): IssueImportPerson[] =>
  plan.newPeople.map(({ name, organisation }) => ({ name, organisation }));
export const publicModules = (plan: Plan): IssueImportModule[] => plan.newModules;
/** Department and system names the project does not have, and what importing does with them. */
export const publicDepartments = (plan: Plan): NameProposal[] =>
  departmentProposals(plan.look.departmentPlan);
export const publicSystems = (plan: Plan): NameProposal[] => systemProposals(plan.look.systemPlan);
