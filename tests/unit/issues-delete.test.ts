// Deleting an issue (issue #4, tombstones): the row, its history and its search entry are gone here, and
// the delete is a change in change_log so it travels to the other laptops with the next export.
import { describe, expect, it } from 'vitest';
import { deleteIssue, getIssueDetail, updateIssue } from '#services/issues/issues.ts';
import { listIssues } from '#services/issues/queries.ts';
import { issueWorld } from './issues-fixtures.ts';

const count = (w: ReturnType<typeof issueWorld>, sql: string, ...params: unknown[]) =>
  (w.ctx.sqlite.prepare(sql).get(...params) as { n: number }).n;

const search = (w: ReturnType<typeof issueWorld>, text: string) =>
  listIssues(w.ctx, { filter: { text }, sort: { key: 'reportedAt', dir: 'desc' }, offset: 0, limit: 10 })
    .total;

describe('deleteIssue', () => {
  it('removes the issue, its history and its search entry, and logs a tombstone', () => {
    const w = issueWorld();
    const kept = w.issue({ title: '腕带打印机无法连接' });
    const issue = w.issue({ title: '检验申请单重复打印' });
    updateIssue(w.ctx, { id: issue.id, workaround: '手工作废多余的申请单' });
    expect(count(w, 'SELECT count(*) AS n FROM issue_history WHERE issue_id = ?', issue.id)).toBeGreaterThan(
      0,
    );
    expect(search(w, '重复打印')).toBe(1);

    expect(deleteIssue(w.ctx, issue.id)).toEqual({ id: issue.id });

    expect(count(w, 'SELECT count(*) AS n FROM pilot_issue WHERE id = ?', issue.id)).toBe(0);
    expect(count(w, 'SELECT count(*) AS n FROM issue_history WHERE issue_id = ?', issue.id)).toBe(0);
    expect(search(w, '重复打印')).toBe(0);
    expect(count(w, 'SELECT count(*) AS n FROM pilot_issue_search')).toBe(1);
    expect(
      count(
        w,
        "SELECT count(*) AS n FROM change_log WHERE table_name = 'pilot_issue' AND row_id = ? AND deleted = 1",
        issue.id,
      ),
    ).toBe(1);
    expect(() => getIssueDetail(w.ctx, issue.id)).toThrow();
    // The other issue is untouched.
    expect(getIssueDetail(w.ctx, kept.id).issue.title).toBe('腕带打印机无法连接');
    expect(search(w, '打印机')).toBe(1);
  });

  it('refuses an id that does not exist', () => {
    const w = issueWorld();
    expect(() => deleteIssue(w.ctx, '0190a8a0-0000-7000-8000-000000000000')).toThrow();
  });
});
