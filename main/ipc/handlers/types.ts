import type { Handlers, MethodName } from '#contract/index.ts';
import type { HubRunnerOptions } from '#services/hub/runner.ts';
import type { FileJobOptions } from '#services/sync/file-jobs.ts';

/** The handlers of one contract slice (`preload/contract/<area>.ts`). */
export type AreaHandlers<Slice> = { [K in keyof Slice & MethodName]: Handlers[K] };

export interface HandlerHooks {
  /** A failure in the user's language (bulk operations list refusals row by row). */
  message: (error: unknown) => string;
  /** Called after the UI language changes (Electron rebuilds its native menu). */
  onLocaleChanged?: (locale: string) => void;
  /** Opens a file with the system viewer (Electron's shell.openPath); absent in preview mode and the CLI. */
  openPath?: (path: string) => Promise<void>;
  /** Asks where to save a file and writes it (Electron's save dialog); null when cancelled. Absent in preview. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** Opens a file dialog and resolves to the chosen path (Electron); absent in preview mode and the CLI. */
  pickFile?: () => Promise<string | null>;
  /** The focused window as an A4 PDF (Electron's printToPDF); absent in preview mode and the CLI. */
  printToPdf?: () => Promise<Uint8Array>;
  /** Hub sync: the OS secret store for the password (Electron safeStorage) and the packaged migrations. */
  hub?: HubRunnerOptions;
  /** File import and export in a worker thread (the app and the preview server); in-process without it. */
  files?: FileJobOptions;
}
