// The not-ready list (未达标人员) as .xlsx: what the hospital's IT department uses to withhold system
// access from staff who have not passed. Same layout helper as the issue sheet.
import type { Locale, ReadinessScope } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { getProject } from '#services/reference/project.ts';
import { getLocale } from '#services/core/settings.ts';
import { excelDate, fileStamp, listWorkbook, type SheetFile } from '#services/sheets/xlsx-list.ts';
import { readinessPeople } from './readiness.ts';

export async function exportNotReady(
  ctx: Ctx,
  scope: Omit<ReadinessScope, 'notReadyOnly'>,
  options: { locale?: Locale } = {},
): Promise<SheetFile> {
  const t = translator(options.locale ?? getLocale(ctx));
  const now = ctx.now();
  const rows = readinessPeople(ctx, { ...scope, notReadyOnly: true });
  const project = getProject(ctx);
  const date = localDay(now);
  const title = t('training.notReadySheet.title', {
    hospital: project?.hospital ?? '',
    project: project?.name ?? '',
    date,
  }).trim();
  const bytes = await listWorkbook({
    sheetName: t('training.notReadySheet.sheetName'),
    title,
    created: now,
    rows: rows.map((r, i) => ({ ...r, seq: i + 1 })),
    columns: [
      { header: t('training.notReadySheet.seq'), width: 6, value: (r) => r.seq },
      { header: t('person.employeeNo'), width: 12, value: (r) => r.employeeNo },
      { header: t('person.name'), width: 12, value: (r) => r.name },
      { header: t('person.department'), width: 18, value: (r) => r.departmentName, wrap: true },
      { header: t('training.role'), width: 14, value: (r) => t(`training.roles.${r.role}`) },
      {
        header: t('training.readiness.reason'),
        width: 22,
        value: (r) => t(`training.readiness.reasons.${r.trained ? 'not_passed' : 'untrained'}`),
      },
      { header: t('training.readiness.bestScore'), width: 10, value: (r) => r.bestScore },
      { header: t('training.session.passMark'), width: 10, value: (r) => r.passMark },
      {
        header: t('training.readiness.lastSession'),
        width: 30,
        value: (r) => r.lastSession?.topic ?? null,
        wrap: true,
      },
      {
        header: t('training.readiness.lastSessionAt'),
        width: 17,
        value: (r) => excelDate(r.lastSession?.startsAt ?? null),
        date: true,
      },
    ],
  });
  return {
    fileName: `${t('training.notReadySheet.fileName')}-${fileStamp(now, date)}.xlsx`,
    bytes,
    count: rows.length,
  };
}
