// The run-saving worker thread (issue #17, item 2): saves a reconciliation run and its discrepancy items on
// its own connection to the database, so the Electron main thread (and the window) never waits on a run of
// 20,000 items. It opens the database as soon as it starts — the app starts it with the comparison, so
// that is done by the time the result arrives — then takes one run, reports progress, and exits.
// Cancelling terminates the thread; the save is one transaction on that connection, so nothing of it is
// written (SQLite discards the uncommitted transaction).
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode, ReconcileRun } from '#contract/index.ts';
import { boot } from '#services/core/boot.ts';
import { AppError } from '#services/core/errors.ts';
import { saveRun, type SaveRunInput } from './runs.ts';

export interface RunWorkerInput {
  dbPath: string;
  migrationsFolder?: string;
  appVersion: string;
}

export type RunWorkerRequest = { type: 'save'; input: SaveRunInput };

export type RunWorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; run: ReconcileRun }
  | { type: 'error'; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; message: string };

const options = workerData as RunWorkerInput;
const port = parentPort!;
const post = (message: RunWorkerMessage) => port.postMessage(message);

function fail(error: unknown) {
  if (error instanceof AppError) post({ type: 'error', code: error.code, params: error.params });
  else
    post({ type: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
}

try {
  const ctx = boot(options.dbPath, {
    migrationsFolder: options.migrationsFolder,
    appVersion: options.appVersion,
  });
  post({ type: 'ready' });
  port.once('message', (request: RunWorkerRequest) => {
    try {
      const run = saveRun(ctx, request.input, {
        onProgress: (done, total) => post({ type: 'progress', done, total }),
      });
      post({ type: 'result', run });
      port.close();
    } catch (error) {
      fail(error);
    } finally {
      ctx.close();
    }
  });
} catch (error) {
  fail(error);
}
