// Exporting a report (saved or described in full) as .docx or .xlsx, in the user's language.
import { translator } from '#contract/i18n/index.ts';
import type { Locale, ReportInput } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { getLocale } from '#services/core/settings.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { reportDocx } from './docx.ts';
import { reportView } from './saved.ts';
import { reportXlsx } from './xlsx.ts';

export interface ReportBytes {
  fileName: string;
  bytes: Buffer;
}

export function reportFileName(title: string, from: string, to: string, ext: string): string {
  const safe = title.replace(/[\\/:*?"<>|\r\n\t]/g, ' ').trim() || 'report';
  return `${safe}-${from === to ? from : `${from}_${to}`}.${ext}`;
}

export async function exportReport(
  ctx: Ctx,
  input: ReportInput,
  format: 'docx' | 'xlsx',
  locale: Locale = getLocale(ctx),
): Promise<ReportBytes> {
  const t = translator(locale);
  const view = reportView(ctx, input, locale);
  const bytes = format === 'docx' ? await reportDocx(view, t) : await reportXlsx(view, t, ctx.now());
  return {
    fileName: reportFileName(view.title, view.figures.period.from, view.figures.period.to, format),
    bytes,
  };
}

export const todayOf = (ctx: Ctx) => localDay(ctx.now());
