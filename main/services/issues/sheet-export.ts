// Exporting the (filtered) issue list to .xlsx in the layout hospitals pass around as 试运行问题清单: a
// title row (hospital, project, export date), a header row, one row per issue. Frozen header, column
// widths, wrapped text and an autofilter so it is usable as soon as it opens; dates are real Excel dates
// showing local time; every text cell that Excel could take for a formula is neutralised (OWASP).
import type { TFunction } from 'i18next';
import type { IssueFilter, IssueListRow, IssueSortKey, Locale } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { getProject } from '#services/reference/project.ts';
import { getLocale } from '#services/core/settings.ts';
import { listIssues } from './queries.ts';
import { openStatuses } from './workflow.ts';
import { localDay } from '#services/sheets/local-days.ts';
import {
  excelDate,
  fileStamp,
  listWorkbook,
  type ListColumn,
  type SheetFile,
} from '#services/sheets/xlsx-list.ts';

export interface ExportInput {
  filter: IssueFilter;
  sort?: { key: IssueSortKey; dir: 'asc' | 'desc' };
}

/** The columns not found on the list rows. */
interface Extra {
  id: string;
  description: string | null;
  workaround: string | null;
  resolution: string | null;
  acknowledgedAt: string | null;
  responseDueAt: string;
  tags: string;
}

type Row = IssueListRow & Omit<Extra, 'id'> & { seq: number };

type Column = ListColumn<Row>;

/**
 * 是否超时: whether a deadline was or is being missed — resolved late, still unresolved past the deadline,
 * or first response late — so the sheet also answers the resolution-timeliness target for closed issues.
 */
function overdueLabel(r: Row, now: string, t: TFunction): string {
  // Done without a known resolution time (imported so): nothing to judge.
  if (!r.resolvedAt && !openStatuses.includes(r.status)) return t('issueSheet.no');
  const resolvedLate = r.resolvedAt ? r.resolvedAt > r.resolutionDueAt : now > r.resolutionDueAt;
  if (resolvedLate) return t('issue.overdue.resolution');
  const respondedLate = r.acknowledgedAt ? r.acknowledgedAt > r.responseDueAt : now > r.responseDueAt;
  return respondedLate ? t('issue.overdue.response') : t('issueSheet.no');
}

function columns(t: TFunction, now: string): Column[] {
  return [
    { header: t('issueSheet.columns.seq'), width: 6, value: (r) => r.seq },
    { header: t('issueSheet.columns.number'), width: 11, value: (r) => r.number },
    { header: t('issue.department'), width: 14, value: (r) => r.departmentName, wrap: true },
    { header: t('issue.system'), width: 8, value: (r) => r.systemCode },
    { header: t('issue.module'), width: 12, value: (r) => r.moduleName, wrap: true },
    { header: t('issue.category'), width: 14, value: (r) => t(`issue.categories.${r.category}`), wrap: true },
    { header: t('issue.severity'), width: 16, value: (r) => t(`issue.severities.${r.severity}`), wrap: true },
    {
      header: t('issueSheet.columns.blocking'),
      width: 10,
      value: (r) => (r.blocking ? t('issueSheet.yes') : t('issueSheet.no')),
    },
    { header: t('issue.titleField'), width: 36, value: (r) => r.title, wrap: true },
    { header: t('issue.description'), width: 50, value: (r) => r.description, wrap: true },
    { header: t('issue.reporter'), width: 10, value: (r) => r.reporterName },
    { header: t('issue.reportedAt'), width: 17, value: (r) => excelDate(r.reportedAt), date: true },
    { header: t('issue.assignee'), width: 10, value: (r) => r.assigneeName },
    { header: t('issue.status'), width: 11, value: (r) => t(`issue.statuses.${r.status}`) },
    { header: t('issue.acknowledgedAt'), width: 17, value: (r) => excelDate(r.acknowledgedAt), date: true },
    { header: t('issue.resolvedAt'), width: 17, value: (r) => excelDate(r.resolvedAt), date: true },
    { header: t('issueSheet.columns.overdue'), width: 11, value: (r) => overdueLabel(r, now, t) },
    { header: t('issue.workaround'), width: 36, value: (r) => r.workaround, wrap: true },
    { header: t('issue.resolution'), width: 36, value: (r) => r.resolution, wrap: true },
    {
      header: t('issue.tags'),
      width: 16,
      value: (r) => (JSON.parse(r.tags) as string[]).join(t('common.listSeparator')) || null,
      wrap: true,
    },
  ];
}

function extras(ctx: Ctx, ids: string[]): Map<string, Extra> {
  const out = new Map<string, Extra>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = ctx.sqlite
      .prepare(
        `SELECT id, description, workaround, resolution, acknowledged_at AS acknowledgedAt,
           response_due_at AS responseDueAt, tags
         FROM pilot_issue WHERE id IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as Extra[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** The list as an .xlsx file, in the order and with the filter of the list on screen. */
export async function exportIssuesXlsx(
  ctx: Ctx,
  input: ExportInput,
  options: { locale?: Locale } = {},
): Promise<SheetFile> {
  const t = translator(options.locale ?? getLocale(ctx));
  const now = ctx.now();
  const { rows: listed } = listIssues(ctx, {
    filter: input.filter,
    sort: input.sort ?? { key: 'reportedAt', dir: 'asc' },
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
  });
  const more = extras(
    ctx,
    listed.map((r) => r.id),
  );
  const rows: Row[] = listed.map((r, i) => {
    const { id: _id, ...extra } = more.get(r.id)!;
    return { ...r, ...extra, seq: i + 1 };
  });

  const project = getProject(ctx);
  const date = localDay(now);
  const title = project
    ? t('issueSheet.title', { hospital: project.hospital, project: project.name, date })
    : t('issueSheet.titleNoProject', { date });
  const bytes = await listWorkbook({
    sheetName: t('issueSheet.sheetName'),
    title,
    columns: columns(t, now.toISOString()),
    rows,
    created: now,
  });
  const stamp = fileStamp(now, date);
  return {
    fileName: `${t('issueSheet.fileName')}-${stamp}.xlsx`,
    bytes,
    count: rows.length,
  };
}
