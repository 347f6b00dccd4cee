import { type CompareKind, type DiscrepancyKind } from './values/reconcile-engine.ts';
export * from './values/reconcile-engine.ts';
// The reconciliation engine's public shape (issue #5), part of the contract so that the contract never
// depends on main: the engine (main/services/reconcile/engine/, plain Node, run in a worker thread), the
// workspace services, the CLI and the renderer all use these types. Profile JSON is also what
// `wardside reconcile --profile P.json` reads (zod schema beside the engine).

export interface ProfileColumn {
  /** Header in the old system's export. */
  old: string;
  /** Header in the new system's export. */
  new: string;
  key?: boolean;
  /** Default 'text' (equal after trimming surrounding whitespace). */
  compare?: CompareKind;
  /** Absolute tolerance for 'number'. */
  tolerance?: number;
}

export interface Profile {
  name: string;
  columns: ProfileColumn[];
}

/** 'auto' detects UTF-8 (with/without BOM), UTF-16LE with BOM, otherwise GB18030. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le';

export interface ReconcileInput {
  profile: Profile;
  oldFile: string;
  newFile: string;
  encodingOld?: EncodingChoice;
  encodingNew?: EncodingChoice;
  /** Discrepancies kept in the result (default 500,000); the summary always counts them all. */
  maxDiscrepancies?: number;
}

export interface ReconcileProgress {
  /** 'save': the run and its discrepancy items being written (the workspace, after the engine). */
  phase: 'old' | 'new' | 'finish' | 'save';
  rows: number;
  rowsPerSecond: number;
  /** 0–100 over both files by bytes read. */
  percent: number;
}

export interface SideTotals {
  rows: number;
  /** Sum of every 'number' column, by that side's header. */
  sums: Record<string, number>;
}

export interface ReconcileSummary {
  oldRows: number;
  newRows: number;
  /** Keys present on both sides. */
  matched: number;
  missingInNew: number;
  missingInOld: number;
  rowsWithDifferences: number;
  duplicateKeysOld: number;
  duplicateKeysNew: number;
  /** New-side column name → number of matched rows that differ in it. */
  fieldDifferences: Record<string, number>;
  controlTotals: { old: SideTotals; new: SideTotals };
}

export interface Discrepancy {
  /** Key column values in profile order (text, leading zeros kept). */
  key: string[];
  kind: DiscrepancyKind;
  /** New-side column name for 'different'; null otherwise. */
  column: string | null;
  oldValue: string | null;
  newValue: string | null;
  /** Row numbers in each file as a spreadsheet shows them (header = row 1), where known. */
  oldRow: number | null;
  newRow: number | null;
}

export interface ReconcileResult {
  summary: ReconcileSummary;
  discrepancies: Discrepancy[];
  /** True when more discrepancies were found than `maxDiscrepancies` kept. */
  truncated?: boolean;
  /** Wall time in ms. */
  elapsedMs: number;
}

/** A running comparison in a worker thread. */
export interface ReconcileJob {
  result: Promise<ReconcileResult>;
  cancel(): void;
}
