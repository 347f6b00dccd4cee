// Issue #11: a sync file is a trust boundary. The hostile corpus (tests/fixtures/hostile/, built by its
// build.ts) — each file refused alone with its own message and the database bytes unchanged, or its good
// part imported; plus the clock, schema and attachment checks the corpus relies on.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { translator } from '#contract/i18n/index.ts';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { replicatedColumnSchemas } from '#db/replicated-columns.ts';
import { replicatedTables } from '#db/replicated.ts';
import { boot } from '#services/core/boot.ts';
import { insertChange, nextChangeId, parseChangeId } from '#services/core/change-log.ts';
import { MissingColumnSchemaError, pairColumnSchemas } from '#services/core/registry.ts';
import { copyForViewing, effectiveExtension } from '#services/issues/attachments.ts';
import { clockStatus, reissueChanges } from '#services/sync/clock.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { encodeExport } from '#services/sync/file-format.ts';
import { BASE_ISSUES, cases, corpusDir, TARGET_REPLICA } from '../fixtures/hostile/build.ts';
import { tempDir } from './helpers.ts';
import { joining, replica } from './sync-helpers.ts';

const read = (file: string) => readFileSync(join(corpusDir, file));

/** A laptop of the corpus' project (it imported base.wardside) whose replica id is TARGET_REPLICA. */
function target() {
  const path = join(tempDir(), 'target.db');
  const ctx = boot(path, { appVersion: '0.0.0-test' });
  ctx.sqlite.prepare('UPDATE replica_info SET id = ?').run(TARGET_REPLICA);
  const report = importFiles(ctx, [{ name: 'base.wardside', bytes: read('base.wardside') }]);
  expect(report.files[0]!.outcome).toBe('imported');
  return { ctx, path };
}

/** The database file's bytes after a checkpoint (everything written is in the main file then). */
function dbBytes(ctx: ReturnType<typeof boot>, path: string): string {
  ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const wal = `${path}-wal`;
  return createHash('sha256')
    .update(readFileSync(path))
    .update(existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0))
    .digest('hex');
}

describe('the hostile corpus', () => {
  const t = translator('en');
  for (const c of cases.filter((entry) => entry.expect !== 'imported')) {
    it(`${c.file} (${c.about}) is refused with ${c.expect}, the database bytes unchanged`, () => {
      const { ctx, path } = target();
      const before = dbBytes(ctx, path);
      const report = importFiles(ctx, [{ name: c.file, bytes: read(c.file) }]);
      const result = report.files[0]!;
      expect(result.outcome).toBe('refused');
      expect(result.error!.code).toBe(c.expect);
      if (c.column) expect(result.error!.params.column).toBe(c.column);
      const message = t(`errors.${result.error!.code}`, result.error!.params);
      expect(message).toContain(c.file);
      expect(message).not.toContain('{{');
      expect(message).not.toContain('\u001b');
      expect(dbBytes(ctx, path)).toBe(before);
      ctx.close();
    });
  }

  it('constraint breakers are refused alone, by name and reason; the good file of the batch imports', () => {
    const { ctx } = target();
    const report = importFiles(ctx, [
      { name: 'constraint-fk.wardside', bytes: read('constraint-fk.wardside') },
      { name: 'good.wardside', bytes: read('good.wardside') },
      { name: 'constraint-unique.wardside', bytes: read('constraint-unique.wardside') },
    ]);
    expect(report.files.map((f) => [f.file, f.outcome, f.error?.code ?? null])).toEqual([
      ['constraint-fk.wardside', 'refused', 'sync_constraint'],
      ['good.wardside', 'imported', null],
      ['constraint-unique.wardside', 'refused', 'sync_constraint'],
    ]);
    expect(report.files[0]!.error!.params).toMatchObject({
      table: 'pilot_issue',
      detail: expect.stringContaining('department'),
    });
    expect(
      ctx.sqlite.prepare("SELECT count(*) AS n FROM pilot_issue WHERE number LIKE 'X9-%'").get(),
    ).toEqual({ n: 1 });
    expect(ctx.sqlite.pragma('foreign_key_check')).toEqual([]);
    // The refused files were not logged as imported: importing them again refuses them again.
    const again = importFiles(ctx, [
      { name: 'constraint-fk.wardside', bytes: read('constraint-fk.wardside') },
    ]);
    expect(again.files[0]!.outcome).toBe('refused');
    ctx.close();
  });

  it('the preview of a tombstone flood counts and lists everything it would hide, children included', () => {
    const { ctx } = target();
    const before = dumpState(ctx);
    const preview = importFiles(ctx, [{ name: 'f.wardside', bytes: read('tombstone-flood.wardside') }], {
      dryRun: true,
    });
    const file = preview.files[0]!;
    const history = (ctx.sqlite.prepare('SELECT count(*) AS n FROM issue_history').get() as { n: number }).n;
    // The department, every issue filed under it, and their history.
    expect(file.counts!.deletedRecords).toBe(1 + BASE_ISSUES + history);
    expect(file.removed).toHaveLength(500);
    expect(file.removed[0]).toMatchObject({ table: 'department', label: '重症医学科' });
    expect(file.removed.filter((r) => r.table === 'pilot_issue').length).toBeGreaterThan(10);
    expect(dumpState(ctx)).toBe(before);
    ctx.close();
  });

  it('an executable behind an image name imports as data but is never handed to the system viewer', () => {
    const { ctx } = target();
    const report = importFiles(ctx, [{ name: 'x.wardside', bytes: read('executable-attachment.wardside') }]);
    expect(report.files[0]!.outcome).toBe('imported');
    const { id } = ctx.sqlite
      .prepare("SELECT id FROM issue_attachment WHERE file_name = 'screen.png .bat'")
      .get() as {
      id: string;
    };
    expect(() => copyForViewing(ctx, id)).toThrow(
      expect.objectContaining({
        code: 'attachment_not_viewable',
        params: expect.objectContaining({ type: '.bat' }),
      }),
    );
    for (const [name, ext] of [
      ['a.png', 'png'],
      ['a.PDF', 'pdf'],
      ['a.png .bat', 'bat'],
      ['a.bat.', 'bat'],
      ['a.exe  ', 'exe'],
      ['noext', ''],
      ['C:\\x\\y.lnk', 'lnk'],
    ] as const) {
      expect(effectiveExtension(name), name).toBe(ext);
    }
    ctx.close();
  });
});

describe('every synced field goes through the schema of its column', () => {
  it('each column of each replicated table refuses a value no schema allows, naming the column', () => {
    const a = replica('A');
    const huge = 'A'.repeat(1_000_001);
    const from = { id: '0190f2a0-0000-7000-8000-0000000f00d0', label: 'F' };
    let n = 0;
    for (const table of Object.values(replicatedTables)) {
      for (const column of Object.values(getTableColumns(table) as Record<string, SQLiteColumn>)) {
        if (column.name === 'id') continue;
        n += 1;
        const { bytes } = encodeExport({
          replica: from,
          project: { id: '0190f2a0-0000-7000-8000-00000000a11c', hospital: '', name: '' },
          exportedAt: a.clock.now().toISOString(),
          schemaVersion: 1,
          appVersion: '0',
          replicas: [from],
          changes: [
            {
              id: `${a.clock.now().getTime()}-${String(n).padStart(6, '0')}@${from.id}`,
              replicaId: from.id,
              tableName: getTableName(table),
              rowId: '0190f2a0-0000-7000-8000-000000000001',
              fields: { [column.name]: huge },
              prev: [],
              deleted: false,
              author: null,
            },
          ],
          attachments: [],
        });
        const result = importFiles(a.ctx, [{ name: 'f.wardside', bytes }]).files[0]!;
        expect(result.error, `${getTableName(table)}.${column.name}`).toMatchObject({
          code: 'sync_invalid_value',
          params: { table: getTableName(table), column: column.name },
        });
      }
    }
    expect(n).toBeGreaterThan(140);
  });

  it('the app refuses to start when a replicated column has no schema', async () => {
    expect(() =>
      pairColumnSchemas(replicatedTables, {
        ...replicatedColumnSchemas,
        project: Object.fromEntries(
          Object.entries(replicatedColumnSchemas.project).filter(([k]) => k !== 'sla'),
        ),
      }),
    ).toThrow(MissingColumnSchemaError);
    vi.resetModules();
    vi.doMock('#db/replicated-columns.ts', async (importOriginal) => {
      const original = await importOriginal<typeof import('#db/replicated-columns.ts')>();
      const { sla: _sla, ...project } = original.replicatedColumnSchemas.project;
      return { ...original, replicatedColumnSchemas: { ...original.replicatedColumnSchemas, project } };
    });
    try {
      const fresh = await import('#services/core/boot.ts');
      const { createHandlers } = await import('#main/ipc/handlers.ts');
      const ctx = fresh.boot(join(tempDir(), 'x.db'));
      // The app and the preview server build their handlers at start: that is where it stops.
      expect(() => createHandlers(ctx)).toThrow(/project\.sla/);
      ctx.close();
    } finally {
      vi.doUnmock('#db/replicated-columns.ts');
      vi.resetModules();
    }
  });
});

describe('clocks', () => {
  it('a far-future change held in the log does not stop local writes; ids stay 13 digits', () => {
    const a = replica('A');
    const issue = a.issue();
    insertChange(a.ctx, {
      id: '9999999999999-999999@someone',
      replicaId: 'someone',
      tableName: 'pilot_issue',
      rowId: issue.id,
      fields: { title: '来自未来' },
      prev: [],
      deleted: false,
      author: null,
    });
    const id = nextChangeId(a.ctx);
    expect(parseChangeId(id)!.ms).toBe(a.clock.now().getTime());
    expect(() => a.issue({ title: '之后照常保存' })).not.toThrow();
    expect(clockStatus(a.ctx)).toMatchObject({ warning: true, ahead: { others: 1, own: 0 } });
  });

  it('a laptop whose clock ran ahead is refused by others, then re-issues its changes and is accepted', () => {
    const a = replica('A');
    const b = joining(a, 'B');
    const right = a.clock.now().getTime();
    // B's clock jumps a year ahead; B files issues and edits them.
    b.clock.set(new Date(right + 365 * 86_400_000).toISOString());
    const made = b.issue({ title: '时钟错了时提的问题' });
    b.clock.advance(60_000);
    b.issue({ title: '第二个' });
    const wrong = exportChanges(b.ctx);
    const refused = importFiles(a.ctx, [{ name: wrong.fileName, bytes: wrong.bytes }]).files[0]!;
    expect(refused.error).toMatchObject({ code: 'sync_clock_ahead', params: { device: 'B' } });
    // The clock is fixed: `clock check` warns, `clock reissue` moves B's own changes to the clock now.
    b.clock.set(new Date(right + 60_000).toISOString());
    expect(clockStatus(b.ctx)).toMatchObject({ warning: true, ahead: { own: expect.any(Number) } });
    // A change from A arrives after B's own: re-issuing keeps every change in its place in B's log (the
    // order changes arrived in, which the bulk write path relies on, records.ts).
    a.issue({ title: 'A 之后提的问题' });
    importFiles(b.ctx, [{ name: 'a-later', bytes: exportChanges(a.ctx).bytes }]);
    const places = () =>
      b.ctx.sqlite.prepare('SELECT rowid, table_name, row_id, fields FROM change_log ORDER BY rowid').all();
    const before = places();
    const { reissued } = reissueChanges(b.ctx);
    expect(reissued).toBeGreaterThan(2);
    expect(places()).toEqual(before);
    expect(clockStatus(b.ctx).warning).toBe(false);
    const fixed = exportChanges(b.ctx);
    const report = importFiles(a.ctx, [{ name: fixed.fileName, bytes: fixed.bytes }]);
    expect(report.files[0]!.outcome).toBe('imported');
    expect(a.ctx.sqlite.prepare('SELECT title FROM pilot_issue WHERE id = ?').get(made.id)).toEqual({
      title: '时钟错了时提的问题',
    });
    importFiles(b.ctx, [{ name: 'a', bytes: exportChanges(a.ctx).bytes }]);
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
  });
});

describe('own replica', () => {
  it('a laptop may re-import its own export (nothing new) but not a file forging its id', () => {
    const a = replica('A');
    a.issue();
    const own = exportChanges(a.ctx);
    expect(importFiles(a.ctx, [{ name: 'own', bytes: own.bytes }]).files[0]!.outcome).toBe('imported');
    // The forging file (own-replica.wardside) is in the corpus above.
  });
});
