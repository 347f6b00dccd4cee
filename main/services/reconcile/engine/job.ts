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
import type { Partition, PartResult, SplitLink, SplitMessage, SplitPlan } from './reconcile.ts';

export type WorkerMessage =
  | { type: 'progress'; progress: ReconcileProgress }
  | { type: 'result'; result: ReconcileResult }
  | { type: 'part'; part: PartResult }
  | { type: 'error'; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; message: string }
  | SplitMessage;

// The Electron build bundles the worker as out/main/<this name> beside main.cjs and defines this constant
// (build/scripts/electron-bundles.ts); from source it is undefined and the TypeScript file is loaded.
declare const WARDSIDE_RECONCILE_WORKER: string | undefined;

/** What the worker is asked to do: a whole comparison (a job) or one partition of one. */
export type WorkerData = { input: ReconcileInput; partition?: Partition; split?: SplitPlan };

/**
 * Messages of a split comparison in the order they come; a receive() waiting when the other side failed
 * (or that comes after) is rejected with that failure.
 */
export function messageQueue(send: SplitLink['send']): SplitLink & {
  deliver(message: SplitMessage): void;
  fail(error: unknown): void;
} {
  const queue: SplitMessage[] = [];
  const waiting: { resolve: (m: SplitMessage) => void; reject: (e: unknown) => void }[] = [];
  let failure: { error: unknown } | null = null;
  return {
    send,
    poll: () => queue.shift(),
    receive: () => {
      const next = queue.shift();
      if (next) return Promise.resolve(next);
      if (failure) return Promise.reject(failure.error);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    deliver: (message) => {
      const waiter = waiting.shift();
      if (waiter) waiter.resolve(message);
      else queue.push(message);
    },
    fail: (error) => {
      failure ??= { error };
      for (const waiter of waiting.splice(0)) waiter.reject(error);
    },
  };
}

function workerScript(): string | URL {
  if (typeof WARDSIDE_RECONCILE_WORKER === 'string') {
    // The Electron bundle is CommonJS (__dirname); the CLI bundle is ESM, its chunks side by side.
    return typeof __dirname === 'string'
      ? join(__dirname, WARDSIDE_RECONCILE_WORKER)
      : new URL(`./${WARDSIDE_RECONCILE_WORKER}`, import.meta.url);
  }
  return new URL('./worker.ts', import.meta.url);
}

/** One partition of a comparison on a worker thread (reconcile() runs the other on its own thread). */
export function startPartition(
  input: ReconcileInput,
  partition: Partition,
  split?: SplitPlan,
): { result: Promise<PartResult>; cancel(): void; link: SplitLink } {
  const worker = new Worker(workerScript(), {
    workerData: { input, partition, split } satisfies WorkerData,
  });
  const link = messageQueue((message, transfer) => worker.postMessage(message, transfer));
  let settled = false;
  const result = new Promise<PartResult>((resolve, reject) => {
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'split') link.deliver(message);
      else if (message.type === 'part') finish(() => resolve(message.part));
      else if (message.type === 'error') finish(() => reject(new AppError(message.code, message.params)));
      else if (message.type === 'crash')
        finish(() => reject(new Error(`reconciliation worker failed: ${message.message}`)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`reconciliation worker exited with code ${code} before a result`))),
    );
  });
  // Nobody may be waiting any more when cancel() settles it: the rejection is already handled.
  result.catch((error: unknown) => link.fail(error));
  return {
    link,
    result,
    cancel: () => {
      link.fail(new AppError('reconcile_cancelled'));
      if (!settled) {
        settled = true;
        void worker.terminate();
      }
    },
  };
}

const noop = () => {};

export function startReconcileJob(
  input: ReconcileInput,
  onProgress?: (progress: ReconcileProgress) => void,
): ReconcileJob {
  const worker = new Worker(workerScript(), { workerData: { input } satisfies WorkerData });
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
      } else if (message.type === 'crash') {
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
