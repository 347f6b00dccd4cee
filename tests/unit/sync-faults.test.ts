// Crash safety of import (issue #4): a child process importing a large file is killed with SIGKILL at
// random moments. Every time, the database must pass integrity_check and hold either exactly the state
// before the import or exactly the state after it — never something in between.
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open.ts';
import { boot } from '#services/core/boot.ts';
import { createContext } from '#services/core/context.ts';
import { runDemo } from '#services/demo/demo.ts';
import { joinProjectIdentity, projectIdentity } from '#services/core/project-identity.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges } from '#services/sync/exchange.ts';
import { repoRoot, tempDir } from './helpers.ts';

const cli = join(repoRoot, 'main', 'cli', 'wardside.ts');

function importInChild(
  db: string,
  file: string,
  killAfterMs: number | null,
): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, 'import', '--db', db, file], { stdio: 'ignore' });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, ms: Date.now() - started });
    });
  });
}

function inspect(path: string): { integrity: string; dump: string } {
  const opened = openDatabase(path);
  try {
    const integrity = (opened.sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    return { integrity, dump: dumpState(createContext(opened)) };
  } finally {
    opened.close();
  }
}

describe('an import killed at any moment', () => {
  it('leaves the database intact and either untouched or fully imported', async () => {
    const dir = tempDir();
    const source = boot(join(dir, 'source.db'));
    runDemo(source, { replica: 'SRC', seed: 11, issues: 200, edits: 80 });
    const file = join(dir, 'big.wardside');
    writeFileSync(file, exportChanges(source).bytes);

    const target = join(dir, 'target.db');
    const t = boot(target);
    // The same project (issue #12: files of another project are refused).
    joinProjectIdentity(t, projectIdentity(source)!.id);
    runDemo(t, { replica: 'TGT', seed: 12, issues: 20, edits: 0 });
    t.close();
    source.close();
    const before = inspect(target).dump;

    const full = join(dir, 'full.db');
    copyFileSync(target, full);
    const reference = await importInChild(full, file, null);
    expect(reference.code).toBe(0);
    const after = inspect(full).dump;
    expect(after).not.toBe(before);

    const rng = xoroshiro128plus(20261122);
    const outcomes: string[] = [];
    const runs = Number(process.env.SYNC_KILL_RUNS ?? 8);
    for (let i = 0; i < runs; i += 1) {
      const db = join(dir, `kill-${i}.db`);
      copyFileSync(target, db);
      const delay = uniformInt(rng, 50, Math.max(100, Math.round(reference.ms * 1.1)));
      await importInChild(db, file, delay);
      const state = inspect(db);
      expect(state.integrity).toBe('ok');
      const which = state.dump === before ? 'before' : state.dump === after ? 'after' : 'other';
      outcomes.push(`${delay}ms→${which}`);
      expect(which, `killed after ${delay} ms`).not.toBe('other');
    }
    console.log(`import of ${reference.ms} ms killed at: ${outcomes.join(', ')}`);
  }, 300_000);
});
