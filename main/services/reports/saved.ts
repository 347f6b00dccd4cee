// Saved reports and the report view: a preset's sections over the figures of its period, with the
// coordinator's next steps. Figures are never stored: opening a saved report recomputes them.
import { desc } from 'drizzle-orm';
import { translator } from '#contract/i18n/index.ts';
import type {
  Locale,
  ReportInput,
  ReportKind,
  ReportSection,
  ReportView,
  SavedReport,
} from '#contract/index.ts';
import { savedReport } from '#db/schema.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { getLocale } from '#services/core/settings.ts';
import { computeFigures } from './figures.ts';
import { checkPeriod } from './period.ts';

export const presetSections: Record<ReportKind, ReportSection[]> = {
  huddle: ['kpis', 'newHigh', 'overdue', 'topOpen', 'nextSteps'],
  weekly: [
    'kpis',
    'severity',
    'charts',
    'topOpen',
    'departments',
    'systems',
    'training',
    'dualRun',
    'availability',
    'nextSteps',
  ],
  monthly: [
    'kpis',
    'severity',
    'charts',
    'topOpen',
    'departments',
    'systems',
    'training',
    'dualRun',
    'availability',
    'efficiency',
    'nextSteps',
  ],
  bulletin: [
    'kpis',
    'severity',
    'charts',
    'departments',
    'training',
    'dualRun',
    'availability',
    'efficiency',
    'nextSteps',
  ],
};

export function defaultTitle(ctx: Ctx, kind: ReportKind, locale: Locale = getLocale(ctx)): string {
  return translator(locale)(`reports.kinds.${kind}`);
}

export function reportView(ctx: Ctx, input: ReportInput, locale?: Locale): ReportView {
  const period = checkPeriod(input.from, input.to);
  return {
    kind: input.kind,
    title: input.title || defaultTitle(ctx, input.kind, locale),
    nextSteps: input.nextSteps,
    figures: computeFigures(ctx, period),
    sections: presetSections[input.kind],
  };
}

export function listReports(ctx: Ctx): SavedReport[] {
  return ctx.db
    .select()
    .from(savedReport)
    .orderBy(desc(savedReport.toDay), desc(savedReport.createdAt))
    .all();
}

export function getReport(ctx: Ctx, id: string): SavedReport {
  return getRecord(ctx, savedReport, id);
}

export function saveReport(ctx: Ctx, input: ReportInput & { id?: string }): SavedReport {
  const period = checkPeriod(input.from, input.to);
  const fields = {
    kind: input.kind,
    title: input.title || defaultTitle(ctx, input.kind),
    fromDay: period.from,
    toDay: period.to,
    nextSteps: input.nextSteps,
  };
  return inTransaction(ctx, () => {
    if (input.id) {
      getRecord(ctx, savedReport, input.id);
      return updateRecord(ctx, savedReport, input.id, fields);
    }
    return insertRecord(ctx, savedReport, { ...fields, archivedAt: null });
  });
}

export function archiveReport(ctx: Ctx, id: string, archived: boolean): SavedReport {
  return archiveRecord(ctx, savedReport, id, archived);
}

export function inputOf(report: SavedReport): ReportInput {
  return {
    kind: report.kind,
    from: report.fromDay,
    to: report.toDay,
    nextSteps: report.nextSteps,
    title: report.title,
  };
}
