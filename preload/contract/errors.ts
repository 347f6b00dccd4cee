// Error codes are part of the contract: main raises them, the renderer may branch on them, and the
// catalogue translates each one (`errors.<code>`), so a user never sees a stack trace.
export const errorCodes = [
  'invalid_input',
  'not_found',
  'duplicate_code',
  'duplicate_module',
  'project_exists',
  'project_missing',
  'import_unreadable',
  'import_empty',
  'import_no_header',
  'import_missing_column',
  'import_bad_column',
  'import_too_large',
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
  'prefix_taken',
  'module_mismatch',
  'illegal_transition',
  'resolution_required',
  'duplicate_target_required',
  'duplicate_of_self',
  'attachment_too_large',
  'attachment_empty',
  'attachment_missing',
  'untrusted_sender',
  'unknown_method',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
