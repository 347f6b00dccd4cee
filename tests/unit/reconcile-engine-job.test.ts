// The engine in a worker thread, as the app runs it: from the TypeScript sources (Node type stripping)
// and from the CommonJS bundle the Electron build makes. Progress arrives, errors come back as AppError,
// cancel() ends the thread.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { electronBundles } from '../../build/scripts/electron-bundles.ts';
import { AppError } from '#services/core/errors.ts';
import type { WorkerData, WorkerMessage } from '#services/reconcile/engine/job.ts';
import {
  startReconcileJob,
  type Profile,
  type ReconcileInput,
  type ReconcileProgress,
} from '#services/reconcile/engine/index.ts';
import { repoRoot, tempDir } from './helpers.ts';

const profile: Profile = {
  name: 'p',
  columns: [
    { old: '就诊号', new: 'visit_no', key: true },
    { old: '金额', new: 'amount', compare: 'number' },
  ],
};

const body = (i: number, bump: boolean) => `${String(i).padStart(8, '0')},${bump ? i + 1 : i}.50`;

function input(rows: number, changed = 0): ReconcileInput {
  const dir = tempDir();
  const oldFile = join(dir, 'old.csv');
  const newFile = join(dir, 'new.csv');
  writeFileSync(
    oldFile,
    ['就诊号,金额', ...Array.from({ length: rows }, (_, i) => body(i, false))].join('\n'),
  );
  writeFileSync(
    newFile,
    ['visit_no,amount', ...Array.from({ length: rows }, (_, i) => body(i, i < changed))].join('\r\n'),
  );
  return { profile, oldFile, newFile };
}

describe('startReconcileJob (worker thread from source)', () => {
  it('returns the result and reports progress', async () => {
    const progress: ReconcileProgress[] = [];
    const job = startReconcileJob(input(5000, 3), (p) => progress.push(p));
    const result = await job.result;
    expect(result.summary).toMatchObject({
      matched: 5000,
      rowsWithDifferences: 3,
      fieldDifferences: { amount: 3 },
    });
    expect(progress.at(-1)).toMatchObject({ phase: 'finish', percent: 100 });
  });

  it('rejects with the engine’s AppError', async () => {
    const bad = input(1);
    writeFileSync(bad.newFile, 'visit_no,total\n1,2\n');
    const error = await startReconcileJob(bad).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'reconcile_missing_column',
      params: { file: 'new.csv', column: 'amount' },
    });
  });

  it('cancel() rejects at once and ends the thread', async () => {
    const job = startReconcileJob(input(50_000));
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ code: 'reconcile_cancelled' });
  });
});

describe('the Electron worker bundle', () => {
  it('builds and runs a comparison under plain Node', async () => {
    const outfile = join(tempDir(), 'reconcile-worker.cjs');
    await build({
      ...electronBundles(repoRoot).reconcileWorker,
      outfile,
      sourcemap: false,
      logLevel: 'silent',
    });
    const run = async (workerData: WorkerData) => {
      const worker = new Worker(outfile, { workerData });
      const result = await new Promise<WorkerMessage>((resolve, reject) => {
        worker.on('message', (m: WorkerMessage) => m.type !== 'progress' && resolve(m));
        worker.on('error', reject);
      });
      await worker.terminate();
      return result;
    };
    expect(await run({ input: input(100, 1) })).toMatchObject({
      type: 'result',
      result: { summary: { matched: 100, rowsWithDifferences: 1 } },
    });
    // Split over two threads (the bundle starts a second copy of itself for half of the keys): same result.
    process.env.WARDSIDE_RECONCILE_SPLIT_BYTES = '1';
    process.env.WARDSIDE_RECONCILE_THREADS = '2';
    try {
      expect(await run({ input: input(2_000, 7) })).toMatchObject({
        type: 'result',
        result: { summary: { oldRows: 2_000, matched: 2_000, rowsWithDifferences: 7 } },
      });
    } finally {
      delete process.env.WARDSIDE_RECONCILE_SPLIT_BYTES;
      delete process.env.WARDSIDE_RECONCILE_THREADS;
    }
  });
});
