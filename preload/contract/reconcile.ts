// Dual-run reconciliation (双轨运行对账), the workspace side: profiles per data domain, runs per business
// date, discrepancy items with their triage, trend and the go / no-go view. The engine's own shapes
// (profile columns, summary, discrepancy kinds) are declared once in ./reconcile-engine.ts
// and only re-exported here as types, so the contract and the engine cannot drift apart.
import { z } from 'zod';
import {
  compareKinds,
  discrepancyKinds,
  type DiscrepancyKind,
  type EncodingChoice,
  type ProfileColumn,
  type ReconcileProgress,
  type ReconcileSummary,
} from './reconcile-engine.ts';
import { column, timestampColumns, type ColumnSchemas } from './columns.ts';
import { issueCategories, severities } from './issues.ts';
import { id, optionalText, returns, text } from './schemas.ts';
import {
  itemStatuses,
  discrepancyCauses,
  itemSeen,
  itemSortKeys,
  type ItemStatus,
  type DiscrepancyCause,
  encodingChoices,
} from './values/reconcile.ts';
export * from './values/reconcile.ts';

export type {
  CompareKind,
  DiscrepancyKind,
  EncodingChoice,
  ProfileColumn,
  ReconcileProgress,
  ReconcileSummary,
} from './reconcile-engine.ts';
export { compareKinds, discrepancyKinds } from './reconcile-engine.ts';

/** Largest reconciliation file accepted (preview uploads and picked files alike). */
export const maxReconcileFileBytes = 2 * 1024 * 1024 * 1024;
/** One upload chunk in preview mode (the preview server caps a request body at 40 MB). */
export const reconcileChunkBytes = 8 * 1024 * 1024;

export interface ReconcileProfile {
  id: string;
  /** The data domain, e.g. 门诊收费; one profile per domain. */
  domain: string;
  name: string;
  columns: ProfileColumn[];
  encodingOld: EncodingChoice;
  encodingNew: EncodingChoice;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileListRow extends ReconcileProfile {
  runCount: number;
  lastRunDate: string | null;
  openItems: number;
}

export interface ReconcileRun {
  id: string;
  profileId: string;
  domain: string;
  businessDate: string;
  oldFileName: string;
  newFileName: string;
  summary: ReconcileSummary;
  /** Distinct keys compared (matched + missing on either side). */
  totalRows: number;
  /** Keys on both sides with every compared column equal. */
  consistentRows: number;
  discrepancyCount: number;
  newItems: number;
  carriedItems: number;
  /** Items reopened because they came back after being marked fixed. */
  reopenedItems: number;
  elapsedMs: number;
  /** A later run of the same domain and date replaced this one in the trend. */
  superseded: boolean;
  createdAt: string;
}

export interface DiscrepancyItem {
  id: string;
  profileId: string;
  kind: DiscrepancyKind;
  key: string[];
  column: string | null;
  oldValue: string | null;
  newValue: string | null;
  oldRow: number | null;
  newRow: number | null;
  firstSeenDate: string;
  lastSeenDate: string;
  lastRunId: string;
  timesSeen: number;
  status: ItemStatus;
  cause: DiscrepancyCause | null;
  note: string | null;
  issueId: string | null;
  issueNumber: string | null;
  /** Days from first seen to the domain's latest business date (open) or to last seen (closed). */
  ageDays: number;
  /** Not in the domain's latest run any more. */
  notReproduced: boolean;
  updatedAt: string;
}

export const itemFilter = z.object({
  profileId: id,
  statuses: z.array(z.enum(itemStatuses)).optional(),
  kinds: z.array(z.enum(discrepancyKinds)).optional(),
  columns: z.array(z.string().max(200)).max(200).optional(),
  causes: z.array(z.enum(discrepancyCauses)).optional(),
  /** Items that were open on that business date (first seen ≤ date ≤ last seen). */
  seenOn: z.iso.date().optional(),
  seen: z.enum(itemSeen).optional(),
  /** Key or value contains. */
  text: z.string().max(200).optional(),
  minAgeDays: z.number().int().min(0).max(3650).optional(),
});
export type ItemFilter = z.input<typeof itemFilter>;

export const profileInput = z.object({
  domain: text(64),
  name: text(100),
  columns: z
    .array(
      z.object({
        old: z.string().trim().min(1).max(200),
        new: z.string().trim().min(1).max(200),
        key: z.boolean().optional(),
        compare: z.enum(compareKinds).optional(),
        tolerance: z.number().min(0).max(1e12).optional(),
      }),
    )
    .min(1)
    .max(500),
  encodingOld: z.enum(encodingChoices).default('auto'),
  encodingNew: z.enum(encodingChoices).default('auto'),
});

export const triageInput = z.object({
  ids: z.array(id).min(1).max(50_000),
  status: z.enum(itemStatuses),
  cause: z.enum(discrepancyCauses).nullish(),
  note: optionalText(2000),
});

export const issueFromItemInput = z.object({
  itemId: id,
  title: text(200),
  departmentId: id,
  severity: z.enum(severities),
  category: z.enum(issueCategories).default('data_interface'),
  blocking: z.boolean().default(false),
  systemId: id.nullish(),
});

export interface CutoverCriteria {
  minDays: number;
  /** The last `recentDays` run days must each reach `minRate`. */
  recentDays: number;
  /** Fraction, 0.999 = 99.9 %. */
  minRate: number;
  /** No open item older than this many days. */
  maxOpenAgeDays: number;
  /** No open P1 or go-live-blocking pilot issue. */
  noBlockingIssues: boolean;
}

export const defaultCutoverCriteria: CutoverCriteria = {
  minDays: 14,
  recentDays: 3,
  minRate: 0.999,
  maxOpenAgeDays: 2,
  noBlockingIssues: true,
};

export const criteriaInput = z.object({
  minDays: z.number().int().min(1).max(365),
  recentDays: z.number().int().min(1).max(60),
  minRate: z.number().min(0).max(1),
  maxOpenAgeDays: z.number().int().min(0).max(365),
  noBlockingIssues: z.boolean(),
});

export interface TrendPoint {
  businessDate: string;
  runId: string;
  totalRows: number;
  consistentRows: number;
  /** consistentRows / totalRows; 1 for an empty day. */
  rate: number;
  discrepancyCount: number;
  /** No discrepancy of any kind that day. */
  clean: boolean;
}

export interface DomainTrend {
  profileId: string;
  domain: string;
  points: TrendPoint[];
  /** Run days in a row, ending at the latest, without any discrepancy. */
  cleanStreak: number;
}

export type CriterionKey = 'minDays' | 'recentRate' | 'openAge' | 'blockingIssues';

export interface CriterionResult {
  key: CriterionKey;
  pass: boolean;
  /** What was measured, for the sentence on screen (days, rate, count…). */
  actual: number;
  /** Offending things, e.g. the domains or issue numbers. */
  detail: string[];
}

export interface DomainVerdict {
  profileId: string;
  domain: string;
  go: boolean;
  runDays: number;
  cleanStreak: number;
  recentRates: { businessDate: string; rate: number }[];
  oldestOpenAgeDays: number | null;
  criteria: CriterionResult[];
}

export interface GoNoGo {
  go: boolean;
  criteria: CutoverCriteria;
  domains: DomainVerdict[];
  /** Open P1 or blocking pilot issues (numbers). */
  blockingIssues: { id: string; number: string; title: string }[];
  overall: CriterionResult[];
}

export interface HeaderPreview {
  headers: string[];
  encoding: string;
  sampleRows: string[][];
}

export interface SuggestedPair {
  old: string;
  new: string;
  /** exact: same header; synonym: known Chinese/English pair; similar: close spelling. */
  reason: 'exact' | 'synonym' | 'similar';
  key: boolean;
  compare: ProfileColumn['compare'];
}

export interface StagedFile {
  fileId: string;
  fileName: string;
  size: number;
}

export interface JobStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: ReconcileProgress | null;
  runId: string | null;
  error: string | null;
}

export interface ItemExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

export interface TriageResult {
  updated: number;
  refused: { id: string; message: string }[];
}

export interface Suggestion {
  pairs: SuggestedPair[];
  unmatchedOld: string[];
  unmatchedNew: string[];
}

export interface IssueOrigin {
  itemId: string;
  profileId: string;
  domain: string;
  key: string[];
  kind: DiscrepancyKind;
  column: string | null;
  status: ItemStatus;
  firstSeenDate: string;
  lastSeenDate: string;
}

const itemSort = z.object({ key: z.enum(itemSortKeys), dir: z.enum(['asc', 'desc']) });
const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const headerList = z.array(z.string().max(200)).max(500);
const sampleList = z.array(z.array(z.string().max(2000)).max(500)).max(50);

/** The reconcile.* methods, spread into the contract (preload/contract/index.ts). */
export const reconcileContract = {
  'reconcile.profiles': returns<ProfileListRow[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'reconcile.profile': returns<ReconcileProfile>()(z.object({ id })),
  'reconcile.createProfile': returns<ReconcileProfile>()(profileInput),
  'reconcile.updateProfile': returns<ReconcileProfile>()(profileInput.extend({ id })),
  'reconcile.archiveProfile': returns<ReconcileProfile>()(z.object({ id, archived: z.boolean() })),
  /** Electron: a file dialog in main; `available: false` where there is none (preview mode uploads). */
  'reconcile.pickFile': returns<{ available: boolean; file: StagedFile | null }>()(
    z.object({}).strict().default({}),
  ),
  /** Preview mode: one chunk of a file, in order; the first chunk has no fileId. */
  'reconcile.upload': returns<StagedFile & { received: number }>()(
    z.object({
      fileId: id.nullish(),
      fileName: text(255),
      size: z.number().int().min(0).max(maxReconcileFileBytes),
      offset: z.number().int().min(0),
      contentBase64: base64(reconcileChunkBytes),
    }),
  ),
  'reconcile.headers': returns<HeaderPreview>()(
    z.object({ fileId: id, encoding: z.enum(encodingChoices).default('auto') }),
  ),
  'reconcile.suggest': returns<Suggestion>()(
    z.object({
      oldHeaders: headerList,
      newHeaders: headerList,
      // The previews' sample rows: a compare kind is suggested only when the values fit it.
      oldSamples: sampleList.optional(),
      newSamples: sampleList.optional(),
    }),
  ),
  'reconcile.start': returns<{ jobId: string }>()(
    z.object({ profileId: id, businessDate: z.iso.date(), oldFileId: id, newFileId: id }),
  ),
  'reconcile.runStatus': returns<JobStatus>()(z.object({ jobId: id })),
  'reconcile.cancel': returns<JobStatus>()(z.object({ jobId: id })),
  'reconcile.runs': returns<ReconcileRun[]>()(z.object({ profileId: id })),
  'reconcile.run': returns<ReconcileRun>()(z.object({ id })),
  'reconcile.items': returns<{ total: number; rows: DiscrepancyItem[] }>()(
    z.object({
      filter: itemFilter,
      sort: itemSort.default({ key: 'age', dir: 'desc' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'reconcile.itemIds': returns<string[]>()(z.object({ filter: itemFilter })),
  'reconcile.itemColumns': returns<string[]>()(z.object({ profileId: id })),
  'reconcile.item': returns<DiscrepancyItem>()(z.object({ id })),
  'reconcile.triage': returns<TriageResult>()(triageInput),
  'reconcile.createIssue': returns<{ issueId: string; issueNumber: string }>()(issueFromItemInput),
  'reconcile.issueOrigins': returns<IssueOrigin[]>()(z.object({ issueId: id })),
  'reconcile.export': returns<ItemExportFile>()(
    z.object({ filter: itemFilter, sort: itemSort.optional(), format: z.enum(['xlsx', 'csv']) }),
  ),
  'reconcile.trend': returns<DomainTrend[]>()(z.object({}).strict().default({})),
  'reconcile.goNoGo': returns<GoNoGo>()(z.object({}).strict().default({})),
  'reconcile.setCriteria': returns<CutoverCriteria>()(criteriaInput),
} as const;

// ---------------------------------------------------------------- what a synced change may carry (issue #11)
const profileColumns = profileInput.shape.columns;

export const reconcileProfileColumnSchemas = {
  id: column.id(),
  domain: column.text(128),
  name: column.text(200),
  columns: column.json(profileColumns, 1_000_000),
  encodingOld: column.oneOf(encodingChoices),
  encodingNew: column.oneOf(encodingChoices),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;

const count = () => column.int(0, 1e12);

export const reconcileRunColumnSchemas = {
  id: column.id(),
  profileId: column.id(),
  businessDate: column.time(),
  oldFileName: column.text(255),
  newFileName: column.text(255),
  profile: column.json(profileColumns, 1_000_000),
  summary: column.json(z.object({}).loose(), 1_000_000),
  totalRows: count(),
  consistentRows: count(),
  discrepancyCount: count(),
  newItems: count(),
  carriedItems: count(),
  reopenedItems: count(),
  elapsedMs: count(),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const discrepancyItemColumnSchemas = {
  id: column.id(),
  profileId: column.id(),
  itemKey: column.text(200_000),
  kind: column.oneOf(discrepancyKinds),
  keyValues: column.json(z.array(z.string()), 100_000),
  column: column.optionalText(400),
  oldValue: column.optionalText(100_000),
  newValue: column.optionalText(100_000),
  oldRow: column.optionalInt(0),
  newRow: column.optionalInt(0),
  firstSeenDate: column.time(),
  firstRunId: column.id(),
  lastSeenDate: column.time(),
  lastRunId: column.id(),
  timesSeen: column.int(0),
  status: column.oneOf(itemStatuses),
  cause: column.optionalOneOf(discrepancyCauses),
  note: column.optionalText(10_000),
  issueId: column.optionalId(),
  triagedAt: column.optionalTime(),
  triagedBy: column.optionalText(200),
  ...timestampColumns,
} satisfies ColumnSchemas;
