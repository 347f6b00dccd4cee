// `wardside staff import FILE` and `wardside training readiness`: the hospital roster into the staff
// directory and the go-live readiness gate, over the same services as the app (imports.ts,
// training/readiness.ts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { translator } from '#contract/i18n/index.ts';
import type { PersonRef, ReadinessCount, ReadinessMatrix } from '#contract/index.ts';
import { AppError } from '#services/core/errors.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import { readinessMatrix, readinessPeople } from '#services/training/readiness.ts';
import {
  CliExit,
  cliLocale,
  dbOption,
  describeMapping,
  exitCodeHelp,
  exitCodes,
  formatTable,
  withCtx,
  type Io,
} from './common.ts';

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

export function addTrainingCommands(program: Command, io: Io) {
  const staff = program
    .command('staff')
    .description('staff directory (人员花名册): import the hospital roster')
    .addHelpText('after', exitCodeHelp);

  staff
    .command('import')
    .description('import or re-import the hospital roster (.xlsx or .csv, UTF-8 or GB18030)')
    .argument('<file>', 'the roster: employee no., name, department, role/title (工号, 姓名, 科室, 岗位)')
    .addOption(dbOption())
    .option('--dry-run', 'show the mapping, per-row problems and who would be archived; write nothing')
    .option('--keep-missing', 'do not archive hospital staff missing from this roster (a partial list)')
    .option('--json', 'print the preview (with --dry-run) or the result as JSON')
    .addHelpText(
      'after',
      `
People are matched by employee number: a re-import updates them instead of adding duplicates. Hospital
staff with an employee number who are not in the file are archived (they left) unless --keep-missing.
Rows with problems (unknown department, an employee number on two rows…) are reported and skipped.
Departments must exist first (import them in the app, under 科室).
Exits 4 when the file is refused or no row can be imported.
${exitCodeHelp}`,
    )
    .action(
      async (
        file: string,
        opts: { db?: string; dryRun?: boolean; keepMissing?: boolean; json?: boolean },
      ) => {
        const locale = cliLocale();
        const t = translator(locale);
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (error) {
          throw new CliExit(exitCodes.input, t('cli.cannotRead', { file, detail: (error as Error).message }));
        }
        const input = {
          kind: 'people' as const,
          fileName: basename(file),
          bytes,
        };
        const say = (line: string) => {
          if (!opts.json) io.out(line + '\n');
        };
        await withCtx(opts.db, async (ctx) => {
          const preview = await previewImport(ctx, input);
          say(
            t('cli.importFile', {
              file,
              encoding: preview.encoding.toUpperCase(),
              row: preview.headerRow,
              total: preview.totalRows,
            }),
          );
          for (const line of describeMapping(preview, (f) => t(`person.${f.key}`), t)) say(line);
          if (preview.missingRequired.length) {
            throw new AppError('import_missing_column', {
              file: input.fileName,
              column: preview.missingRequired.map((k) => t(`person.${k}`)).join(t('common.listSeparator')),
            });
          }
          if (preview.problems.length) {
            say(t('cli.problems', { count: preview.problems.length }));
            for (const p of preview.problems) say('  ' + t('import.rowProblem', { ...p }));
          }
          if (preview.validRows === 0) throw new CliExit(exitCodes.input, t('cli.nothingToImport'));
          if (opts.dryRun) {
            if (opts.json) io.out(JSON.stringify(preview, null, 2) + '\n');
            if (!opts.keepMissing && preview.leaving?.length) {
              say(t('training.cli.leaving') + ' ' + names(preview.leaving, t));
            }
            return;
          }
          const result = await commitImport(ctx, {
            ...input,
            mapping: preview.mapping,
            archiveMissing: !opts.keepMissing,
          });
          if (opts.json) {
            io.out(JSON.stringify(result, null, 2) + '\n');
            return;
          }
          const roster = result.roster!;
          if (roster.added.length) say(t('training.cli.added') + ' ' + names(roster.added, t));
          if (roster.changed.length) {
            say(t('training.cli.changed'));
            for (const c of roster.changed) {
              const fields = c.fields.map((f) =>
                f === 'rejoined' ? t('training.roster.rejoined') : t(`person.${f}`),
              );
              say(`  ${names([c], t)}: ${fields.join(t('common.listSeparator'))}`);
            }
          }
          if (roster.left.length) say(t('training.cli.left') + ' ' + names(roster.left, t));
          say(
            t('training.cli.importSummary', {
              added: roster.added.length,
              changed: roster.changed.length,
              left: roster.left.length,
              unchanged: result.unchanged,
              skipped: result.skipped.length,
            }),
          );
        });
      },
    );

  const training = program
    .command('training')
    .description('training register (培训): go-live readiness')
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
