// Runs the engine in a worker thread so neither the Electron main process nor the UI freezes on a file of
// hundreds of MB; cancel() terminates the thread at once (nothing is written by the engine, so there is
// nothing to roll back).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '#contract/index.ts';
import { AppError } from '#services/core/errors.ts';
import type {
  ReconcileInput,
  ReconcileJob,
  ReconcileProgress,
  ReconcileResult,
} from '#contract/reconcile-engine.ts';

export type WorkerMessage =
  | { type: 'progress'; progress: ReconcileProgress }
  | { type: 'result'; result: ReconcileResult }
  | { type: 'error'; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; message: string };

// The Electron build bundles the worker as out/main/<this name> beside main.cjs and defines this constant
// (build/scripts/electron-bundles.ts); from source it is undefined and the TypeScript file is loaded.
declare const WARDSIDE_RECONCILE_WORKER: string | undefined;

function workerScript(): string | URL {
  if (typeof WARDSIDE_RECONCILE_WORKER === 'string') return join(__dirname, WARDSIDE_RECONCILE_WORKER);
  return new URL('./worker.ts', import.meta.url);
}

const noop = () => {};

export function startReconcileJob(
  input: ReconcileInput,
  onProgress?: (progress: ReconcileProgress) => void,
): ReconcileJob {
  const worker = new Worker(workerScript(), { workerData: input });
  let settled = false;
  let cancel = noop;
  const result = new Promise<ReconcileResult>((resolve, reject) => {
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    cancel = () => finish(() => reject(new AppError('reconcile_cancelled')));
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (!settled) onProgress?.(message.progress);
      } else if (message.type === 'result') {
        finish(() => resolve(message.result));
      } else if (message.type === 'error') {
        finish(() => reject(new AppError(message.code, message.params)));
      } else {
        finish(() => reject(new Error(`reconciliation worker failed: ${message.message}`)));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`reconciliation worker exited with code ${code} before a result`))),
    );
  });
  return { result, cancel: () => cancel() };
}
