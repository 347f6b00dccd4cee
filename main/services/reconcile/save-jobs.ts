// The app's side of saving runs off the main thread (issue #17, item 2): each save runs in a worker thread
// (reconcile/save-worker.ts) with its own connection, with its progress and a cancel that writes nothing.
// The preview server and the Electron shell use it; the CLI and tests without the hook save in-process.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReconcileRun } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { saveRun, type SaveRunInput } from './runs.ts';
import type { RunWorkerInput, RunWorkerMessage, RunWorkerRequest } from './save-worker.ts';

// The Electron build bundles the worker beside main.cjs and defines this constant
// (build/scripts/electron-bundles.ts); from source it is undefined and the TypeScript file is loaded.
declare const WARDSIDE_RUN_WORKER: string | undefined;

function workerScript(): string | URL {
  if (typeof WARDSIDE_RUN_WORKER === 'string') return join(__dirname, WARDSIDE_RUN_WORKER);
  return new URL('./save-worker.ts', import.meta.url);
}

/** Saves one run; opened before the run is known, so what can be done early is. */
export interface RunSaver {
  save(input: SaveRunInput, onProgress?: (done: number, total: number) => void): Promise<ReconcileRun>;
  /** Stops it: nothing is written, and a pending save is refused with reconcile_cancelled. */
  cancel(): void;
  /** Settles when the saver has opened the database (or has stopped). */
  ready: Promise<void>;
}

/** Saves on the caller's thread (the CLI, and the workspace without the worker hook). */
export function inProcessSaver(ctx: Ctx): RunSaver {
  let cancelled = false;
  return {
    save: async (input, onProgress) => {
      if (cancelled) throw new AppError('reconcile_cancelled');
      return saveRun(ctx, input, { onProgress });
    },
    cancel: () => {
      cancelled = true;
    },
    ready: Promise.resolve(),
  };
}

export interface RunJobOptions {
  /** The packaged app's migrations (the worker opens the database like the app does). */
  migrationsFolder?: string;
}

export class RunJobs {
  private readonly ctx: Ctx;
  private readonly options: RunJobOptions;

  constructor(ctx: Ctx, options: RunJobOptions = {}) {
    this.ctx = ctx;
    this.options = options;
  }

  /** Starts a worker that opens the database now and saves the run it is given later. */
  open(): RunSaver {
    const workerData: RunWorkerInput = {
      dbPath: this.ctx.dbPath,
      migrationsFolder: this.options.migrationsFolder,
      appVersion: this.ctx.appVersion,
    };
    const worker = new Worker(workerScript(), { workerData });
    let cancelled = false;
    let asked = false;
    let progress: ((done: number, total: number) => void) | undefined;
    let opened!: () => void;
    const ready = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const outcome = new Promise<ReconcileRun>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        opened();
        fn();
      };
      worker.on('message', (message: RunWorkerMessage) => {
        if (message.type === 'ready') opened();
        else if (message.type === 'progress') progress?.(message.done, message.total);
        else if (message.type === 'result') finish(() => resolve(message.run));
        else if (message.type === 'error') finish(() => reject(new AppError(message.code, message.params)));
        else finish(() => reject(new Error(`run-saving worker failed: ${message.message}`)));
      });
      worker.on('error', (error) => finish(() => reject(error)));
      worker.on('exit', () =>
        finish(() =>
          reject(
            cancelled ? new AppError('reconcile_cancelled') : new Error('run-saving worker exited early'),
          ),
        ),
      );
    });
    // A worker stopped or failed before it was asked to save leaves no unhandled rejection behind.
    outcome.catch(() => undefined);
    return {
      save: (input, onProgress) => {
        if (asked) return Promise.reject(new Error('a run saver saves one run'));
        asked = true;
        progress = onProgress;
        // (No transfer list: the run is copied.)
        worker.postMessage({ type: 'save', input } satisfies RunWorkerRequest, []);
        return outcome;
      },
      cancel: () => {
        cancelled = true;
        void worker.terminate();
      },
      ready,
    };
  }

  /** Opens a worker and saves `input` in it. */
  save(input: SaveRunInput, onProgress?: (done: number, total: number) => void): Promise<ReconcileRun> {
    return this.open().save(input, onProgress);
  }
}
