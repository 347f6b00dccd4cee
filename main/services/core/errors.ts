import type { ErrorCode } from '#contract/index.ts';

/** A failure the user can act on. `params` fill the translated message `errors.<code>`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

/**
 * SQLite's refusals as what the user can do (issue #11, item 10): another writer kept the lock past the
 * busy timeout, the disk is full, the file is read-only. Anything else is not translated here.
 */
export function sqliteAppError(error: unknown, busySeconds = 5): AppError | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('db_busy', { seconds: busySeconds });
  }
  if (code === 'SQLITE_FULL') return new AppError('db_disk_full');
  if (code.startsWith('SQLITE_READONLY')) return new AppError('db_read_only');
  return null;
}
