// The workspace side of a run, with the real engine in its worker thread: upload in chunks (preview
// mode), headers and suggested pairs, start, poll, saved run; and the pairing rules on their own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '#services/reconcile/engine/index.ts';
import { createWorkspace } from '#services/reconcile/jobs.ts';
import { listItems } from '#services/reconcile/items.ts';
import { listRuns, saveRun, type SaveRunInput } from '#services/reconcile/runs.ts';
import type { RunSaver } from '#services/reconcile/save-jobs.ts';
import { createProfile } from '#services/reconcile/profiles.ts';
import { suggestPairs } from '#services/reconcile/suggest.ts';
import { freshCtx, tempDir } from './helpers.ts';

const describeError = (e: unknown) => (e as { code?: string }).code ?? String(e);

async function until<T>(fn: () => T, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = fn();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

describe('suggested pairs', () => {
  it('same names, Chinese/English synonyms and close spellings; a key and compare kinds guessed', () => {
    const s = suggestPairs(
      ['收费单号', '金额', '收费时间', '科室', 'PatientName', '备用'],
      ['charge_no', 'Amount', 'charge_time', 'dept', 'patient_name1', '科室', 'extra'],
    );
    expect(s.pairs.map((p) => [p.old, p.new, p.reason, p.key, p.compare])).toEqual([
      ['收费单号', 'charge_no', 'synonym', true, 'text'],
      ['金额', 'Amount', 'synonym', false, 'number'],
      ['收费时间', 'charge_time', 'synonym', false, 'datetime'],
      // The identical header wins over the synonym.
      ['科室', '科室', 'exact', false, 'text'],
      ['PatientName', 'patient_name1', 'similar', false, 'text'],
    ]);
    expect(s.unmatchedOld).toEqual(['备用']);
    expect(s.unmatchedNew).toEqual(['dept', 'extra']);
  });
});

describe('suggested pairs, first hour (issue 12 §16)', () => {
  it('pairs 收费时间 with charged_at, and suggests number only where the samples are numbers', () => {
    const s = suggestPairs(
      ['收费单号', '收费时间', '费用类别', '金额'],
      ['charge_no', 'charged_at', 'fee_type', 'amount'],
      {
        old: [
          ['0001', '2026-11-20 08:01', '西药费', '12.50'],
          ['0002', '2026-11-20 08:15', '检查费', '1,030.00'],
        ],
        new: [
          ['0001', '2026-11-20T08:01:00', '西药费', '12.5'],
          ['0002', '2026-11-20T08:15:00', '检查费', '1030'],
        ],
      },
    );
    expect(s.pairs.map((p) => [p.old, p.new, p.compare])).toEqual([
      ['收费单号', 'charge_no', 'text'],
      ['收费时间', 'charged_at', 'datetime'],
      ['费用类别', 'fee_type', 'text'],
      ['金额', 'amount', 'number'],
    ]);
    // Without samples the name decides, as before.
    expect(suggestPairs(['费用类别'], ['费用类别']).pairs[0]!.compare).toBe('number');
  });
});

describe('workspace run', () => {
  it('uploads in chunks, reads headers, runs in the worker and saves the run with its items', async () => {
    const ctx = freshCtx();
    const oldCsv = '收费单号,金额,科室\r\n0001,12.50,内科\r\n0002,8.00,外科\r\n0003,1.00,儿科\r\n';
    const newCsv = 'charge_no,amount,dept\n0001,12.5,内科\n0002,9.00,外科\n0004,3.00,儿科\n';
    let warmed = 0;
    const ws = createWorkspace(ctx, engine, { describeError, warmSaver: () => warmed++ });
    const upload = (name: string, text: string) => {
      const bytes = Buffer.from(text);
      // Chunks of 10 bytes, in order: what the browser does with 8 MB.
      let fileId: string | null = null;
      for (let offset = 0; offset < bytes.length; offset += 10) {
        const chunk = bytes.subarray(offset, offset + 10);
        fileId = ws.upload({
          fileId,
          fileName: name,
          size: bytes.length,
          offset,
          bytes: chunk,
        }).fileId;
      }
      return fileId!;
    };
    const oldId = upload('旧系统.csv', oldCsv);
    const newId = upload('new.csv', newCsv);
    // Each file's first chunk gets the saver's worker going (it is started once; later calls find it).
    expect(warmed).toBe(2);
    expect(() =>
      ws.upload({ fileId: oldId, fileName: 'x', size: 1, offset: 3, bytes: Buffer.from([0]) }),
    ).toThrow();

    const headers = await ws.headers({ fileId: oldId, encoding: 'auto' });
    expect(headers.headers).toEqual(['收费单号', '金额', '科室']);
    const newHeaders = await ws.headers({ fileId: newId, encoding: 'auto' });
    const { pairs } = suggestPairs(headers.headers, newHeaders.headers);
    const profile = createProfile(ctx, {
      domain: '门诊收费',
      name: '门诊收费日结',
      columns: pairs.map((p) => ({ old: p.old, new: p.new, key: p.key, compare: p.compare })),
    });

    const { jobId } = ws.start({
      profileId: profile.id,
      businessDate: '2026-11-20',
      oldFileId: oldId,
      newFileId: newId,
    });
    const status = await until(
      () => ws.status(jobId),
      (s) => s.state !== 'running',
    );
    expect(status).toMatchObject({ state: 'done', error: null });
    const items = listItems(ctx, {
      filter: { profileId: profile.id },
      sort: { key: 'key', dir: 'asc' },
    }).rows;
    expect(items.map((i) => [i.key[0], i.kind, i.column])).toEqual([
      ['0002', 'different', 'amount'],
      ['0003', 'missing-in-new', null],
      ['0004', 'missing-in-old', null],
    ]);
    // Uploaded copies are removed once the run is saved.
    await expect(ws.headers({ fileId: oldId, encoding: 'auto' })).rejects.toThrow(
      /reconcile_file_unknown|file/,
    );
  });

  it('a picked file is read where it is; cancelling stops the job', async () => {
    const ctx = freshCtx();
    const dir = tempDir();
    const path = join(dir, 'old.csv');
    writeFileSync(path, 'id,v\n1,a\n');
    const ws = createWorkspace(ctx, engine, { describeError, pickFile: async () => path });
    const picked = await ws.pickFile();
    expect(picked).toMatchObject({ available: true, file: { fileName: 'old.csv', size: 9 } });
    const profile = createProfile(ctx, {
      domain: 'x',
      name: 'x',
      columns: [
        { old: 'id', new: 'id', key: true },
        { old: 'v', new: 'v' },
      ],
    });
    const { jobId } = ws.start({
      profileId: profile.id,
      businessDate: '2026-11-20',
      oldFileId: picked.file!.fileId,
      newFileId: picked.file!.fileId,
    });
    expect(ws.cancel(jobId).state).toBe('cancelled');
    expect((await createWorkspace(ctx, engine, { describeError }).pickFile()).available).toBe(false);
  });

  it('saves through the saver it was given, showing the save as a phase; a cancel stops the save', async () => {
    const ctx = freshCtx();
    const dir = tempDir();
    const path = join(dir, 'old.csv');
    writeFileSync(path, 'id,v\n1,a\n2,b\n');
    const profile = createProfile(ctx, {
      domain: 'x',
      name: 'x',
      columns: [
        { old: 'id', new: 'id', key: true },
        { old: 'v', new: 'v' },
      ],
    });
    // A saver that saves in-process when told to, so the test sees the job while the save is under way.
    const savers: { cancelled: boolean; finish: () => void; input: SaveRunInput | null }[] = [];
    const runSaver = (): RunSaver => {
      const state = { cancelled: false, finish: () => {}, input: null as SaveRunInput | null };
      savers.push(state);
      return {
        ready: Promise.resolve(),
        cancel: () => (state.cancelled = true),
        save: (input, onProgress) =>
          new Promise((resolve, reject) => {
            state.input = input;
            onProgress?.(1, 4);
            state.finish = () =>
              state.cancelled ? reject(new Error('cancelled')) : resolve(saveRun(ctx, input));
          }),
      };
    };
    let warmed = 0;
    const ws = createWorkspace(ctx, engine, {
      describeError,
      pickFile: async () => path,
      runSaver,
      warmSaver: () => warmed++,
    });
    // Picking a file gets the saver's worker going, before any comparison.
    const file = (await ws.pickFile()).file!;
    expect(warmed).toBe(1);
    expect(savers).toHaveLength(0);
    const start = () =>
      ws.start({
        profileId: profile.id,
        businessDate: '2026-11-20',
        oldFileId: file.fileId,
        newFileId: file.fileId,
      });

    const { jobId } = start();
    // The saver is opened with the comparison, before there is anything to save.
    expect(savers).toHaveLength(1);
    const saving = await until(
      () => ws.status(jobId),
      (s) => s.progress?.phase === 'save',
    );
    expect(saving).toMatchObject({
      state: 'running',
      runId: null,
      progress: { phase: 'save', rows: 1, percent: 25 },
    });
    expect(savers[0]!.input).toMatchObject({ domain: 'x', businessDate: '2026-11-20', oldFile: 'old.csv' });
    savers[0]!.finish();
    const done = await until(
      () => ws.status(jobId),
      (s) => s.state !== 'running',
    );
    expect(done).toMatchObject({ state: 'done', error: null });
    expect(done.runId).toBeTruthy();

    const second = start();
    await until(
      () => ws.status(second.jobId),
      (s) => s.progress?.phase === 'save',
    );
    expect(ws.cancel(second.jobId).state).toBe('cancelled');
    expect(savers[1]!.cancelled).toBe(true);
    savers[1]!.finish();
    await new Promise((r) => setTimeout(r, 10));
    expect(ws.status(second.jobId).state).toBe('cancelled');
    expect(listRuns(ctx, profile.id)).toHaveLength(1);
  });
});
