// `npm run bench` (sync, issue #4): 20 laptops' export files of ~10,000 changes each, imported by a
// coordinator; then the same 20 files again (must be a fast no-op), and the coordinator's merged file
// into a laptop that already holds everything (every change known: the idempotent path without the
// "file already seen" shortcut). Peers measured in the same run on the same data:
//   export — SELECT every change + JSON.stringify + gzip (the floor of any file writer);
//   import — bare INSERT of the same changes into a plain table in one transaction (the floor of any
//            importer that keeps the changes, before merging them into records).
// The floor of any importer of these files, also measured in the same run: what it cannot skip is decoding
// them (manifest, payload hash, gunzip, content hash, text, JSON.parse; no value checked), the peer's
// INSERT of the changes, and writing the records they make (the coordinator's records copied into an
// empty database of the app's schema by SQLite itself, no binding; the search index left out). The import
// cannot come closer to the peer than that sum does.
// BENCH_SYNC_FILES (default 20) and BENCH_SYNC_ISSUES (per laptop, default 620 ≈ 10,000 changes).
// The import as the app runs it (verify 'auto': on a machine of fewer than 4 cores every file is verified
// on the importing thread first), with the importing thread's own CPU time; and the same import verifying
// the files on a second thread while it applies the earlier ones (sync/verify.ts, verify 'worker'),
// BENCH_SYNC_WORKER=0 skips it.
import Database from 'better-sqlite3';
import { isAscii } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { boot } from '#services/core/boot.ts';
import { runDemo } from '#services/demo/demo.ts';
import { joinProjectIdentity } from '#services/core/project-identity.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { readManifest } from '#services/sync/file-format.ts';
import { syncTables } from '#services/core/registry.ts';

const FILES = Number(process.env.BENCH_SYNC_FILES ?? 20);
const ISSUES = Number(process.env.BENCH_SYNC_ISSUES ?? 620);
const PROJECT = '0190f2a0-0000-7000-8000-00000000be4c';
const dir = mkdtempSync(join(tmpdir(), 'wardside-bench-sync-'));

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

async function main() {
  // Each laptop: the shared demo reference data plus its own issues and edits.
  const files: { name: string; bytes: Buffer; changes: number }[] = [];
  let exportMs = 0;
  let peerExportMs = 0;
  const setupStart = performance.now();
  for (let i = 0; i < FILES; i += 1) {
    const ctx = boot(join(dir, `laptop-${i}.db`));
    // Laptops of one project (issue #12: a file of another project is refused).
    joinProjectIdentity(ctx, PROJECT);
    runDemo(ctx, { replica: `L${i + 1}`, seed: i + 1, issues: ISSUES, edits: Math.round(ISSUES / 3) });
    const [file, ms] = timed(() => exportChanges(ctx));
    exportMs += ms;
    const [, peerMs] = timed(() => {
      const rows = ctx.sqlite.prepare('SELECT * FROM change_log ORDER BY id').all();
      return gzipSync(JSON.stringify(rows));
    });
    peerExportMs += peerMs;
    files.push({ name: file.fileName, bytes: file.bytes, changes: file.manifest.counts.changes });
    ctx.close();
  }
  const totalChanges = files.reduce((n, f) => n + f.changes, 0);
  const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
  console.log(
    `setup: ${FILES} laptops, ${totalChanges} changes (${Math.round(totalChanges / FILES)} per file), ` +
      `${(totalBytes / 1e6).toFixed(1)} MB of files, ${((performance.now() - setupStart) / 1000).toFixed(0)} s`,
  );

  const coordinator = boot(join(dir, 'coordinator.db'));
  const inputs = files.map((f) => ({ name: f.name, bytes: f.bytes }));
  const threadCpu = process.threadCpuUsage();
  const [report, importMs] = timed(() => importFiles(coordinator, inputs));
  const { user, system } = process.threadCpuUsage(threadCpu);
  if (report.files.some((f) => f.outcome !== 'imported')) throw new Error('a file was refused');
  let workerMs: number | null = null;
  if (process.env.BENCH_SYNC_WORKER !== '0') {
    const other = boot(join(dir, 'coordinator-worker.db'));
    const [otherReport, ms] = timed(() => importFiles(other, inputs, { verify: { mode: 'worker' } }));
    if (
      dumpState(other) !== dumpState(coordinator) ||
      otherReport.totals.newChanges !== report.totals.newChanges
    )
      throw new Error('verifying on a second thread gave another state');
    workerMs = ms;
    other.close();
  }
  const [again, reimportMs] = timed(() => importFiles(coordinator, inputs));
  if (again.files.some((f) => f.outcome !== 'already_seen')) throw new Error('re-import was not a no-op');

  // A laptop that already has everything receives the coordinator's merged file.
  const merged = exportChanges(coordinator);
  const laptop = boot(join(dir, 'laptop-everything.db'));
  importFiles(laptop, [{ name: 'merged.wardside', bytes: merged.bytes }]);
  const second = exportChanges(coordinator); // same changes, a different file
  const before = dumpState(laptop);
  const [known, knownMs] = timed(() =>
    importFiles(laptop, [{ name: 'merged-2.wardside', bytes: second.bytes }]),
  );
  if (known.totals.newChanges !== 0 || dumpState(laptop) !== before)
    throw new Error('known changes changed state');

  // Peer for import: the same changes as bare rows in one transaction.
  const peer = new Database(join(dir, 'peer.db'));
  peer.pragma('journal_mode = WAL');
  peer.exec(
    'CREATE TABLE change_log (id TEXT PRIMARY KEY, replica_id TEXT, table_name TEXT, row_id TEXT, fields TEXT, prev TEXT, deleted INTEGER, author TEXT)',
  );
  const rows = coordinator.sqlite.prepare('SELECT * FROM change_log').all() as Record<string, unknown>[];
  const insert = peer.prepare(
    'INSERT OR IGNORE INTO change_log VALUES (@id, @replica_id, @table_name, @row_id, @fields, @prev, @deleted, @author)',
  );
  const [, peerImportMs] = timed(() => peer.transaction(() => rows.forEach((r) => insert.run(r)))());

  // The floor: decoding the files, and the records written by SQLite alone.
  const [, decodeMs] = timed(() => {
    for (const f of files) decodeOnly(f.name, f.bytes);
  });
  const floor = boot(join(dir, 'floor.db'));
  floor.sqlite.prepare('ATTACH ? AS src').run(join(dir, 'coordinator.db'));
  floor.sqlite.pragma('defer_foreign_keys = ON');
  const [, recordsMs] = timed(() =>
    floor.sqlite.transaction(() => {
      for (const table of syncTables().keys())
        floor.sqlite.exec(`INSERT INTO main."${table}" SELECT * FROM src."${table}" ORDER BY rowid`);
    })(),
  );
  const floorMs = decodeMs + peerImportMs + recordsMs;
  floor.close();

  const records = (coordinator.sqlite.prepare('SELECT count(*) AS n FROM pilot_issue').get() as { n: number })
    .n;
  console.log(
    `coordinator after import: ${records} issues, ${report.totals.newConflicts} conflicts, ${report.totals.newChanges} new changes`,
  );
  console.table([
    {
      case: `export, per file (~${Math.round(totalChanges / FILES)} changes)`,
      ours: `${(exportMs / FILES).toFixed(0)} ms`,
      peer: 'SELECT + JSON + gzip',
      'peer time': `${(peerExportMs / FILES).toFixed(0)} ms`,
    },
    {
      case: `import ${FILES} files (${totalChanges} changes), one transaction`,
      ours: `${(importMs / 1000).toFixed(2)} s (${Math.round((totalChanges / importMs) * 1000)} changes/s)`,
      peer: 'bare INSERT of the changes',
      'peer time': `${(peerImportMs / 1000).toFixed(2)} s`,
    },
    {
      case: '  of which the importing thread (CPU)',
      ours: `${((user + system) / 1e6).toFixed(2)} s`,
      peer: '—',
      'peer time': '—',
    },
    {
      case: '  the files verified on a second thread meanwhile',
      ours: workerMs === null ? '—' : `${(workerMs / 1000).toFixed(2)} s`,
      peer: '—',
      'peer time': '—',
    },
    {
      case: '  floor: decode the files (no check)',
      ours: '—',
      peer: 'hash + gunzip + text + JSON.parse',
      'peer time': `${(decodeMs / 1000).toFixed(2)} s`,
    },
    {
      case: '  floor: write the records',
      ours: '—',
      peer: 'INSERT … SELECT of the records',
      'peer time': `${(recordsMs / 1000).toFixed(2)} s`,
    },
    {
      case: '  floor: decode + INSERT changes + records',
      ours: `${(importMs / floorMs).toFixed(1)}× the floor`,
      peer: `floor = ${(floorMs / peerImportMs).toFixed(1)}× the peer`,
      'peer time': `${(floorMs / 1000).toFixed(2)} s`,
    },
    {
      case: `re-import the same ${FILES} files`,
      ours: `${reimportMs.toFixed(0)} ms (no-op)`,
      peer: '—',
      'peer time': '—',
    },
    {
      case: `merged file (${merged.manifest.counts.changes} changes, all known)`,
      ours: `${knownMs.toFixed(0)} ms (no-op)`,
      peer: '—',
      'peer time': '—',
    },
  ]);
  coordinator.close();
  laptop.close();
  peer.close();
}

/** What any importer of a file must do before it can write anything: read and decode it, no value checked. */
function decodeOnly(name: string, bytes: Buffer): number {
  const { payload } = readManifest(bytes, name);
  createHash('sha256').update(payload).digest();
  const plain = gunzipSync(payload);
  createHash('sha256').update(plain).digest();
  const json = plain.subarray(4, 4 + plain.readUInt32BE(0));
  const text = isAscii(json) ? json.toString('latin1') : json.toString('utf8');
  const body = JSON.parse(text) as { changes: unknown[] };
  return body.changes.length;
}

try {
  await main();
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}
