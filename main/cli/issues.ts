// `wardside issues list | import | export`: the pilot-issue log from the command line, over the same
// services as the app (queries.ts, sheet-import.ts, sheet-export.ts). Filters take the codes and names
// people use (department code or name, 处理中 or in_progress, P1 or 紧急) and refuse unknown values with
// exit code 4 rather than silently matching nothing.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { TFunction } from 'i18next';
import { translator } from '#contract/i18n/index.ts';
import {
  issueSortKeys,
  locales,
  type IssueFilter,
  type IssueImportModule,
  type IssueImportPerson,
  type IssueImportPreview,
  type IssueImportResult,
  type IssueImportRowRef,
  type IssueListRow,
  type IssueSortKey,
  type IssueStatus,
  type Locale,
  type Severity,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { listIssues } from '#services/issues/queries.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { exportIssuesXlsx } from '#services/issues/sheet-export.ts';
import { commitIssueImport, previewIssueImport } from '#services/issues/sheet-import.ts';
import { parseSeverity, parseSheetDate, parseStatus } from '#services/issues/sheet-values.ts';
import { listPeople } from '#services/reference/people.ts';
import { getLocale } from '#services/core/settings.ts';
import { listSystems } from '#services/reference/systems.ts';
import {
  addSheetImportCommand,
  CliExit,
  cliLocale,
  dbOption,
  describeProblems,
  displayWidth,
  exitCodeHelp,
  exitCodes,
  formatTable,
  withCtx,
  type Io,
  type SheetImport,
} from './common.ts';
import { summary } from './summaries.ts';

interface FilterOptions {
  department?: string[];
  system?: string[];
  status?: string[];
  severity?: string[];
  assignee?: string[];
  open?: boolean;
  overdue?: boolean;
  blocking?: boolean;
  from?: string;
  to?: string;
  text?: string;
  sort: IssueSortKey;
  order?: 'asc' | 'desc';
}

/** The filter options of `list` and `export`. */
function withFilters(command: Command, defaultOrder: 'asc' | 'desc'): Command {
  return command
    .addOption(dbOption())
    .option('--department <code...>', 'department code or name (several allowed, or comma-separated)')
    .option('--system <code...>', 'system code or name')
    .option('--status <status...>', 'new, acknowledged, in_progress, resolved, verified, closed, reopened, …')
    .option('--severity <P...>', 'P1–P4')
    .option('--assignee <name...>', 'assignee name')
    .option('--open', 'only open issues (new, acknowledged, in progress, reopened)')
    .option('--overdue', 'only issues past their response or resolution deadline')
    .option('--blocking', 'only issues that block go-live')
    .option('--from <date>', 'reported on or after this local day (2026-11-03)')
    .option('--to <date>', 'reported on or before this local day')
    .option('--text <words>', 'full-text search (Chinese and English)')
    .addOption(new Option('--sort <key>', 'sort column').choices(issueSortKeys).default('reportedAt'))
    .addOption(new Option('--order <dir>', 'sort order').choices(['asc', 'desc']).default(defaultOrder));
}

const lower = (s: string) => s.trim().toLowerCase();

const split = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(/[,，、]/))
    .map((v) => v.trim())
    .filter(Boolean);

function buildFilter(ctx: Ctx, opts: FilterOptions, t: TFunction): IssueFilter {
  const refuse = (option: string, value: string, expected: string): never => {
    throw new CliExit(exitCodes.input, t('cli.badOption', { option, value, expected: t(expected) }));
  };
  const filter: IssueFilter = {};

  if (opts.department) {
    const all = listDepartments(ctx);
    filter.departmentIds = split(opts.department).map(
      (v) =>
        (all.find((d) => lower(d.code) === lower(v)) ?? all.find((d) => lower(d.name) === lower(v)))?.id ??
        refuse('--department', v, 'cli.unknownDepartment'),
    );
  }
  if (opts.system) {
    const all = listSystems(ctx);
    filter.systemIds = split(opts.system).map(
      (v) =>
        (all.find((s) => lower(s.code) === lower(v)) ?? all.find((s) => lower(s.name) === lower(v)))?.id ??
        refuse('--system', v, 'cli.unknownSystem'),
    );
  }
  if (opts.assignee) {
    const all = listPeople(ctx, { includeArchived: true });
    filter.assigneeIds = split(opts.assignee).flatMap((v) => {
      const ids = all.filter((p) => lower(p.name) === lower(v)).map((p) => p.id);
      return ids.length ? ids : refuse('--assignee', v, 'cli.unknownPerson');
    });
  }
  if (opts.status) {
    filter.statuses = split(opts.status).map(
      (v): IssueStatus => parseStatus(v) ?? refuse('--status', v, 'cli.expectStatus'),
    );
  }
  if (opts.severity) {
    filter.severities = split(opts.severity).map(
      (v): Severity => parseSeverity(v) ?? refuse('--severity', v, 'cli.expectSeverity'),
    );
  }
  const day = (option: string, value: string) => {
    const date = parseSheetDate(value);
    return date ? localDay(date) : refuse(option, value, 'cli.expectDate');
  };
  if (opts.from) filter.reportedFrom = day('--from', opts.from);
  if (opts.to) filter.reportedTo = day('--to', opts.to);
  if (opts.open) filter.onlyOpen = true;
  if (opts.overdue) filter.overdue = true;
  if (opts.blocking) filter.blocking = true;
  if (opts.text?.trim()) filter.text = opts.text.trim();
  return filter;
}

// ---------------------------------------------------------------- table output

function clip(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function localTime(iso: string): string {
  const d = new Date(iso);
  return `${localDay(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function table(rows: IssueListRow[], t: TFunction): string {
  const header = [
    t('issue.number'),
    t('issue.severity'),
    t('issue.status'),
    t('issue.blocking'),
    t('issue.department'),
    t('issue.titleField'),
    t('issue.assignee'),
    t('issue.reportedAt'),
    t('issueSheet.columns.overdue'),
  ];
  const body = rows.map((r) => [
    r.number,
    r.severity,
    t(`issue.statuses.${r.status}`),
    r.blocking ? t('cli.yes') : '',
    clip(r.departmentName, 16),
    clip(r.title.replace(/\s+/g, ' '), 40),
    r.assigneeName ?? '',
    localTime(r.reportedAt),
    r.overdue ? t(`issue.overdue.${r.overdue}`) : '',
  ]);
  return formatTable(header, body);
}

// ---------------------------------------------------------------- import report

const personLabel = (p: { name: string; organisation: 'hospital' | 'vendor' }, t: TFunction) =>
  t(`issueSheet.organisations.${p.organisation}`, { name: p.name });

function newPeople(people: IssueImportPerson[], t: TFunction): string[] {
  if (!people.length) return [];
  return [
    t('issueSheet.newPeople', {
      names: people.map((p) => personLabel(p, t)).join(t('common.listSeparator')),
    }),
  ];
}

function newModules(modules: IssueImportModule[], t: TFunction): string[] {
  if (!modules.length) return [];
  return [
    t('issueSheet.newModules', {
      names: modules.map((m) => `${m.systemCode}/${m.name}`).join(t('common.listSeparator')),
    }),
  ];
}

function alreadyImported(rows: IssueImportRowRef[], t: TFunction): string[] {
  if (!rows.length) return [];
  return [
    t('issueSheet.alreadyImportedCount', { count: rows.length }),
    ...rows.map((a) => '  ' + t('issueSheet.alreadyImported', { ...a })),
  ];
}

function numbersRange(numbers: string[]): string {
  if (numbers.length <= 3) return numbers.join(', ');
  return `${numbers[0]} … ${numbers[numbers.length - 1]}`;
}

/** `issues import`: rows already in the log count as done, so a re-import of the same sheet exits 0. */
const issueSheet: SheetImport<IssueImportPreview, IssueImportResult> = {
  preview: (ctx, file, locale) => previewIssueImport(ctx, file, { locale }),
  commit: (ctx, file, _preview, locale) => commitIssueImport(ctx, file, { locale }),
  label: (field) => field.label,
  refusedRows: (preview) => preview.skippedRows,
  importable: (preview) => preview.validRows > 0 || preview.alreadyImported.length > 0,
  reportPreview: (preview, t) => [
    ...alreadyImported(preview.alreadyImported, t),
    ...newPeople(preview.newPeople, t),
    ...newModules(preview.newModules, t),
    t('cli.wouldImport', {
      created: preview.validRows,
      already: preview.alreadyImported.length,
      skipped: preview.skippedRows,
    }),
  ],
  reportResult: (result, t) => [
    ...describeProblems(result.skipped, t, { heading: 'cli.skipped' }),
    ...alreadyImported(result.alreadyImported, t),
    ...newPeople(result.newPeople, t),
    result.created.length === 0
      ? t('cli.nothingNew', { count: result.alreadyImported.length })
      : t('cli.imported', {
          created: result.created.length,
          numbers: numbersRange(result.created.map((c) => c.number)),
          already: result.alreadyImported.length,
          skipped: result.skipped.length,
        }),
  ],
};

// ---------------------------------------------------------------- commands

export function addIssueCommands(program: Command, io: Io) {
  const issues = program.command('issues').description(summary('issues')).addHelpText('after', exitCodeHelp);

  withFilters(issues.command('list').description('list issues as a table, or as JSON with --json'), 'desc')
    .option('--json', 'print JSON: { total, rows }')
    .option('--limit <n>', 'at most this many rows', '50')
    .addHelpText(
      'after',
      `
Examples:
  wardside issues list --open --department ICU,0012 --severity P1 P2
  wardside issues list --status 处理中 --from 2026-11-01 --json --limit 1000
${exitCodeHelp}`,
    )
    .action(async (opts: FilterOptions & { db?: string; json?: boolean; limit: string }) => {
      const t = translator(cliLocale());
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new CliExit(
          exitCodes.input,
          t('cli.badOption', { option: '--limit', value: opts.limit, expected: t('cli.expectCount') }),
        );
      }
      await withCtx(opts.db, (ctx) => {
        const filter = buildFilter(ctx, opts, t);
        const result = listIssues(ctx, {
          filter,
          sort: { key: opts.sort, dir: opts.order ?? 'desc' },
          offset: 0,
          limit,
        });
        if (opts.json) {
          io.out(JSON.stringify(result, null, 2) + '\n');
          return;
        }
        if (result.total === 0) {
          io.out(t('cli.noIssues') + '\n');
          return;
        }
        io.out(table(result.rows, t) + '\n');
        io.out(t('cli.listFooter', { shown: result.rows.length, total: result.total }) + '\n');
      });
    });

  addSheetImportCommand(issues, io, {
    description: 'import an issue sheet (.xlsx or .csv, UTF-8 or GB18030) with the suggested column mapping',
    file: 'the sheet to import',
    dryRun: 'show the mapping and per-row problems, write nothing',
    help: `Rows already in the log (imported before, or exported from Wardside) are reported and not imported again.
Unknown reporters are created as hospital staff, unknown assignees as vendor staff.
Exits 4 when the file is refused (unreadable, a required column missing) or no row can be imported;
a re-import where every row is already in the log exits 0.`,
    sheet: () => issueSheet,
  });

  withFilters(
    issues
      .command('export')
      .description('export the (filtered) list to .xlsx in the 试运行问题清单 layout')
      .requiredOption('--out <file>', 'the .xlsx file to write (overwritten)')
      .addOption(
        new Option('--lang <locale>', 'language of the sheet (default: the app’s UI language)').choices(
          locales,
        ),
      ),
    'asc',
  )
    .addHelpText(
      'after',
      `
Examples:
  wardside issues export --out 问题清单.xlsx
  wardside issues export --out icu-open.xlsx --department ICU --open
${exitCodeHelp}`,
    )
    .action(async (opts: FilterOptions & { db?: string; out: string; lang?: Locale }) => {
      const t = translator(cliLocale());
      if (!/\.xlsx$/i.test(opts.out)) {
        throw new CliExit(
          exitCodes.input,
          t('cli.badOption', { option: '--out', value: opts.out, expected: t('cli.expectXlsx') }),
        );
      }
      await withCtx(opts.db, async (ctx) => {
        const filter = buildFilter(ctx, opts, t);
        const file = await exportIssuesXlsx(
          ctx,
          { filter, sort: { key: opts.sort, dir: opts.order ?? 'asc' } },
          { locale: opts.lang ?? getLocale(ctx) },
        );
        const out = resolve(opts.out);
        try {
          writeFileSync(out, file.bytes);
        } catch (error) {
          throw new CliExit(
            exitCodes.input,
            t('cli.cannotWrite', { file: out, detail: (error as Error).message }),
          );
        }
        io.out(t('cli.exported', { count: file.count, file: out }) + '\n');
      });
    });
}
