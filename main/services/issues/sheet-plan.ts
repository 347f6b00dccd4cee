// What importing an issue sheet would do, decided row by row without writing anything: each row is
// refused (with its reasons), already in the log (by fingerprint), or a new issue, with the people and
// modules it names that have to be created first.
import type { TFunction } from 'i18next';
import type { IssueImportModule, IssueImportPerson, IssueImportRowRef, RowProblem } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { dataRows, type Located } from '#services/sheets/column-mapping.ts';
import type { Table } from '#services/sheets/tabular.ts';
import { ImportedIssues, issueFingerprint } from './sheet-fingerprint.ts';
import { nameKey, SheetLookups } from './sheet-lookups.ts';
import { readRow, type RowValues } from './sheet-row.ts';

/** A row to import: its values, with the ids of its department and system. */
export type PlannedIssue = Omit<RowValues, 'department' | 'system'> & {
  row: number;
  importKey: string;
  departmentId: string;
  systemId: string | null;
};

export interface Plan {
  issues: PlannedIssue[];
  problems: RowProblem[];
  alreadyImported: IssueImportRowRef[];
  newPeople: (IssueImportPerson & { departmentId: string | null })[];
  newModules: (IssueImportModule & { systemId: string })[];
}

type Decision =
  { refused: string } | { alreadyImported: string } | { create: RowValues & { importKey: string } };

/** Refused, a repeat of an earlier row of the sheet, already in the log, or new. */
function decide(
  row: number,
  read: ReturnType<typeof readRow>,
  seen: Map<string, number>,
  imported: ImportedIssues,
  t: TFunction,
): Decision {
  if ('errors' in read) return { refused: read.errors.join(t('import.problemSeparator')) };
  const { title, department, reportedAt, description } = read.values;
  const importKey = issueFingerprint({ title, departmentCode: department.code, reportedAt, description });
  const same = seen.get(importKey);
  if (same !== undefined) return { refused: t('issueSheet.sameAsRow', { row: same }) };
  seen.set(importKey, row);
  const number = imported.find(importKey, department.id, department.code, reportedAt);
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
        departmentId: organisation === 'hospital' ? department.id : null,
      });
    }
  }
  const module = issue.module;
  if (module && 'name' in module && system) {
    const known = (m: Plan['newModules'][number]) =>
      m.systemId === system.id && nameKey(m.name) === nameKey(module.name);
    if (!plan.newModules.some(known)) {
      plan.newModules.push({ systemId: system.id, systemCode: system.code, name: module.name });
    }
  }
  plan.issues.push({ row, ...fields, departmentId: department.id, systemId: system?.id ?? null });
}

export function planRows(ctx: Ctx, table: Table, located: Located, t: TFunction): Plan {
  const look = new SheetLookups(ctx);
  const imported = new ImportedIssues(ctx);
  const plan: Plan = { issues: [], problems: [], alreadyImported: [], newPeople: [], newModules: [] };
  const seen = new Map<string, number>();
  for (const { row, cells } of dataRows(table, located.headerIndex)) {
    const decision = decide(row, readRow(cells, located.mapping, t, look), seen, imported, t);
    if ('refused' in decision) plan.problems.push({ row, message: decision.refused });
    else if ('alreadyImported' in decision)
      plan.alreadyImported.push({ row, number: decision.alreadyImported });
    else addIssue(plan, row, decision.create);
  }
  return plan;
}

/** The people and modules to create, as the preview and the result show them. */
export const publicPeople = (plan: Plan): IssueImportPerson[] =>
  plan.newPeople.map(({ name, organisation }) => ({ name, organisation }));
export const publicModules = (plan: Plan): IssueImportModule[] =>
  plan.newModules.map(({ systemCode, name }) => ({ systemCode, name }));
