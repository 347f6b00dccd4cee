// Reports and KPIs.
import type { reportsContract } from '#contract/reports.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { exportReport, reportFileName } from '#services/reports/export.ts';
import { computeFigures } from '#services/reports/figures.ts';
import * as logs from '#services/reports/logs.ts';
import { checkPeriod, presetPeriod } from '#services/reports/period.ts';
import {
  archiveReport,
  getReport,
  inputOf,
  listReports,
  reportView,
  saveReport,
} from '#services/reports/saved.ts';
import { getTargets, setTarget } from '#services/reports/targets.ts';
import { toBase64 } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function reportsHandlers(ctx: Ctx, hooks: HandlerHooks): AreaHandlers<typeof reportsContract> {
  return {
    'reports.figures': ({ from, to }) => computeFigures(ctx, checkPeriod(from, to)),
    'reports.targets': () => getTargets(ctx),
    'reports.setTarget': (input) => setTarget(ctx, input),
    'reports.presetPeriod': ({ kind, today }) => presetPeriod(ctx, kind, today),
    'reports.view': (input) => reportView(ctx, input),
    'reports.list': () => listReports(ctx),
    'reports.get': ({ id }) => getReport(ctx, id),
    'reports.save': (input) => saveReport(ctx, input),
    'reports.archive': ({ id, archived }) => archiveReport(ctx, id, archived),
    'reports.export': async ({ reportId, report, format }) => {
      const input = reportId ? inputOf(getReport(ctx, reportId)) : report;
      if (!input) throw new AppError('invalid_input', { detail: 'reportId or report' });
      if (format === 'pdf') {
        // Electron prints the window showing the report preview; preview mode uses the browser's print.
        if (!hooks.printToPdf) throw new AppError('report_pdf_unavailable');
        const view = reportView(ctx, input);
        const bytes = await hooks.printToPdf();
        return {
          fileName: reportFileName(view.title, view.figures.period.from, view.figures.period.to, 'pdf'),
          contentBase64: toBase64(bytes),
        };
      }
      const file = await exportReport(ctx, input, format);
      return { fileName: file.fileName, contentBase64: toBase64(file.bytes) };
    },
    'reports.downtimes': () => logs.listDowntimes(ctx),
    'reports.addDowntime': (input) => logs.addDowntime(ctx, input),
    'reports.updateDowntime': ({ id, ...input }) => logs.updateDowntime(ctx, id, input),
    'reports.archiveDowntime': ({ id, archived }) => logs.archiveDowntime(ctx, id, archived),
    'reports.incidents': () => logs.listIncidents(ctx),
    'reports.addIncident': (input) => logs.addIncident(ctx, input),
    'reports.archiveIncident': ({ id, archived }) => logs.archiveIncident(ctx, id, archived),
    'reports.efficiency': () => logs.listEfficiency(ctx),
    'reports.addEfficiency': (input) => logs.addEfficiency(ctx, input),
    'reports.updateEfficiency': ({ id, ...input }) => logs.updateEfficiency(ctx, id, input),
    'reports.archiveEfficiency': ({ id, archived }) => logs.archiveEfficiency(ctx, id, archived),
  };
}
