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
