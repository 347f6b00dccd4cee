// Binds every contract method to ipcMain through the one wrapper: the sender frame must be our own top
// frame (main/ipc/trust.ts), then dispatch() parses the input with its zod schema and calls the handler.
import { ipcMain } from 'electron';
import { methodNames, type Handlers, type Locale } from '#contract/index.ts';
import { dispatch, errorPayload } from '#main/ipc/dispatch.ts';
import { isTrustedSender } from '#main/ipc/trust.ts';
import { AppError } from '#services/core/errors.ts';

export function bindIpc(
  handlers: Handlers,
  locale: () => Locale,
  log: (error: unknown, method: string) => void,
) {
  for (const method of methodNames) {
    ipcMain.handle(method, (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null)) {
        return { ok: false, error: errorPayload(new AppError('untrusted_sender'), locale()) };
      }
      return dispatch(handlers, method, input, { locale, log });
    });
  }
}
