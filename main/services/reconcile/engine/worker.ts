// The worker-thread entry of the engine: runs one comparison (or one partition of a comparison that
// reconcile() split over two threads) and posts progress, then the result or the
// error (as code + params, because an AppError does not survive the structured clone as itself).
// Loaded from source under Node (type stripping) and as its own CommonJS bundle in the Electron build
// (no top-level await there).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '#services/core/errors.ts';
import { messageQueue, type WorkerData, type WorkerMessage } from './job.ts';
import { reconcile, reconcilePart, type Split } from './reconcile.ts';

const post = (message: WorkerMessage) => parentPort!.postMessage(message, []);

async function run(): Promise<void> {
  const { input, partition, split } = workerData as WorkerData;
  try {
    if (partition) {
      // One half of a comparison whose other half runs on the thread that started this one; split: of
      // the second part of each file, exchanging rows with that thread.
      let role: Split | null = null;
      if (split) {
        const link = messageQueue((message, transfer) => parentPort!.postMessage(message, transfer));
        parentPort!.on('message', (message: WorkerMessage) => {
          if (message.type === 'split') link.deliver(message);
        });
        role = { role: 1, plan: split, link };
      }
      post({ type: 'part', part: await reconcilePart(input, {}, partition, role) });
      return;
    }
    const result = await reconcile(input, {
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', result });
  } catch (error) {
    if (error instanceof AppError) post({ type: 'error', code: error.code, params: error.params });
    else post({ type: 'crash', message: (error as Error).stack ?? String(error) });
  }
}

void run();
