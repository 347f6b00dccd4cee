// `npm run bench`: performance of the foundation paths, each next to a peer measured in the same run on
// the same machine, printed as a table. Targets live here, not in timed unit tests.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { dispatch } from '#main/ipc/dispatch.ts';
import { createHandlers } from '#main/ipc/handlers.ts';
import { boot } from '#services/core/boot.ts';
import { inTransaction } from '#services/core/context.ts';
import { createDepartment } from '#services/reference/departments.ts';

interface Row {
  case: string;
  n: number;
  ms: number;
  perSecond: number;
  peer: string;
  peerPerSecond: number;
}

const dir = mkdtempSync(join(tmpdir(), 'wardside-bench-'));
const rows: Row[] = [];

function time(fn: () => void | Promise<void>): Promise<number> {
  const start = performance.now();
  return Promise.resolve(fn()).then(() => performance.now() - start);
}

async function main() {
  // 1. Cold start: open + quick_check + migrate a new file, vs a bare better-sqlite3 open of a new file.
  const opens = 20;
  const coldMs = await time(() => {
    for (let i = 0; i < opens; i++) boot(join(dir, `cold-${i}.db`)).close();
  });
  const bareMs = await time(() => {
    for (let i = 0; i < opens; i++) {
      const db = new Database(join(dir, `bare-${i}.db`));
      db.pragma('journal_mode = WAL');
      db.close();
    }
  });
  rows.push(row('open + check + migrate new db', opens, coldMs, 'bare better-sqlite3 open', bareMs));

  // 2. Creating reference rows through the full IPC path (zod parse, service checks, one txn each)
  //    vs raw prepared INSERTs in one transaction (the floor SQLite itself sets).
  const ctx = boot(join(dir, 'write.db'));
  const handlers = createHandlers(ctx);
  const n = 2000;
  const viaDispatch = await time(async () => {
    for (let i = 0; i < n; i++) {
      const r = await dispatch(
        handlers,
        'departments.create',
        { code: `D${i}`, name: `科室${i}`, type: 'ward' },
        { locale: () => 'zh-CN' },
      );
      if (!r.ok) throw new Error(r.error.message);
    }
  });
  const raw = new Database(join(dir, 'raw.db'));
  raw.exec(
    'CREATE TABLE department (id text primary key, code text, name text, type text, pilot_phase integer, archived_at text, created_at text, updated_at text)',
  );
  const insert = raw.prepare('INSERT INTO department VALUES (?, ?, ?, ?, NULL, NULL, ?, ?)');
  const rawMs = await time(() => {
    raw.transaction(() => {
      for (let i = 0; i < n; i++) {
        const now = new Date().toISOString();
        insert.run(uuidv7(), `D${i}`, `科室${i}`, 'ward', now, now);
      }
    })();
  });
  rows.push(row('departments.create via dispatch', n, viaDispatch, 'raw INSERT, one txn', rawMs));

  // 3. Service writes batched in one transaction (what imports do) vs the same raw floor.
  const batch = await time(() =>
    inTransaction(ctx, () => {
      for (let i = 0; i < n; i++)
        createDepartment(ctx, { code: `B${i}`, name: `批量${i}`, type: 'ward', pilotPhase: null });
    }),
  );
  rows.push(row('createDepartment in one txn', n, batch, 'raw INSERT, one txn', rawMs));

  // 4. Listing all departments through dispatch vs a raw SELECT.
  const lists = 50;
  const listMs = await time(async () => {
    for (let i = 0; i < lists; i++)
      await dispatch(handlers, 'departments.list', {}, { locale: () => 'zh-CN' });
  });
  const select = raw.prepare('SELECT * FROM department WHERE archived_at IS NULL ORDER BY code');
  const rawListMs = await time(() => {
    for (let i = 0; i < lists; i++) select.all();
  });
  rows.push(row(`departments.list (${2 * n} rows)`, lists, listMs, 'raw SELECT', rawListMs));

  ctx.close();
  raw.close();
  console.table(
    rows.map((r) => ({
      case: r.case,
      n: r.n,
      'ms total': r.ms.toFixed(1),
      'ops/s': Math.round(r.perSecond),
      peer: r.peer,
      'peer ops/s': Math.round(r.peerPerSecond),
      'peer / ours': (r.peerPerSecond / r.perSecond).toFixed(1) + '×',
    })),
  );
}

function row(name: string, n: number, ms: number, peer: string, peerMs: number): Row {
  return { case: name, n, ms, perSecond: (n / ms) * 1000, peer, peerPerSecond: (n / peerMs) * 1000 };
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
