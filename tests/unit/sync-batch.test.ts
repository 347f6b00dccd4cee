// Issue #17: the import path checks and writes a file's changes in bulk (compiled column checks, one look-up
// per file of what the log holds, many rows per statement, each new record derived once from all its
// changes). These tests hold the bulk path to the outcome of the change-by-change one.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { storedAsLogged } from '#services/core/materialize.ts';
import { syncTables } from '#services/core/registry.ts';
import type { Change } from '#services/core/change-log.ts';
import { deleteIssue, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { decodeExport, encodeExport, type ParsedExport } from '#services/sync/file-format.ts';
import { checkColumnSchemas, compileCheck } from '#services/sync/validate.ts';
import { freshCtx } from './helpers.ts';
import { exchange, replica, twoReplicas, type Replica } from './sync-helpers.ts';

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

  it('a file of changes the log holds, all of them, changes nothing, not even a record it names by a held id', () => {
    const { fileA } = busyPair();
    const ctx = freshCtx();
    importFiles(ctx, [{ name: 'first.wardside', bytes: fileOf(fileA, fileA.changes) }]);
    const before = dumpState(ctx);
    const records = new Set(fileA.changes.map((c) => `${c.tableName}/${c.rowId}`)).size;
    // Another file (another content hash, so not skipped as seen) of the same changes, one of them reused
    // under a held id for a record nobody made.
    const reused = { ...fileA.changes[5]!, rowId: '0190f2a0-0000-7000-8000-0000000dead1' };
    const again = fileOf({ ...fileA, exportedAt: new Date(Date.now() + 1000).toISOString() }, [
      ...fileA.changes,
      reused,
    ]);
    const report = importFiles(ctx, [{ name: 'again.wardside', bytes: again }]);
    expect(report.files[0]!.outcome).toBe('imported');
    expect(report.totals).toMatchObject({
      newChanges: 0,
      newRecords: 0,
      updatedRecords: 0,
      deletedRecords: 0,
      newConflicts: 0,
      unchanged: records + 1,
    });
    expect(dumpState(ctx)).toBe(before);
    expect(count(ctx, "SELECT count(*) AS n FROM change_log WHERE row_id LIKE '%dead1'")).toBe(0);
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

/**
 * Every replicated row as SQLite stores it: per column its storage class and bytes (dumpState reads values
 * through JS, where 5 and 5.0, or a NUL cut short, could look alike).
 */
function storedRows(ctx: Replica['ctx']): string {
  const out: string[] = [];
  for (const table of [...syncTables().values()].sort((x, y) => x.name.localeCompare(y.name))) {
    const columns = [...table.columns.keys()].sort();
    const rows = ctx.sqlite
      .prepare(
        `SELECT ${columns.map((c) => `typeof("${c}") || ':' || hex("${c}") AS "${c}"`).join(', ')} FROM "${table.name}" ORDER BY id`,
      )
      .all();
    out.push(`${table.name} ${JSON.stringify(rows)}`);
  }
  return out.join('\n');
}

describe('new records copied from the change log', () => {
  // Strings SQLite's JSON reading and JS binding could store differently: NUL and other control
  // characters, escapes, separators, a surrogate pair, lone surrogates (bound as U+FFFD).
  const texts = [
    'NUL\u0000在中间',
    'ctl \u0001\u0008\t\n\r\u001f',
    'quote " backslash \\ \\u0041 slash /',
    'sep \u2028 \u2029 bom \ufeff',
    'emoji 😀 皮疹瘙痒',
    'lone \ud800 high',
    'lone \udc00 low',
    '',
  ];

  /**
   * Laptop A's issues (titles and descriptions from `texts`) and records of tables with REAL and
   * INTEGER columns written by hand: whole numbers, fractions, -0, the largest safe integer, a huge
   * double, and a column left out (its default).
   */
  function trickyFile() {
    const a = replica('A');
    for (const i of texts.keys()) a.issue({ title: `标题 ${i}`, description: `描述 ${i}` });
    const parsed = parse(exportChanges(a.ctx).bytes);
    const changes = parsed.changes.map((c) => ({ ...c, fields: { ...c.fields } }));
    const creates = changes.filter((c) => c.tableName === 'pilot_issue' && 'title' in c.fields);
    expect(creates.length).toBe(texts.length);
    for (const [i, change] of creates.entries()) {
      change.fields.title = texts[i]!;
      change.fields.description = texts[(i + 1) % texts.length]!;
    }
    const last = changes.at(-1)!.id;
    const [ms, counter] = [last.slice(0, 13), Number(last.slice(14, 20))];
    let n = 0;
    const next = () => `${ms}-${String(counter + ++n).padStart(6, '0')}@${parsed.replica.id}`;
    const stamp = { created_at: '2026-11-22T08:00:00.000Z', updated_at: '2026-11-22T08:00:00.000Z' };
    const written = (tableName: string, rowId: string, fields: Record<string, string | number | null>) =>
      changes.push({
        id: next(),
        replicaId: parsed.replica.id,
        tableName,
        rowId,
        fields: { ...fields, ...stamp },
        prev: [],
        deleted: false,
        author: null,
      });
    const numbers: [number, number][] = [
      [60, 0],
      [2.5, 0.1],
      [-0, 1e15],
      [2 ** 53 - 1, -(2 ** 53) + 1],
      [1e300, -1],
    ];
    for (const [i, [baseline, current]] of numbers.entries()) {
      written('efficiency_measure', `measure-${i}`, {
        name: `指标 ${i}`,
        unit: 'min',
        baseline,
        current,
        lower_is_better: i % 2,
        archived_at: i === 0 ? null : '2026-11-22T09:00:00.000Z',
      });
    }
    written('kpi_target', 'kpi-0', { key: 'timeliness', target: 95, amber: 90.5 });
    // next_steps left out: the column's default ('') on both paths.
    written('saved_report', 'report-0', {
      kind: 'monthly',
      title: texts[0]!,
      from_day: '2026-11-01',
      to_day: '2026-11-30',
    });
    return { parsed, changes };
  }

  it('store every value with the same type and bytes as binding it does', () => {
    const { parsed, changes } = trickyFile();
    const copied = freshCtx();
    const tempStore = copied.sqlite.pragma('temp_store', { simple: true });
    const report = importFiles(copied, [{ name: 'copied.wardside', bytes: fileOf(parsed, changes) }]);
    expect(report.files[0]!.outcome).toBe('imported');
    // Statement journals were kept in memory for the import only.
    expect(copied.sqlite.pragma('temp_store', { simple: true })).toBe(tempStore);
    // The same records, each with a second change that writes nothing: derived from two changes, so
    // every row is bound value by value.
    const last = changes.at(-1)!.id;
    const [ms, counter] = [last.slice(0, 13), Number(last.slice(14, 20))];
    const firsts = new Map<string, Change>();
    for (const c of changes)
      if (!firsts.has(`${c.tableName}/${c.rowId}`)) firsts.set(`${c.tableName}/${c.rowId}`, c);
    const twins = [...firsts.values()].map((c, i) => ({
      ...c,
      id: `${ms}-${String(counter + 100 + i).padStart(6, '0')}@${parsed.replica.id}`,
      fields: {},
      prev: [c.id],
    }));
    const bound = freshCtx();
    const boundReport = importFiles(bound, [
      { name: 'bound.wardside', bytes: fileOf(parsed, [...changes, ...twins]) },
    ]);
    expect(boundReport.files[0]!.outcome).toBe('imported');
    expect(boundReport.totals.newRecords).toBe(report.totals.newRecords);
    expect(storedRows(copied)).toBe(storedRows(bound));
    // What the values are, not only that both paths agree.
    const row = (sql: string) => copied.sqlite.prepare(sql).get() as Record<string, unknown>;
    expect(
      row(`SELECT typeof(baseline) AS t, baseline AS v FROM efficiency_measure WHERE id = 'measure-0'`),
    ).toEqual({
      t: 'real',
      v: 60,
    });
    expect(row(`SELECT typeof(lower_is_better) AS t FROM efficiency_measure WHERE id = 'measure-1'`)).toEqual(
      {
        t: 'integer',
      },
    );
    expect(row(`SELECT next_steps AS v FROM saved_report WHERE id = 'report-0'`)).toEqual({ v: '' });
    expect(row(`SELECT hex(title) AS h FROM pilot_issue WHERE title LIKE 'NUL%'`).h).toBe(
      Buffer.from(texts[0]!, 'utf8').toString('hex').toUpperCase(),
    );
    // The issues are in the search index on both paths.
    for (const ctx of [copied, bound]) {
      expect(
        count(
          ctx,
          `SELECT count(*) AS n FROM pilot_issue_search WHERE pilot_issue_search MATCH '"皮疹 疹瘙 瘙痒"'`,
        ),
      ).toBe(2);
    }
  });

  it('are those that are exactly their one change, in a representation SQLite reads back the same', () => {
    const ctx = freshCtx();
    const table = syncTables().get('efficiency_measure')!;
    const plain = { name: '指标', unit: 'min', baseline: 60, current: 0, lower_is_better: 1 };
    const as = (fields: Record<string, unknown>, target: Record<string, unknown> = fields) =>
      storedAsLogged(ctx, table, fields, target);
    expect(as(plain)).toBe(true);
    expect(as({ ...plain, name: 'NUL\u0000 😀 "\\' })).toBe(true);
    expect(as({ ...plain, archived_at: null })).toBe(true);
    expect(as({ ...plain, baseline: 2 ** 53 - 1 })).toBe(true);
    // Bound instead: a fraction, -0, a double beyond the safe integers, a lone surrogate, a number in a
    // TEXT column, a field derive changed (a reference nulled) or left out, or `id` among the fields.
    expect(as({ ...plain, baseline: 2.5 })).toBe(false);
    expect(as({ ...plain, baseline: -0 })).toBe(false);
    expect(as({ ...plain, baseline: 1e300 })).toBe(false);
    expect(as({ ...plain, name: 'lone \ud800' })).toBe(false);
    expect(as({ ...plain, name: 5 })).toBe(false);
    expect(as(plain, { ...plain, name: null })).toBe(false);
    expect(as(plain, { ...plain, extra: 1 })).toBe(false);
    expect(as({ ...plain, id: 'x' })).toBe(false);
  });
});
