// The value sets of reconcile.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
import type { EncodingChoice } from '../reconcile-engine.ts';
export { discrepancyKinds } from './reconcile-engine.ts';
export const itemStatuses = ['open', 'explained', 'fixed', 'accepted'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Why the two systems disagree: what a coordinator reports at the weekly meeting. */
export const discrepancyCauses = [
  'mapping',
  'timing',
  'rounding',
  'old_system',
  'new_system',
  'migration',
  'interface',
  'manual_entry',
  'other',
] as const;
export type DiscrepancyCause = (typeof discrepancyCauses)[number];

export const itemSeen = ['all', 'current', 'not_reproduced'] as const;

export const itemSortKeys = ['key', 'column', 'age', 'status', 'firstSeen'] as const;
export type ItemSortKey = (typeof itemSortKeys)[number];

/** Errors this area raises (translated as `errors.<code>` in i18n/reconcile.ts). */
export const reconcileErrorCodes = [
  'reconcile_bad_profile',
  'reconcile_missing_column',
  'reconcile_duplicate_column',
  'reconcile_ragged_row',
  'reconcile_unclosed_quote',
  'reconcile_unreadable',
  'reconcile_empty',
  'reconcile_cancelled',
  'reconcile_bad_date',
  'reconcile_no_key',
  'reconcile_column_twice',
  'reconcile_key_ignored',
  'reconcile_domain_taken',
  'reconcile_file_unknown',
  'reconcile_file_too_large',
  'reconcile_cause_required',
  'reconcile_already_linked',
  'reconcile_job_unknown',
  'reconcile_not_a_table',
  'reconcile_damaged',
  'reconcile_zip_too_large',
  'reconcile_mixed_encoding',
  'reconcile_old_file',
  'reconcile_new_file',
  'reconcile_save_failed',
] as const;

export const encodingChoices = [
  'auto',
  'utf-8',
  'gb18030',
  'utf-16le',
] as const satisfies readonly EncodingChoice[];
