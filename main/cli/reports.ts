// `wardside report`: a report's figures as JSON, or the report as .docx / .xlsx, from the same services as
// the app's report screen (issue #13). A bad period (unparsable day, from after to) exits 4, naming it.
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { translator } from '#contract/i18n/index.ts';
import { locales, reportKinds, type Locale, type ReportKind } from '#contract/index.ts';
import { AppError } from '#services/core/errors.ts';
import { exportReport } from '#services/reports/export.ts';
import { kpiTargetText, kpiValueText } from '#contract/report-content.ts';
import { checkPeriod, presetPeriod } from '#services/reports/period.ts';
import { reportView } from '#services/reports/saved.ts';
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

interface ReportOptions {
  db?: string;
  from?: string;
  to?: string;
  kind: ReportKind;
  out?: string;
  json?: boolean;
  lang?: Locale;
}

export function addReportCommands(program: Command, io: Io) {
  program
    .command('report')
    .description(summary('report'))
    .addOption(dbOption())
    .option('--from <YYYY-MM-DD>', 'first local day of the period (default: the preset’s)')
    .option('--to <YYYY-MM-DD>', 'last local day of the period (default: today)')
    .addOption(new Option('--kind <kind>', 'report preset').choices(reportKinds).default('weekly'))
    .option('--out <file>', 'write the report: FILE.docx or FILE.xlsx')
    .option('--json', 'print the figures as JSON')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(locales))
    .addHelpText('after', exitCodeHelp)
    .action((opts: ReportOptions) =>
      withCtx(opts.db, async (ctx) => {
        const locale = opts.lang ?? cliLocale();
        const t = translator(locale);
        const format = opts.out ? extname(opts.out).toLowerCase().slice(1) : null;
        if (format !== null && format !== 'docx' && format !== 'xlsx')
          throw new CliExit(exitCodes.input, t('reports.cli.badOut', { file: opts.out }));
        let period;
        try {
          const preset = presetPeriod(
            ctx,
            opts.kind,
            opts.to && /^\d{4}-\d{2}-\d{2}$/.test(opts.to) ? opts.to : undefined,
          );
          period = checkPeriod(opts.from ?? preset.from, opts.to ?? preset.to);
        } catch (error) {
          if (error instanceof AppError)
            throw new CliExit(exitCodes.input, t(`errors.${error.code}`, error.params));
          throw error;
        }
        const input = { kind: opts.kind, ...period, nextSteps: '' };
        const view = reportView(ctx, input, locale);
        if (opts.json) io.out(JSON.stringify(view.figures, null, 2) + '\n');
        else if (!opts.out) {
          io.out(
            formatTable(
              [
                t('reports.col.kpi'),
                t('reports.col.actual'),
                t('reports.col.target'),
                t('reports.col.status'),
              ],
              view.figures.kpis.map((k) => [
                t(`reports.kpi.${k.key}`),
                kpiValueText(k),
                kpiTargetText(k),
                t(`reports.status.${k.status}`),
              ]),
            ) + '\n',
          );
          const i = view.figures.issues;
          io.out(
            t('reports.summaryLine', {
              reported: i.reported,
              resolved: i.resolved,
              open: i.openAtEnd,
              overdue: i.overdue,
            }) + '\n',
          );
        }
        if (opts.out && (format === 'docx' || format === 'xlsx')) {
          const file = await exportReport(ctx, input, format, locale);
          writeFileSync(resolve(opts.out), file.bytes);
          (opts.json ? io.err : io.out)(
            t('reports.cli.written', { file: opts.out, bytes: file.bytes.length }) + '\n',
          );
        }
      }),
    );
}
