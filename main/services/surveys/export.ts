// Survey results as .xlsx: per department, per role, and the comments (every text cell neutralised).
import ExcelJS from 'exceljs';
import type { Locale } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { getLocale } from '#services/core/settings.ts';
import { neutraliseFormula } from '#services/sheets/formula.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { fileStamp, type SheetFile } from '#services/sheets/xlsx-list.ts';
import { surveyResults } from './results.ts';

const cell = (v: string | number | null) => (typeof v === 'string' ? neutraliseFormula(v) : v);
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** Results as .xlsx: per department, per role, and the comments (every text cell neutralised). */
export async function exportSurveyResults(
  ctx: Ctx,
  input: { roundId?: string | null },
  options: { locale?: Locale } = {},
): Promise<SheetFile> {
  const t = translator(options.locale ?? getLocale(ctx));
  const now = ctx.now();
  const results = surveyResults(ctx, input);
  const workbook = new ExcelJS.Workbook();
  workbook.created = now;
  const sheet = (name: string, header: string[], rows: (string | number | null)[][], widths: number[]) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = widths.map((width) => ({ width }));
    ws.addRow(header.map(cell)).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(cell)).alignment = { vertical: 'top', wrapText: true };
  };
  const none = t('surveys.noDepartment');
  const rateHeader = [
    t('surveys.responses'),
    t('surveys.answered'),
    t('surveys.satisfied'),
    t('surveys.ratePercent'),
  ];
  sheet(
    t('surveys.byDepartment'),
    [t('surveys.department'), ...rateHeader],
    results.byDepartment.map((d) => [
      d.name || none,
      d.responses,
      d.answered,
      d.satisfied,
      pct(d.satisfactionRate),
    ]),
    [24, 10, 10, 10, 12],
  );
  sheet(
    t('surveys.byRole'),
    [t('surveys.role'), ...rateHeader],
    results.byRole.map((d) => [
      d.role || none,
      d.responses,
      d.answered,
      d.satisfied,
      pct(d.satisfactionRate),
    ]),
    [20, 10, 10, 10, 12],
  );
  sheet(
    t('surveys.comments'),
    [t('surveys.department'), t('surveys.role'), t('surveys.answer'), t('surveys.comment')],
    results.comments.map((c) => [c.department || none, c.role, c.answer, c.comment]),
    [20, 14, 12, 60],
  );
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return {
    fileName: `${t('surveys.fileName')}-${fileStamp(now, localDay(now))}.xlsx`,
    bytes,
    count: results.total.responses,
  };
}
