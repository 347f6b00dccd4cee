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
  'prefix_taken',
  'module_mismatch',
  'illegal_transition',
  'resolution_required',
  'duplicate_target_required',
  'duplicate_of_self',
  'attachment_too_large',
  'attachment_empty',
  'attachment_missing',
  'sync_not_wardside',
  'sync_truncated',
  'sync_damaged',
  'sync_passphrase_required',
  'sync_wrong_passphrase',
  'sync_newer_schema',
  'sync_replica_label',
  'sync_conflict_gone',
  'training_session_cancelled',
  'training_score_needs_attendance',
  'training_retake_needs_attendance',
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
