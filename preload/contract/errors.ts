// Error codes are part of the contract: main raises them, the renderer may branch on them, and the
// catalogue translates each one (`errors.<code>`), so a user never sees a stack trace. Each area declares
// its own codes in its contract slice.
import { issuesErrorCodes } from './issues.ts';
import { reconcileErrorCodes } from './reconcile.ts';
import { referenceErrorCodes } from './reference.ts';
import { reportsErrorCodes } from './reports.ts';
import { syncErrorCodes } from './sync.ts';
import { trainingErrorCodes } from './training.ts';
import { knowledgeErrorCodes } from './knowledge.ts';
import { surveysErrorCodes } from './surveys.ts';
import { roundsErrorCodes } from './rounds.ts';
import { searchErrorCodes } from './search.ts';
import { requestsErrorCodes } from './requests.ts';
import { changesErrorCodes } from './changes.ts';
import { cutoverErrorCodes } from './cutover.ts';
import { hubErrorCodes } from './hub.ts';

/** Errors of any area: bad input, transport, files that cannot be read as sheets. */
export const coreErrorCodes = [
  'invalid_input',
  'not_found',
  'import_unreadable',
  'import_empty',
  'import_no_header',
  'import_missing_column',
  'import_bad_column',
  'import_too_large',
  'untrusted_sender',
  'unknown_method',
  'internal',
  'import_not_a_table',
  'import_damaged',
  'import_zip_too_large',
  'import_too_many_rows',
  'import_too_many_columns',
  'import_cell_too_long',
  'import_mixed_encoding',
  'db_read_only',
  'db_busy',
  'db_disk_full',
  'db_damaged',
] as const;

export const errorCodes = [
  ...coreErrorCodes,
  ...referenceErrorCodes,
  ...issuesErrorCodes,
  ...syncErrorCodes,
  ...trainingErrorCodes,
  ...reconcileErrorCodes,
  ...knowledgeErrorCodes,
  ...surveysErrorCodes,
  ...roundsErrorCodes,
  ...searchErrorCodes,
  ...reportsErrorCodes,
  ...requestsErrorCodes,
  ...changesErrorCodes,
  ...cutoverErrorCodes,
  ...hubErrorCodes,
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
