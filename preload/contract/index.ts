// THE contract between renderer and main: method names (`area.verb`), the zod schema that main parses
// every input with, and the result type. The preload (preload/api.ts), the Electron binding, the preview
// server and the renderer client are all derived from this table; tests/unit/contract.test.ts fails if
// any side is missing a method.
import { z } from 'zod';
import { id, optionalText, returns, text } from './schemas.ts';
import {
  departmentTypes,
  importKinds,
  locales,
  maxAttachmentBytes,
  maxImportBytes,
  organisations,
  staffRoles,
  type AppInfo,
  type Department,
  type ImportPreview,
  type ImportResult,
  type Locale,
  type Person,
  type Project,
  type SystemModule,
  type SystemWithModules,
} from './domain.ts';
import type { Envelope } from './errors.ts';
import { reconcileContract } from './reconcile.ts';
import {
  issueCreateInput,
  issueFilter,
  issueSortKeys,
  issueStatuses,
  issueTransitionInput,
  issueUpdateInput,
  slaInput,
  type DailySummary,
  type DuplicateCandidate,
  type IssueAttachment,
  type IssueExportFile,
  type IssueImportPreview,
  type IssueImportResult,
  type IssueDetail,
  type IssueListRow,
  type PilotIssue,
  type SavedView,
  type SlaConfig,
} from './issues.ts';
import {
  renameDeviceInput,
  resolveConflictInput,
  syncExportInput,
  syncImportInput,
  type Conflict,
  type ImportLogEntry,
  type ImportReport,
  type SyncExportResult,
  type SyncStatus,
} from './sync.ts';
import {
  attendanceStatuses,
  markInput,
  maxScore,
  readinessScope,
  sessionInput,
  sessionStatuses,
  type Attempt,
  type PersonReadiness,
  type ReadinessMatrix,
  type SessionDetail,
  type SessionListRow,
  type TrainingExportFile,
  type TrainingSession,
} from './training.ts';

export * from './domain.ts';
export * from './errors.ts';
export * from './issues.ts';
export * from './sync.ts';
export * from './training.ts';
export * from './reconcile.ts';

const isoDate = z.iso.date();
const pilotPhase = z.number().int().min(1).max(9).nullable();

export const departmentInput = z.object({
  code: text(32),
  name: text(64),
  type: z.enum(departmentTypes),
  pilotPhase: pilotPhase.default(null),
});

export const personInput = z.object({
  name: text(64),
  role: z
    .enum(staffRoles)
    .nullish()
    .transform((v) => v ?? null),
  title: optionalText(64),
  champion: z.boolean().default(false),
  phone: optionalText(32).refine((v) => v === null || /^[0-9+\-() ]{3,32}$/.test(v), {
    message: 'phone may contain digits, spaces and + - ( ) only',
  }),
  organisation: z.enum(organisations),
  departmentId: id.nullish().transform((v) => v ?? null),
  employeeNo: optionalText(32),
});

export const systemInput = z.object({
  code: text(16),
  name: text(64),
  vendor: optionalText(64),
});

export const projectInput = z.object({
  hospital: text(100),
  name: text(100),
  newSystem: text(64),
  goLiveDate: isoDate.nullable(),
});

const importFile = z.object({
  kind: z.enum(importKinds),
  fileName: text(255),
  // base64 grows by 4/3; the decoded limit is checked again in the service with a friendly message.
  contentBase64: z
    .string()
    .max(Math.ceil((maxImportBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});

/** Field key → 0-based column index in the file, or null for "not imported". */
const columnMapping = z.record(z.string().max(32), z.number().int().min(0).max(500).nullable());

const archiveInput = z.object({ id, archived: z.boolean() });
const empty = z.object({}).strict().default({});

export const contract = {
  'app.info': returns<AppInfo>()(empty),

  'settings.setLocale': returns<{ locale: Locale }>()(z.object({ locale: z.enum(locales) })),
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

  'project.get': returns<Project | null>()(empty),
  'project.setup': returns<Project>()(
    projectInput.extend({ pilotDepartments: z.array(departmentInput.omit({ pilotPhase: true })).max(20) }),
  ),
  'project.update': returns<Project>()(projectInput),

  'departments.list': returns<Department[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'departments.create': returns<Department>()(departmentInput),
  'departments.update': returns<Department>()(departmentInput.extend({ id })),
  'departments.archive': returns<Department>()(archiveInput),

  'systems.list': returns<SystemWithModules[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'systems.create': returns<SystemWithModules>()(systemInput),
  'systems.update': returns<SystemWithModules>()(systemInput.extend({ id })),
  'systems.archive': returns<SystemWithModules>()(archiveInput),
  'systems.addModule': returns<SystemModule>()(z.object({ systemId: id, name: text(64) })),
  'systems.renameModule': returns<SystemModule>()(z.object({ id, name: text(64) })),
  'systems.archiveModule': returns<SystemModule>()(archiveInput),

  'people.list': returns<Person[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'people.create': returns<Person>()(personInput),
  'people.update': returns<Person>()(personInput.extend({ id })),
  'people.archive': returns<Person>()(archiveInput),

  'imports.preview': returns<ImportPreview>()(importFile.extend({ mapping: columnMapping.optional() })),
  'imports.commit': returns<ImportResult>()(
    importFile.extend({ mapping: columnMapping, archiveMissing: z.boolean().default(true) }),
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
    importFile.omit({ kind: true }).extend({ mapping: columnMapping.optional() }),
  ),
  'issues.importCommit': returns<IssueImportResult>()(
    importFile.omit({ kind: true }).extend({ mapping: columnMapping.optional() }),
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
      contentBase64: z
        .string()
        .max(Math.ceil((maxAttachmentBytes * 4) / 3) + 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    }),
  ),
  'attachments.content': returns<{ attachment: IssueAttachment; contentBase64: string }>()(z.object({ id })),
  /** Opens the file with the system viewer (Electron); false where there is none (preview mode). */
  'attachments.open': returns<{ opened: boolean }>()(z.object({ id })),
  'attachments.archive': returns<IssueAttachment>()(archiveInput),

  /** This laptop's replica, what it holds, and the replicas it has heard of. */
  'sync.status': returns<SyncStatus>()(empty),
  /** Everything this laptop knows as one `.wardside` file: saved through a dialog, or returned for download. */
  'sync.exportFile': returns<SyncExportResult>()(syncExportInput),
  /** What importing these files would do, computed exactly and rolled back. */
  'sync.previewImport': returns<ImportReport>()(syncImportInput),
  /** Imports every file that passes its checks, all in one transaction; refused files write nothing. */
  'sync.applyImport': returns<ImportReport>()(syncImportInput),
  'sync.importLog': returns<ImportLogEntry[]>()(empty),
  /** Names this laptop as other laptops will see it (conflicts inbox, import log) from its next export. */
  'sync.renameDevice': returns<{ id: string; label: string }>()(renameDeviceInput),
  'sync.conflicts': returns<Conflict[]>()(empty),
  /** Keeps one of the conflicting values; the resolution travels to the other laptops like any edit. */
  'sync.resolveConflict': returns<{ remaining: number }>()(resolveConflictInput),
  'training.sessions': returns<SessionListRow[]>()(
    z.object({ includeCancelled: z.boolean().default(false) }).default({ includeCancelled: false }),
  ),
  'training.session': returns<SessionDetail>()(z.object({ id })),
  'training.createSession': returns<TrainingSession>()(sessionInput),
  'training.updateSession': returns<TrainingSession>()(sessionInput.extend({ id })),
  'training.setStatus': returns<TrainingSession>()(z.object({ id, status: z.enum(sessionStatuses) })),
  /** Attendance and/or score of one person's attempt. */
  'training.mark': returns<Attempt>()(markInput),
  /** Everyone listed who is not marked yet gets this status (e.g. "the rest were present"). */
  'training.markRest': returns<{ marked: number }>()(
    z.object({ sessionId: id, personIds: z.array(id).max(5000), status: z.enum(attendanceStatuses) }),
  ),
  /** A new attempt in the same session (re-assessment); earlier attempts are kept. */
  'training.retake': returns<Attempt>()(
    z.object({ sessionId: id, personId: id, score: z.number().min(0).max(maxScore).nullable() }),
  ),
  'training.readiness': returns<ReadinessMatrix>()(empty),
  'training.readinessPeople': returns<PersonReadiness[]>()(readinessScope),
  /** Staff not ready for go-live (never trained or not passed) in the scope, as .xlsx. */
  'training.exportNotReady': returns<TrainingExportFile>()(readinessScope),
  ...reconcileContract,
} as const;

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

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export const methodNames = Object.keys(contract) as MethodName[];

/** What callers pass (before zod defaults/transforms). */
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
/** What handlers receive (after parsing). */
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K]['output'];

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;
type Fn<K extends MethodName> =
  {} extends InputOf<K>
    ? (input?: InputOf<K>) => Promise<Envelope<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<Envelope<OutputOf<K>>>;

/** The shape of `window.wardside`: one named function per contract method, grouped by area. */
export type WardsideApi = {
  [N in Namespace<MethodName>]: {
    [K in MethodName as K extends `${N}.${infer V}` ? V : never]: Fn<K>;
  };
};

/** Transport used by preload (ipcRenderer.invoke) and by the preview bridge (fetch). */
export type Invoke = <K extends MethodName>(method: K, input: unknown) => Promise<Envelope<OutputOf<K>>>;

/** The handler table main implements; bound to IPC by main/app and to HTTP by main/preview. */
export type Handlers = { [K in MethodName]: (input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };
