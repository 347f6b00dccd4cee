// File import and export off the main thread (issue #16, item 5): the app and the preview server hand them
// to a worker thread with its own connection (sync/file-jobs.ts, sync/worker.ts). The worker gives the same
// report and the same state as the in-process import, reports its progress, and a cancel writes nothing.
import { describe, expect, it } from 'vitest';
import { pilotIssue } from '#db/schema.ts';
import { getRecord } from '#services/core/records.ts';
import { updateIssue } from '#services/issues/issues.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { FileJobs } from '#services/sync/file-jobs.ts';
import type { FileProgress } from '#contract/index.ts';
import { replica, twoReplicas } from './sync-helpers.ts';

describe('file sync in a worker thread', () => {
  it('imports with the same report and state as in-process, and exports a file that imports', async () => {
    const { a, b } = twoReplicas();
    const issueId = a.issue().id;
    updateIssue(a.ctx, { id: issueId, title: '工作线程导入' });
    const file = exportChanges(a.ctx);
    const input = [{ name: file.fileName, bytes: file.bytes }];
    const jobs = new FileJobs(b.ctx);
    // The worker's preview is the in-process preview of the same file on the same database.
    const expected = importFiles(
      b.ctx,
      input.map((f) => ({ ...f, bytes: Buffer.from(f.bytes) })),
      { dryRun: true },
    );
    const preview = await jobs.importFiles(input, { dryRun: true });
    expect(preview).toEqual(expected);
    const titled = () =>
      b.ctx.sqlite.prepare("SELECT count(*) AS n FROM pilot_issue WHERE title = '工作线程导入'").get();
    expect(titled()).toEqual({ n: 0 });
    const report = await jobs.importFiles(input, {});
    expect(report.totals).toEqual(expected.totals);
    expect(report.files.map((f) => f.outcome)).toEqual(['imported']);
    // Written through the worker's connection, read through this one.
    expect(getRecord(b.ctx, pilotIssue, issueId).title).toBe('工作线程导入');
    expect(jobs.progress()).toBeNull();

    // B's export made by the worker brings A everything B knows: both laptops then hold the same state.
    const exported = await jobs.exportChanges({});
    importFiles(a.ctx, [{ name: exported.fileName, bytes: exported.bytes }]);
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
  }, 60_000);

  it('a cancelled import is refused as cancelled and writes nothing; one job at a time', async () => {
    const { a, b } = twoReplicas();
    const file = exportChanges(a.ctx);
    const before = dumpState(b.ctx);
    const jobs = new FileJobs(b.ctx);
    const running = jobs.importFiles([{ name: file.fileName, bytes: file.bytes }], {});
    await expect(jobs.importFiles([], {})).rejects.toMatchObject({ code: 'sync_busy' });
    expect(jobs.progress()).toMatchObject({ phase: 'verify', total: 1 });
    expect(jobs.cancel()).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'sync_cancelled' });
    expect(dumpState(b.ctx)).toBe(before);
    expect(jobs.cancel()).toEqual({ cancelled: false });
  }, 60_000);

  it('reports files verified, then files applied', () => {
    const { a, b } = twoReplicas();
    const files = [exportChanges(a.ctx), exportChanges(b.ctx)].map((f) => ({
      name: f.fileName,
      bytes: f.bytes,
    }));
    const seen: FileProgress[] = [];
    importFiles(replica('D').ctx, files, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { phase: 'verify', done: 0, total: 2 },
      { phase: 'verify', done: 1, total: 2 },
      { phase: 'apply', done: 0, total: 2 },
      { phase: 'apply', done: 1, total: 2 },
    ]);
  });
});
