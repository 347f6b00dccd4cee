// The issue list as the kit's paged virtual grid over issues.list, so 100,000 issues scroll as smoothly as
// 100 (issue 3, "Lists"). Filter, sort, selection and scroll position live in the issue list state.
import { Anchor, Group, Text } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { IssueListRow, IssueSortKey } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { isFiltered, setListState, useListState } from '#renderer/app/issue-list-state.ts';
import { formatShort } from '#renderer/components/format.ts';
import {
  BlockingBadge,
  OverdueBadge,
  SeverityBadge,
  StatusBadge,
} from '#renderer/components/IssueBadges.tsx';
import { PagedGrid, type GridColumn } from '#renderer/components/PagedGrid.tsx';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 42;
/** Bulk actions act on at most this many issues (the contract's limit for issues.ids). */
export const SELECT_CAP = 5000;

type Column = GridColumn<IssueListRow, IssueSortKey>;

/** Dates sort newest first on the first click; everything else A→Z / P1→P4. */
const firstDir = (key: IssueSortKey): 'asc' | 'desc' =>
  key === 'reportedAt' || key === 'number' ? 'desc' : 'asc';

const toggle = (id: string) =>
  setListState((s) => {
    const next = new Set(s.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next };
  });

/** The columns; built once per language so the grid's memoised rows do not re-render while scrolling. */
function useColumns(): Column[] {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        key: 'number',
        label: t('issue.number'),
        width: '84px',
        sort: 'number',
        render: (r) => (
          <Anchor
            component={Link}
            href={`/issues/${r.id}`}
            ff="monospace"
            fz="sm"
            onClick={(e: React.MouseEvent) => e.stopPropagation()}
          >
            {r.number}
          </Anchor>
        ),
      },
      {
        key: 'title',
        label: t('issue.titleField'),
        width: 'minmax(140px, 1fr)',
        sort: 'title',
        render: (r) => (
          <Group gap={6} wrap="nowrap" miw={0}>
            {r.blocking && <BlockingBadge size="sm" style={{ flexShrink: 0 }} />}
            <Text size="sm" truncate fw={r.severity === 'P1' || r.blocking ? 600 : undefined} title={r.title}>
              {r.title}
            </Text>
          </Group>
        ),
      },
      {
        key: 'department',
        label: t('issue.department'),
        width: '112px',
        sort: 'department',
        render: (r) => (
          <Text size="sm" truncate title={r.departmentName}>
            {r.departmentName}
          </Text>
        ),
      },
      {
        key: 'system',
        label: t('issue.system'),
        width: '72px',
        render: (r) => {
          const label = [r.systemCode, r.moduleName].filter(Boolean).join(' · ');
          return (
            <Text size="sm" truncate title={label} c={label ? undefined : 'dimmed'}>
              {label || '—'}
            </Text>
          );
        },
      },
      {
        key: 'severity',
        label: t('issue.severity'),
        width: '84px',
        sort: 'severity',
        render: (r) => <SeverityBadge severity={r.severity} size="sm" />,
      },
      {
        key: 'status',
        label: t('issue.status'),
        width: '104px',
        sort: 'status',
        render: (r) => <StatusBadge status={r.status} size="sm" maw="100%" />,
      },
      {
        key: 'assignee',
        label: t('issue.assignee'),
        width: '84px',
        sort: 'assignee',
        render: (r) => (
          <Text size="sm" truncate c={r.assigneeName ? undefined : 'dimmed'}>
            {r.assigneeName ?? '—'}
          </Text>
        ),
      },
      {
        key: 'reportedAt',
        label: t('issue.reportedAt'),
        width: '92px',
        sort: 'reportedAt',
        render: (r) => <Text size="sm">{formatShort(r.reportedAt)}</Text>,
      },
      {
        key: 'due',
        label: t('issueList.due'),
        width: '112px',
        sort: 'resolutionDueAt',
        render: (r) =>
          r.overdue ? (
            <OverdueBadge kind={r.overdue} short size="sm" maw="100%" />
          ) : (
            <Text size="sm" c={r.resolvedAt ? 'dimmed' : undefined}>
              {formatShort(r.resolutionDueAt)}
            </Text>
          ),
      },
    ],
    [t],
  );
}

/** The sort a header click gives: the same column flips, another starts at its first direction. */
const sortBy = (key: IssueSortKey) =>
  setListState((s) => ({
    sort: { key, dir: s.sort.key === key ? (s.sort.dir === 'asc' ? 'desc' : 'asc') : firstDir(key) },
    scrollTop: 0,
  }));

/** P1 and blocking issues are tinted, overdue ones flagged. */
const marks = (r: IssueListRow) => ({ tinted: r.severity === 'P1' || r.blocking, flagged: !!r.overdue });

const saveScroll = (scrollTop: number) => setListState({ scrollTop });

export function IssueTable({
  onTotal,
  onToggleAll,
}: {
  onTotal: (total: number) => void;
  onToggleAll: () => void;
}) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const { filter, sort, selected, scrollTop } = useListState();
  const columns = useColumns();
  const open = useCallback((row: IssueListRow) => navigate(`/issues/${row.id}`), [navigate]);
  const rowLabel = useCallback((row: IssueListRow) => t('issueList.selectRow', { number: row.number }), [t]);

  return (
    <PagedGrid
      label={t('issue.title')}
      columns={columns}
      rowHeight={ROW_HEIGHT}
      pageSize={PAGE_SIZE}
      pageQuery={(offset, limit) => {
        const input = { filter, sort, offset, limit };
        return { queryKey: ['issues.list', input], queryFn: () => call('issues.list', input) };
      }}
      resetKey={JSON.stringify([filter, sort])}
      onOpen={open}
      selection={{
        selected,
        onToggle: toggle,
        onToggleAll,
        rowLabel,
        allLabel: t('issueList.selectAll'),
        cap: SELECT_CAP,
      }}
      sort={sort}
      onSort={sortBy}
      rowMarks={marks}
      // With no filter an empty list is an empty log: nothing to adjust (issue 12 §18).
      emptyText={!isFiltered(filter) ? t('issueList.emptyLog') : t('issueList.empty')}
      onTotal={onTotal}
      initialScrollTop={scrollTop}
      onLeave={saveScroll}
    />
  );
}
