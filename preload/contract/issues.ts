// Pilot issues (试运行问题): value sets, record shapes and the input schemas of the issues.* methods.
import { z } from 'zod';
import { column, timestampColumns, type ColumnSchemas } from './columns.ts';
import { declinedMatches, uploadedSheet, type NameProposal } from './reference.ts';
import {
  archiveInput,
  base64Content,
  columnMapping,
  empty,
  id,
  optionalId,
  optionalText,
  returns,
  text,
} from './schemas.ts';
import {
  severities,
  issueStatuses,
  issueCategories,
  issueSortKeys,
  type Severity,
  type IssueStatus,
  type IssueCategory,
  type SlaConfig,
} from './values/issues.ts';
export * from './values/issues.ts';

export interface PilotIssue {
  id: string;
  number: string;
  title: string;
  description: string | null;
  departmentId: string;
  systemId: string | null;
  moduleId: string | null;
  category: IssueCategory;
  severity: Severity;
  blocking: boolean;
  reporterId: string | null;
  assigneeId: string | null;
  status: IssueStatus;
  duplicateOfId: string | null;
  workaround: string | null;
  resolution: string | null;
  tags: string[];
  reportedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  verifiedAt: string | null;
  closedAt: string | null;
  responseDueAt: string;
  resolutionDueAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface IssueListRow {
  id: string;
  number: string;
  title: string;
  departmentId: string;
  departmentName: string;
  systemCode: string | null;
  moduleName: string | null;
  category: IssueCategory;
  severity: Severity;
  blocking: boolean;
  status: IssueStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  reporterName: string | null;
  reportedAt: string;
  resolvedAt: string | null;
  resolutionDueAt: string;
  overdue: 'response' | 'resolution' | null;
}

export interface IssueHistoryEntry {
  id: string;
  issueId: string;
  at: string;
  actor: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface IssueAttachment {
  id: string;
  issueId: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface IssueDetail {
  issue: PilotIssue;
  history: IssueHistoryEntry[];
  attachments: IssueAttachment[];
  duplicateOf: { id: string; number: string; title: string } | null;
  duplicates: { id: string; number: string; title: string }[];
  overdue: 'response' | 'resolution' | null;
  allowedTransitions: IssueStatus[];
}

export interface DuplicateCandidate {
  id: string;
  number: string;
  title: string;
  status: IssueStatus;
  reportedAt: string;
}

export interface DepartmentSummary {
  departmentId: string;
  departmentName: string;
  reported: number;
  resolved: number;
  open: number;
  overdue: number;
}

export interface DailySummary {
  day: string;
  reported: number;
  resolved: number;
  open: number;
  overdue: number;
  /** Issues reported that day and resolved by their resolution deadline ÷ issues reported that day. */
  sameDayRate: number | null;
  /** The rate's numerator and denominator (n of m), shown beside it so 100 % of 1 is not read as all. */
  sameDayMet: number;
  sameDayCounted: number;
  /** Reported that day, still open and not yet due: not in the rate, shown beside it. */
  sameDayPending: number;
  target: number;
  departments: DepartmentSummary[];
  urgent: IssueListRow[];
}

export interface SavedView {
  id: string;
  name: string;
  filter: IssueFilter;
}

const isoDateTime = z.iso.datetime({ offset: true });

export const issueFilter = z.object({
  departmentIds: z.array(id).max(200).optional(),
  systemIds: z.array(id).max(50).optional(),
  statuses: z.array(z.enum(issueStatuses)).optional(),
  severities: z.array(z.enum(severities)).optional(),
  assigneeIds: z.array(id).max(200).optional(),
  onlyOpen: z.boolean().optional(),
  overdue: z.boolean().optional(),
  blocking: z.boolean().optional(),
  reportedFrom: z.iso.date().optional(),
  reportedTo: z.iso.date().optional(),
  text: z.string().max(200).optional(),
});
export type IssueFilter = z.input<typeof issueFilter>;

export const issueFields = {
  title: text(200),
  description: optionalText(5000),
  departmentId: id,
  systemId: optionalId,
  moduleId: optionalId,
  category: z.enum(issueCategories),
  severity: z.enum(severities),
  blocking: z.boolean(),
  reporterId: optionalId,
  assigneeId: optionalId,
  workaround: optionalText(5000),
  tags: z.array(z.string().trim().min(1).max(32)).max(20),
};

export const issueCreateInput = z.object({
  title: issueFields.title,
  departmentId: issueFields.departmentId,
  severity: issueFields.severity,
  description: issueFields.description.optional(),
  systemId: issueFields.systemId.optional(),
  moduleId: issueFields.moduleId.optional(),
  category: issueFields.category.default('defect'),
  blocking: issueFields.blocking.default(false),
  reporterId: issueFields.reporterId.optional(),
  assigneeId: issueFields.assigneeId.optional(),
  workaround: issueFields.workaround.optional(),
  tags: issueFields.tags.default([]),
  reportedAt: isoDateTime.optional(),
});

export const issueUpdateInput = z.object({
  id,
  title: issueFields.title.optional(),
  description: issueFields.description.optional(),
  departmentId: issueFields.departmentId.optional(),
  systemId: issueFields.systemId.optional(),
  moduleId: issueFields.moduleId.optional(),
  category: issueFields.category.optional(),
  severity: issueFields.severity.optional(),
  blocking: issueFields.blocking.optional(),
  reporterId: issueFields.reporterId.optional(),
  assigneeId: issueFields.assigneeId.optional(),
  workaround: issueFields.workaround.optional(),
  /** Corrections after the fact; setting it never changes the status (that is issues.transition). */
  resolution: optionalText(5000).optional(),
  tags: issueFields.tags.optional(),
});

export const issueTransitionInput = z.object({
  id,
  to: z.enum(issueStatuses),
  resolution: optionalText(5000).optional(),
  duplicateOfId: optionalId.optional(),
});

const slaTarget = z.object({
  responseHours: z
    .number()
    .positive()
    .max(24 * 30),
  resolutionHours: z
    .number()
    .positive()
    .max(24 * 90)
    .nullable(),
});
export const slaInput = z.object({
  targets: z.object({ P1: slaTarget, P2: slaTarget, P3: slaTarget, P4: slaTarget }),
  workdayEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});

// ---------------------------------------------------------------- sheet import / export (试运行问题清单)

/** A field of the issue sheet import; `label` is already translated into the UI language. */
export interface IssueImportField {
  key: string;
  required: boolean;
  label: string;
}

/** A sheet row and the issue it created or matched. */
export interface IssueImportRowRef {
  /** 1-based row number as the user sees it in Excel. */
  row: number;
  number: string;
}

export interface IssueImportPerson {
  name: string;
  organisation: 'hospital' | 'vendor';
}

export interface IssueImportModule {
  systemCode: string;
  name: string;
}

export interface IssueImportPreview {
  kind: 'issues';
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'xlsx';
  sheetName: string | null;
  headerRow: number;
  columns: string[];
  fields: IssueImportField[];
  mapping: Record<string, number | null>;
  sample: string[][];
  /** Non-blank rows below the header. */
  totalRows: number;
  /** Keys of required fields without a column: importing is refused until they are mapped. */
  missingRequired: string[];
  /** Rows that will be skipped, with the reasons (every one, so the preview can offer them all as a file; `skippedRows` counts them). */
  problems: { row: number; message: string }[];
  skippedRows: number;
  /** Rows that will become new issues. */
  validRows: number;
  /** Rows already in the log (imported before, or the same issue exported from Wardside): not imported again. */
  alreadyImported: IssueImportRowRef[];
  /** Reporters (hospital staff) and assignees (vendor staff) named in the sheet but unknown: created on import. */
  newPeople: IssueImportPerson[];
  /** Modules named in the sheet but unknown in their system: created on import. */
  newModules: IssueImportModule[];
  /** Department names the project does not have, with row counts: matched to a close one or created. */
  departments: NameProposal[];
  /** The same for systems. */
  systems: NameProposal[];
  /** Headers of columns no field reads: their values are kept at the end of each issue's description. */
  extraColumns: string[];
  /** Rows of a done status without a resolution time: imported with the time empty, not invented. */
  resolvedWithoutTime: number[];
}

export interface IssueImportResult {
  created: IssueImportRowRef[];
  alreadyImported: IssueImportRowRef[];
  skipped: { row: number; message: string }[];
  newPeople: IssueImportPerson[];
  newModules: IssueImportModule[];
  departments: NameProposal[];
  systems: NameProposal[];
  resolvedWithoutTime: number[];
}

export interface IssueExportFile {
  fileName: string;
  contentBase64: string;
  /** Issues written (rows below the header). */
  count: number;
}

/** Largest single attachment (screenshots, photos of a screen, short documents). */
export const maxAttachmentBytes = 20 * 1024 * 1024;

export interface DeviceSettings {
  /** Who is using this laptop: recorded as the actor of every history entry. */
  operator: string;
  /** Prefix of the issue numbers this laptop hands out, e.g. "W3" → W3-0042. */
  issuePrefix: string;
}

export interface CaptureDefaults {
  departmentId: string;
  systemId: string | null;
  moduleId: string | null;
  reporterId: string | null;
}

export interface BulkUpdateResult {
  updated: number;
  refused: { id: string; number: string; message: string }[];
}

/** Pilot issues (试运行问题) and their attachments. */
export const issuesContract = {
  'settings.getDevice': returns<DeviceSettings>()(empty),
  'settings.setDevice': returns<DeviceSettings>()(
    z.object({
      operator: z.string().trim().max(32),
      issuePrefix: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9]{1,6}$/, 'letters and digits, 1–6 characters'),
    }),
  ),
  'issues.create': returns<PilotIssue>()(issueCreateInput),
  'issues.update': returns<PilotIssue>()(issueUpdateInput),
  'issues.transition': returns<PilotIssue>()(issueTransitionInput),
  'issues.bulkUpdate': returns<BulkUpdateResult>()(
    z
      .object({
        ids: z.array(id).min(1).max(5000),
        status: z.enum(issueStatuses).optional(),
        assigneeId: id.nullable().optional(),
        resolution: z.string().trim().min(1).max(5000).optional(),
      })
      .refine((v) => v.status !== undefined || v.assigneeId !== undefined, 'nothing to change'),
  ),
  /** Deletes an issue for good, on every laptop after the next sync (a tombstone). */
  'issues.delete': returns<{ id: string }>()(z.object({ id })),
  'issues.get': returns<IssueDetail>()(z.object({ id })),
  'issues.list': returns<{ total: number; rows: IssueListRow[] }>()(
    z.object({
      filter: issueFilter.default({}),
      sort: z
        .object({ key: z.enum(issueSortKeys), dir: z.enum(['asc', 'desc']) })
        .default({ key: 'reportedAt', dir: 'desc' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'issues.ids': returns<string[]>()(z.object({ filter: issueFilter })),
  'issues.duplicates': returns<DuplicateCandidate[]>()(
    z.object({ title: z.string().max(200), departmentId: id.nullish(), excludeId: id.nullish() }),
  ),
  'issues.summary': returns<DailySummary>()(z.object({ day: z.iso.date().optional() }).default({})),
  'issues.captureDefaults': returns<CaptureDefaults | null>()(empty),
  'issues.getSla': returns<SlaConfig>()(empty),
  'issues.setSla': returns<SlaConfig>()(slaInput),
  'issues.views': returns<SavedView[]>()(empty),
  'issues.saveView': returns<SavedView>()(z.object({ name: text(40), filter: issueFilter })),
  'issues.deleteView': returns<{ id: string }>()(z.object({ id })),
  /** Issue sheet (试运行问题清单) import: same file shape as imports.*; without a mapping the suggested one. */
  'issues.importPreview': returns<IssueImportPreview>()(
    uploadedSheet.extend({
      mapping: columnMapping.optional(),
      createMissing: z.boolean().default(true),
      declinedMatches: declinedMatches.optional(),
    }),
  ),
  'issues.importCommit': returns<IssueImportResult>()(
    uploadedSheet.extend({
      mapping: columnMapping.optional(),
      createMissing: z.boolean().default(true),
      declinedMatches: declinedMatches.optional(),
    }),
  ),
  /** The filtered, sorted list as .xlsx in the 试运行问题清单 layout, labels in the UI language. */
  'issues.exportXlsx': returns<IssueExportFile>()(
    z.object({
      filter: issueFilter.default({}),
      sort: z.object({ key: z.enum(issueSortKeys), dir: z.enum(['asc', 'desc']) }).optional(),
    }),
  ),
  'attachments.add': returns<IssueAttachment>()(
    z.object({
      issueId: id,
      fileName: text(255),
      mime: z.string().max(100).default('application/octet-stream'),
      contentBase64: base64Content(maxAttachmentBytes),
    }),
  ),
  'attachments.content': returns<{ attachment: IssueAttachment; contentBase64: string }>()(z.object({ id })),
  /** Opens the file with the system viewer (Electron); false where there is none (preview mode). */
  'attachments.open': returns<{ opened: boolean }>()(z.object({ id })),
  'attachments.archive': returns<IssueAttachment>()(archiveInput),
} as const;

// ---------------------------------------------------------------- what a synced change may carry (issue #11)
/** The project record (reference area) lives here because its `sla` column holds this area's SlaConfig. */
export const projectColumnSchemas = {
  id: column.id(),
  hospital: column.text(200),
  name: column.text(200),
  newSystem: column.text(128),
  goLiveDate: column.optionalTime(),
  sla: column.optionalJson(slaInput, 10_000),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const pilotIssueColumnSchemas = {
  id: column.id(),
  number: column.text(64),
  replicaId: column.id(),
  seq: column.int(0, 1e12),
  title: column.text(500),
  description: column.optionalText(20_000),
  departmentId: column.id(),
  systemId: column.optionalId(),
  moduleId: column.optionalId(),
  category: column.oneOf(issueCategories),
  severity: column.oneOf(severities),
  blocking: column.bool(),
  reporterId: column.optionalId(),
  assigneeId: column.optionalId(),
  status: column.oneOf(issueStatuses),
  duplicateOfId: column.optionalId(),
  workaround: column.optionalText(20_000),
  resolution: column.optionalText(20_000),
  tags: column.json(z.array(z.string().max(64)).max(50), 5_000),
  reportedAt: column.time(),
  acknowledgedAt: column.optionalTime(),
  resolvedAt: column.optionalTime(),
  verifiedAt: column.optionalTime(),
  closedAt: column.optionalTime(),
  responseDueAt: column.time(),
  resolutionDueAt: column.time(),
  importKey: column.optionalText(128),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const issueHistoryColumnSchemas = {
  id: column.id(),
  issueId: column.id(),
  at: column.time(),
  actor: column.text(200),
  field: column.text(64),
  oldValue: column.optionalText(40_000),
  newValue: column.optionalText(40_000),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const issueAttachmentColumnSchemas = {
  id: column.id(),
  issueId: column.id(),
  sha256: column.sha256(),
  fileName: column.text(255),
  mime: column.text(255),
  size: column.int(0, maxAttachmentBytes),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;
