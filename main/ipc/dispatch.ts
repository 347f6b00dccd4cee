// The one wrapper every call goes through, whatever the transport: look the method up in the contract,
// parse the input with its zod schema, call the handler, and turn any failure into {code, message} in the
// user's language. Nothing from a thrown error's stack reaches the renderer.
import { z } from 'zod';
import {
  contract,
  type Envelope,
  type ErrorPayload,
  type Handlers,
  type Locale,
  type MethodName,
} from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import { AppError, sqliteAppError } from '#services/core/errors.ts';

export interface DispatchOptions {
  locale: () => Locale;
  /** Where unexpected errors are logged with their stack (never sent to the page). */
  log?: (error: unknown, method: string) => void;
}

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

export function errorPayload(thrown: unknown, locale: Locale): ErrorPayload {
  const t = translator(locale);
  const error = sqliteAppError(thrown) ?? thrown;
  if (error instanceof AppError) {
    return { code: error.code, message: t(`errors.${error.code}`, error.params) };
  }
  if (error instanceof z.ZodError) {
    const detail = error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
      .join('; ');
    return { code: 'invalid_input', message: t('errors.invalid_input', { detail }) };
  }
  return { code: 'internal', message: t('errors.internal') };
}

export async function dispatch(
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  options: DispatchOptions,
): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(method)) throw new AppError('unknown_method', { method: method.slice(0, 64) });
    const input = contract[method].input.parse(rawInput);
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(input);
    return { ok: true, value: value ?? null };
  } catch (error) {
    if (!(error instanceof AppError) && !(error instanceof z.ZodError) && !sqliteAppError(error))
      options.log?.(error, method);
    return { ok: false, error: errorPayload(error, options.locale()) };
  }
}
