// The file-sync worker thread (issue #16, item 5): imports or exports `.wardside` files on its own
// connection to the database, so the Electron main thread (and the window) never waits on a big file.
// It reports progress per file; cancelling terminates the thread, and since an import is one transaction
// on that connection, nothing of it is written (SQLite discards the uncommitted transaction).
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode } from '#contract/index.ts';
import { boot } from '#services/core/boot.ts';
import { AppError } from '#services/core/errors.ts';
import type { FileProgress } from '#contract/index.ts';
import { exportChanges, importFiles } from './exchange.ts';

export type FileJob =
  | { kind: 'import'; files: { name: string; bytes: Uint8Array }[]; dryRun: boolean; passphrase?: string }
  | { kind: 'export'; passphrase?: string };

export interface FileWorkerInput {
  dbPath: string;
  migrationsFolder?: string;
  appVersion: string;
  job: FileJob;
}

export type FileWorkerMessage =
  | { type: 'progress'; progress: FileProgress }
  | { type: 'result'; result: unknown }
  | { type: 'error'; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; message: string };

const input = workerData as FileWorkerInput;
const port = parentPort!;
const post = (message: FileWorkerMessage) => port.postMessage(message);

function run(): unknown {
  const ctx = boot(input.dbPath, { migrationsFolder: input.migrationsFolder, appVersion: input.appVersion });
  try {
    const { job } = input;
    if (job.kind === 'export') return exportChanges(ctx, { passphrase: job.passphrase });
    return importFiles(
      ctx,
      job.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes) })),
      {
        dryRun: job.dryRun,
        passphrase: job.passphrase,
        onProgress: (progress) => post({ type: 'progress', progress }),
      },
    );
  } finally {
    ctx.close();
  }
}

try {
  post({ type: 'result', result: run() });
} catch (error) {
  if (error instanceof AppError) post({ type: 'error', code: error.code, params: error.params });
  else
    post({ type: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
port.close();
