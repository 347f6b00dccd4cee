// `wardside staff import FILE` and `wardside training readiness`: the hospital roster into the staff
// directory and the go-live readiness gate, over the same services as the app (imports.ts,
// training/readiness.ts).
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { translator } from '#contract/i18n/index.ts';
import type {
  ImportPreview,
  ImportResult,
  PersonRef,
  ReadinessCount,
  ReadinessMatrix,
} from '#contract/index.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import { readinessMatrix, readinessPeople } from '#services/training/readiness.ts';
import {
  addSheetImportCommand,
  cliLocale,
  dbOption,
  exitCodeHelp,
  formatTable,
  withCtx,
  type Io,
  type SheetImport,
} from './common.ts';
import { summary } from './summaries.ts';

const names = (people: PersonRef[], t: TFunction) =>
  people.map((p) => (p.employeeNo ? `${p.name}(${p.employeeNo})` : p.name)).join(t('common.listSeparator'));

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '-');

const cellText = (c: ReadinessCount | undefined) =>
  c ? `${percent(c.trained, c.staff)}/${percent(c.passed, c.staff)} (${c.staff})` : '';

function matrixTable(m: ReadinessMatrix, t: TFunction): string {
  const header = [
    t('training.readiness.department'),
    ...m.roles.map((r) => t(`training.roles.${r}`)),
    t('training.readiness.total'),
  ];
  const body = m.departments.map((d) => [
    d.id === null ? t('training.readiness.noDepartment') : d.name,
    ...m.roles.map((r) => cellText(m.cells[`${d.id ?? ''}|${r}`])),
    cellText(m.byDepartment[d.id ?? '']),
  ]);
  body.push([t('training.readiness.total'), ...m.roles.map((r) => cellText(m.byRole[r])), cellText(m.total)]);
  return formatTable(header, body);
}

/** `staff import`: the roster's result names who was added, changed and left, not the refused rows. */
function rosterSheet(archiveMissing: boolean): SheetImport<ImportPreview, ImportResult> {
  return {
    preview: (ctx, file) => previewImport(ctx, { kind: 'people', ...file }),
    commit: (ctx, file, preview) =>
      commitImport(ctx, { kind: 'people', ...file, mapping: preview.mapping, archiveMissing }),
    label: (field, t) => t(`person.${field.key}`),
    problemsBeforeCommit: true,
    reportPreview: (preview, t) =>
      archiveMissing && preview.leaving?.length
        ? [t('training.cli.leaving') + ' ' + names(preview.leaving, t)]
        : [],
    reportResult: (result, t) => {
      const roster = result.roster!;
      const lines: string[] = [];
      if (roster.added.length) lines.push(t('training.cli.added') + ' ' + names(roster.added, t));
      if (roster.changed.length) {
        lines.push(t('training.cli.changed'));
        for (const c of roster.changed) {
          const fields = c.fields.map((f) =>
            f === 'rejoined' ? t('training.roster.rejoined') : t(`person.${f}`),
          );
          lines.push(`  ${names([c], t)}: ${fields.join(t('common.listSeparator'))}`);
        }
      }
      if (roster.left.length) lines.push(t('training.cli.left') + ' ' + names(roster.left, t));
      lines.push(
        t('training.cli.importSummary', {
          added: roster.added.length,
          changed: roster.changed.length,
          left: roster.left.length,
          unchanged: result.unchanged,
          skipped: result.skipped.length,
        }),
      );
      return lines;
    },
  };
}

export function addTrainingCommands(program: Command, io: Io) {
  const staff = program.command('staff').description(summary('staff')).addHelpText('after', exitCodeHelp);

  addSheetImportCommand(staff, io, {
    description: 'import or re-import the hospital roster (.xlsx or .csv, UTF-8 or GB18030)',
    file: 'the roster: employee no., name, department, role/title (工号, 姓名, 科室, 岗位)',
    dryRun: 'show the mapping, per-row problems and who would be archived; write nothing',
    options: [['--keep-missing', 'do not archive hospital staff missing from this roster (a partial list)']],
    help: `People are matched by employee number: a re-import updates them instead of adding duplicates. Hospital
staff with an employee number who are not in the file are archived (they left) unless --keep-missing.
Rows with problems (unknown department, an employee number on two rows…) are reported and skipped.
Departments must exist first (import them in the app, under 科室).
Exits 4 when the file is refused or no row can be imported.`,
    sheet: (opts: { keepMissing?: boolean }) => rosterSheet(!opts.keepMissing),
  });

  const training = program
    .command('training')
    .description(summary('training'))
    .addHelpText('after', exitCodeHelp);

  training
    .command('readiness')
    .description('readiness matrix (department × role: trained % / passed %, staff) and trainer figures')
    .addOption(dbOption())
    .option('--json', 'print JSON: { matrix, notReady } (notReady: every hospital staff member not passed)')
    .addHelpText(
      'after',
      `
Trained: attended (present or late) a session whose audience includes the person's role and department.
Passed: scored at or above that session's pass mark in any attempt. Not ready: not passed.
${exitCodeHelp}`,
    )
    .action(async (opts: { db?: string; json?: boolean }) => {
      const t = translator(cliLocale());
      await withCtx(opts.db, (ctx) => {
        const matrix = readinessMatrix(ctx);
        const notReady = readinessPeople(ctx, { notReadyOnly: true });
        if (opts.json) {
          io.out(JSON.stringify({ matrix, notReady }, null, 2) + '\n');
          return;
        }
        if (matrix.total.staff === 0) {
          io.out(t('training.cli.noStaff') + '\n');
          return;
        }
        io.out(t('training.cli.readinessTitle') + '\n');
        io.out(matrixTable(matrix, t) + '\n\n');
        io.out(
          t('training.cli.total', {
            ...matrix.total,
            trainedPct: percent(matrix.total.trained, matrix.total.staff),
            passedPct: percent(matrix.total.passed, matrix.total.staff),
            notReady: notReady.length,
          }) + '\n',
        );
        if (matrix.trainers.length) {
          io.out(t('training.cli.trainers') + '\n');
          for (const s of matrix.trainers) {
            io.out(
              '  ' +
                t('training.cli.trainer', {
                  ...s,
                  champion: s.champion ? t('training.person.championSuffix') : '',
                  rate: percent(s.passed, s.assessed),
                }) +
                '\n',
            );
          }
        }
      });
    });
}
