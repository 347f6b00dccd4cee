// The change list as an .xlsx (formula cells neutralised by listWorkbook).
import { translator } from '#contract/i18n/index.ts';
import type { Locale } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { excelDate, fileStamp, listWorkbook, type SheetFile } from '#services/sheets/xlsx-list.ts';
import { listChanges } from './changes.ts';

export async function exportChanges(ctx: Ctx, locale: Locale): Promise<SheetFile> {
  const t = translator(locale);
  const rows = listChanges(ctx);
  const now = ctx.now();
  const bytes = await listWorkbook({
    sheetName: t('changes.exportTitle'),
    title: t('changes.exportTitle'),
    created: now,
    rows,
    columns: [
      { header: t('changes.fields.title'), width: 30, value: (r) => r.title, wrap: true },
      { header: t('changes.fields.kind'), width: 8, value: (r) => t(`changes.kinds.${r.kind}`) },
      { header: t('changes.fields.reason'), width: 30, value: (r) => r.reason, wrap: true },
      { header: t('changes.fields.impactScope'), width: 20, value: (r) => r.impactScope, wrap: true },
      { header: t('changes.fields.impactCost'), width: 20, value: (r) => r.impactCost, wrap: true },
      { header: t('changes.fields.impactSchedule'), width: 20, value: (r) => r.impactSchedule, wrap: true },
      { header: t('changes.fields.risk'), width: 8, value: (r) => r.risk },
      { header: t('changes.fields.backoutPlan'), width: 30, value: (r) => r.backoutPlan, wrap: true },
      { header: t('changes.fields.plannedAt'), width: 17, value: (r) => excelDate(r.plannedAt), date: true },
      { header: t('changes.fields.status'), width: 10, value: (r) => t(`changes.statuses.${r.status}`) },
      { header: t('changes.signOffName'), width: 10, value: (r) => r.signedOffBy },
    ],
  });
  return {
    fileName: `${t('changes.exportTitle')}-${fileStamp(now, localDay(now))}.xlsx`,
    bytes,
    count: rows.length,
  };
}
