// Saving a run off the main thread (issue #17, item 2): the app and the preview server hand the save to a
// worker thread with its own connection (reconcile/save-jobs.ts, save-worker.ts), started with the
// comparison. The call returns before the work is done, progress arrives while this thread's event loop
// keeps running, the result is the run saved in the database, and a cancel writes nothing.
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '#contract/reconcile-engine.ts';
import type { SaveRunInput } from '#services/reconcile/runs.ts';
import { boot } from '#services/core/boot.ts';
import { RunJobs } from '#services/reconcile/save-jobs.ts';
import { dumpReplicated, freshCtx, rowCount, tempDir } from './helpers.ts';
import { chargesProfile, diff, resultOf } from './reconcile-fixtures.ts';

/** Sleeps this thread without running its event loop (Atomics.wait on a value that never changes). */
const pause = new Int32Array(new SharedArrayBuffer(4));

function bigRun(businessDate: string, count: number): SaveRunInput {
  const discrepancies: Discrepancy[] = Array.from({ length: count }, (_, i) =>
    diff(String(i).padStart(6, '0'), '金额', `${i}.50`, `${i}.00`),
  );
  return {
    domain: '门诊收费',
    businessDate,
    profile: chargesProfile,
    result: resultOf(count * 2, discrepancies),
    oldFile: 'old.csv',
    newFile: 'new.csv',
  };
}

describe('saving a run in a worker thread', () => {
  it('returns at once, reports progress while the main thread keeps running, saves the run', async () => {
    const ctx = freshCtx();
    const jobs = new RunJobs(ctx);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const seen: { done: number; total: number; ticks: number }[] = [];
    try {
      const saving = jobs.save(bigRun('2026-11-20', 20_000), (done, total) =>
        seen.push({ done, total, ticks }),
      );
      // The call came back before anything was written.
      expect(rowCount(ctx, 'discrepancy_item')).toBe(0);
      const run = await saving;
      expect(run).toMatchObject({ businessDate: '2026-11-20', discrepancyCount: 20_000, newItems: 20_000 });
      // Written through the worker's connection, read through this one.
      expect(rowCount(ctx, 'discrepancy_item')).toBe(20_000);
      expect(rowCount(ctx, 'reconcile_run')).toBe(1);
      expect(seen.at(-1)).toMatchObject({ done: 20_000, total: 20_000 });
      expect(seen.length).toBeGreaterThan(10);
      // The timer fired between progress reports: this thread's event loop was never blocked by the save.
      expect(seen.at(-1)!.ticks).toBeGreaterThan(seen[0]!.ticks);

      // The next day carries every item over, again in the worker.
      const next = await jobs.save(bigRun('2026-11-21', 20_000));
      expect(next).toMatchObject({ newItems: 0, carriedItems: 20_000 });
      expect(
        ctx.sqlite.prepare('SELECT count(*) AS n FROM discrepancy_item WHERE times_seen = 2').get(),
      ).toEqual({ n: 20_000 });
    } finally {
      clearInterval(timer);
    }
  }, 60_000);

  it('a save cancelled half-way writes nothing and is refused as cancelled', async () => {
    const ctx = freshCtx();
    const before = dumpReplicated(ctx);
    const saver = new RunJobs(ctx).open();
    await saver.ready;
    let firstProgress!: () => void;
    const started = new Promise<void>((resolve) => {
      firstProgress = resolve;
    });
    const saving = saver.save(bigRun('2026-11-20', 20_000), (done) => {
      if (done < 20_000) firstProgress();
    });
    await started;
    saver.cancel();
    await expect(saving).rejects.toMatchObject({ code: 'reconcile_cancelled' });
    expect(dumpReplicated(ctx)).toEqual(before);
  }, 60_000);

  it('a cancel that comes after the save committed gets the saved run, never "cancelled"', async () => {
    const ctx = freshCtx();
    const saver = new RunJobs(ctx).open();
    await saver.ready;
    const saving = saver.save(bigRun('2026-11-20', 2_000));
    // This thread waits, without taking messages, until the worker's COMMIT is visible; its answer is then
    // on its way, and the cancel comes after the worker's last look at the flag.
    const deadline = Date.now() + 30_000;
    while (rowCount(ctx, 'reconcile_run') === 0 && Date.now() < deadline) Atomics.wait(pause, 0, 0, 5);
    expect(rowCount(ctx, 'reconcile_run')).toBe(1);
    saver.cancel();
    await expect(saving).resolves.toMatchObject({ businessDate: '2026-11-20', newItems: 2_000 });
  }, 60_000);

  it('a bad run is refused with its error, from the worker', async () => {
    const ctx = freshCtx();
    await expect(new RunJobs(ctx).save(bigRun('2026-13-40', 1))).rejects.toMatchObject({
      code: 'reconcile_bad_date',
    });
    expect(rowCount(ctx, 'reconcile_run')).toBe(0);
  }, 60_000);
});

describe('one worker per open database', () => {
  it('is started ahead, then saves run after run on the same thread', async () => {
    const ctx = freshCtx();
    const before = dumpReplicated(ctx);
    const changes = rowCount(ctx, 'change_log');
    const jobs = new RunJobs(ctx);
    expect(jobs.thread).toBeNull();
    await jobs.warm();
    const thread = jobs.thread!;
    expect(thread.threadId).toBeGreaterThan(0);
    // Nothing written by starting it (its warm-up saves on a scratch database in memory).
    expect(dumpReplicated(ctx)).toEqual(before);
    expect(rowCount(ctx, 'change_log')).toBe(changes);
    const first = await jobs.save(bigRun('2026-11-20', 2_000));
    const second = await jobs.save(bigRun('2026-11-21', 2_000));
    expect(first).toMatchObject({ newItems: 2_000, carriedItems: 0 });
    expect(second).toMatchObject({ newItems: 0, carriedItems: 2_000 });
    expect(jobs.thread).toBe(thread);
    expect(rowCount(ctx, 'reconcile_run')).toBe(2);
    expect(
      ctx.sqlite.prepare('SELECT count(*) AS n FROM discrepancy_item WHERE times_seen = 2').get(),
    ).toEqual({ n: 2_000 });
  }, 60_000);

  it('a cancelled save writes nothing and the same worker saves the next run', async () => {
    const ctx = freshCtx();
    const jobs = new RunJobs(ctx);
    await jobs.save(bigRun('2026-11-20', 20_000));
    const thread = jobs.thread;
    const changes = rowCount(ctx, 'change_log');
    const saver = jobs.open();
    let cancelled = false;
    const saving = saver.save(bigRun('2026-11-21', 20_000), (done) => {
      if (!cancelled && done < 20_000) {
        cancelled = true;
        saver.cancel();
      }
    });
    await expect(saving).rejects.toMatchObject({ code: 'reconcile_cancelled' });
    // The next save waits for the cancelled one to roll back, on the same thread.
    const next = await jobs.save(bigRun('2026-11-22', 20_000));
    expect(jobs.thread).toBe(thread);
    expect(cancelled).toBe(true);
    expect(next).toMatchObject({ newItems: 0, carriedItems: 20_000 });
    const after = dumpReplicated(ctx);
    // Only the third day's run and its writes were added: the cancelled day left no run, item or change.
    expect(after.reconcile_run!.map((r) => (r as { business_date: string }).business_date).sort()).toEqual([
      '2026-11-20',
      '2026-11-22',
    ]);
    expect(rowCount(ctx, 'change_log')).toBe(changes + 1 + 20_000);
    expect(
      ctx.sqlite
        .prepare("SELECT count(*) AS n FROM discrepancy_item WHERE last_seen_date = '2026-11-21'")
        .get(),
    ).toEqual({ n: 0 });
    // Seen on the 20th and the 22nd: the cancelled day counted for nothing.
    expect(
      ctx.sqlite.prepare('SELECT count(*) AS n FROM discrepancy_item WHERE times_seen = 2').get(),
    ).toEqual({ n: 20_000 });

    // A save cancelled while it waits behind another is never started; the other one is saved.
    const busy = jobs.save(bigRun('2026-11-23', 20_000));
    const queued = jobs.open();
    const waiting = queued.save(bigRun('2026-11-24', 10));
    queued.cancel();
    await expect(waiting).rejects.toMatchObject({ code: 'reconcile_cancelled' });
    await expect(busy).resolves.toMatchObject({ carriedItems: 20_000 });
    // A saver cancelled before it was asked refuses its save.
    const early = jobs.open();
    early.cancel();
    await expect(early.save(bigRun('2026-11-25', 10))).rejects.toMatchObject({ code: 'reconcile_cancelled' });
    await jobs.save(bigRun('2026-11-26', 1));
    expect(
      (
        ctx.sqlite.prepare('SELECT business_date AS d FROM reconcile_run ORDER BY d').all() as { d: string }[]
      ).map((r) => r.d),
    ).toEqual(['2026-11-20', '2026-11-22', '2026-11-23', '2026-11-26']);
    expect(jobs.thread).toBe(thread);
  }, 60_000);

  it('a worker that dies refuses its save with a clear error, writes nothing, and the next save works', async () => {
    const ctx = freshCtx();
    const jobs = new RunJobs(ctx);
    await jobs.warm();
    const before = dumpReplicated(ctx);

    // Killed half-way through a save.
    const first = jobs.thread!;
    let killed = false;
    const saving = jobs.save(bigRun('2026-11-20', 20_000), (done) => {
      if (!killed && done < 20_000) {
        killed = true;
        void first.terminate();
      }
    });
    await expect(saving).rejects.toMatchObject({ code: 'reconcile_save_failed' });
    expect(dumpReplicated(ctx)).toEqual(before);
    expect(jobs.thread).toBeNull();

    // An uncaught error in the thread (after it was asked to save).
    await jobs.warm();
    const second = jobs.thread!;
    expect(second).not.toBe(first);
    second.postMessage({ type: 'crash' }, []);
    const refused = jobs.save(bigRun('2026-11-20', 100));
    await expect(refused).rejects.toMatchObject({
      code: 'reconcile_save_failed',
      params: { detail: 'run-saving worker: crash on request' },
    });
    expect(dumpReplicated(ctx)).toEqual(before);

    // The next save starts a new worker and is saved.
    const run = await jobs.save(bigRun('2026-11-20', 100));
    expect(run).toMatchObject({ newItems: 100 });
    expect(jobs.thread).not.toBe(second);
    expect(rowCount(ctx, 'discrepancy_item')).toBe(100);
  }, 60_000);

  it('ends with the database: the worker exits, a pending save is refused, later saves too', async () => {
    const ctx = boot(join(tempDir(), 'wardside.db'), { appVersion: '0.0.0-test' });
    const jobs = new RunJobs(ctx);
    await jobs.warm();
    const thread = jobs.thread!;
    const exited = once(thread, 'exit');
    const pending = jobs.save(bigRun('2026-11-20', 20_000));
    ctx.close();
    await expect(pending).rejects.toMatchObject({ code: 'reconcile_cancelled' });
    await exited;
    expect(jobs.thread).toBeNull();
    await expect(jobs.save(bigRun('2026-11-21', 10))).rejects.toMatchObject({ code: 'reconcile_cancelled' });
    expect(jobs.thread).toBeNull();
    // Nothing of the pending save reached the file.
    const reopened = boot(ctx.dbPath, { appVersion: '0.0.0-test' });
    expect(rowCount(reopened, 'reconcile_run')).toBe(0);
    reopened.close();
  }, 60_000);
});
