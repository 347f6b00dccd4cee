// The 需求清单 import and export (issue #15). Import: the header row found under any title rows (as the
// issue import does), 需求名称 / 需求描述 / 需求分类 (基础保障, with or without 类) / 需求科室 / 提出人 / 提出日期 /
// 优先级 / 状态; unknown departments refuse their row (department-resolution.ts); every row is fingerprinted
// so a re-import adds nothing; all rows in one transaction. Export: the same columns, formulas neutralised.
import { createHash } from 'node:crypto';
import { isNotNull } from 'drizzle-orm';
import { requirementRequest } from '#db/schema.ts';
import { translator } from '#contract/i18n/index.ts';
import {
  requestPriorities,
  requestStatuses,
  requestTiers,
  type Locale,
  type RequestFilter,
  type RequestImportPreview,
  type RequestImportResult,
  type RequestInput,
  type RequestPriority,
  type RequestStatus,
  type RequestTier,
  type RowProblem,
} from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import {
  cellOf,
  checkMapping,
  dataRows,
  loadTable,
  locateHeader,
  normaliseHeader,
  type ColumnMapping,
  type ColumnSpec,
  type UploadedFile,
} from '#services/sheets/column-mapping.ts';
import { restoreNeutralised } from '#services/sheets/formula.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { fileStamp, listWorkbook, type SheetFile } from '#services/sheets/xlsx-list.ts';
import {
  applyDepartmentPlan,
  departmentKey,
  departmentProposals,
  plannedDepartment,
  planDepartments,
  type DepartmentPlan,
} from '#services/reference/department-match.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { createRequest, listRequests } from './requests.ts';

export const requestSheetSpecs: ColumnSpec[] = [
  {
    key: 'title',
    required: true,
    label: 'requests.fields.title',
    synonyms: ['需求名称', '需求标题', '需求', '名称', 'title'],
  },
  {
    key: 'description',
    required: false,
    label: 'requests.fields.description',
    synonyms: ['需求描述', '描述', '需求说明', '说明', 'description'],
  },
  {
    key: 'tier',
    required: true,
    label: 'requests.fields.tier',
    synonyms: ['需求分类', '需求类别', '分类', '类别', '需求层级', '层级', 'tier'],
  },
  {
    key: 'department',
    required: false,
    label: 'requests.fields.department',
    synonyms: ['需求科室', '提出科室', '科室', 'department'],
  },
  {
    key: 'requester',
    required: false,
    label: 'requests.fields.requester',
    synonyms: ['提出人', '申请人', '需求人', 'requester'],
  },
  {
    key: 'requestedOn',
    required: false,
    label: 'requests.fields.requestedOn',
    synonyms: ['提出日期', '提出时间', '申请日期', 'requestedon', 'date'],
  },
  {
    key: 'priority',
    required: false,
    label: 'requests.fields.priority',
    synonyms: ['优先级', '紧急程度', 'priority'],
  },
  {
    key: 'status',
    required: false,
    label: 'requests.fields.status',
    synonyms: ['状态', '当前状态', 'status'],
  },
  {
    key: 'expectedValue',
    required: false,
    label: 'requests.fields.expectedValue',
    synonyms: ['预期价值', '预期效益', 'expectedvalue'],
  },
  {
    key: 'effortDays',
    required: false,
    label: 'requests.fields.effortDays',
    synonyms: ['工作量', '工作量估算', '人天', 'effort'],
  },
];

const word = (s: string) => normaliseHeader(s);

/** 基础保障类 / 基础保障 / 基础 / basic → basic; the 类 suffix is optional. */
const tierWords: Record<RequestTier, string[]> = {
  basic: ['基础保障', '基础', '保障', 'basic'],
  efficiency: ['效率提升', '效率', '提升', 'efficiency'],
  innovation: ['创新赋能', '创新', '赋能', 'innovation'],
};
export function parseTier(text: string): RequestTier | null {
  const w = word(text).replace(/类$/, '');
  return requestTiers.find((t) => tierWords[t].includes(w)) ?? null;
}

const priorityWords: Record<RequestPriority, string[]> = {
  high: ['高', '紧急', '急', 'high', 'p1', '1'],
  medium: ['中', '一般', '普通', 'medium', 'p2', '2'],
  low: ['低', '不急', 'low', 'p3', '3'],
};
export function parsePriority(text: string): RequestPriority | null {
  const w = word(text);
  return requestPriorities.find((p) => priorityWords[p].includes(w)) ?? null;
}

const statusWords: Record<RequestStatus, string[]> = {
  submitted: ['已提交', '提交', '待评审', '新建', '新提交', 'submitted'],
  under_review: ['评审中', '审核中', '待审核', 'underreview', 'under_review'],
  approved: ['已批准', '批准', '通过', '已通过', 'approved'],
  deferred: ['暂缓', '延期', '已暂缓', 'deferred'],
  rejected: ['已驳回', '驳回', '不通过', '拒绝', 'rejected'],
  in_development: ['开发中', '研发中', '处理中', 'indevelopment', 'in_development'],
  piloted: ['试点中', '试点', '已试点', 'piloted'],
  released: ['已上线', '上线', '已发布', 'released'],
  verified: ['已验证', '验证通过', '已完成', 'verified'],
};
export function parseStatus(text: string): RequestStatus | null {
  const w = word(text);
  return requestStatuses.find((s) => statusWords[s].map(word).includes(w)) ?? null;
}

/** 2026-11-03, 2026/11/3, 2026.11.3, 2026年11月3日 (with any time after it) → "2026-11-03". */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Same title, department and description (whitespace and case aside): the same row. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export function requestFingerprint(title: string, departmentName: string, description: string): string {
  return createHash('sha256')
    .update([norm(title), norm(departmentName), norm(description)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

interface PlannedRow {
  row: number;
  input: RequestInput;
  /** The department as the sheet writes it: its id is known once the plan's new departments exist. */
  departmentName: string | null;
  status: RequestStatus;
  importKey: string;
}

interface Plan {
  file: UploadedFile;
  preview: RequestImportPreview;
  rows: PlannedRow[];
  departmentPlan: DepartmentPlan;
}

/** Unknown departments as in the issue import (issue #12): close names proposed, the rest created. */
export interface RequestImportOptions {
  /** Names whose proposed close match the user declined: created instead. */
  declinedMatches?: readonly string[];
  /** false refuses rows naming a department the project lacks (the CLI's --no-create-departments). */
  createDepartments?: boolean;
}

async function plan(
  ctx: Ctx,
  file: UploadedFile,
  locale: Locale,
  mapping?: ColumnMapping,
  options: RequestImportOptions = {},
): Promise<Plan> {
  const t = translator(locale);
  const table = await loadTable(file);
  const located = locateHeader(requestSheetSpecs, table, { fuzzy: true });
  if (mapping) checkMapping(requestSheetSpecs, located.columns, mapping, t);
  const map = mapping ?? located.mapping;
  const missingRequired = requestSheetSpecs.filter((s) => s.required && map[s.key] == null).map((s) => s.key);
  const rows = dataRows(table, located.headerIndex);
  // The departments the sheet names, with their row counts: matched, proposed (a close name) or created.
  const named = new Map<string, number>();
  for (const r of rows) {
    const name = restoreNeutralised(cellOf(r.cells, map, 'department')).trim();
    if (name) named.set(name, (named.get(name) ?? 0) + 1);
  }
  const departmentPlan = planDepartments(ctx, named, {
    create: options.createDepartments !== false,
    declined: options.declinedMatches,
  });
  const departmentNames = new Map(listDepartments(ctx).map((d) => [d.id, d.name]));
  /** The department a name files under, by the name it has (or will have), or undefined when refused. */
  const departmentOf = (name: string): string | undefined => {
    const planned = plannedDepartment(departmentPlan, name);
    if (!planned) return undefined;
    if ('id' in planned) return departmentNames.get(planned.id) ?? name;
    return departmentPlan.created.find((p) => departmentKey(p.name) === departmentKey(name))?.target ?? name;
  };
  // Rows seen before: imported ones by their key, every other request by the same fingerprint (so the
  // app's own export imports back as nothing new).
  const known = new Set<string>(
    ctx.db
      .select({ key: requirementRequest.importKey })
      .from(requirementRequest)
      .where(isNotNull(requirementRequest.importKey))
      .all()
      .map((r) => r.key!),
  );
  for (const r of listRequests(ctx, { includeArchived: true })) {
    known.add(requestFingerprint(r.title, r.departmentName ?? '', r.description ?? ''));
  }
  const problems: RowProblem[] = [];
  const planned: PlannedRow[] = [];
  let alreadyImported = 0;
  const label = (key: string) => t(requestSheetSpecs.find((s) => s.key === key)!.label);
  if (!missingRequired.length) {
    for (const { row, cells } of rows) {
      // The export's neutralised text ('=…) reads back as what was typed, as in the issue import.
      const get = (key: string) => restoreNeutralised(cellOf(cells, map, key));
      const errors: string[] = [];
      const bad = (key: string) => errors.push(t('import.badValue', { field: label(key), value: get(key) }));
      const title = get('title');
      if (!title) errors.push(t('import.fieldRequired', { field: label('title') }));
      else if ([...title].length > 200) bad('title');
      const tier = get('tier') ? parseTier(get('tier')) : null;
      if (!get('tier')) errors.push(t('import.fieldRequired', { field: label('tier') }));
      else if (!tier) bad('tier');
      const departmentName = get('department').trim();
      const dept = departmentName ? departmentOf(departmentName) : null;
      if (departmentName && dept === undefined) {
        errors.push(t('import.unknownDepartment', { value: departmentName }));
      }
      const priority = get('priority') ? parsePriority(get('priority')) : 'medium';
      if (!priority) bad('priority');
      const status = get('status') ? parseStatus(get('status')) : 'submitted';
      if (!status) bad('status');
      const requestedOn = get('requestedOn') ? parseDay(get('requestedOn')) : null;
      if (get('requestedOn') && !requestedOn) bad('requestedOn');
      const effortText = get('effortDays')
        .replace(/(人天|天|d)$/i, '')
        .trim();
      const effortDays = effortText ? Number(effortText) : null;
      if (effortDays !== null && !(Number.isFinite(effortDays) && effortDays >= 0 && effortDays <= 10000))
        bad('effortDays');
      const description = get('description');
      if ([...description].length > 4000) bad('description');
      if (errors.length) {
        problems.push({ row, message: errors.join(t('import.problemSeparator')) });
        continue;
      }
      const importKey = requestFingerprint(title, dept ?? '', description);
      if (known.has(importKey)) {
        alreadyImported++;
        continue;
      }
      known.add(importKey);
      planned.push({
        row,
        importKey,
        status: status!,
        departmentName: departmentName || null,
        input: {
          title,
          description: description || null,
          departmentId: null,
          requester: get('requester').slice(0, 64) || null,
          requestedOn,
          tier: tier!,
          priority: priority!,
          valueMeasure: null,
          expectedValue: get('expectedValue').slice(0, 500) || null,
          effortDays,
          decisionRule: 'majority',
        },
      });
    }
  }
  return {
    file,
    rows: planned,
    departmentPlan,
    preview: {
      departments: departmentProposals(departmentPlan),
      kind: 'requests',
      fileName: file.fileName,
      format: table.format,
      encoding: table.encoding === 'utf-16le' ? 'utf-16le' : table.encoding,
      headerRow: located.headerIndex + 1,
      columns: located.columns,
      fields: requestSheetSpecs.map((s) => ({ key: s.key, required: s.required, label: t(s.label) })),
      mapping: map,
      sample: rows.slice(0, 5).map((r) => r.cells),
      totalRows: rows.length,
      missingRequired,
      problems,
      validRows: planned.length,
      alreadyImported,
    },
  };
}

export async function previewRequestImport(
  ctx: Ctx,
  file: UploadedFile,
  locale: Locale,
  mapping?: ColumnMapping,
  options: RequestImportOptions = {},
): Promise<RequestImportPreview> {
  return (await plan(ctx, file, locale, mapping, options)).preview;
}

/** Imports every valid row in one transaction; rows seen before and refused rows are counted, not written. */
export async function commitRequestImport(
  ctx: Ctx,
  file: UploadedFile,
  locale: Locale,
  mapping?: ColumnMapping,
  options: RequestImportOptions = {},
): Promise<RequestImportResult> {
  const { rows, preview, departmentPlan } = await plan(ctx, file, locale, mapping, options);
  inTransaction(ctx, () => {
    // The plan's new departments first, in the same transaction as the requests that name them.
    const ids = applyDepartmentPlan(ctx, departmentPlan);
    for (const r of rows) {
      const departmentId = r.departmentName ? (ids.get(departmentKey(r.departmentName)) ?? null) : null;
      createRequest(ctx, { ...r.input, departmentId }, { status: r.status, importKey: r.importKey });
    }
  });
  return {
    imported: rows.length,
    alreadyImported: preview.alreadyImported,
    skipped: preview.problems,
    departments: departmentProposals(departmentPlan),
  };
}

/** The requests as a 需求清单 .xlsx (the headers the import reads back). */
export async function exportRequests(ctx: Ctx, filter: RequestFilter, locale: Locale): Promise<SheetFile> {
  const t = translator(locale);
  const rows = listRequests(ctx, filter);
  const now = ctx.now();
  const bytes = await listWorkbook({
    sheetName: t('requests.exportTitle'),
    title: t('requests.exportTitle'),
    created: now,
    rows,
    columns: [
      { header: t('requests.fields.title'), width: 30, value: (r) => r.title, wrap: true },
      { header: t('requests.fields.description'), width: 40, value: (r) => r.description, wrap: true },
      { header: t('requests.fields.tier'), width: 12, value: (r) => t(`requests.tiers.${r.tier}`) },
      { header: t('requests.fields.department'), width: 14, value: (r) => r.departmentName },
      { header: t('requests.fields.requester'), width: 10, value: (r) => r.requester },
      { header: t('requests.fields.requestedOn'), width: 12, value: (r) => r.requestedOn },
      {
        header: t('requests.fields.priority'),
        width: 8,
        value: (r) => t(`requests.priorities.${r.priority}`),
      },
      { header: t('requests.fields.status'), width: 10, value: (r) => t(`requests.statuses.${r.status}`) },
      { header: t('requests.fields.expectedValue'), width: 24, value: (r) => r.expectedValue, wrap: true },
      { header: t('requests.fields.effortDays'), width: 10, value: (r) => r.effortDays },
      { header: t('requests.review.decision'), width: 30, value: (r) => r.decisionReason, wrap: true },
    ],
  });
  return {
    fileName: `${t('requests.exportTitle')}-${fileStamp(now, localDay(now))}.xlsx`,
    bytes,
    count: rows.length,
  };
}
