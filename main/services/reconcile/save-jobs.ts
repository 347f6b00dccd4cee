// The app's side of saving runs off the main thread (issue #17, item 2): saves run in a worker thread
// (reconcile/save-worker.ts) with its own connection, with their progress and a cancel that writes nothing.
// One worker per open database, started ahead of the first save and kept for every later one: a save then
// pays neither the thread's start nor its cold code and cache. It ends with the database (whenClosed).
// The preview server and the Electron shell use it; the CLI and tests without the hook save in-process.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReconcileRun } from '#contract/index.ts';
import { whenClosed, type Ctx } from '#services/core/context.ts';
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
  /**
   * Stops it: a pending save is refused with reconcile_cancelled and nothing is written; unless it had
   * already committed, in which case it settles with the saved run.
   */
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

/** A worker that died, as the user reads it: the first line of what failed (never the stack). */
const failed = (detail: string) =>
  new AppError('reconcile_save_failed', { detail: detail.split('\n')[0]!.slice(0, 300) });

interface Pending {
  resolve: (run: ReconcileRun) => void;
  reject: (error: unknown) => void;
  progress?: (done: number, total: number) => void;
  flag: Int32Array;
}

interface Running {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<number, Pending>;
  idle: Map<number, () => void>;
}

export class RunJobs {
  private readonly ctx: Ctx;
  private readonly options: RunJobOptions;
  private running: Running | null = null;
  private nextId = 1;
  private closed = false;
  private readonly unregister: () => void;

  constructor(ctx: Ctx, options: RunJobOptions = {}) {
    this.ctx = ctx;
    this.options = options;
    this.unregister = whenClosed(ctx, () => this.close());
  }

  /** Starts the worker if none runs (it opens the database now); settles when it has. */
  warm(): Promise<void> {
    return this.closed ? Promise.resolve() : this.start(true).ready;
  }

  /** The worker thread, while one runs (tests make it fail as a crash would). */
  get thread(): Worker | null {
    return this.running?.worker ?? null;
  }

  /** A saver for one run, on the database's worker (started now if it was not, to save after a comparison). */
  open(): RunSaver {
    const running = this.closed ? null : this.start(true);
    let saving: { id: number; pending: Pending } | null = null;
    let cancelled = false;
    return {
      save: (input, onProgress) => {
        if (saving) return Promise.reject(new Error('a run saver saves one run'));
        if (cancelled) return Promise.reject(new AppError('reconcile_cancelled'));
        const started = this.closed ? null : this.start(false);
        if (!started) return Promise.reject(new AppError('reconcile_cancelled'));
        const id = this.nextId++;
        return new Promise<ReconcileRun>((resolve, reject) => {
          const pending: Pending = {
            resolve,
            reject,
            progress: onProgress,
            flag: new Int32Array(new SharedArrayBuffer(4)),
          };
          saving = { id, pending };
          started.pending.set(id, pending);
          started.worker.ref();
          started.worker.postMessage(
            {
              type: 'save',
              id,
              input,
              cancel: pending.flag.buffer as SharedArrayBuffer,
              // (No transfer list: the run is copied; the flag's memory is shared.)
            } satisfies RunWorkerRequest,
            [],
          );
        });
      },
      cancel: () => {
        cancelled = true;
        if (!saving) return;
        // The worker rolls the save back at its next look at the flag (a progress report, or just before
        // COMMIT: nothing is written) and refuses it as cancelled, then stays ready. The save settles with
        // the worker's answer, not here: a cancel that comes after that last look finds the run saved, and
        // the caller is told so, never "cancelled" for a run that was written.
        Atomics.store(saving.pending.flag, 0, 1);
      },
      ready: running ? running.ready : Promise.resolve(),
    };
  }

  /** Settles once the worker has done every save asked of it so far (the bench times saves apart). */
  idle(): Promise<void> {
    const running = this.running;
    if (!running) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      running.idle.set(id, resolve);
      running.worker.ref();
      running.worker.postMessage({ type: 'idle', id } satisfies RunWorkerRequest, []);
    });
  }

  /** Opens a saver and saves `input` with it. */
  save(input: SaveRunInput, onProgress?: (done: number, total: number) => void): Promise<ReconcileRun> {
    // A worker started for this save saves at once (no warm-up first).
    if (!this.closed) this.start(false);
    return this.open().save(input, onProgress);
  }

  /** Ends the worker (the database closes): pending saves are refused as cancelled, nothing is written. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    const running = this.running;
    this.running = null;
    if (!running) return;
    for (const p of running.pending.values()) p.reject(new AppError('reconcile_cancelled'));
    running.pending.clear();
    for (const resolve of running.idle.values()) resolve();
    running.idle.clear();
    void running.worker.terminate();
  }

  /** Takes a pending save off the books and settles it (once). */
  private settle(id: number, fn: (p: Pending) => void) {
    const running = this.running;
    const pending = running?.pending.get(id);
    if (!running || !pending) return;
    running.pending.delete(id);
    // An idle worker never keeps the process alive.
    if (running.pending.size === 0 && running.idle.size === 0) running.worker.unref();
    fn(pending);
  }

  /** The running worker, or a new one; `warmUp` when it is started ahead of its first save. */
  private start(warmUp: boolean): Running {
    if (this.running) return this.running;
    const workerData: RunWorkerInput = {
      dbPath: this.ctx.dbPath,
      migrationsFolder: this.options.migrationsFolder,
      appVersion: this.ctx.appVersion,
      warmUp,
    };
    const worker = new Worker(workerScript(), { workerData });
    worker.unref();
    let opened!: () => void;
    const ready = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const running: Running = { worker, ready, pending: new Map(), idle: new Map() };
    this.running = running;
    // The worker is gone (crashed, or failed to open the database): its saves are refused with what
    // happened, and the next save starts a new one.
    const lost = (error: unknown) => {
      opened();
      for (const resolve of running.idle.values()) resolve();
      running.idle.clear();
      if (this.running !== running) return;
      this.running = null;
      for (const p of running.pending.values()) p.reject(error);
      running.pending.clear();
      void worker.terminate();
    };
    worker.on('message', (message: RunWorkerMessage) => {
      if (message.type === 'ready') opened();
      else if (message.type === 'idle') {
        running.idle.get(message.id)?.();
        running.idle.delete(message.id);
        if (running.pending.size === 0 && running.idle.size === 0) worker.unref();
      } else if (message.type === 'progress')
        running.pending.get(message.id)?.progress?.(message.done, message.total);
      else if (message.type === 'result') this.settle(message.id, (p) => p.resolve(message.run));
      else if (message.type === 'error' && message.id >= 0)
        this.settle(message.id, (p) => p.reject(new AppError(message.code, message.params)));
      else if (message.type === 'error') lost(new AppError(message.code, message.params));
      else if (message.id !== null) this.settle(message.id, (p) => p.reject(failed(message.message)));
      else lost(failed(message.message));
    });
    worker.on('error', (error) => lost(failed(error.message)));
    worker.on('exit', (code) => lost(failed(`exit code ${code}`)));
    return running;
  }
}
