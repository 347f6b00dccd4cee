// Sync by export files (issue #4): what the renderer, main and the CLI say to each other about it.
import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import { base64Content, empty, returns, text } from './schemas.ts';

/** Largest `.wardside` file accepted through the contract (base64 travels over IPC/HTTP). */
export const maxSyncFileBytes = 512 * 1024 * 1024;

const passphrase = z.string().min(1).max(256);

export const syncExportInput = z.object({ passphrase: passphrase.optional() });

export const syncImportInput = z.object({
  files: z
    .array(
      z.object({
        name: text(255),
        contentBase64: base64Content(maxSyncFileBytes),
      }),
    )
    .min(1)
    .max(100),
  passphrase: passphrase.optional(),
});

export const renameDeviceInput = z.object({ label: text(32) });

export const resolveConflictInput = z.object({
  tableName: z.string().max(64),
  rowId: z.string().max(64),
  field: z.string().max(64),
  keepChangeId: z.string().max(128),
});

export interface ImportCounts {
  /** Changes this laptop did not have. */
  newChanges: number;
  newRecords: number;
  updatedRecords: number;
  deletedRecords: number;
  newConflicts: number;
  /** Records in the file that this import left as they were. */
  unchanged: number;
  attachments: number;
}

export type FileOutcome = 'imported' | 'already_seen' | 'refused';

export interface SyncError {
  code: ErrorCode;
  params: Record<string, string | number>;
}

/** A record an import removes: deleted by the file, or hidden with a record it cannot exist without. */
export interface RemovedRecord {
  table: string;
  id: string;
  label: string | null;
}

export interface FileResult {
  file: string;
  outcome: FileOutcome;
  replica: { id: string; label: string | null } | null;
  exportedAt: string | null;
  encrypted: boolean;
  counts: ImportCounts | null;
  error: SyncError | null;
  /** The project the file belongs to (issue #12); null for files from before project identities. */
  project: { id: string; hospital: string; name: string } | null;
  /** What the import removes, children included (the first 500; counts.deletedRecords has them all). */
  removed: RemovedRecord[];
  /** How many records of each table the import removes (all of them, listed or not). */
  removedByTable: Record<string, number>;
}

/** How far a file import is: files verified (nothing written yet), then files applied (issue #16). */
export interface FileProgress {
  phase: 'verify' | 'apply';
  done: number;
  total: number;
}

export interface ImportReport {
  dryRun: boolean;
  files: FileResult[];
  totals: ImportCounts;
}

export interface ImportLogEntry {
  id: string;
  fileName: string;
  sourceReplicaId: string | null;
  sourceLabel: string | null;
  exportedAt: string | null;
  importedAt: string;
  outcome: FileOutcome;
  counts: ImportCounts | null;
  error: SyncError | null;
}

export interface ConflictVersion {
  changeId: string;
  value: string | number | null;
  /** For a reference: the referenced record's label. */
  display: string | null;
  author: string | null;
  replicaId: string;
  replicaLabel: string | null;
  at: string;
}

export interface Conflict {
  tableName: string;
  /** The table's key in db/replicated.ts (pilotIssue, department…), for the UI's wording. */
  table: string;
  rowId: string;
  record: string;
  field: string;
  /** The field's property name (title, assigneeId…), for the UI's wording. */
  property: string;
  shown: ConflictVersion;
  others: ConflictVersion[];
}

export interface SyncStatus {
  replica: { id: string; label: string | null };
  changes: number;
  conflicts: number;
  replicas: { id: string; label: string | null; lastExportAt: string | null }[];
  lastImportAt: string | null;
  /**
   * How far this laptop's clock is behind the newest change it holds, when more than an import accepts
   * (0 otherwise): its clock is wrong now, or it holds changes made under a wrong one (issue #11).
   */
  clockBehindMs: number;
}

export interface SyncExportResult {
  fileName: string;
  /** Where the file was saved (Electron's save dialog); null when the renderer downloads the bytes. */
  path: string | null;
  /** The bytes for a download (preview mode); null once saved to `path`, or when the dialog was cancelled. */
  contentBase64: string | null;
  cancelled: boolean;
  counts: { changes: number; records: number; attachments: number };
  encrypted: boolean;
  bytes: number;
  /** Set when written without a passphrase while holding patient data (issue #11, item 13). */
  warning: SyncError | null;
}

/** Sync by export files: status, export, import (preview and apply), the import log and conflicts. */
export const syncContract = {
  /** This laptop's replica, what it holds, and the replicas it has heard of. */
  'sync.status': returns<SyncStatus>()(empty),
  /** Everything this laptop knows as one `.wardside` file: saved through a dialog, or returned for download. */
  'sync.exportFile': returns<SyncExportResult>()(syncExportInput),
  /** What importing these files would do, computed exactly and rolled back. */
  'sync.previewImport': returns<ImportReport>()(syncImportInput),
  /** Imports every file that passes its checks, all in one transaction; refused files write nothing. */
  'sync.applyImport': returns<ImportReport>()(syncImportInput),
  'sync.importLog': returns<ImportLogEntry[]>()(empty),
  /** The running import's progress (the app runs imports and exports off its main thread); null when idle. */
  'sync.progress': returns<FileProgress | null>()(empty),
  /** Stops the running import or export: nothing of it is written. */
  'sync.cancel': returns<{ cancelled: boolean }>()(empty),
  /** Names this laptop as other laptops will see it (conflicts inbox, import log) from its next export. */
  'sync.renameDevice': returns<{ id: string; label: string }>()(renameDeviceInput),
  'sync.conflicts': returns<Conflict[]>()(empty),
  /** Keeps one of the conflicting values; the resolution travels to the other laptops like any edit. */
  'sync.resolveConflict': returns<{ remaining: number }>()(resolveConflictInput),
} as const;

/** Errors this area raises (translated as `errors.<code>` in i18n/sync.ts). */
export const syncErrorCodes = [
  'sync_not_wardside',
  'sync_truncated',
  'sync_damaged',
  'sync_passphrase_required',
  'sync_wrong_passphrase',
  'sync_newer_schema',
  'sync_replica_label',
  'sync_conflict_gone',
  'sync_kdf_params',
  'sync_too_large',
  'sync_clock_ahead',
  'sync_invalid_value',
  'sync_invalid_change',
  'sync_own_replica',
  'sync_other_project',
  'sync_constraint',
  'sync_patient_data_unencrypted',
  'sync_cancelled',
  'sync_busy',
] as const;
