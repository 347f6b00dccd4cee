// Issue #17, item 3: an import verifies its files on a second thread while it applies the files verified
// before (sync/verify.ts). Held to verifying on the importing thread: the same state, the same report,
// the same refusals; a worker that fails ends the batch with nothing written.
import { build } from 'esbuild';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliBundle } from '../../build/scripts/cli-bundle.ts';
import { electronBundles, syncVerifyWorkerBundle } from '../../build/scripts/electron-bundles.ts';
import type { ImportReport } from '#contract/index.ts';
import { addAttachment } from '#services/issues/attachments.ts';
import { updateIssue } from '#services/issues/issues.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles, type ImportInput } from '#services/sync/exchange.ts';
import { decodeExport, encodeExport, type ParsedExport } from '#services/sync/file-format.ts';
import {
  FileVerifier,
  knownColumns,
  WORKER_MIN_BYTES,
  WORKER_MIN_CORES,
  type VerifierTuning,
} from '#services/sync/verify.ts';
import { freshCtx, repoRoot, tempDir } from './helpers.ts';
import { exchange, replica, type Replica } from './sync-helpers.ts';

const count = (ctx: Replica['ctx'], sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n;
const faulty = new URL('./sync-verify-faulty-worker.ts', import.meta.url);
/** Every file through the worker: this thread verifies none itself. */
const onWorker: VerifierTuning = { mode: 'worker', steal: false };

function parse(bytes: Uint8Array): ParsedExport {
  return decodeExport(bytes, 'f.wardside', { schemaVersion: 1_000, knownColumns });
}

/** Three laptops' files, each a few hundred changes, with edits of each other's issues and an attachment. */
function laptopFiles(): ImportInput[] {
  const [a, b, c] = [replica('A'), replica('B'), replica('C')];
  const inputs: ImportInput[] = [];
  for (const [n, r] of [a, b, c].entries()) {
    for (let i = 0; i < 25; i += 1) {
      r.clock.advance(1000);
      const issue = r.issue({ title: `${r.name} 问题 ${i}` });
      if (i % 2 === 0) updateIssue(r.ctx, { id: issue.id, title: `${r.name} 改 ${i}`, workaround: '先手工' });
      // Line breaks (the worker's texts are one per line), U+2028 and a lone surrogate in a value.
      if (i === 5) updateIssue(r.ctx, { id: issue.id, workaround: `第一行\n第二行\r\n\u2028 \ud800 "引号"` });
      if (i === 3) {
        addAttachment(r.ctx, {
          issueId: issue.id,
          fileName: `截图-${r.name}.png`,
          mime: 'image/png',
          bytes: Buffer.from(`png bytes of ${r.name}`),
        });
      }
    }
    if (n > 0) exchange([a, b, c][n - 1]!, r);
    r.clock.advance(5000);
    const file = exportChanges(r.ctx);
    inputs.push({ name: `${r.name}.wardside`, bytes: file.bytes });
  }
  return inputs;
}

function run(inputs: ImportInput[], verify: VerifierTuning, options: { dryRun?: boolean } = {}) {
  const ctx = freshCtx();
  const report = importFiles(ctx, inputs, { ...options, verify });
  return { ctx, report, dump: dumpState(ctx) };
}

/** The report without what differs between two imports by nature (none of it should). */
const shown = (report: ImportReport) => JSON.stringify(report);

describe('files verified on a second thread', () => {
  it('import to the same state, with the same report and import log, as verified on the importing thread', () => {
    const inputs = laptopFiles();
    // A copy of one file under another name: the same content, seen twice in one batch.
    const batch = [...inputs, { name: 'A-copy.wardside', bytes: inputs[0]!.bytes }];
    const inline = run(batch, { mode: 'inline' });
    const worker = run(batch, onWorker);
    expect(inline.report.files.map((f) => f.outcome)).toEqual([
      'imported',
      'imported',
      'imported',
      'already_seen',
    ]);
    // Each laptop's file carries the attachments it holds (its own and those it received).
    expect(inline.report.totals.attachments).toBe(6);
    expect(worker.dump).toBe(inline.dump);
    expect(shown(worker.report)).toBe(shown(inline.report));
    const log = 'SELECT count(*) AS n FROM sync_import';
    expect(count(worker.ctx, log)).toBe(count(inline.ctx, log));
    // The change log holds the same bytes (the worker wrote the text of fields and prev).
    const changes = 'SELECT * FROM change_log ORDER BY id';
    expect(worker.ctx.sqlite.prepare(changes).all()).toEqual(inline.ctx.sqlite.prepare(changes).all());
    // The attachments' bytes arrived whole.
    for (const ctx of [inline.ctx, worker.ctx]) {
      expect(count(ctx, 'SELECT count(*) AS n FROM issue_attachment')).toBe(3);
    }
    // A preview counts the same and writes nothing.
    const preview = run(batch, onWorker, { dryRun: true });
    expect(shown({ ...preview.report, dryRun: false })).toBe(shown(inline.report));
    expect(count(preview.ctx, 'SELECT count(*) AS n FROM change_log')).toBe(0);
  });

  it("are asked for by 'auto' only for a batch of two files or more, of 1 MiB or more, on 4 cores or more", () => {
    const inputs = laptopFiles();
    const options = { schemaVersion: 1_000, now: Date.now() };
    const pipelined = (files: ImportInput[], tuning: VerifierTuning) => {
      const verifier = new FileVerifier(files, { ...options, ...tuning });
      verifier.close();
      return verifier.pipelined;
    };
    // A few hundred KiB: verified on the importing thread, whatever the machine.
    expect(inputs.reduce((n, f) => n + f.bytes.byteLength, 0)).toBeLessThan(WORKER_MIN_BYTES);
    expect(pipelined(inputs, {})).toBe(false);
    expect(pipelined(inputs, { mode: 'worker' })).toBe(true);
    // Two files past 1 MiB (what is in them does not matter until one is taken).
    const big = [0, 1].map((i) => ({ name: `${i}.wardside`, bytes: new Uint8Array(WORKER_MIN_BYTES) }));
    expect(pipelined(big, {})).toBe(availableParallelism() >= WORKER_MIN_CORES);
    expect(pipelined(big.slice(0, 1), {})).toBe(false);
    expect(pipelined(big, { mode: 'inline' })).toBe(false);
  });

  it('give exactly the export decodeExport reads, attachments included', () => {
    const inputs = laptopFiles();
    const verifier = new FileVerifier(inputs, { ...onWorker, schemaVersion: 1_000, now: Date.now() });
    expect(verifier.pipelined).toBe(true);
    try {
      for (const [i, input] of inputs.entries()) {
        const { texts, ...fromWorker } = verifier.take(i);
        const here = decodeExport(input.bytes, input.name, { schemaVersion: 1_000, knownColumns });
        expect(fromWorker).toEqual(here);
        // With each change's text for the log, as this thread would write it.
        expect(texts?.size).toBe(here.changes.length);
        for (const change of fromWorker.changes) {
          expect(texts!.get(change)).toEqual({
            fields: JSON.stringify(change.fields),
            prev: JSON.stringify(change.prev),
          });
        }
        expect(fromWorker.attachments.map((a) => a.bytes.toString())).toEqual(
          here.attachments.map((a) => a.bytes.toString()),
        );
      }
    } finally {
      verifier.close();
    }
  });

  it('a bad change in the last file, found on the worker while the others are applied: that file refused with the same error, nothing of it written', () => {
    const inputs = laptopFiles();
    const last = parse(inputs[2]!.bytes);
    const changes = last.changes.map((c) => ({ ...c, fields: { ...c.fields } }));
    const at = changes.findIndex((c, i) => i > changes.length / 2 && c.tableName === 'pilot_issue');
    changes[at]!.fields.severity = 'P9';
    const bad = encodeExport({ ...last, changes }).bytes;
    const batch = [inputs[0]!, inputs[1]!, { name: 'C-bad.wardside', bytes: bad }];
    const inline = run(batch, { mode: 'inline' });
    const worker = run(batch, onWorker);
    expect(worker.report.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'refused']);
    expect(worker.report.files[2]!.error).toEqual({
      code: 'sync_invalid_value',
      params: expect.objectContaining({
        file: 'C-bad.wardside',
        table: 'pilot_issue',
        row: changes[at]!.rowId,
        column: 'severity',
      }) as unknown,
    });
    expect(shown(worker.report)).toBe(shown(inline.report));
    // Nothing of the bad file: the state is that of the two good files alone.
    expect(worker.dump).toBe(inline.dump);
    expect(worker.dump).toBe(run(batch.slice(0, 2), { mode: 'inline' }).dump);
    // Alone, it writes nothing at all.
    const alone = run([{ name: 'C-bad.wardside', bytes: bad }], onWorker);
    expect(alone.report.files[0]!.error).toEqual(worker.report.files[2]!.error);
    expect(count(alone.ctx, 'SELECT count(*) AS n FROM change_log')).toBe(0);
  });

  it("a file of this laptop's own id bringing a change an earlier file of the batch brought is refused as when verified first", () => {
    const [a, b] = [replica('A'), replica('B')];
    b.issue({ title: 'B 的问题' });
    const fromB = exportChanges(b.ctx);
    // A file that says it is A's own, with B's changes in it.
    const own = parse(exportChanges(a.ctx).bytes);
    const claimed = encodeExport({ ...own, changes: parse(fromB.bytes).changes }).bytes;
    const batch = [
      { name: 'B.wardside', bytes: fromB.bytes },
      { name: 'claimed.wardside', bytes: claimed },
    ];
    const reports = (['inline', 'worker'] as const).map((mode) => {
      const before = count(a.ctx, 'SELECT count(*) AS n FROM change_log');
      const report = importFiles(a.ctx, batch, { dryRun: true, verify: { mode, steal: mode === 'inline' } });
      expect(count(a.ctx, 'SELECT count(*) AS n FROM change_log')).toBe(before);
      return report;
    });
    expect(reports[0]!.files.map((f) => f.error?.code ?? f.outcome)).toEqual([
      'imported',
      'sync_own_replica',
    ]);
    expect(shown(reports[1]!)).toBe(shown(reports[0]!));
  });

  describe('a worker that fails ends the batch with a clear error and nothing written', () => {
    for (const [how, pattern] of [
      ['throw', /sync verification thread failed: TypeError: verification worker broke/],
      ['exit', /sync verification thread failed: the verification thread exited before it answered/],
      ['hang', /sync verification thread gave no answer for C-hang\.wardside/],
    ] as const) {
      it(`one that ${how}s on the last file, after the first two were applied`, () => {
        const inputs = laptopFiles();
        const batch = [inputs[0]!, inputs[1]!, { name: `C-${how}.wardside`, bytes: inputs[2]!.bytes }];
        const ctx = freshCtx();
        const before = dumpState(ctx);
        const progress: string[] = [];
        expect(() =>
          importFiles(ctx, batch, {
            verify: { ...onWorker, script: faulty, stallMs: 1_500 },
            onProgress: (p) => progress.push(`${p.phase} ${p.done}`),
          }),
        ).toThrow(pattern);
        // The first two files were applied before the failure: the one transaction took them back.
        expect(progress).toContain('apply 1');
        expect(dumpState(ctx)).toBe(before);
        expect(count(ctx, 'SELECT count(*) AS n FROM change_log')).toBe(0);
        expect(count(ctx, 'SELECT count(*) AS n FROM sync_import')).toBe(0);
        expect(ctx.sqlite.inTransaction).toBe(false);
      });
    }

    it('one that never starts leaves every file to the importing thread: the same import', () => {
      const inputs = laptopFiles();
      const missing = new URL('./no-such-verify-worker.ts', import.meta.url);
      const fallback = run(inputs, { mode: 'worker', script: missing });
      expect(fallback.report.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'imported']);
      expect(fallback.dump).toBe(run(inputs, { mode: 'inline' }).dump);
    });
  });
});

/** Every file through the worker `script`: the same exports decodeExport reads. */
function verifiesAsTheSource(script: string | URL) {
  const inputs = laptopFiles();
  const verifier = new FileVerifier(inputs, { ...onWorker, script, schemaVersion: 1_000, now: Date.now() });
  try {
    for (const [i, input] of inputs.entries()) {
      const { texts, ...fromWorker } = verifier.take(i);
      expect(fromWorker).toEqual(
        decodeExport(input.bytes, input.name, { schemaVersion: 1_000, knownColumns }),
      );
      expect(texts?.size).toBe(fromWorker.changes.length);
    }
  } finally {
    verifier.close();
  }
}

describe('the bundled verification worker', () => {
  it('of the Electron build verifies as the source does, and the bundles that import name it', async () => {
    const bundles = electronBundles(repoRoot);
    const outfile = join(tempDir(), syncVerifyWorkerBundle);
    await build({ ...bundles.syncVerifyWorker, outfile, sourcemap: false, logLevel: 'silent' });
    verifiesAsTheSource(outfile);
    for (const importer of [bundles.main, bundles.syncWorker]) {
      expect(importer.define?.WARDSIDE_SYNC_VERIFY_WORKER).toBe(JSON.stringify(syncVerifyWorkerBundle));
    }
  }, 60_000);

  it('of the CLI build (a chunk beside the command) verifies as the source does', async () => {
    const outdir = tempDir();
    const options = cliBundle(repoRoot);
    await build({ ...options, outdir, logLevel: 'silent' });
    expect(options.define?.WARDSIDE_SYNC_VERIFY_WORKER).toBe(JSON.stringify('sync-verify-worker.mjs'));
    verifiesAsTheSource(pathToFileURL(join(outdir, 'sync-verify-worker.mjs')));
  }, 60_000);
});
