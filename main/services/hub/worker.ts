// The hub sync worker thread (issue #16): opens its own connection to the database file, runs one sync and
// reports progress, so the Electron main thread (and the window) never waits on the network or a big pull.
// Cancel: the parent posts 'cancel'; the sync stops after the batch in flight (each batch is a transaction
// on both sides, so nothing is half-written).
import { parentPort, workerData } from 'node:worker_threads';
import type { HubProgress } from '#contract/index.ts';
import { boot } from '#services/core/boot.ts';
import { AppError } from '#services/core/errors.ts';
import { syncHub, type HubSyncResult } from './sync.ts';

export interface HubWorkerInput {
  dbPath: string;
  migrationsFolder?: string;
  appVersion: string;
  url: string;
  password?: string;
  passphrase?: string;
  batchSize?: number;
}

export type HubWorkerMessage =
  | { type: 'progress'; progress: HubProgress }
  | { type: 'result'; result: HubSyncResult }
  | { type: 'error'; code: AppError['code']; params: Record<string, string | number> }
  | { type: 'crash'; message: string };

const input = workerData as HubWorkerInput;
const port = parentPort!;
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'cancel') controller.abort();
});

const post = (message: HubWorkerMessage) => port.postMessage(message);

async function main() {
  try {
    const ctx = boot(input.dbPath, {
      migrationsFolder: input.migrationsFolder,
      appVersion: input.appVersion,
    });
    try {
      const result = await syncHub(ctx, {
        url: input.url,
        password: input.password,
        passphrase: input.passphrase,
        batchSize: input.batchSize,
        signal: controller.signal,
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      post({ type: 'result', result });
    } finally {
      ctx.close();
    }
  } catch (error) {
    if (error instanceof AppError) post({ type: 'error', code: error.code, params: error.params });
    else
      post({
        type: 'crash',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
  }
  port.close();
}

void main();
