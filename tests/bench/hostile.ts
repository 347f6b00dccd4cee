// `npm run bench` (issue #11): every file of the hostile corpus (tests/fixtures/hostile/) imported into a
// laptop of the corpus' project, each in its own process, with wall time of the import and the process'
// peak RSS. Target: each refused (or imported) in under 2 s and under 512 MB. Peers in the same run: the
// same process importing nothing (boot only: the floor of RSS and time), and the good file of the corpus.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { boot } from '#services/core/boot.ts';
import { importFiles } from '#services/sync/exchange.ts';
import { cases, corpusDir, TARGET_REPLICA } from '../fixtures/hostile/build.ts';

const LIMIT_MS = 2000;
const LIMIT_MB = 512;
const self = fileURLToPath(import.meta.url);

interface Measured {
  ms: number;
  rssMb: number;
  outcome: string;
}

function child(db: string, file: string | null) {
  const ctx = boot(db);
  const start = performance.now();
  let outcome = 'boot only';
  if (file) {
    const report = importFiles(ctx, [{ name: file, bytes: readFileSync(join(corpusDir, file)) }]);
    const result = report.files[0]!;
    outcome = result.outcome === 'refused' ? result.error!.code : result.outcome;
  }
  const ms = performance.now() - start;
  ctx.close();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, rssMb, outcome } satisfies Measured));
}

function measure(dir: string, prepared: string, file: string | null): Measured {
  const db = join(dir, `run-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(prepared, db);
  const out = execFileSync(process.execPath, [self, '--child', db, file ?? ''], { encoding: 'utf8' });
  return JSON.parse(out) as Measured;
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number, d = 0) => n.toFixed(d).padStart(8);

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'wardside-bench-hostile-'));
  try {
    const prepared = join(dir, 'target.db');
    const ctx = boot(prepared);
    ctx.sqlite.prepare('UPDATE replica_info SET id = ?').run(TARGET_REPLICA);
    importFiles(ctx, [{ name: 'base.wardside', bytes: readFileSync(join(corpusDir, 'base.wardside')) }]);
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ctx.close();
    const floor = measure(dir, prepared, null);
    const good = measure(dir, prepared, 'good.wardside');
    const rows = cases.map((c) => ({ c, m: measure(dir, prepared, c.file) }));
    process.stdout.write(
      '\nHostile corpus: each file imported alone in its own process (machine shared: timings are noisy)\n' +
        `${pad('file', 32)}${pad('outcome', 22)}${'ms'.padStart(8)}${'RSS MB'.padStart(8)}  ok   peer: boot only ${num(floor.ms, 1)} ms ${num(floor.rssMb)} MB; good.wardside ${num(good.ms, 1)} ms ${num(good.rssMb)} MB\n`,
    );
    let failed = 0;
    for (const { c, m } of rows) {
      const ok = m.ms < LIMIT_MS && m.rssMb < LIMIT_MB && m.outcome === c.expect;
      if (!ok) failed += 1;
      process.stdout.write(
        `${pad(c.file, 32)}${pad(m.outcome, 22)}${num(m.ms, 1)}${num(m.rssMb)}  ${ok ? 'yes' : 'NO'}\n`,
      );
    }
    process.stdout.write(
      `target: < ${LIMIT_MS} ms and < ${LIMIT_MB} MB each, the expected outcome; ${failed} failed\n`,
    );
    if (failed > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3]!, process.argv[4] || null);
else main();
