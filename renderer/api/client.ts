// The only user of window.wardside. Unwraps the {ok, value | error} envelope into a value or an ApiError,
// so screens use plain async functions (and react-query) and show error.message, already translated.
import type { ErrorCode, InputOf, MethodName, OutputOf, WardsideApi } from '#contract/index.ts';

declare global {
  interface Window {
    wardside: WardsideApi;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export async function call<K extends MethodName>(method: K, input?: InputOf<K>): Promise<OutputOf<K>> {
  const [area, verb] = method.split('.') as [string, string];
  const group = (window.wardside as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[area];
  const fn = group?.[verb];
  if (!fn) throw new ApiError('unknown_method', method);
  const result = (await fn(input)) as
    { ok: true; value: OutputOf<K> } | { ok: false; error: { code: ErrorCode; message: string } };
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}

/** Bytes → base64 for file contents sent through the contract (the same over IPC and preview HTTP). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
