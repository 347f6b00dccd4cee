// Sync between replicas (issue #4): per-field merge, visible conflicts, tombstones, idempotent imports.
import { describe, expect, it } from 'vitest';
import { getDepartment } from './sync-helpers.ts';
import { exchange, replica, twoReplicas } from './sync-helpers.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles, syncStatus } from '#services/sync/exchange.ts';
import { labelReplica, renameReplica } from '#services/core/settings.ts';
import { listConflicts, resolveConflict } from '#services/sync/conflicts.ts';
import { createIssue, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { dailySummary } from '#services/issues/queries.ts';
import { deleteRecord, getRecord } from '#services/core/records.ts';
import { pilotIssue } from '#db/schema.ts';
import { listIssues } from '#services/issues/queries.ts';

describe('two laptops exchanging export files', () => {
  it('a laptop that imports a file holds the same records, and the dumps are byte-identical', () => {
    const { a, b } = twoReplicas();
    const issue = a.issue({ title: '检验结果回传延迟' });
    exchange(a, b);
    expect(getRecord(b.ctx, pilotIssue, issue.id).title).toBe('检验结果回传延迟');
    expect(dumpState(b.ctx)).toBe(dumpState(a.ctx));
  });

  it('edits of different fields of one record both survive', () => {
    const { a, b } = twoReplicas();
    const issue = a.issue();
    exchange(a, b);
    updateIssue(a.ctx, { id: issue.id, title: '新标题（A）' });
    updateIssue(b.ctx, { id: issue.id, workaround: '先手工登记（B）' });
    exchange(a, b);
    exchange(b, a);
    for (const side of [a, b]) {
      const row = getRecord(side.ctx, pilotIssue, issue.id);
      expect(row.title).toBe('新标题（A）');
      expect(row.workaround).toBe('先手工登记（B）');
      expect(listConflicts(side.ctx)).toEqual([]);
    }
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
  });

  it('concurrent edits of one field keep both values as a conflict until a person resolves it', () => {
    const { a, b } = twoReplicas();
    const issue = a.issue();
    exchange(a, b);
    updateIssue(a.ctx, { id: issue.id, title: 'A 的标题' });
    b.clock.advance(5000);
    updateIssue(b.ctx, { id: issue.id, title: 'B 的标题' });
    exchange(a, b);
    exchange(b, a);
    const shown = getRecord(a.ctx, pilotIssue, issue.id).title;
    expect(getRecord(b.ctx, pilotIssue, issue.id).title).toBe(shown);
    const [conflict] = listConflicts(a.ctx);
    expect(conflict).toBeDefined();
    expect(conflict!.field).toBe('title');
    const values = [conflict!.shown.value, ...conflict!.others.map((o) => o.value)].sort();
    expect(values).toEqual(['A 的标题', 'B 的标题']);
    expect(conflict!.others[0]!.author).toBeTruthy();
    expect(listConflicts(b.ctx)).toHaveLength(1);

    // Resolve on A by keeping the value that was NOT shown; the resolution travels to B.
    const kept = conflict!.others[0]!;
    resolveConflict(a.ctx, {
      tableName: 'pilot_issue',
      rowId: issue.id,
      field: 'title',
      keepChangeId: kept.changeId,
    });
    expect(listConflicts(a.ctx)).toEqual([]);
    exchange(a, b);
    expect(listConflicts(b.ctx)).toEqual([]);
    expect(getRecord(b.ctx, pilotIssue, issue.id).title).toBe(kept.value);
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
  });

  it('keeping 处理中 in a status conflict clears the resolution stamps, on both laptops (issue 12 §8)', () => {
    const { a, b } = twoReplicas();
    const issue = a.issue();
    transitionIssue(a.ctx, { id: issue.id, to: 'acknowledged' });
    exchange(a, b);
    transitionIssue(a.ctx, { id: issue.id, to: 'in_progress' });
    b.clock.advance(5000);
    transitionIssue(b.ctx, { id: issue.id, to: 'resolved', resolution: '已调整打印模板' });
    exchange(a, b);
    exchange(b, a);
    const conflict = listConflicts(a.ctx).find((c) => c.field === 'status')!;
    const keep = [conflict.shown, ...conflict.others].find((v) => v.value === 'in_progress')!;
    resolveConflict(a.ctx, {
      tableName: 'pilot_issue',
      rowId: issue.id,
      field: 'status',
      keepChangeId: keep.changeId,
    });
    exchange(a, b);
    for (const side of [a, b]) {
      const row = getRecord(side.ctx, pilotIssue, issue.id);
      expect(row.status).toBe('in_progress');
      expect(row.resolvedAt).toBeNull();
      expect(row.acknowledgedAt).not.toBeNull();
      // The list and the summary agree: the issue is open, nothing resolved.
      expect(
        listIssues(side.ctx, {
          filter: { onlyOpen: true },
          sort: { key: 'reportedAt', dir: 'desc' },
          offset: 0,
          limit: 10,
        }).rows.map((r) => r.id),
      ).toContain(issue.id);
      expect(dailySummary(side.ctx)).toMatchObject({ resolved: 0, open: 1 });
    }
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
  });

  it('a delete travels, wins over a concurrent edit, and never comes back', () => {
    const { a, b } = twoReplicas();
    const issue = a.issue();
    exchange(a, b);
    deleteRecord(a.ctx, pilotIssue, issue.id);
    updateIssue(b.ctx, { id: issue.id, title: 'B 还在改' });
    exchange(a, b);
    exchange(b, a);
    for (const side of [a, b]) {
      expect(
        side.ctx.sqlite.prepare('SELECT count(*) AS n FROM pilot_issue WHERE id = ?').get(issue.id),
      ).toEqual({
        n: 0,
      });
      expect(
        side.ctx.sqlite.prepare('SELECT count(*) AS n FROM issue_history WHERE issue_id = ?').get(issue.id),
      ).toEqual({
        n: 0,
      });
      const found = listIssues(side.ctx, {
        filter: { text: '医嘱' },
        sort: { key: 'reportedAt', dir: 'desc' },
        offset: 0,
        limit: 10,
      });
      expect(found.total).toBe(0);
    }
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
  });

  it('importing the same file twice changes nothing and is reported as already seen', () => {
    const { a, b } = twoReplicas();
    a.issue();
    const file = exportChanges(a.ctx);
    const first = importFiles(b.ctx, [{ name: 'a.wardside', bytes: file.bytes }]);
    expect(first.files[0]!.outcome).toBe('imported');
    expect(first.totals.newRecords).toBeGreaterThan(0);
    const before = dumpState(b.ctx);
    const again = importFiles(b.ctx, [{ name: 'a-copy.wardside', bytes: file.bytes }]);
    expect(again.files[0]!.outcome).toBe('already_seen');
    expect(dumpState(b.ctx)).toBe(before);
  });

  it('the preview counts exactly what the import then does, and writes nothing', () => {
    const { a, b } = twoReplicas();
    const issue = a.issue();
    exchange(a, b);
    updateIssue(b.ctx, { id: issue.id, title: 'B 也改了' });
    // A edits a minute later by its clock: its value is the one shown, so B's record is updated.
    a.clock.advance(60_000);
    updateIssue(a.ctx, { id: issue.id, title: 'A 改了标题' });
    a.issue({ title: '新问题' });
    const file = exportChanges(a.ctx);
    const before = dumpState(b.ctx);
    const preview = importFiles(b.ctx, [{ name: 'a.wardside', bytes: file.bytes }], { dryRun: true });
    expect(dumpState(b.ctx)).toBe(before);
    const applied = importFiles(b.ctx, [{ name: 'a.wardside', bytes: file.bytes }]);
    expect(applied.totals).toEqual(preview.totals);
    expect(preview.totals.newRecords).toBeGreaterThanOrEqual(1);
    expect(preview.totals.updatedRecords).toBeGreaterThanOrEqual(1);
    expect(preview.totals.newConflicts).toBe(1);
    expect(getRecord(b.ctx, pilotIssue, issue.id).title).toBe('A 改了标题');
  });

  it('laptops that each ran the wizard merge into one project and one set of departments and systems', () => {
    const a = replica('A');
    const b = replica('B');
    exchange(a, b);
    exchange(b, a);
    for (const side of [a, b]) {
      expect(side.ctx.sqlite.prepare('SELECT count(*) AS n FROM project').get()).toEqual({ n: 1 });
      expect(
        side.ctx.sqlite.prepare("SELECT count(*) AS n FROM department WHERE code = 'ICU'").get(),
      ).toEqual({
        n: 1,
      });
      expect(getDepartment(side.ctx, 'ICU')).toBeDefined();
    }
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
    void createIssue;
  });

  it('a device named after its issue prefix can be renamed; others see the new name after its next export', () => {
    const { a, b } = twoReplicas();
    expect(syncStatus(b.ctx).replicas.find((r) => r.id === syncStatus(a.ctx).replica.id)?.label).toBe('A');
    renameReplica(a.ctx, 'ICU 工程师笔记本');
    exchange(a, b);
    const seen = syncStatus(b.ctx).replicas.find((r) => r.id === syncStatus(a.ctx).replica.id);
    expect(seen?.label).toBe('ICU 工程师笔记本');
    // The CLI's --replica refuses to rename silently.
    expect(() => labelReplica(a.ctx, 'X')).toThrow(/sync_replica_label/);
  });
});
