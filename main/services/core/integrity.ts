// The full `integrity_check` in the background (issue #11, item 11): the start-up `quick_check` misses
// damaged indexes, and a full check of a large file takes too long to block the window. A worker thread
// opens its own read-only connection and checks; when the check fails, writes are refused from then on
// with the restore advice (ctx.health, inTransaction), and the caller tells the user. A check that cannot
// run (the worker fails to start) blocks nothing: it is logged.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Ctx } from './context.ts';

export type IntegrityResult = { ok: true } | { ok: false; detail: string } | { ok: null; error: string };

// Plain CommonJS so the same text runs from source and from the Electron bundle, without a file of its own.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true, timeout: 30000 });
  try {
    const rows = db.prepare('PRAGMA integrity_check(20)').all().map((r) => String(r.integrity_check));
    parentPort.postMessage({ rows });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message || error) });
}
`;

function driverPath(): string {
  // The bundle is CommonJS (__filename); from source this is an ES module (import.meta.url).
  const from = typeof __filename === 'string' && __filename ? __filename : import.meta.url;
  return createRequire(from).resolve('better-sqlite3');
}

/** Starts the check; `done` gets its result once. Never throws; the worker never keeps the process alive. */
export function startIntegrityCheck(ctx: Ctx, done: (result: IntegrityResult) => void = () => {}): void {
  if (ctx.dbPath === ':memory:') return done({ ok: true });
  let settled = false;
  const finish = (result: IntegrityResult) => {
    if (settled) return;
    settled = true;
    if (result.ok === false) {
      ctx.health.damaged = result.detail;
      // Belt and braces: writes outside a transaction are refused by SQLite itself.
      try {
        ctx.sqlite.pragma('query_only = ON');
      } catch {
        // The connection is closed (the app is quitting).
      }
    }
    done(result);
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: ctx.sqlite.name, driver: driverPath() },
    });
  } catch (error) {
    return finish({ ok: null, error: String(error) });
  }
  worker.unref();
  worker.on('message', (message: { rows?: string[]; error?: string }) => {
    if (message.rows) {
      const ok = message.rows.length === 1 && message.rows[0] === 'ok';
      finish(ok ? { ok: true } : { ok: false, detail: message.rows.slice(0, 5).join('; ') });
    } else {
      finish({ ok: null, error: message.error ?? 'unknown' });
    }
    void worker.terminate();
  });
  worker.on('error', (error) => finish({ ok: null, error: String(error) }));
  worker.on('exit', (code) => finish({ ok: null, error: `integrity worker exited with code ${code}` }));
}

/** The check as a promise (tests, the CLI). */
export const checkIntegrity = (ctx: Ctx) =>
  new Promise<IntegrityResult>((resolve) => startIntegrityCheck(ctx, resolve));
