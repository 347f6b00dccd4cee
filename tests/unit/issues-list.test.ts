// The issue list (issue #3 "Lists"): every filter, sorting by every column in both directions, paging,
// the ids behind "select all filtered", and saved views.
import { describe, expect, it } from 'vitest';
import { transitionIssue } from '#services/issues/issues.ts';
import { listIssueIds, listIssues } from '#services/issues/queries.ts';
import { deleteView, listViews, saveView } from '#services/issues/views.ts';
import { overdueKind } from '#services/issues/sla.ts';
import { issueSortKeys, type IssueFilter, type IssueListRow, type IssueSortKey } from '#contract/index.ts';
import { expectAppError, issueWorld, local } from './issues-fixtures.ts';

function world() {
  const w = issueWorld();
  const at = (t: string) => w.clock.set(local(t));
  at('2026-11-21 10:00');
  const i4 = w.issue({
    title: '住院费用清单打印不全',
    departmentId: w.er,
    severity: 'P4',
    assigneeId: w.engineerA,
  });
  for (const to of ['resolved', 'verified', 'closed'] as const)
    transitionIssue(w.ctx, { id: i4.id, to, resolution: '调整打印模板' });
  at('2026-11-22 23:30');
  const i1 = w.issue({
    title: '腕带打印机无法连接',
    systemId: w.his,
    severity: 'P1',
    blocking: true,
    assigneeId: w.engineerA,
  });
  at('2026-11-23 00:30');
  const i2 = w.issue({ title: '病程记录模板缺失', systemId: w.emr, severity: 'P2', assigneeId: w.engineerB });
  transitionIssue(w.ctx, { id: i2.id, to: 'in_progress' });
  at('2026-11-23 09:00');
  const i3 = w.issue({ title: '检验申请重复收费', departmentId: w.er, systemId: w.his, severity: 'P3' });
  transitionIssue(w.ctx, { id: i3.id, to: 'resolved', resolution: '已退费并修复' });
  at('2026-11-23 23:59');
  const i5 = w.issue({ title: '医嘱无法保存', systemId: w.his, severity: 'P2' });
  transitionIssue(w.ctx, { id: i5.id, to: 'resolved', resolution: '重启后恢复' });
  transitionIssue(w.ctx, { id: i5.id, to: 'reopened' });
  at('2026-11-24 00:00');
  const i6 = w.issue({
    title: '急诊分诊系统卡顿',
    departmentId: w.er,
    systemId: w.emr,
    severity: 'P1',
    blocking: true,
    assigneeId: w.engineerB,
  });
  at('2026-11-24 10:00');
  return { w, i1, i2, i3, i4, i5, i6 };
}

type World = ReturnType<typeof world>;

function list(
  w: World['w'],
  filter: IssueFilter,
  key: IssueSortKey = 'reportedAt',
  dir: 'asc' | 'desc' = 'asc',
) {
  return listIssues(w.ctx, { filter, sort: { key, dir }, offset: 0, limit: 500 });
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('issue list filters', () => {
  it('filters by department, system, status, severity and assignee (each a set)', () => {
    const { w, i1, i2, i3, i4, i5, i6 } = world();
    const check = (filter: IssueFilter, expected: { id: string }[]) => {
      const result = list(w, filter);
      expect(ids(result.rows), JSON.stringify(filter)).toEqual(ids(expected));
      expect(result.total).toBe(expected.length);
    };
    check({}, [i4, i1, i2, i3, i5, i6]);
    check({ departmentIds: [w.icu] }, [i1, i2, i5]);
    check({ departmentIds: [w.icu, w.er] }, [i4, i1, i2, i3, i5, i6]);
    check({ systemIds: [w.his] }, [i1, i3, i5]);
    check({ systemIds: [w.emr] }, [i2, i6]);
    check({ statuses: ['new'] }, [i1, i6]);
    check({ statuses: ['resolved', 'closed'] }, [i4, i3]);
    check({ severities: ['P1'] }, [i1, i6]);
    check({ severities: ['P2', 'P3'] }, [i2, i3, i5]);
    check({ assigneeIds: [w.engineerA] }, [i4, i1]);
    check({ assigneeIds: [w.engineerA, w.engineerB] }, [i4, i1, i2, i6]);
    // An empty set means "any", as in the UI when nothing is ticked.
    check({ departmentIds: [], statuses: [] }, [i4, i1, i2, i3, i5, i6]);
  });

  it('filters open, blocking and overdue issues', () => {
    const { w, i1, i2, i5, i6 } = world();
    expect(ids(list(w, { onlyOpen: true }).rows)).toEqual(ids([i1, i2, i5, i6]));
    expect(ids(list(w, { blocking: true }).rows)).toEqual(ids([i1, i6]));
    // 11-24 10:00: the P1s are past 4 hours, the P2 of the 23rd past 18:00; the reopened P2 reported at
    // 23:59 is due at 18:00 today.
    const overdue = list(w, { overdue: true }).rows;
    expect(ids(overdue)).toEqual(ids([i1, i2, i6]));
    expect(overdue.every((r) => r.overdue === 'resolution')).toBe(true);
    const all = list(w, {}).rows;
    expect(ids(all.filter((r) => r.overdue))).toEqual(ids(overdue));
  });

  it('filters by report date in local days, both ends included', () => {
    const { w, i1, i2, i3, i4, i5, i6 } = world();
    expect(ids(list(w, { reportedFrom: '2026-11-23' }).rows)).toEqual(ids([i2, i3, i5, i6]));
    expect(ids(list(w, { reportedTo: '2026-11-23' }).rows)).toEqual(ids([i4, i1, i2, i3, i5]));
    expect(ids(list(w, { reportedFrom: '2026-11-23', reportedTo: '2026-11-23' }).rows)).toEqual(
      ids([i2, i3, i5]),
    );
    expect(ids(list(w, { reportedFrom: '2026-11-22', reportedTo: '2026-11-22' }).rows)).toEqual(ids([i1]));
    expect(ids(list(w, { reportedFrom: '2026-11-24' }).rows)).toEqual(ids([i6]));
    expect(list(w, { reportedFrom: '2026-11-25' }).total).toBe(0);
  });

  it('filters by text and combines every filter with AND', () => {
    const { w, i1, i2, i5 } = world();
    expect(ids(list(w, { text: '腕带' }).rows)).toEqual(ids([i1]));
    expect(ids(list(w, { text: '打印' }).rows)).toHaveLength(2);
    expect(ids(list(w, { departmentIds: [w.icu], onlyOpen: true, severities: ['P2'] }).rows)).toEqual(
      ids([i2, i5]),
    );
    expect(
      ids(list(w, { text: '打印', departmentIds: [w.icu], blocking: true, overdue: true }).rows),
    ).toEqual(ids([i1]));
    expect(list(w, { text: '打印', statuses: ['in_progress'] }).total).toBe(0);
  });

  it('gives the ids of every filtered issue for bulk actions, capped', () => {
    const { w, i1, i6 } = world();
    expect(listIssueIds(w.ctx, { blocking: true }).sort()).toEqual([i1.id, i6.id].sort());
    expect(listIssueIds(w.ctx, {}, 4)).toHaveLength(4);
  });

  it('returns the joined names and flags of each row', () => {
    const { w, i1 } = world();
    const row = list(w, { text: '腕带' }).rows[0]!;
    expect(row).toEqual({
      id: i1.id,
      number: i1.number,
      title: '腕带打印机无法连接',
      departmentId: w.icu,
      departmentName: '重症医学科',
      systemCode: 'HIS',
      moduleName: null,
      category: 'defect',
      severity: 'P1',
      blocking: true,
      status: 'new',
      assigneeId: w.engineerA,
      assigneeName: '陈工',
      reporterName: null,
      reportedAt: local('2026-11-22 23:30'),
      resolvedAt: null,
      resolutionDueAt: local('2026-11-23 03:30'),
      overdue: 'resolution',
    } satisfies IssueListRow);
  });
});

/** The order of the status column (open work first). */
const statusRank = [
  'new',
  'reopened',
  'acknowledged',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'wont_fix',
  'duplicate',
];

/** A second laptop's issue, as a merge would bring it (its own replica id and sequence). */
function mergedIssue(w: World['w'], seq: number) {
  const t = local(`2026-11-20 08:0${seq}`);
  w.ctx.sqlite
    .prepare(
      `INSERT INTO pilot_issue (id, number, replica_id, seq, title, department_id, category, severity, status,
         tags, reported_at, response_due_at, resolution_due_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'defect', 'P4', 'new', '[]', ?, ?, ?, ?, ?)`,
    )
    .run(
      w.ctx.newId(),
      `E1-000${seq}`,
      '00000000-0000-7000-8000-000000000001',
      seq,
      `其他电脑的问题 ${seq}`,
      w.er,
      t,
      t,
      t,
      t,
      t,
    );
}

function sortValue(w: World['w'], key: IssueSortKey) {
  const numbers = new Map(
    (
      w.ctx.sqlite.prepare('SELECT id, replica_id, seq FROM pilot_issue').all() as {
        id: string;
        replica_id: string;
        seq: number;
      }[]
    ).map((r) => [r.id, `${r.replica_id}/${String(r.seq).padStart(8, '0')}`]),
  );
  return (row: IssueListRow): string | null => {
    switch (key) {
      case 'number':
        return numbers.get(row.id)!;
      case 'department':
        return row.departmentName;
      case 'status':
        return String(statusRank.indexOf(row.status));
      case 'assignee':
        return row.assigneeName;
      default:
        return row[key];
    }
  };
}

// Blanks (no assignee) sort after every value ascending and before them descending, as in a spreadsheet.
const compare = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

describe('issue list sorting and paging', () => {
  it.each(
    issueSortKeys.flatMap((key) => [
      { key, dir: 'asc' as const },
      { key, dir: 'desc' as const },
    ]),
  )('sorts by $key $dir', ({ key, dir }) => {
    const { w } = world();
    mergedIssue(w, 1);
    mergedIssue(w, 2);
    const rows = list(w, {}, key, dir).rows;
    expect(rows).toHaveLength(8);
    const values = rows.map(sortValue(w, key));
    for (let i = 1; i < values.length; i++) {
      const order = compare(values[i - 1]!, values[i]!);
      expect(dir === 'asc' ? order <= 0 : order >= 0, `${key} ${dir}: ${values.join(' | ')}`).toBe(true);
    }
    // The values really differ, so the check above means something.
    expect(new Set(values).size).toBeGreaterThan(1);
    // Unique keys: descending is exactly ascending reversed.
    if (key === 'number' || key === 'title' || key === 'reportedAt') {
      const other = ids(list(w, {}, key, dir === 'asc' ? 'desc' : 'asc').rows);
      expect(ids(rows)).toEqual(other.toReversed());
    }
  });

  it('pages with offset and limit, the total counting every match', () => {
    const { w } = world();
    const all = ids(list(w, {}, 'number').rows);
    const page = (offset: number, limit: number) =>
      listIssues(w.ctx, { filter: {}, sort: { key: 'number', dir: 'asc' }, offset, limit });
    const pages = [page(0, 4), page(4, 4)];
    expect(pages.map((p) => p.total)).toEqual([6, 6]);
    expect(pages.map((p) => p.rows.length)).toEqual([4, 2]);
    expect([...ids(pages[0]!.rows), ...ids(pages[1]!.rows)]).toEqual(all);
    expect(page(10, 4)).toEqual({ total: 6, rows: [] });
    const filtered = listIssues(w.ctx, {
      filter: { onlyOpen: true },
      sort: { key: 'number', dir: 'asc' },
      offset: 1,
      limit: 2,
    });
    expect(filtered.total).toBe(4);
    expect(filtered.rows).toHaveLength(2);
  });

  it('flags overdue rows as overdueKind does', () => {
    const { w } = world();
    const raw = w.ctx.sqlite.prepare('SELECT * FROM pilot_issue').all() as {
      id: string;
      status: string;
      acknowledged_at: string | null;
      resolved_at: string | null;
      response_due_at: string;
      resolution_due_at: string;
    }[];
    const expected = Object.fromEntries(
      raw.map((r) => [
        r.id,
        overdueKind(
          {
            status: r.status,
            acknowledgedAt: r.acknowledged_at,
            resolvedAt: r.resolved_at,
            responseDueAt: r.response_due_at,
            resolutionDueAt: r.resolution_due_at,
          },
          w.clock.now(),
        ),
      ]),
    );
    expect(Object.fromEntries(list(w, {}).rows.map((r) => [r.id, r.overdue]))).toEqual(expected);
  });
});

describe('saved views', () => {
  it('saves, lists by name, overwrites by name and deletes', () => {
    const { w } = world();
    const mine = saveView(w.ctx, { name: '我的超时', filter: { overdue: true, assigneeIds: [w.engineerA] } });
    const icu = saveView(w.ctx, { name: 'ICU 未关闭', filter: { departmentIds: [w.icu], onlyOpen: true } });
    expect(listViews(w.ctx).map((v) => v.name)).toEqual(['ICU 未关闭', '我的超时']);
    const again = saveView(w.ctx, { name: '我的超时', filter: { overdue: true } });
    expect(again.id).toBe(mine.id);
    expect(listViews(w.ctx).find((v) => v.id === mine.id)!.filter).toEqual({ overdue: true });
    expect(deleteView(w.ctx, icu.id)).toEqual({ id: icu.id });
    expect(listViews(w.ctx).map((v) => v.id)).toEqual([mine.id]);
    expectAppError(() => deleteView(w.ctx, icu.id), 'not_found');
  });
});
