// `wardside requests import FILE [--dry-run]`, `wardside requests list [--json] [--tier T] [--status S]` and
// `wardside changes list [--json]` (issue #15), over the same services as the app.
import type { Command } from 'commander';
import { translator } from '#contract/i18n/index.ts';
import type { RequestImportPreview, RequestImportResult } from '#contract/index.ts';
import { listChanges } from '#services/changes/changes.ts';
import { listRequests } from '#services/requests/requests.ts';
import {
  commitRequestImport,
  parseStatus,
  parseTier,
  previewRequestImport,
} from '#services/requests/sheet.ts';
import {
  addSheetImportCommand,
  CliExit,
  cliLocale,
  dbOption,
  exitCodeHelp,
  exitCodes,
  formatTable,
  withCtx,
  type Io,
  type SheetImport,
} from './common.ts';
import { describeCreated, describeNames } from './reference.ts';
import { summary } from './summaries.ts';

const requestSheet = (
  createDepartments: boolean,
): SheetImport<RequestImportPreview, RequestImportResult> => ({
  preview: (ctx, file, locale) => previewRequestImport(ctx, file, locale, undefined, { createDepartments }),
  commit: (ctx, file, preview, locale) =>
    commitRequestImport(ctx, file, locale, preview.mapping, { createDepartments }),
  label: (field) => field.label,
  problemsBeforeCommit: true,
  // A file whose rows were all imported before is fine to re-run: it adds nothing and says so.
  importable: (preview) => preview.validRows > 0 || preview.alreadyImported > 0,
  reportPreview: (preview, t) => [
    ...describeNames(preview.departments, 'departments', t),
    t('requests.cli.already', { count: preview.alreadyImported }),
    t('requests.cli.importSummary', {
      imported: preview.validRows,
      already: preview.alreadyImported,
      skipped: preview.problems.length,
    }),
  ],
  reportResult: (result, t) => [
    ...describeCreated(result.departments, 'departments', t),
    t('requests.cli.importSummary', {
      imported: result.imported,
      already: result.alreadyImported,
      skipped: result.skipped.length,
    }),
  ],
});

function option<T>(
  value: string | undefined,
  parse: (v: string) => T | null,
  name: string,
  expected: string,
) {
  if (value === undefined) return undefined;
  const parsed = parse(value);
  if (parsed === null) {
    const t = translator(cliLocale());
    throw new CliExit(exitCodes.input, t('cli.badOption', { option: name, value, expected }));
  }
  return parsed;
}

export function addRequestCommands(program: Command, io: Io) {
  const requests = program
    .command('requests')
    .description(summary('requests'))
    .addHelpText('after', exitCodeHelp);

  addSheetImportCommand(requests, io, {
    description: 'import a requirement list (需求清单, .xlsx or .csv)',
    file: 'the list: 需求名称, 需求描述, 需求分类, 需求科室, 提出人, 提出日期, 优先级, 状态',
    dryRun: 'show the mapping, refused rows and what would be imported; write nothing',
    help: `The header row is found under any title rows. 需求分类 takes 基础保障, 效率提升, 创新赋能 with or without
the 类 suffix (or basic, efficiency, innovation). Department names the project lacks are filed under a close
existing one (心内科 ~ 心血管内科) or created (printed), unless --no-create-departments. Rows imported before
(same title, department and description) are counted and never imported twice.
Exits 4 when the file is refused or no row can be imported.`,
    options: [['--no-create-departments', 'refuse rows naming a department the project lacks']],
    sheet: (opts: { createDepartments?: boolean }) => requestSheet(opts.createDepartments !== false),
  });

  requests
    .command('list')
    .description('list requests, highest priority first')
    .addOption(dbOption())
    .option('--json', 'print JSON rows (tier: basic | efficiency | innovation)')
    .option('--tier <tier>', 'basic, efficiency or innovation (or 基础保障类 …)')
    .option(
      '--status <status>',
      'submitted, under_review, approved, deferred, rejected, in_development, piloted, released, verified (or 评审中 …)',
    )
    .addHelpText('after', exitCodeHelp)
    .action(async (opts: { db?: string; json?: boolean; tier?: string; status?: string }) => {
      const t = translator(cliLocale());
      const tier = option(opts.tier, parseTier, '--tier', 'basic | efficiency | innovation');
      const status = option(opts.status, parseStatus, '--status', 'submitted | under_review | approved | …');
      await withCtx(opts.db, (ctx) => {
        const rows = listRequests(ctx, { tier, status, includeArchived: false });
        if (opts.json) {
          io.out(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        if (!rows.length) {
          io.out(t('requests.cli.none') + '\n');
          return;
        }
        io.out(
          formatTable(
            [
              t('requests.fields.title'),
              t('requests.fields.tier'),
              t('requests.fields.priority'),
              t('requests.fields.status'),
              t('requests.fields.department'),
              t('requests.fields.requester'),
            ],
            rows.map((r) => [
              r.title,
              t(`requests.tiers.${r.tier}`),
              t(`requests.priorities.${r.priority}`),
              t(`requests.statuses.${r.status}`),
              r.departmentName ?? '',
              r.requester ?? '',
            ]),
          ) + '\n',
        );
      });
    });

  const changes = program
    .command('changes')
    .description(summary('changes'))
    .addHelpText('after', exitCodeHelp);
  changes
    .command('list')
    .description('list changes, newest first, with risk (likelihood × impact) and status')
    .addOption(dbOption())
    .option('--json', 'print JSON rows')
    .addHelpText('after', exitCodeHelp)
    .action(async (opts: { db?: string; json?: boolean }) => {
      const t = translator(cliLocale());
      await withCtx(opts.db, (ctx) => {
        const rows = listChanges(ctx);
        if (opts.json) {
          io.out(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        if (!rows.length) {
          io.out(t('changes.cli.none') + '\n');
          return;
        }
        io.out(
          formatTable(
            [
              t('changes.fields.title'),
              t('changes.fields.kind'),
              t('changes.fields.risk'),
              t('changes.fields.status'),
              t('changes.fields.approvers'),
            ],
            rows.map((r) => [
              r.title,
              t(`changes.kinds.${r.kind}`),
              `${r.risk} ${t(`changes.riskLevels.${r.riskLevel}`)}`,
              t(`changes.statuses.${r.status}`) +
                (r.needsEmergencyApproval ? ` (${t('changes.freeze.needsEmergency')})` : ''),
              `${r.approvals}/${r.approvers}`,
            ]),
          ) + '\n',
        );
      });
    });
}
