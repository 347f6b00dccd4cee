// `wardside survey import FILE` and `wardside survey summary`: satisfaction survey results over the same
// services as the app (surveys/import.ts, surveys/results.ts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { translator } from '#contract/i18n/index.ts';
import type { SurveyImportPreview } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { findColumn } from '#services/surveys/answers.ts';
import { commitSurveyImport, headerRowOf, previewSurveyImport } from '#services/surveys/import.ts';
import { surveyResults } from '#services/surveys/results.ts';
import { createRound, findRoundByName, listRounds } from '#services/surveys/rounds.ts';
import { readTable } from '#services/sheets/tabular.ts';
import {
  CliExit,
  cliLocale,
  dbOption,
  exitCodeHelp,
  exitCodes,
  formatTable,
  withCtx,
  type Io,
} from './common.ts';
import { summary } from './summaries.ts';

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

/** The round named, created when new; without a name the latest round, or one named after the file. */
function roundFor(ctx: Ctx, name: string | undefined, file: string, io: Io, dryRun: boolean) {
  const t = translator(cliLocale());
  const wanted = name?.trim() || (listRounds(ctx).at(-1)?.name ?? basename(file).replace(/\.[^.]+$/, ''));
  const found = findRoundByName(ctx, wanted);
  if (found) return found.id;
  if (dryRun) return null;
  io.out(t('surveys.cli.roundCreated', { name: wanted }) + '\n');
  return createRound(ctx, { name: wanted, startsOn: null, endsOn: null, departmentIds: [] }).id;
}

export function addSurveyCommands(program: Command, io: Io) {
  const survey = program.command('survey').description(summary('survey')).addHelpText('after', exitCodeHelp);

  survey
    .command('import')
    .description(
      'import a survey export (.xlsx or .csv) into a round; importing the same file again adds nothing',
    )
    .argument('<file>', 'the export of 问卷星 or 腾讯问卷')
    .addOption(dbOption())
    .option('--round <name>', 'the survey round (created when new; default: the latest round)')
    .option('--dry-run', 'show the columns and counts; write nothing')
    .option('--department-column <header>', 'the department column (default: the header containing 科室)')
    .option('--score-column <header>', 'the overall score column (default: 总体满意度, else the first 满意)')
    .addHelpText(
      'after',
      `
Answers may be words (非常满意, 满意, 一般, 不满意, 非常不满意) or 1–5 scores. Satisfied = 非常满意 or 满意,
or a score ≥ 4. Department names that match no department are kept as written.
${exitCodeHelp}`,
    )
    .action(
      async (
        file: string,
        opts: {
          db?: string;
          round?: string;
          dryRun?: boolean;
          departmentColumn?: string;
          scoreColumn?: string;
        },
      ) => {
        const t = translator(cliLocale());
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (error) {
          throw new CliExit(
            exitCodes.input,
            t('errors.import_unreadable', { file, detail: (error as Error).message }),
          );
        }
        await withCtx(opts.db, async (ctx) => {
          const roundId = roundFor(ctx, opts.round, file, io, !!opts.dryRun);
          let departmentColumn: number | undefined;
          let scoreColumn: number | undefined;
          if (opts.departmentColumn || opts.scoreColumn) {
            const table = await readTable(basename(file), bytes);
            const headerRow = table.rows[headerRowOf(table.rows)] ?? [];
            const pick = (wanted: string) => {
              const i = findColumn(headerRow, wanted);
              if (i === null)
                throw new CliExit(
                  exitCodes.input,
                  t('surveys.cli.noColumn', {
                    header: wanted,
                    headers: headerRow.filter(Boolean).join('、'),
                  }),
                );
              return i;
            };
            if (opts.departmentColumn) departmentColumn = pick(opts.departmentColumn);
            if (opts.scoreColumn) scoreColumn = pick(opts.scoreColumn);
          }
          const input = {
            roundId: roundId ?? '',
            fileName: basename(file),
            bytes,
            departmentColumn,
            scoreColumn,
          };
          let preview: SurveyImportPreview;
          if (roundId === null) {
            // Dry run into a round that does not exist yet: everything would be new.
            const temp = ctx.sqlite.transaction(() => {
              const id = createRound(ctx, {
                name: opts.round ?? 'dry-run',
                startsOn: null,
                endsOn: null,
                departmentIds: [],
              }).id;
              return id;
            });
            ctx.sqlite.exec('SAVEPOINT dry');
            try {
              preview = await previewSurveyImport(ctx, { ...input, roundId: temp() });
            } finally {
              ctx.sqlite.exec('ROLLBACK TO dry');
              ctx.sqlite.exec('RELEASE dry');
            }
          } else preview = await previewSurveyImport(ctx, input);
          const header = (i: number | null) => (i === null ? '-' : `${i + 1} ${preview.headers[i]}`);
          io.out(
            t('surveys.cli.columns', {
              department: header(preview.departmentColumn),
              score: header(preview.scoreColumn),
            }) + '\n',
          );
          io.out(
            t('surveys.cli.preview', {
              rows: preview.rows,
              added: preview.added,
              already: preview.alreadyImported,
              blank: preview.blank,
            }) + '\n',
          );
          if (preview.unknownDepartments.length)
            io.out(t('surveys.cli.unknown', { names: preview.unknownDepartments.join('、') }) + '\n');
          if (opts.dryRun || roundId === null) {
            io.out(t('surveys.cli.dryRun') + '\n');
            return;
          }
          const result = await commitSurveyImport(ctx, input);
          io.out(t('surveys.cli.imported', { added: result.added, already: result.alreadyImported }) + '\n');
        });
      },
    );

  survey
    .command('summary')
    .description('satisfaction rate (satisfied ÷ answered) in total and per department')
    .addOption(dbOption())
    .option('--round <name>', 'one round (default: every round)')
    .option(
      '--json',
      'print {responses, satisfied, satisfactionRate, byDepartment: {<name>: {…}}} (rate 0–1)',
    )
    .action(async (opts: { db?: string; round?: string; json?: boolean }) => {
      const t = translator(cliLocale());
      await withCtx(opts.db, (ctx) => {
        let roundId: string | undefined;
        if (opts.round) {
          const found = findRoundByName(ctx, opts.round);
          if (!found) throw new CliExit(exitCodes.input, t('surveys.cli.noRound', { name: opts.round }));
          roundId = found.id;
        }
        const results = surveyResults(ctx, { roundId });
        const name = (n: string) => n || t('surveys.noDepartment');
        if (opts.json) {
          const json = {
            responses: results.total.responses,
            satisfied: results.total.satisfied,
            satisfactionRate: results.total.satisfactionRate,
            byDepartment: Object.fromEntries(
              results.byDepartment.map((d) => [
                name(d.name),
                { responses: d.responses, satisfied: d.satisfied, satisfactionRate: d.satisfactionRate },
              ]),
            ),
          };
          io.out(JSON.stringify(json, null, 2) + '\n');
          return;
        }
        io.out(
          formatTable(
            [
              t('surveys.department'),
              t('surveys.responses'),
              t('surveys.answered'),
              t('surveys.satisfied'),
              t('surveys.rate'),
            ],
            results.byDepartment.map((d) => [
              name(d.name),
              String(d.responses),
              String(d.answered),
              String(d.satisfied),
              percent(d.satisfactionRate),
            ]),
          ) + '\n',
        );
        io.out(
          t('surveys.cli.summary', { ...results.total, rate: percent(results.total.satisfactionRate) }) +
            '\n',
        );
      });
    });
}
