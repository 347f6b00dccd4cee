// Importing an existing pilot-issue sheet (试运行问题清单, .xlsx or .csv): find the header row below any
// merged title rows, suggest a column for each field from the usual Chinese and English headers
// (sheet-fields.ts), read every row leniently (sheet-row.ts, sheet-values.ts), report every refused row
// with its Excel row number, then create all valid rows in one transaction (sheet-plan.ts,
// sheet-write.ts).
//
// Re-importing never duplicates: each row's fingerprint (sheet-fingerprint.ts) is stored as the issue's
// importKey, and a row whose issue is already in the log is reported rather than imported again.
//
// Unknown people are created rather than refused: a sheet names people by name only, and refusing every
// row whose engineer is not yet in Settings would make the first import of a real sheet fail almost
// entirely. Reporters become hospital staff of the row's department, assignees vendor staff; the preview
// lists them before anything is written. Unknown departments and systems are filed under a close existing
// one or created (reference/department-match.ts, system-match.ts; issue #12), the preview listing each
// name with its row count and what will happen; `createMissing: false` refuses their rows instead.
import type { TFunction } from 'i18next';
import type { IssueImportField, IssueImportPreview, IssueImportResult, Locale } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import {
  checkMapping,
  dataRows,
  loadTable,
  locateHeader,
  type ColumnMapping,
  type ColumnSpec,
  type Located,
  type UploadedFile,
} from '#services/sheets/column-mapping.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { getLocale } from '#services/core/settings.ts';
import type { Table } from '#services/sheets/tabular.ts';
import { fieldLabel, issueFieldSpecs } from './sheet-fields.ts';
import { planRows, publicDepartments, publicModules, publicPeople, publicSystems } from './sheet-plan.ts';
import { writePlan } from './sheet-write.ts';

export { issueFieldSpecs } from './sheet-fields.ts';
export { issueFingerprint } from './sheet-fingerprint.ts';

export interface IssueImportInput extends UploadedFile {
  mapping?: ColumnMapping;
  /** Create the departments and systems the sheet names that the project lacks (default true). */
  createMissing?: boolean;
  /** Department names whose proposed close match the user declined: created instead. */
  declinedMatches?: string[];
}

export interface SheetOptions {
  /** Language of the messages; the app's UI language by default (the CLI passes its own). */
  locale?: Locale;
}

interface Prepared {
  t: TFunction;
  table: Table;
  located: Located;
  fields: IssueImportField[];
  missingRequired: string[];
}

async function prepare(ctx: Ctx, input: IssueImportInput, options: SheetOptions): Promise<Prepared> {
  const t = translator(options.locale ?? getLocale(ctx));
  const table = await loadTable(input);
  const located = locateHeader(issueFieldSpecs, table, { fuzzy: true });
  if (input.mapping) {
    checkMapping(issueFieldSpecs, located.columns, input.mapping, t);
    located.mapping = { ...located.mapping, ...input.mapping };
  }
  const mapped = (key: string) => (located.mapping[key] ?? null) !== null;
  // A sheet without a title column may still be imported from its description (first line as title).
  const required = (spec: ColumnSpec) => spec.required && !(spec.key === 'title' && mapped('description'));
  return {
    t,
    table,
    located,
    fields: issueFieldSpecs.map((s) => ({ key: s.key, required: required(s), label: t(s.label) })),
    missingRequired: issueFieldSpecs.filter((s) => required(s) && !mapped(s.key)).map((s) => s.key),
  };
}

export async function previewIssueImport(
  ctx: Ctx,
  input: IssueImportInput,
  options: SheetOptions = {},
): Promise<IssueImportPreview> {
  const { t, table, located, fields, missingRequired } = await prepare(ctx, input, options);
  const plan = planRows(ctx, table, located, t, {
    createMissing: input.createMissing,
    declinedMatches: input.declinedMatches,
  });
  const rows = dataRows(table, located.headerIndex).map((r) => r.cells);
  return {
    kind: 'issues',
    fileName: input.fileName,
    format: table.format,
    encoding: table.encoding === 'utf-16le' ? 'utf-8' : table.encoding,
    sheetName: table.sheetName,
    headerRow: located.headerIndex + 1,
    columns: located.columns,
    fields,
    mapping: located.mapping,
    sample: rows.slice(0, 10),
    totalRows: rows.length,
    missingRequired,
    problems: plan.problems,
    skippedRows: plan.problems.length,
    validRows: missingRequired.length ? 0 : plan.issues.length,
    alreadyImported: plan.alreadyImported,
    newPeople: publicPeople(plan),
    newModules: publicModules(plan),
    departments: publicDepartments(plan),
    systems: publicSystems(plan),
    extraColumns: plan.extras.map((c) => c.header),
    resolvedWithoutTime: plan.resolvedWithoutTime,
  };
}

export async function commitIssueImport(
  ctx: Ctx,
  input: IssueImportInput,
  options: SheetOptions = {},
): Promise<IssueImportResult> {
  const { t, table, located, missingRequired } = await prepare(ctx, input, options);
  if (missingRequired.length) {
    throw new AppError('import_missing_column', {
      file: input.fileName,
      column: missingRequired.map((key) => fieldLabel(t, key)).join(t('common.listSeparator')),
    });
  }
  // Planned inside the transaction, so what is checked is exactly what is written.
  return inTransaction(ctx, () =>
    writePlan(
      ctx,
      planRows(ctx, table, located, t, {
        createMissing: input.createMissing,
        declinedMatches: input.declinedMatches,
      }),
    ),
  );
}
