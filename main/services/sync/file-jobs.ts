// The app's side of file sync off the main thread (issue #16, item 5): one import or export at a time in a
// worker thread (sync/worker.ts) with its progress and a cancel. The preview server and the Electron shell
// use it; the CLI, which has no window to keep alive, calls exchange.ts directly.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import type { FileProgress, ImportReport } from '#contract/index.ts';
import type { ExportResult } from './exchange.ts';
import type { FileJob, FileWorkerInput, FileWorkerMessage } from './worker.ts';

// The Electron build bundles the worker beside main.cjs and defines this constant
// (build/scripts/electron-bundles.ts); from source it is undefined and the TypeScript file is loaded.
declare const WARDSIDE_SYNC_WORKER: string | undefined;

function workerScript(): string | URL {
  if (typeof WARDSIDE_SYNC_WORKER === 'string') return join(__dirname, WARDSIDE_SYNC_WORKER);
  return new URL('./worker.ts', import.meta.url);
}

export interface FileJobOptions {
  /** The packaged app's migrations (the worker opens the database like the app does). */
  migrationsFolder?: string;
}

export class FileJobs {
  private worker: Worker | null = null;
  private current: FileProgress | null = null;
  private cancelled = false;

  private readonly ctx: Ctx;
  private readonly options: FileJobOptions;

  constructor(ctx: Ctx, options: FileJobOptions = {}) {
    this.ctx = ctx;
    this.options = options;
  }

  /** How far the running import is; null when none runs. */
  progress(): FileProgress | null {
    return this.worker ? this.current : null;
  }

  /** Stops the running job: an import writes nothing, its call is refused with sync_cancelled. */
  cancel(): { cancelled: boolean } {
    if (!this.worker) return { cancelled: false };
    this.cancelled = true;
    void this.worker.terminate();
    return { cancelled: true };
  }

  importFiles(
    files: { name: string; bytes: Uint8Array }[],
    options: { dryRun?: boolean; passphrase?: string },
  ): Promise<ImportReport> {
    return this.run({
      kind: 'import',
      files,
      dryRun: options.dryRun ?? false,
      passphrase: options.passphrase,
    });
  }

  async exportChanges(options: { passphrase?: string }): Promise<ExportResult> {
    const file = await this.run<ExportResult>({ kind: 'export', passphrase: options.passphrase });
    // Structured clone turns the Buffer into a plain Uint8Array.
    return { ...file, bytes: Buffer.from(file.bytes) };
  }

  private run<T>(job: FileJob): Promise<T> {
    if (this.worker) return Promise.reject(new AppError('sync_busy'));
    const workerData: FileWorkerInput = {
      dbPath: this.ctx.dbPath,
      migrationsFolder: this.options.migrationsFolder,
      appVersion: this.ctx.appVersion,
      job,
    };
    const worker = new Worker(workerScript(), { workerData });
    this.worker = worker;
    this.current = job.kind === 'import' ? { phase: 'verify', done: 0, total: job.files.length } : null;
    this.cancelled = false;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.worker = null;
        this.current = null;
        void worker.terminate();
        fn();
      };
      worker.on('message', (message: FileWorkerMessage) => {
        if (message.type === 'progress') this.current = message.progress;
        else if (message.type === 'result') finish(() => resolve(message.result as T));
        else if (message.type === 'error') finish(() => reject(new AppError(message.code, message.params)));
        else finish(() => reject(new Error(`sync worker failed: ${message.message}`)));
      });
      worker.on('error', (error) => finish(() => reject(error)));
      worker.on('exit', () =>
        finish(() =>
          reject(
            this.cancelled ? new AppError('sync_cancelled') : new Error('sync worker exited before a result'),
          ),
        ),
      );
    });
  }
}
