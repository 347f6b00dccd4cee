// Importing an existing pilot-issue sheet (试运行问题清单, .xlsx or .csv): find the header row below any
// merged title rows, suggest a column for each field from the usual Chinese and English headers, read the
// values leniently (sheet-values.ts), report every refused row with its Excel row number, then create all
// valid rows in one transaction.
//
// Re-importing never duplicates: each row's fingerprint (SHA-256 of its normalised title, department code,
// reported minute and description) is stored as the issue's importKey, and a row matches an existing issue
// when the key is already there or when an issue of the same department and minute has the same
// fingerprint (so a sheet exported by Wardside and imported again adds nothing either).
//
// Unknown people are created rather than refused: a sheet names people by name only, and refusing every
// row whose engineer is not yet in Settings would make the first import import of a real sheet fail almost
// entirely. Reporters become hospital staff of the row's department, assignees vendor staff; the preview
// lists them before anything is written. Unknown departments and systems are refused instead: they are
// the project's structure, and a typo there must not invent a ward.
import { en, zhCN } from '#contract/i18n/index.ts';
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { TFunction } from 'i18next';
import { pilotIssue } from '#db/schema.ts';
import type {
  IssueCategory,
  IssueImportField,
  IssueImportModule,
  IssueImportPerson,
  IssueImportPreview,
  IssueImportResult,
  IssueImportRowRef,
  IssueStatus,
  Locale,
  Organisation,
  Person,
  RowProblem,
  Severity,
} from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import {
  cellOf,
  checkMapping,
  dataRows,
  loadTable,
  locateHeader,
  type ColumnMapping,
  type ColumnSpec,
  type Located,
  type UploadedFile,
} from '#services/sheets/column-mapping.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { AppError } from '#services/core/errors.ts';
import { createPerson, listPeople } from '#services/reference/people.ts';
import { updateRecord } from '#services/core/records.ts';
import { getLocalSetting, getLocale, setLocalSetting } from '#services/core/settings.ts';
import { addModule, listSystems } from '#services/reference/systems.ts';
import type { Table } from '#services/sheets/tabular.ts';
import { createIssue } from './issues.ts';
import {
  parseCategory,
  parseFlag,
  parseSeverity,
  parseSheetDate,
  parseStatus,
  parseTags,
  restoreNeutralised,
} from './sheet-values.ts';

/** The catalogue's own labels, both languages, so Wardside's exports map themselves. */
const labels = (pick: (c: typeof zhCN) => string) => [pick(zhCN), pick(en as unknown as typeof zhCN)];

export const issueFieldSpecs: ColumnSpec[] = [
  {
    key: 'title',
    required: true,
    label: 'issue.titleField',
    synonyms: [
      '问题标题',
      '标题',
      '问题名称',
      '问题摘要',
      '问题简述',
      '问题概述',
      '主题',
      'title',
      'issuetitle',
      'subject',
      'summary',
      ...labels((c) => c.issue.titleField),
    ],
  },
  {
    key: 'description',
    required: false,
    label: 'issue.description',
    synonyms: [
      '问题描述',
      '问题内容',
      '问题详情',
      '详细描述',
      '问题说明',
      '描述',
      '内容',
      '问题',
      'description',
      'issuedescription',
      'details',
      'detail',
      ...labels((c) => c.issue.description),
    ],
  },
  {
    key: 'department',
    required: true,
    label: 'issue.department',
    synonyms: [
      '科室',
      '科室名称',
      '科室编码',
      '使用科室',
      '提出科室',
      '所在科室',
      '反馈科室',
      '部门',
      '病区',
      'department',
      'dept',
      'ward',
      ...labels((c) => c.issue.department),
    ],
  },
  {
    key: 'system',
    required: false,
    label: 'issue.system',
    synonyms: [
      '系统',
      '系统名称',
      '所属系统',
      '涉及系统',
      '系统代码',
      'system',
      ...labels((c) => c.issue.system),
    ],
  },
  {
    key: 'module',
    required: false,
    label: 'issue.module',
    synonyms: [
      '模块',
      '功能模块',
      '所属模块',
      '模块名称',
      '功能',
      'module',
      ...labels((c) => c.issue.module),
    ],
  },
  {
    key: 'category',
    required: false,
    label: 'issue.category',
    synonyms: [
      '问题类别',
      '问题类型',
      '问题分类',
      '类别',
      '类型',
      '分类',
      'category',
      'type',
      'issuetype',
      ...labels((c) => c.issue.category),
    ],
  },
  {
    key: 'severity',
    required: false,
    label: 'issue.severity',
    synonyms: [
      '严重程度',
      '优先级',
      '紧急程度',
      '严重性',
      '严重等级',
      '级别',
      '等级',
      'severity',
      'priority',
      'urgency',
      ...labels((c) => c.issue.severity),
    ],
  },
  {
    key: 'blocking',
    required: false,
    label: 'issue.blocking',
    synonyms: [
      '是否阻断上线',
      '阻断上线',
      '是否阻断',
      '是否影响上线',
      '影响上线',
      'blocking',
      'blocksgolive',
      'goliveblocker',
      ...labels((c) => c.issue.blocking),
      ...labels((c) => c.issueSheet.columns.blocking),
    ],
  },
  {
    key: 'status',
    required: false,
    label: 'issue.status',
    synonyms: [
      '状态',
      '处理状态',
      '问题状态',
      '当前状态',
      '解决状态',
      '进度',
      'status',
      'state',
      ...labels((c) => c.issue.status),
    ],
  },
  {
    key: 'reporter',
    required: false,
    label: 'issue.reporter',
    synonyms: [
      '提出人',
      '报告人',
      '反馈人',
      '提交人',
      '发现人',
      '登记人',
      '提出者',
      'reporter',
      'reportedby',
      'raisedby',
      ...labels((c) => c.issue.reporter),
    ],
  },
  {
    key: 'assignee',
    required: false,
    label: 'issue.assignee',
    synonyms: [
      '处理人',
      '负责人',
      '责任人',
      '解决人',
      '跟进人',
      '对接人',
      '处理工程师',
      'assignee',
      'owner',
      'assignedto',
      'handler',
      ...labels((c) => c.issue.assignee),
    ],
  },
  {
    key: 'reportedAt',
    required: false,
    label: 'issue.reportedAt',
    synonyms: [
      '提出时间',
      '发现时间',
      '反馈时间',
      '报告时间',
      '登记时间',
      '提交时间',
      '提出日期',
      '发现日期',
      '反馈日期',
      '日期',
      '时间',
      'reportedat',
      'reporteddate',
      'reported',
      'date',
      'createdat',
      'created',
      ...labels((c) => c.issue.reportedAt),
    ],
  },
  {
    key: 'acknowledgedAt',
    required: false,
    label: 'issue.acknowledgedAt',
    synonyms: [
      '响应时间',
      '受理时间',
      '首次响应时间',
      '响应日期',
      'acknowledgedat',
      'respondedat',
      'responsetime',
      ...labels((c) => c.issue.acknowledgedAt),
    ],
  },
  {
    key: 'resolvedAt',
    required: false,
    label: 'issue.resolvedAt',
    synonyms: [
      '解决时间',
      '完成时间',
      '处理完成时间',
      '解决日期',
      '完成日期',
      'resolvedat',
      'resolveddate',
      'fixedat',
      ...labels((c) => c.issue.resolvedAt),
    ],
  },
  {
    key: 'workaround',
    required: false,
    label: 'issue.workaround',
    synonyms: [
      '临时解决办法',
      '临时解决方案',
      '临时方案',
      '临时措施',
      '解决方案',
      '解决办法',
      '应急措施',
      'workaround',
      'temporarysolution',
      ...labels((c) => c.issue.workaround),
    ],
  },
  {
    key: 'resolution',
    required: false,
    label: 'issue.resolution',
    synonyms: [
      '处理结果',
      '处理情况',
      '处理意见',
      '解决结果',
      '处理说明',
      '处理措施',
      '回复',
      'resolution',
      'result',
      'solution',
      ...labels((c) => c.issue.resolution),
    ],
  },
  {
    key: 'tags',
    required: false,
    label: 'issue.tags',
    synonyms: ['标签', '关键字', '关键词', 'tags', 'tag', 'labels', ...labels((c) => c.issue.tags)],
  },
];

const TITLE_MAX = 200;
const TEXT_MAX = 5000;
const NAME_MAX = 64;
const TAG_MAX = 32;
const TAGS_MAX = 20;
const MODULE_MAX = 64;

// ---------------------------------------------------------------- fingerprint

const collapse = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Minute precision: sheets show minutes, and a time read back from Excel may be a few ms off. */
const minuteOf = (iso: string) => iso.slice(0, 16);

/** The stable fingerprint of an issue's content that marks it as imported (pilot_issue.import_key). */
export function issueFingerprint(input: {
  title: string;
  departmentCode: string;
  reportedAt: string | null;
  description: string | null;
}): string {
  const parts = [
    collapse(input.title),
    collapse(input.departmentCode).toUpperCase(),
    input.reportedAt ? minuteOf(new Date(input.reportedAt).toISOString()) : '',
    collapse(input.description),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

// ---------------------------------------------------------------- planning (no writes)

type Ref = { id: string } | { name: string };

interface PlannedIssue {
  row: number;
  importKey: string;
  title: string;
  description: string | null;
  departmentId: string;
  systemId: string | null;
  module: Ref | null;
  category: IssueCategory;
  severity: Severity;
  blocking: boolean;
  status: IssueStatus;
  reporter: Ref | null;
  assignee: Ref | null;
  workaround: string | null;
  resolution: string | null;
  tags: string[];
  reportedAt: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

interface Plan {
  issues: PlannedIssue[];
  problems: RowProblem[];
  alreadyImported: IssueImportRowRef[];
  newPeople: (IssueImportPerson & { departmentId: string | null })[];
  newModules: (IssueImportModule & { systemId: string })[];
}

const lower = (s: string) => s.normalize('NFKC').trim().toLowerCase();

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

function truncate(text: string, max: number): string {
  return [...text].length > max ? [...text].slice(0, max - 1).join('') + '…' : text;
}

class Lookups {
  readonly departments: { id: string; code: string; name: string }[];
  readonly systems: ReturnType<typeof listSystems>;
  private readonly people = new Map<string, Person[]>();
  private readonly byKey: Statement<[string]>;
  private readonly sameMinute: Statement<[string, string, string]>;

  constructor(ctx: Ctx) {
    this.departments = listDepartments(ctx);
    this.systems = listSystems(ctx);
    for (const p of listPeople(ctx, { includeArchived: true })) {
      const key = lower(p.name);
      this.people.set(key, [...(this.people.get(key) ?? []), p]);
    }
    this.byKey = ctx.sqlite.prepare('SELECT number FROM pilot_issue WHERE import_key = ? LIMIT 1');
    this.sameMinute = ctx.sqlite.prepare(
      `SELECT number, title, description, reported_at AS reportedAt FROM pilot_issue
       WHERE department_id = ? AND reported_at >= ? AND reported_at < ?`,
    );
  }

  department(value: string) {
    const v = lower(value);
    return (
      this.departments.find((d) => lower(d.code) === v) ?? this.departments.find((d) => lower(d.name) === v)
    );
  }

  system(value: string) {
    const v = lower(value);
    return this.systems.find((s) => lower(s.code) === v) ?? this.systems.find((s) => lower(s.name) === v);
  }

  /** Active people first, then those of the expected organisation. */
  person(name: string, organisation: Organisation): Person | undefined {
    const found = this.people.get(lower(name)) ?? [];
    const rank = (p: Person) => (p.archivedAt ? 2 : 0) + (p.organisation === organisation ? 0 : 1);
    return [...found].sort((a, b) => rank(a) - rank(b))[0];
  }

  /** The number of an issue already in the log with this fingerprint, if any. */
  existing(importKey: string, departmentId: string, departmentCode: string, reportedAt: string | null) {
    const hit = this.byKey.get(importKey) as { number: string } | undefined;
    if (hit) return hit.number;
    if (!reportedAt) return undefined;
    const start = minuteOf(reportedAt) + ':00.000Z';
    const end = new Date(Date.parse(start) + 60_000).toISOString();
    const candidates = this.sameMinute.all(departmentId, start, end) as {
      number: string;
      title: string;
      description: string | null;
      reportedAt: string;
    }[];
    return candidates.find(
      (c) =>
        issueFingerprint({
          title: c.title,
          departmentCode,
          reportedAt: c.reportedAt,
          description: c.description,
        }) === importKey,
    )?.number;
  }
}

function planRows(ctx: Ctx, table: Table, located: Located, mapping: ColumnMapping, t: TFunction): Plan {
  const look = new Lookups(ctx);
  const plan: Plan = { issues: [], problems: [], alreadyImported: [], newPeople: [], newModules: [] };
  const seenKeys = new Map<string, number>();
  const label = (key: string) => t(issueFieldSpecs.find((s) => s.key === key)!.label);

  for (const { row, cells } of dataRows(table, located.headerIndex)) {
    const get = (key: string) => restoreNeutralised(cellOf(cells, mapping, key));
    const errors: string[] = [];
    const tooLong = (key: string, value: string, max: number) => {
      if ([...value].length > max) errors.push(t('issueSheet.tooLong', { field: label(key), max }));
    };

    // Title: the title column, else the first line of the description; an over-long title is shortened
    // and kept whole at the top of the description, so nothing typed is lost.
    let description: string | null = get('description') || null;
    let title = get('title').replace(/\s*\n\s*/g, ' ');
    if (!title && description) title = firstLine(description);
    if (!title) errors.push(t('import.fieldRequired', { field: label('title') }));
    if ([...title].length > TITLE_MAX) {
      description = description ? `${title}\n\n${description}` : title;
      title = truncate(title, TITLE_MAX);
    }
    if (description) tooLong('description', description, TEXT_MAX);

    const deptRaw = get('department');
    const department = deptRaw ? look.department(deptRaw) : undefined;
    if (!deptRaw) errors.push(t('import.fieldRequired', { field: label('department') }));
    else if (!department) errors.push(t('import.unknownDepartment', { value: deptRaw }));

    const systemRaw = get('system');
    let system = systemRaw ? look.system(systemRaw) : undefined;
    if (systemRaw && !system) errors.push(t('issueSheet.unknownSystem', { value: systemRaw }));
    const moduleRaw = get('module');
    let module: Ref | null = null;
    if (moduleRaw && !(systemRaw && !system)) {
      tooLong('module', moduleRaw, MODULE_MAX);
      if (system) {
        const m = system.modules.find((x) => lower(x.name) === lower(moduleRaw));
        module = m ? { id: m.id } : { name: moduleRaw };
      } else {
        const owners = look.systems.filter((s) => s.modules.some((x) => lower(x.name) === lower(moduleRaw)));
        if (owners.length === 1) {
          system = owners[0]!;
          module = { id: system.modules.find((x) => lower(x.name) === lower(moduleRaw))!.id };
        } else {
          errors.push(t('issueSheet.moduleWithoutSystem', { value: moduleRaw }));
        }
      }
    }

    const tags = parseTags(get('tags'));
    const categoryRaw = get('category');
    let category: IssueCategory = 'defect';
    if (categoryRaw) {
      const parsed = parseCategory(categoryRaw);
      // A category of the hospital's own scheme is kept as a tag rather than refusing the row.
      if (parsed) category = parsed;
      else if (!tags.includes(categoryRaw)) tags.unshift(truncate(categoryRaw, TAG_MAX));
    }
    if (tags.length > TAGS_MAX) errors.push(t('issueSheet.tooManyTags', { max: TAGS_MAX }));
    for (const tag of tags)
      if ([...tag].length > TAG_MAX) errors.push(t('issueSheet.badTag', { value: tag }));

    const severityRaw = get('severity');
    const severity = severityRaw ? parseSeverity(severityRaw) : 'P3';
    if (!severity) errors.push(t('issueSheet.badSeverity', { value: severityRaw }));

    const blockingRaw = get('blocking');
    const blocking = parseFlag(blockingRaw);
    if (blocking === undefined) {
      errors.push(t('issueSheet.badFlag', { field: label('blocking'), value: blockingRaw }));
    }

    const date = (key: string): string | null => {
      const raw = get(key);
      if (!raw) return null;
      const parsed = parseSheetDate(raw);
      if (!parsed) {
        errors.push(t('issueSheet.badDate', { field: label(key), value: raw }));
        return null;
      }
      return parsed.toISOString();
    };
    const reportedAt = date('reportedAt');
    let acknowledgedAt = date('acknowledgedAt');
    let resolvedAt = date('resolvedAt');
    for (const [key, at] of [
      ['acknowledgedAt', acknowledgedAt],
      ['resolvedAt', resolvedAt],
    ] as const) {
      if (at && reportedAt && at < reportedAt) {
        errors.push(t('issueSheet.beforeReported', { field: label(key), reported: label('reportedAt') }));
      }
    }

    const statusRaw = get('status');
    let status = statusRaw ? parseStatus(statusRaw) : undefined;
    if (statusRaw && !status) errors.push(t('issueSheet.badStatus', { value: statusRaw }));
    // No status column: a solved date says resolved, a response date says acknowledged.
    if (!statusRaw) status = resolvedAt ? 'resolved' : acknowledgedAt ? 'acknowledged' : 'new';
    if (status === 'new') acknowledgedAt = null;
    if (status === 'new' || status === 'acknowledged' || status === 'in_progress' || status === 'reopened') {
      resolvedAt = null;
    }

    const person = (key: 'reporter' | 'assignee', organisation: Organisation): Ref | null => {
      const name = get(key).replace(/\s+/g, ' ');
      if (!name) return null;
      if ([...name].length > NAME_MAX) {
        tooLong(key, name, NAME_MAX);
        return null;
      }
      const found = look.person(name, organisation);
      return found ? { id: found.id } : { name };
    };
    const reporter = person('reporter', 'hospital');
    const assignee = person('assignee', 'vendor');

    const workaround = get('workaround') || null;
    const resolution = get('resolution') || null;
    if (workaround) tooLong('workaround', workaround, TEXT_MAX);
    if (resolution) tooLong('resolution', resolution, TEXT_MAX);

    if (errors.length || !department) {
      plan.problems.push({ row, message: errors.join(t('import.problemSeparator')) });
      continue;
    }

    const importKey = issueFingerprint({ title, departmentCode: department.code, reportedAt, description });
    const same = seenKeys.get(importKey);
    if (same !== undefined) {
      plan.problems.push({ row, message: t('issueSheet.sameAsRow', { row: same }) });
      continue;
    }
    seenKeys.set(importKey, row);
    const number = look.existing(importKey, department.id, department.code, reportedAt);
    if (number) {
      plan.alreadyImported.push({ row, number });
      continue;
    }

    for (const [ref, organisation] of [
      [reporter, 'hospital'],
      [assignee, 'vendor'],
    ] as const) {
      if (ref && 'name' in ref && !plan.newPeople.some((p) => lower(p.name) === lower(ref.name))) {
        plan.newPeople.push({
          name: ref.name,
          organisation,
          departmentId: organisation === 'hospital' ? department.id : null,
        });
      }
    }
    if (module && 'name' in module && system) {
      const s = system;
      const name = module.name;
      if (!plan.newModules.some((m) => m.systemId === s.id && lower(m.name) === lower(name))) {
        plan.newModules.push({ systemId: s.id, systemCode: s.code, name });
      }
    }
    plan.issues.push({
      row,
      importKey,
      title,
      description,
      departmentId: department.id,
      systemId: system?.id ?? null,
      module,
      category,
      severity: severity!,
      blocking: blocking!,
      status: status!,
      reporter,
      assignee,
      workaround,
      resolution,
      tags,
      reportedAt,
      acknowledgedAt,
      resolvedAt,
    });
  }
  return plan;
}

// ---------------------------------------------------------------- preview / commit

/** The id of a planned reference: an existing record, or the one created for its name. */
const refId = (ref: Ref | null, created: Map<string, string>, prefix = '') =>
  ref === null ? null : 'id' in ref ? ref.id : created.get(prefix + lower(ref.name))!;

export interface IssueImportInput extends UploadedFile {
  mapping?: ColumnMapping;
}

export interface SheetOptions {
  /** Language of the messages; the app's UI language by default (the CLI passes its own). */
  locale?: Locale;
}

interface Prepared {
  t: TFunction;
  table: Table;
  located: Located;
  fields: IssueImportField[];
  missingRequired: string[];
}

async function prepare(ctx: Ctx, input: IssueImportInput, options: SheetOptions): Promise<Prepared> {
  const t = translator(options.locale ?? getLocale(ctx));
  const table = await loadTable(input);
  const located = locateHeader(issueFieldSpecs, table, { fuzzy: true });
  if (input.mapping) {
    checkMapping(issueFieldSpecs, located.columns, input.mapping, t);
    located.mapping = { ...located.mapping, ...input.mapping };
  }
  const mapped = (key: string) => (located.mapping[key] ?? null) !== null;
  // A sheet without a title column may still be imported from its description (first line as title).
  const required = (spec: ColumnSpec) => spec.required && !(spec.key === 'title' && mapped('description'));
  return {
    t,
    table,
    located,
    fields: issueFieldSpecs.map((s) => ({ key: s.key, required: required(s), label: t(s.label) })),
    missingRequired: issueFieldSpecs.filter((s) => required(s) && !mapped(s.key)).map((s) => s.key),
  };
}

const publicPeople = (plan: Plan): IssueImportPerson[] =>
  plan.newPeople.map(({ name, organisation }) => ({ name, organisation }));
const publicModules = (plan: Plan): IssueImportModule[] =>
  plan.newModules.map(({ systemCode, name }) => ({ systemCode, name }));

export async function previewIssueImport(
  ctx: Ctx,
  input: IssueImportInput,
  options: SheetOptions = {},
): Promise<IssueImportPreview> {
  const { t, table, located, fields, missingRequired } = await prepare(ctx, input, options);
  const plan = planRows(ctx, table, located, located.mapping, t);
  const rows = dataRows(table, located.headerIndex).map((r) => r.cells);
  return {
    kind: 'issues',
    fileName: input.fileName,
    format: table.format,
    encoding: table.encoding === 'utf-16le' ? 'utf-8' : table.encoding,
    sheetName: table.sheetName,
    headerRow: located.headerIndex + 1,
    columns: located.columns,
    fields,
    mapping: located.mapping,
    sample: rows.slice(0, 10),
    totalRows: rows.length,
    missingRequired,
    problems: plan.problems.slice(0, 200),
    skippedRows: plan.problems.length,
    validRows: missingRequired.length ? 0 : plan.issues.length,
    alreadyImported: plan.alreadyImported,
    newPeople: publicPeople(plan),
    newModules: publicModules(plan),
  };
}

export async function commitIssueImport(
  ctx: Ctx,
  input: IssueImportInput,
  options: SheetOptions = {},
): Promise<IssueImportResult> {
  const { t, table, located, missingRequired } = await prepare(ctx, input, options);
  if (missingRequired.length) {
    throw new AppError('import_missing_column', {
      file: input.fileName,
      column: missingRequired
        .map((key) => t(issueFieldSpecs.find((s) => s.key === key)!.label))
        .join(t('common.listSeparator')),
    });
  }
  return inTransaction(ctx, () => {
    // Planned inside the transaction, so what is checked is exactly what is written.
    const plan = planRows(ctx, table, located, located.mapping, t);
    const people = new Map<string, string>();
    for (const p of plan.newPeople) {
      const created = createPerson(ctx, {
        name: p.name,
        organisation: p.organisation,
        departmentId: p.departmentId,
        role: null,
        phone: null,
        employeeNo: null,
      });
      people.set(lower(p.name), created.id);
    }
    const modules = new Map<string, string>();
    for (const m of plan.newModules) {
      modules.set(`${m.systemId}\n${lower(m.name)}`, addModule(ctx, m.systemId, m.name).id);
    }

    // Importing is not "capturing": the quick-entry form keeps remembering the user's last own entry.
    const lastCapture = getLocalSetting<unknown>(ctx, 'lastCapture') ?? null;
    const created: IssueImportRowRef[] = [];
    for (const p of plan.issues) {
      const issue = createIssue(ctx, {
        title: p.title,
        description: p.description,
        departmentId: p.departmentId,
        systemId: p.systemId,
        moduleId: refId(p.module, modules, `${p.systemId}\n`),
        category: p.category,
        severity: p.severity,
        blocking: p.blocking,
        reporterId: refId(p.reporter, people),
        assigneeId: refId(p.assignee, people),
        workaround: p.workaround,
        resolution: p.resolution,
        tags: p.tags,
        status: p.status,
        importKey: p.importKey,
        ...(p.reportedAt ? { reportedAt: p.reportedAt } : {}),
      });
      // createIssue stamps a non-new status at the report time; the sheet's own dates are better.
      const stamps: Record<string, string> = {};
      if (issue.acknowledgedAt && p.acknowledgedAt) stamps.acknowledgedAt = p.acknowledgedAt;
      if (issue.resolvedAt && p.resolvedAt) {
        stamps.resolvedAt = p.resolvedAt;
        if (issue.verifiedAt && issue.verifiedAt < p.resolvedAt) stamps.verifiedAt = p.resolvedAt;
        if (issue.closedAt && issue.closedAt < p.resolvedAt) stamps.closedAt = p.resolvedAt;
        if (!p.acknowledgedAt && issue.acknowledgedAt && issue.acknowledgedAt > p.resolvedAt) {
          stamps.acknowledgedAt = p.resolvedAt;
        }
      }
      if (Object.keys(stamps).length) updateRecord(ctx, pilotIssue, issue.id, stamps);
      created.push({ row: p.row, number: issue.number });
    }
    setLocalSetting(ctx, 'lastCapture', lastCapture);
    return {
      created,
      alreadyImported: plan.alreadyImported,
      skipped: plan.problems,
      newPeople: publicPeople(plan),
      newModules: publicModules(plan),
    };
  });
}
