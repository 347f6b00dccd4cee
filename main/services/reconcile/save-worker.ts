// The run-saving worker thread (issue #17, item 2): saves reconciliation runs and their discrepancy items on
// its own connection to the database, so the Electron main thread (and the window) never waits on a run of
// 20,000 items. One worker serves every save of an open database (save-jobs.ts RunJobs): it opens the
// database when it starts, ahead of the first comparison, and stays, so later saves find its compiled code,
// its prepared statements and its page cache warm. Saves are taken one at a time, in the order posted.
// A save is one transaction on that connection. A cancel is a flag the save reads at every progress report
// and once more just before it commits; a cancelled save rolls back (nothing of it is written) and the
// worker stays ready for the next one.
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode, ReconcileRun } from '#contract/index.ts';
import { boot } from '#services/core/boot.ts';
import { inTransaction } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { saveRun, type SaveRunInput } from './runs.ts';

export interface RunWorkerInput {
  dbPath: string;
  migrationsFolder?: string;
  appVersion: string;
}

export type RunWorkerRequest =
  /** `cancel`: one Int32 the main thread sets to 1 to cancel this save. */
  | { type: 'save'; id: number; input: SaveRunInput; cancel: SharedArrayBuffer }
  /** Fails on purpose, as a crash would (tests of the main thread's recovery). */
  | { type: 'crash' };

export type RunWorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; run: ReconcileRun }
  | { type: 'error'; id: number; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; id: number | null; message: string };

/** The page cache of this connection, in KiB: a carry rewrites every item and logs as many changes. */
const CACHE_KIB = 64 * 1024;

const options = workerData as RunWorkerInput;
const port = parentPort!;
const post = (message: RunWorkerMessage) => port.postMessage(message);
const crashText = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

try {
  const ctx = boot(options.dbPath, {
    migrationsFolder: options.migrationsFolder,
    appVersion: options.appVersion,
  });
  ctx.sqlite.pragma(`cache_size = -${CACHE_KIB}`);
  post({ type: 'ready' });
  port.on('message', (request: RunWorkerRequest) => {
    if (request.type === 'crash') throw new Error('run-saving worker: crash on request');
    const { id } = request;
    const flag = new Int32Array(request.cancel);
    const stop = () => {
      if (Atomics.load(flag, 0) !== 0) throw new AppError('reconcile_cancelled');
    };
    try {
      stop();
      // The save's own transaction nests in this one, so the last look at the flag comes before COMMIT.
      const run = inTransaction(ctx, () => {
        const saved = saveRun(ctx, request.input, {
          onProgress: (done, total) => {
            stop();
            post({ type: 'progress', id, done, total });
          },
        });
        stop();
        return saved;
      });
      post({ type: 'result', id, run });
    } catch (error) {
      if (error instanceof AppError) post({ type: 'error', id, code: error.code, params: error.params });
      else post({ type: 'crash', id, message: crashText(error) });
    }
  });
} catch (error) {
  // The database did not open: every save is refused with this, then the thread ends.
  if (error instanceof AppError) post({ type: 'error', id: -1, code: error.code, params: error.params });
  else post({ type: 'crash', id: null, message: crashText(error) });
  port.close();
}
