// The worker-thread entry of the engine: runs one comparison and posts progress, then the result or the
// error (as code + params, because an AppError does not survive the structured clone as itself).
// Loaded from source under Node (type stripping) and as its own CommonJS bundle in the Electron build
// (no top-level await there).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '#services/core/errors.ts';
import type { WorkerMessage } from './job.ts';
import { reconcile } from './reconcile.ts';
import type { ReconcileInput } from '#contract/reconcile-engine.ts';

const post = (message: WorkerMessage) => parentPort!.postMessage(message, []);

async function run(): Promise<void> {
  try {
    const result = await reconcile(workerData as ReconcileInput, {
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', result });
  } catch (error) {
    if (error instanceof AppError) post({ type: 'error', code: error.code, params: error.params });
    else post({ type: 'crash', message: (error as Error).stack ?? String(error) });
  }
}

void run();
