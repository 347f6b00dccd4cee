// Report periods: checked local days, and each preset's default period ending on a given day.
import type { Period, ReportKind } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { localDay } from '#services/sheets/local-days.ts';

/** A real calendar day "YYYY-MM-DD" (2026-02-30 is not), else null. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d, 12);
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? value.trim() : null;
}

/** The period, or report_bad_period naming what is wrong (an unparsable day, or from after to). */
export function checkPeriod(from: string, to: string): Period {
  const f = parseDay(from);
  if (!f) throw new AppError('report_bad_period', { period: `${from} – ${to}`, detail: from });
  const t = parseDay(to);
  if (!t) throw new AppError('report_bad_period', { period: `${from} – ${to}`, detail: to });
  if (f > t)
    throw new AppError('report_bad_period', { period: `${from} – ${to}`, detail: `${from} > ${to}` });
  return { from: f, to: t };
}

const shift = (day: string, days: number) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d + days, 12));
};

/** huddle: today; weekly: the 7 days ending today; monthly: the calendar month to today; bulletin: project to date. */
export function presetPeriod(ctx: Ctx, kind: ReportKind, today = localDay(ctx.now())): Period {
  switch (kind) {
    case 'huddle':
      return { from: today, to: today };
    case 'weekly':
      return { from: shift(today, -6), to: today };
    case 'monthly':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'bulletin': {
      const first = ctx.sqlite.prepare('SELECT min(reported_at) AS at FROM pilot_issue').get() as {
        at: string | null;
      };
      const from = first.at ? localDay(new Date(first.at)) : today;
      return { from: from < today ? from : today, to: today };
    }
  }
}
