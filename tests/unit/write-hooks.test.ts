// Derived data hooked into the generic write path (core/hooks.ts): this file imports core, sync and the
// schema only — no area — and the issue search index and history still follow local writes, merges,
// resolved conflicts and deletes, because boot() installs every area's hooks.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { department, issueHistory, pilotIssue } from '#db/schema.ts';
import { openDatabase } from '#db/open.ts';
import { createContext, type Ctx } from '#services/core/context.ts';
import { deleteRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { listConflicts, resolveConflict } from '#services/sync/conflicts.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { freshCtx, tempDir, testClock } from './helpers.ts';

/** Ids of the issues the search index finds for an English word. */
function found(ctx: Ctx, word: string): string[] {
  return (
    ctx.sqlite
      .prepare(
        'SELECT id FROM pilot_issue WHERE rowid IN (SELECT rowid FROM pilot_issue_search WHERE pilot_issue_search MATCH ?) ORDER BY id',
      )
      .all(`"${word}"`) as { id: string }[]
  ).map((r) => r.id);
}

function exchange(from: Ctx, to: Ctx) {
  const file = exportChanges(from);
  const report = importFiles(to, [{ name: file.fileName, bytes: file.bytes }]);
  expect(report.files.map((f) => f.outcome)).toEqual(['imported']);
}

function newIssue(ctx: Ctx, title: string) {
  const now = ctx.now().toISOString();
  const dept = insertRecord(ctx, department, {
    code: 'ICU',
    name: 'ICU',
    type: 'ward',
    pilotPhase: 1,
    archivedAt: null,
  });
  return insertRecord(ctx, pilotIssue, {
    number: 'A-0001',
    replicaId: 'a',
    seq: 1,
    title,
    description: null,
    departmentId: dept.id,
    systemId: null,
    moduleId: null,
    category: 'defect',
    severity: 'P3',
    blocking: false,
    reporterId: null,
    assigneeId: null,
    status: 'new',
    duplicateOfId: null,
    workaround: null,
    resolution: null,
    tags: '[]',
    reportedAt: now,
    acknowledgedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    closedAt: null,
    responseDueAt: now,
    resolutionDueAt: now,
    importKey: null,
  });
}

describe('hooks on the write path', () => {
  // First in the file: no boot() has run in this process yet.
  it('refuses a write before boot() installed the areas’ hooks', () => {
    const opened = openDatabase(join(tempDir(), 'raw.db'));
    try {
      const ctx = createContext(opened);
      expect(() =>
        insertRecord(ctx, department, {
          code: 'X',
          name: 'X',
          type: 'ward',
          pilotPhase: null,
          archivedAt: null,
        }),
      ).toThrow(/boot\(\)/);
    } finally {
      opened.close();
    }
  });

  it('keeps the issue search index right for local and merged writes and deletes', () => {
    const clockA = testClock();
    const clockB = testClock();
    const a = freshCtx({ now: clockA.now });
    const b = freshCtx({ now: clockB.now });
    const issue = newIssue(a, 'Zebra printer jammed');
    expect(found(a, 'zebra')).toEqual([issue.id]);

    clockA.advance();
    updateRecord(a, pilotIssue, issue.id, { title: 'Wristband printer jammed' });
    expect(found(a, 'zebra')).toEqual([]);
    expect(found(a, 'wristband')).toEqual([issue.id]);

    // Merged insert, then merged update.
    exchange(a, b);
    expect(found(b, 'wristband')).toEqual([issue.id]);
    clockA.advance();
    updateRecord(a, pilotIssue, issue.id, { description: 'Label stock runs out' });
    exchange(a, b);
    expect(found(b, 'label')).toEqual([issue.id]);

    // Merged delete.
    deleteRecord(a, pilotIssue, issue.id);
    expect(found(a, 'wristband')).toEqual([]);
    exchange(a, b);
    expect(found(b, 'wristband')).toEqual([]);
    expect(b.sqlite.prepare('SELECT count(*) AS n FROM pilot_issue').get()).toEqual({ n: 0 });
  });

  it('writes a resolved conflict on an issue to its history, and re-indexes the kept value', () => {
    const clockA = testClock();
    const clockB = testClock();
    const a = freshCtx({ now: clockA.now });
    const b = freshCtx({ now: clockB.now });
    const issue = newIssue(a, 'Scanner offline');
    exchange(a, b);
    clockA.advance();
    clockB.advance(2000);
    updateRecord(a, pilotIssue, issue.id, { title: 'Barcode scanner offline' });
    updateRecord(b, pilotIssue, issue.id, { title: 'Handheld scanner offline' });
    exchange(a, b);
    const [conflict] = listConflicts(b);
    expect(conflict).toMatchObject({ rowId: issue.id, property: 'title' });
    expect(found(b, 'handheld')).toEqual([issue.id]);

    const keep = conflict!.others[0]!.changeId;
    expect(
      resolveConflict(b, { tableName: 'pilot_issue', rowId: issue.id, field: 'title', keepChangeId: keep }),
    ).toEqual({ remaining: 0 });
    expect(found(b, 'barcode')).toEqual([issue.id]);
    expect(found(b, 'handheld')).toEqual([]);
    const history = b.db.select().from(issueHistory).all();
    expect(history.map((h) => [h.issueId, h.field, h.oldValue, h.newValue])).toEqual([
      [issue.id, 'title', 'Handheld scanner offline', 'Barcode scanner offline'],
    ]);
  });
});
