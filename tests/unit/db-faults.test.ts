// The database when the machine misbehaves (issue #11, items 10, 11, 13): a read-only file or folder opens
// read-only and says so, another writer is waited for and then named, a full disk says so, an up-to-date
// file is opened without a write, and the background integrity_check finds a damaged index that the start-up
// quick_check misses. Mounts (a read-only bind mount, a small tmpfs) need root; without them those tests
// are skipped with the reason printed.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BUSY_TIMEOUT_MS, DatabaseOpenError, openDatabase } from '#db/open.ts';
import { errorPayload } from '#main/ipc/dispatch.ts';
import { boot } from '#services/core/boot.ts';
import { checkIntegrity } from '#services/core/integrity.ts';
import { createDepartment, listDepartments } from '#services/reference/departments.ts';
import { storeBlob } from '#services/core/blobs.ts';
import { addAttachment, copyForViewing, removeViewingCopies } from '#services/issues/attachments.ts';
import { issueWorld } from './issues-fixtures.ts';
import { tempDir } from './helpers.ts';

const payloadOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return errorPayload(error, 'en');
  }
  throw new Error('expected a refusal');
};

/** A database with one department, closed. */
function seeded(dir = tempDir()): string {
  const path = join(dir, 'wardside.db');
  const ctx = boot(path);
  createDepartment(ctx, { code: 'NK1', name: '心内科', type: 'ward', pilotPhase: 1 });
  ctx.close();
  return path;
}

/** Runs a mount command; the reason it failed, or null. */
function tryMount(args: string[]): string | null {
  try {
    execFileSync('mount', args, { stdio: 'pipe' });
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim() || 'mount failed';
  }
}

function unmount(target: string) {
  try {
    execFileSync('umount', ['-l', target], { stdio: 'pipe' });
  } catch {
    // Already gone.
  }
}

describe('opening writes nothing it does not need to', () => {
  it('an up-to-date database is opened and closed with its bytes unchanged (no user_version write)', () => {
    const path = seeded();
    const before = readFileSync(path);
    openDatabase(path).close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('the database, its folder and stored attachments are owner-only', () => {
    const dir = join(tempDir(), 'data');
    const ctx = boot(join(dir, 'wardside.db'));
    onTestFinished(() => ctx.close());
    const sha = storeBlob(ctx, Buffer.from('screenshot'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'wardside.db')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'attachments')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'attachments', sha.slice(0, 2))).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'attachments', sha.slice(0, 2), sha)).mode & 0o777).toBe(0o600);
  });
});

describe('copies handed to the system viewer', () => {
  it('are owner-only, and all removed when their job ends (the app quits)', () => {
    const w = issueWorld();
    const issue = w.issue();
    const attachment = addAttachment(w.ctx, {
      issueId: issue.id,
      fileName: '检验报告.png',
      mime: 'image/png',
      bytes: Buffer.from('not really a png'),
    });
    const target = copyForViewing(w.ctx, attachment.id);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(target)).mode & 0o777).toBe(0o700);
    removeViewingCopies();
    expect(existsSync(target)).toBe(false);
  });
});

describe('a read-only database', () => {
  it('a read-only file opens read-only: reads work, a write says read-only, the bytes stay', () => {
    const path = seeded();
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const ctx = boot(path);
    try {
      expect(ctx.readOnly).toBe('file');
      expect(listDepartments(ctx).map((d) => d.name)).toEqual(['心内科']);
      const refused = payloadOf(() =>
        createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null }),
      );
      expect(refused.code).toBe('db_read_only');
      expect(refused.message).toContain('read-only');
      expect(refused.message).not.toMatch(/backup|internal/i);
    } finally {
      ctx.close();
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a read-only folder (a read-only mount) opens read-only from a private snapshot', (test) => {
    const dir = tempDir();
    const path = seeded(join(dir, 'data'));
    const view = join(dir, 'ro');
    mkdirSync(view);
    const reason = tryMount(['--bind', join(dir, 'data'), view]) ?? tryMount(['-o', 'remount,ro,bind', view]);
    onTestFinished(() => unmount(view));
    if (reason) {
      console.log(`skipped: cannot make a read-only mount here (${reason})`);
      test.skip();
      return;
    }
    const before = readFileSync(path);
    const ctx = boot(join(view, 'wardside.db'));
    try {
      expect(ctx.readOnly).toBe('folder');
      expect(listDepartments(ctx).map((d) => d.name)).toEqual(['心内科']);
      const refused = payloadOf(() =>
        createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null }),
      );
      expect(refused.code).toBe('db_read_only');
    } finally {
      ctx.close();
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'data', 'wardside.db-wal'))).toBe(false);
  });

  it('a new database in a read-only folder is refused as unreadable, not damaged', (test) => {
    const dir = tempDir();
    const view = join(dir, 'ro');
    mkdirSync(join(dir, 'empty'));
    mkdirSync(view);
    const reason =
      tryMount(['--bind', join(dir, 'empty'), view]) ?? tryMount(['-o', 'remount,ro,bind', view]);
    onTestFinished(() => unmount(view));
    if (reason) {
      console.log(`skipped: cannot make a read-only mount here (${reason})`);
      test.skip();
      return;
    }
    let caught: unknown;
    try {
      openDatabase(join(view, 'wardside.db')).close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseOpenError);
    expect((caught as DatabaseOpenError).kind).toBe('unreadable');
  });
});

/** Holds the write lock of `path` from another thread for `ms`, then commits. Resolves once it holds it. */
function holdLock(path: string, ms: number): Promise<Worker> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.driver);
     const db = new Database(workerData.path);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("INSERT INTO local_setting (key, value) VALUES ('held', '1')").run();
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, workerData.ms);`,
    { eval: true, workerData: { path, driver, ms } },
  );
  return new Promise((resolve) => worker.once('message', () => resolve(worker)));
}

describe('another process writing (SQLITE_BUSY)', () => {
  it('a write waits for the other writer within the busy timeout and then succeeds', async () => {
    const path = seeded();
    const ctx = boot(path, { busyTimeoutMs: 3000 });
    onTestFinished(() => ctx.close());
    const worker = await holdLock(path, 300);
    const started = Date.now();
    createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(listDepartments(ctx)).toHaveLength(2);
    await worker.terminate();
  });

  it('past the busy timeout it is refused as busy, naming the wait, not as an internal error', async () => {
    const path = seeded();
    const ctx = boot(path, { busyTimeoutMs: 200 });
    onTestFinished(() => ctx.close());
    const worker = await holdLock(path, 2000);
    onTestFinished(() => void worker.terminate());
    const refused = payloadOf(() =>
      createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null }),
    );
    expect(refused.code).toBe('db_busy');
    expect(refused.message).toContain(`${BUSY_TIMEOUT_MS / 1000} s`);
    expect(listDepartments(ctx)).toHaveLength(1);
  });
});

describe('a full disk (a small tmpfs)', () => {
  it('a write on a full disk says the disk is full, and works again once there is room', (test) => {
    const dir = join(tempDir(), 'small');
    mkdirSync(dir);
    const reason = tryMount(['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
    onTestFinished(() => unmount(dir));
    if (reason) {
      console.log(`skipped: cannot mount a small tmpfs here (${reason})`);
      test.skip();
      return;
    }
    const ctx = boot(join(dir, 'wardside.db'));
    onTestFinished(() => ctx.close());
    // Fill what is left.
    const filler = join(dir, 'filler');
    const block = Buffer.alloc(64 * 1024, 1);
    let size = 0;
    try {
      for (;;) {
        writeFileSync(filler, block, { flag: 'a' });
        size += block.length;
      }
    } catch {
      // ENOSPC: the disk is full.
    }
    expect(size).toBeGreaterThan(0);
    const big = 'x'.repeat(200_000);
    const refused = payloadOf(() =>
      createDepartment(ctx, { code: 'BIG', name: big.slice(0, 100), type: 'ward', pilotPhase: null }),
    );
    expect(refused.code).toBe('db_disk_full');
    expect(refused.message).toContain('disk is full');
    writeFileSync(filler, '');
    createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null });
    expect(listDepartments(ctx).map((d) => d.code)).toContain('JZ');
  });
});

/** A database whose index `probe_v` no longer matches its table: a byte of an index entry flipped. */
function flippedIndex(): string {
  const path = seeded();
  const raw = new Database(path);
  raw.pragma('journal_mode = DELETE');
  raw.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX probe_v ON probe (v);');
  const insert = raw.prepare('INSERT INTO probe (v) VALUES (?)');
  raw.transaction(() => {
    for (let i = 0; i < 50; i++) insert.run(`value-${String(i).padStart(4, '0')}`);
  })();
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const root = (
    raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'probe_v'").get() as { rootpage: number }
  ).rootpage;
  raw.close();
  const bytes = readFileSync(path);
  const page = bytes.subarray((root - 1) * pageSize, root * pageSize);
  // Change one character of one key inside the index page: the b-tree stays well-formed.
  const at = page.indexOf('value-0017');
  expect(at).toBeGreaterThan(0);
  page[at + 9] = '9'.charCodeAt(0);
  writeFileSync(path, bytes);
  return path;
}
describe('the background integrity check', () => {
  it('quick_check at start misses a flipped index byte; integrity_check in the worker finds it and stops writes', async () => {
    const path = flippedIndex();
    const ctx = boot(path);
    onTestFinished(() => ctx.close());
    // Opened: the start-up check passed, and writing works until the full check says otherwise.
    const result = await checkIntegrity(ctx);
    expect(result.ok).toBe(false);
    expect(ctx.health.damaged).toBeTruthy();
    const refused = payloadOf(() =>
      createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null }),
    );
    expect(refused.code).toBe('db_damaged');
    expect(refused.message).toContain('restore');
    expect(listDepartments(ctx)).toHaveLength(1);
  });

  it('a sound database passes and keeps taking writes', async () => {
    const ctx = boot(seeded());
    onTestFinished(() => ctx.close());
    expect(await checkIntegrity(ctx)).toEqual({ ok: true });
    createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null });
    expect(listDepartments(ctx)).toHaveLength(2);
  });
});
