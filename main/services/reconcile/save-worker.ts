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
  /** Started ahead of its first save: the save path is run first on a scratch database (warmUp). */
  warmUp: boolean;
}

export type RunWorkerRequest =
  /** `cancel`: one Int32 the main thread sets to 1 to cancel this save. */
  | { type: 'save'; id: number; input: SaveRunInput; cancel: SharedArrayBuffer }
  /** Answered with `idle` once the saves posted before it are done (and their log copied). */
  | { type: 'idle'; id: number }
  /** Fails on purpose, as a crash would (tests of the main thread's recovery). */
  | { type: 'crash' };

export type RunWorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; run: ReconcileRun }
  | { type: 'error'; id: number; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'idle'; id: number }
  | { type: 'crash'; id: number | null; message: string };

/** The page cache of this connection, in KiB: a carry rewrites every item and logs as many changes. */
const CACHE_KIB = 64 * 1024;

/** Items of the scratch runs of warmUp: enough for the save path's code to be compiled optimised. */
const WARM_UP_ITEMS = 3_000;

/**
 * Saves and carries a made-up run on an in-memory database, so the first real save finds the code of the
 * save path compiled (a thread's code starts cold; about 0.2 s of a 20,000-item carry). Nothing touches the
 * real file.
 */
function warmUp() {
  const scratch = boot(':memory:', {
    migrationsFolder: options.migrationsFolder,
    appVersion: options.appVersion,
  });
  try {
    const profile = {
      name: 'warm-up',
      columns: [
        { old: 'k', new: 'k', key: true },
        { old: 'a', new: 'a' },
      ],
    };
    for (const day of [1, 2]) {
      const discrepancies = Array.from({ length: WARM_UP_ITEMS }, (_, i) => ({
        key: [String(i)],
        kind: (['different', 'missing-in-new', 'missing-in-old'] as const)[i % 3]!,
        column: i % 3 === 0 ? 'a' : null,
        oldValue: i % 3 === 0 ? `${i}` : null,
        newValue: i % 3 === 0 ? `${i + day}` : null,
        oldRow: i % 3 === 2 ? null : i + 2,
        newRow: i % 3 === 1 ? null : i + 2,
      }));
      saveRun(
        scratch,
        {
          domain: 'warm-up',
          businessDate: `2000-01-0${day}`,
          profile,
          result: {
            summary: {
              oldRows: WARM_UP_ITEMS,
              newRows: WARM_UP_ITEMS,
              matched: WARM_UP_ITEMS,
              missingInNew: 0,
              missingInOld: 0,
              rowsWithDifferences: 0,
              duplicateKeysOld: 0,
              duplicateKeysNew: 0,
              fieldDifferences: {},
              controlTotals: { old: { rows: 0, sums: {} }, new: { rows: 0, sums: {} } },
            },
            discrepancies,
            elapsedMs: 0,
          },
          oldFile: 'old.csv',
          newFile: 'new.csv',
        },
        { onProgress: () => {} },
      );
    }
  } finally {
    scratch.close();
  }
}

const options = workerData as RunWorkerInput;
const port = parentPort!;
const post = (message: RunWorkerMessage) => port.postMessage(message);
/** As SQLite's automatic checkpoint would (passive: readers and the main connection are never waited for). */
function checkpoint() {
  try {
    ctx.sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or not in WAL mode: a later commit of any connection checkpoints.
  }
}
const crashText = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

let ctx!: ReturnType<typeof boot>;
try {
  ctx = boot(options.dbPath, {
    migrationsFolder: options.migrationsFolder,
    appVersion: options.appVersion,
  });
  ctx.sqlite.pragma(`cache_size = -${CACHE_KIB}`);
  // The write-ahead log is copied into the database after each save has been reported, not inside its
  // COMMIT (SQLite's automatic checkpoint would): the run is saved when the commit is done, and the copy
  // (for a run of 20,000 items, longer than the commit itself) follows on this thread, before the next save.
  ctx.sqlite.pragma('wal_autocheckpoint = 0');
  if (options.warmUp) {
    try {
      warmUp();
    } catch {
      // Only a head start: the first save is slower without it, nothing else.
    }
  }
  post({ type: 'ready' });
  port.on('message', (request: RunWorkerRequest) => {
    if (request.type === 'crash') throw new Error('run-saving worker: crash on request');
    if (request.type === 'idle') return post({ type: 'idle', id: request.id });
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
      checkpoint();
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
