// The issue list has two query plans (main/services/issues/queries.ts): a broad filter walks the sort
// order's index page by page, a narrow one sorts its matches once. Both must return exactly the same
// rows in the same order for every sort key, direction, filter and page: here the walk threshold is
// forced to 0 (always walk) and to infinity (always sort) on the same data.
import { describe, expect, it } from 'vitest';
import { transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { listIssues } from '#services/issues/queries.ts';
import { issueSortKeys, type IssueFilter, type Severity } from '#contract/index.ts';
import { issueWorld, MINUTE } from './issues-fixtures.ts';

function world() {
  const w = issueWorld();
  const severities: Severity[] = ['P1', 'P2', 'P3', 'P4'];
  const departments = [w.er, w.icu];
  const assignees = [w.engineerA, w.engineerB, null];
  for (let i = 0; i < 60; i++) {
    // Several issues share a report minute, so the tie-breaks are exercised too.
    w.clock.advance(MINUTE * (i % 3 === 0 ? 0 : 7));
    const issue = w.issue({
      title: `${['医保', '医嘱', '打印'][i % 3]}问题 ${String(i % 11).padStart(2, '0')}`,
      departmentId: departments[i % 2]!,
      severity: severities[i % 4],
      blocking: i % 9 === 0,
      assigneeId: assignees[i % 3],
    });
    if (i % 5 === 0) transitionIssue(w.ctx, { id: issue.id, to: 'resolved', resolution: '已处理' });
    if (i % 7 === 0) updateIssue(w.ctx, { id: issue.id, title: `医保结算 ${i}` });
  }
  return w;
}

const filters: IssueFilter[] = [
  {},
  { onlyOpen: true },
  { severities: ['P1', 'P2'] },
  { blocking: true },
  { text: '医保' },
];

describe('issue list query plans', () => {
  it.each(issueSortKeys.flatMap((key) => (['asc', 'desc'] as const).map((dir) => ({ key, dir }))))(
    'walk and sort agree when sorting by $key $dir',
    ({ key, dir }) => {
      const w = world();
      for (const filter of filters) {
        for (const [offset, limit] of [
          [0, 500],
          [0, 7],
          [7, 7],
          [25, 10],
          [55, 10],
        ] as const) {
          const input = { filter, sort: { key, dir }, offset, limit };
          const walked = listIssues(w.ctx, input, 0);
          const sorted = listIssues(w.ctx, input, Number.POSITIVE_INFINITY);
          const label = `${JSON.stringify(filter)} ${offset}/${limit}`;
          expect(
            walked.rows.map((r) => r.number),
            label,
          ).toEqual(sorted.rows.map((r) => r.number));
          expect(walked.total, label).toBe(sorted.total);
          if (offset === 0 && limit === 500) expect(walked.rows.length, label).toBe(walked.total);
        }
      }
    },
  );
});
