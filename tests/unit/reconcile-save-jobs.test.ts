// Saving a run off the main thread (issue #17, item 2): the app and the preview server hand the save to a
// worker thread with its own connection (reconcile/save-jobs.ts, save-worker.ts), started with the
// comparison. The call returns before the work is done, progress arrives while this thread's event loop
// keeps running, the result is the run saved in the database, and a cancel writes nothing.
import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '#contract/reconcile-engine.ts';
import type { SaveRunInput } from '#services/reconcile/runs.ts';
import { RunJobs } from '#services/reconcile/save-jobs.ts';
import { dumpReplicated, freshCtx, rowCount } from './helpers.ts';
import { chargesProfile, diff, resultOf } from './reconcile-fixtures.ts';

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

  it('a bad run is refused with its error, from the worker', async () => {
    const ctx = freshCtx();
    await expect(new RunJobs(ctx).save(bigRun('2026-13-40', 1))).rejects.toMatchObject({
      code: 'reconcile_bad_date',
    });
    expect(rowCount(ctx, 'reconcile_run')).toBe(0);
  }, 60_000);
});
