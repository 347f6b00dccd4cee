// Issue #17: the import path checks and writes a file's changes in bulk (compiled column checks, one look-up
// per file of what the log holds, many rows per statement, each new record derived once from all its
// changes). These tests hold the bulk path to the outcome of the change-by-change one.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { syncTables } from '#services/core/registry.ts';
import type { Change } from '#services/core/change-log.ts';
import { deleteIssue, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { decodeExport, encodeExport, type ParsedExport } from '#services/sync/file-format.ts';
import { checkColumnSchemas, compileCheck } from '#services/sync/validate.ts';
import { freshCtx } from './helpers.ts';
import { exchange, twoReplicas, type Replica } from './sync-helpers.ts';

const count = (ctx: Replica['ctx'], sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n;

function parse(bytes: Uint8Array): ParsedExport {
  return decodeExport(bytes, 'f.wardside', {
    schemaVersion: 1_000,
    knownColumns: (table) => new Set(syncTables().get(table)?.columns.keys() ?? []),
  });
}

/** A file of `changes` from the same laptop and project as `like`. */
function fileOf(like: ParsedExport, changes: Change[]): Uint8Array {
  return encodeExport({ ...like, changes, attachments: [] }).bytes;
}

/**
 * Two laptops: issues created, edited several times, edited concurrently (a conflict), one deleted with
 * its history, one closed; A's changes and B's changes as parsed files.
 */
function busyPair() {
  const { a, b } = twoReplicas();
  const issues = Array.from({ length: 30 }, (_, i) => a.issue({ title: `问题 ${i}` }));
  exchange(a, b);
  for (const [i, issue] of issues.entries()) {
    a.clock.advance(1000);
    updateIssue(a.ctx, { id: issue.id, title: `A 改 ${i}` });
    if (i % 3 === 0) updateIssue(a.ctx, { id: issue.id, workaround: `先手工 ${i}` });
    if (i % 4 === 0) {
      b.clock.advance(1500);
      updateIssue(b.ctx, { id: issue.id, title: `B 改 ${i}` });
    }
  }
  transitionIssue(a.ctx, { id: issues[1]!.id, to: 'acknowledged' });
  deleteIssue(b.ctx, issues[2]!.id);
  // New records on A with several changes each, in one file (the bulk path's multi-change records).
  for (let i = 0; i < 20; i += 1) {
    const fresh = a.issue({ title: `新 ${i}` });
    updateIssue(a.ctx, { id: fresh.id, title: `新改 ${i}`, workaround: '绕行' });
  }
  return { a, b, fileA: parse(exportChanges(a.ctx).bytes), fileB: parse(exportChanges(b.ctx).bytes) };
}

function importBroken(broken: (changes: Change[]) => Change[]) {
  const { fileA } = busyPair();
  const ctx = freshCtx();
  const before = dumpState(ctx);
  const changes = broken(fileA.changes.map((c) => ({ ...c, fields: { ...c.fields } })));
  const report = importFiles(ctx, [{ name: 'bad.wardside', bytes: fileOf(fileA, changes) }]);
  expect(report.files[0]!.outcome).toBe('refused');
  expect(dumpState(ctx)).toBe(before);
  expect(count(ctx, 'SELECT count(*) AS n FROM change_log')).toBe(0);
  expect(count(ctx, 'SELECT count(*) AS n FROM pilot_issue')).toBe(0);
  return { error: report.files[0]!.error, changes };
}
const middle = (changes: Change[], table: string) =>
  changes.findIndex((c, i) => i > changes.length / 2 && c.tableName === table);

describe('the bulk import path', () => {
  it('a file with several changes to one record materializes to the state of importing them one by one', () => {
    const { fileA, fileB } = busyPair();
    const batched = freshCtx();
    const batchedReports = [fileA, fileB].map((f) =>
      importFiles(batched, [{ name: 'f.wardside', bytes: fileOf(f, f.changes) }]),
    );
    for (const report of batchedReports) expect(report.files[0]!.outcome).toBe('imported');

    // The same changes, one change per file, in clock order: every record derived change by change.
    const all = new Map<string, { change: Change; from: ParsedExport }>();
    for (const f of [fileA, fileB]) for (const change of f.changes) all.set(change.id, { change, from: f });
    const single = freshCtx();
    let newChanges = 0;
    let newConflicts = 0;
    for (const id of [...all.keys()].sort()) {
      const { change, from } = all.get(id)!;
      const report = importFiles(single, [{ name: `${id}.wardside`, bytes: fileOf(from, [change]) }]);
      expect(report.files[0]!.outcome, id).toBe('imported');
      newChanges += report.totals.newChanges;
      newConflicts += report.totals.newConflicts;
    }
    expect(dumpState(batched)).toBe(dumpState(single));
    // All of it in one file: new records with concurrent edits are derived, conflicts included, at once.
    const merged = freshCtx();
    const union = [...all.keys()].sort().map((id) => all.get(id)!.change);
    const report = importFiles(merged, [{ name: 'merged.wardside', bytes: fileOf(fileA, union) }]);
    expect(report.files[0]!.outcome).toBe('imported');
    expect(report.totals.newConflicts).toBe(newConflicts);
    expect(dumpState(merged)).toBe(dumpState(single));
    expect(batchedReports.reduce((n, r) => n + r.totals.newChanges, 0)).toBe(newChanges);
    expect(newChanges).toBe(all.size);
    // The concurrent title edits are conflicts on both paths.
    expect(newConflicts).toBeGreaterThan(0);
    expect(batchedReports.reduce((n, r) => n + r.totals.newConflicts, 0)).toBe(newConflicts);
    expect(count(batched, 'SELECT count(*) AS n FROM sync_conflict')).toBeGreaterThan(0);
  });

  it('a file part of whose changes the log holds adds the rest, as importing it whole would', () => {
    const { fileA } = busyPair();
    expect(fileA.changes.length).toBeGreaterThan(200);
    const whole = freshCtx();
    importFiles(whole, [{ name: 'whole.wardside', bytes: fileOf(fileA, fileA.changes) }]);

    const parts = freshCtx();
    // Not a multiple of the statement's chunk of rows, so both the chunked and the single-row inserts run.
    const first = fileA.changes.slice(0, 131);
    const part = importFiles(parts, [{ name: 'part.wardside', bytes: fileOf(fileA, first) }]);
    expect(part.totals.newChanges).toBe(131);
    const rest = importFiles(parts, [{ name: 'all.wardside', bytes: fileOf(fileA, fileA.changes) }]);
    expect(rest.files[0]!.outcome).toBe('imported');
    expect(rest.totals.newChanges).toBe(fileA.changes.length - 131);
    expect(dumpState(parts)).toBe(dumpState(whole));
    expect(count(parts, 'SELECT count(*) AS n FROM change_log')).toBe(fileA.changes.length);
  });

  it('a change listed twice in one file is added once', () => {
    const { fileA } = busyPair();
    const once = freshCtx();
    importFiles(once, [{ name: 'once.wardside', bytes: fileOf(fileA, fileA.changes) }]);
    const twice = freshCtx();
    const doubled = [...fileA.changes.slice(0, 100), ...fileA.changes];
    const report = importFiles(twice, [{ name: 'twice.wardside', bytes: fileOf(fileA, doubled) }]);
    expect(report.files[0]!.outcome).toBe('imported');
    expect(report.totals.newChanges).toBe(fileA.changes.length);
    expect(dumpState(twice)).toBe(dumpState(once));
  });

  describe('a bad change in the middle of a file writes nothing', () => {
    it('a value its column refuses: refused, naming the record and column', () => {
      let row = '';
      const { error } = importBroken((changes) => {
        const at = middle(changes, 'pilot_issue');
        changes[at]!.fields.severity = 'P9';
        row = changes[at]!.rowId;
        return changes;
      });
      expect(error).toMatchObject({
        code: 'sync_invalid_value',
        params: { table: 'pilot_issue', row, column: 'severity' },
      });
    });

    it('a value of a type no column holds: refused as damaged', () => {
      const { error } = importBroken((changes) => {
        changes[middle(changes, 'pilot_issue')]!.fields.title = true as never;
        return changes;
      });
      expect(error).toMatchObject({ code: 'sync_damaged' });
    });

    it('a reference to a record that does not exist: refused, naming the first such record of the file', () => {
      let row = '';
      const { error } = importBroken((changes) => {
        const history = changes.filter((c) => c.tableName === 'issue_history' && c.fields.issue_id);
        const [first, second] = [history[Math.floor(history.length / 2)]!, history.at(-1)!];
        first.fields.issue_id = '0190f2a0-0000-7000-8000-0000000dead1';
        second.fields.issue_id = '0190f2a0-0000-7000-8000-0000000dead2';
        row = first.rowId;
        return changes;
      });
      expect(error).toMatchObject({
        code: 'sync_constraint',
        params: { table: 'issue_history', row },
      });
      expect(String((error!.params as Record<string, unknown>).detail)).toContain('dead1');
    });
  });
});

describe('compiled column checks', () => {
  // Values around every bound the column schemas use, of every JSON type.
  const lengths = [
    0, 1, 2, 19, 20, 21, 32, 33, 39, 40, 41, 63, 64, 65, 100, 101, 128, 129, 200, 201, 255, 256,
  ];
  const probes: unknown[] = [
    ...lengths.map((n) => 'a'.repeat(n)),
    ...[4_000, 4_001, 20_000, 20_001, 40_000, 40_001].map((n) => 'x'.repeat(n)),
    '2026-11-22',
    '2026-11-22T08:00:00.000Z',
    '2026-11-22T08:00:00.0000000Z',
    '2026-11-22 08:00',
    '2026-13-45T99:99Z',
    '0190f2a0-0000-7000-8000-00000000a11c',
    '../etc/passwd',
    'a b',
    ' padded ',
    'a'.repeat(64).replace(/./g, 'f'),
    '[]',
    '["a"]',
    '{}',
    -1,
    0,
    -0,
    1,
    1.5,
    2,
    4,
    5,
    6,
    59,
    60,
    99,
    100,
    999,
    1000,
    1e15,
    2 ** 53 - 1,
    2 ** 53,
    -(2 ** 53),
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
    undefined,
    true,
    false,
    {},
    [],
    ['a'],
  ];
  // Every enum and literal value the schemas name, and near misses of them.
  for (const columns of checkColumnSchemas().values()) {
    for (const schema of columns.values()) {
      const def = schema.def as unknown as Record<string, unknown>;
      const inner = def.type === 'nullable' ? (def.innerType as typeof schema) : schema;
      const innerDef = inner.def as unknown as Record<string, unknown>;
      if (innerDef.type === 'enum') {
        for (const value of Object.values(innerDef.entries as Record<string, string>))
          probes.push(value, `${value} `, value.toUpperCase());
      }
    }
  }

  it('accept no value the zod schema of the column refuses, and accept most that it allows', () => {
    let compiled = 0;
    let accepted = 0;
    for (const [table, columns] of checkColumnSchemas()) {
      for (const [column, schema] of columns) {
        const check = compileCheck(schema);
        if (!check) continue;
        compiled += 1;
        for (const value of probes) {
          const valid = schema.safeParse(value).success;
          if (check(value)) {
            accepted += 1;
            expect(valid, `${table}.${column} accepted ${JSON.stringify(value)?.slice(0, 40)}`).toBe(true);
          }
        }
      }
    }
    expect(compiled).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('leave refinements and transforms to zod', () => {
    expect(compileCheck(z.string().refine((s) => s.startsWith('a')))).toBeNull();
    expect(compileCheck(z.string().trim())).toBeNull();
    expect(compileCheck(z.string().transform((s) => s.length))).toBeNull();
    expect(compileCheck(z.array(z.string()))).toBeNull();
    const check = compileCheck(z.string().max(3).regex(/^a/).nullable())!;
    expect([check('abc'), check('abcd'), check('bc'), check(null), check(1)]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});
