// The issue list as a virtualised grid: only the rows on screen exist in the DOM, and they are fetched
// from issues.list a page at a time for the part of the list that is visible, so 100,000 issues scroll as
// smoothly as 100 (issue 3, "Lists"). Jumping with the scrollbar fetches only the pages landed on.
import { Anchor, Box, Checkbox, Group, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { IssueListRow, IssueSortKey } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import {
  BlockingBadge,
  OverdueBadge,
  SeverityBadge,
  StatusBadge,
} from '#renderer/components/IssueBadges.tsx';
import { formatShort } from '#renderer/components/format.ts';
import { setListState, useListState, type IssueSort } from '#renderer/app/issue-list-state.ts';
import classes from './IssueTable.module.css';

export const PAGE_SIZE = 100;
const ROW_HEIGHT = 42;

interface Column {
  key: string;
  label: string;
  width: string;
  sort?: IssueSortKey;
  render: (row: IssueListRow) => ReactNode;
}

function SortIcon({ column, sort }: { column?: IssueSortKey; sort: IssueSort }) {
  if (!column) return null;
  if (sort.key !== column) return <IconArrowsSort size={13} className={classes.sortIdle} />;
  return sort.dir === 'asc' ? <IconArrowUp size={13} /> : <IconArrowDown size={13} />;
}

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

/** The columns; built once per language so the memoised rows below do not re-render while scrolling. */
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

interface RowProps {
  row: IssueListRow;
  index: number;
  start: number;
  size: number;
  template: string;
  selected: boolean;
  columns: Column[];
  onOpen: (id: string) => void;
}

/** One issue row. Memoised: while scrolling only the rows that come into view render. */
const IssueRow = memo(function IssueRow({
  row,
  index,
  start,
  size,
  template,
  selected,
  columns,
  onOpen,
}: RowProps) {
  const { t } = useTranslation();
  return (
    <div
      className={classes.row}
      style={{ gridTemplateColumns: template, height: size, transform: `translateY(${start}px)` }}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected || undefined}
      data-overdue={row.overdue ? true : undefined}
      data-urgent={row.severity === 'P1' || row.blocking || undefined}
      onClick={() => onOpen(row.id)}
    >
      <div role="cell" className={classes.checkCell} onClick={(e) => e.stopPropagation()}>
        <Checkbox
          size="xs"
          aria-label={t('issueList.selectRow', { number: row.number })}
          checked={selected}
          onChange={() => toggle(row.id)}
        />
      </div>
      {columns.map((c) => (
        <div key={c.key} role="cell" className={classes.cell}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
});

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
  const parentRef = useRef<HTMLDivElement>(null);
  const scrollPosition = useRef(scrollTop);
  const queryKey = JSON.stringify([filter, sort]);
  // The last known total stays while the next filter's first page loads, so the grid does not flash empty.
  const [total, setTotal] = useState<number | null>(null);

  // The virtualizer's functions are read fresh on every render here, which is what the compiler warns about.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: scrollTop,
  });
  // Pages of the visible range; before the first answer, page 0.
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE_SIZE);
  const lastPage = Math.floor((items.at(-1)?.index ?? 0) / PAGE_SIZE);
  const pages: number[] = [];
  for (let p = firstPage; p <= lastPage; p++) pages.push(p);
  const results = useQueries({
    queries: pages.map((page) => {
      const input = { filter, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
      return { queryKey: ['issues.list', input], queryFn: () => call('issues.list', input) };
    }),
  });
  const known = results.find((r) => r.data)?.data?.total;
  const error = results.find((r) => r.error)?.error;
  useEffect(() => {
    if (known === undefined) return;
    setTotal(known);
    onTotal(known);
  }, [known, onTotal]);

  // A new filter or sort starts at the top; the first render restores where the user was.
  const firstRender = useRef(true);
  useLayoutEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    parentRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);
  useEffect(
    () => () => {
      setListState({ scrollTop: scrollPosition.current });
    },
    [],
  );

  const rowAt = (index: number): IssueListRow | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    return results[page - firstPage]?.data?.rows[index % PAGE_SIZE];
  };

  const columns = useColumns();
  const template = ['36px', ...columns.map((c) => c.width)].join(' ');
  const open = useCallback((id: string) => navigate(`/issues/${id}`), [navigate]);
  const gridStyle: CSSProperties = { gridTemplateColumns: template };
  const allSelected = total !== null && total > 0 && selected.size >= Math.min(total, 5000);

  return (
    <div
      ref={parentRef}
      className={classes.scroller}
      onScroll={(e) => (scrollPosition.current = e.currentTarget.scrollTop)}
      role="table"
      aria-label={t('issue.title')}
      aria-rowcount={(total ?? 0) + 1}
    >
      <div className={classes.header} style={gridStyle} role="row" aria-rowindex={1}>
        <div role="columnheader" className={classes.checkCell}>
          <Checkbox
            size="xs"
            aria-label={t('issueList.selectAll')}
            checked={allSelected}
            indeterminate={selected.size > 0 && !allSelected}
            disabled={!total}
            onChange={onToggleAll}
          />
        </div>
        {columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={classes.headerCell}
            title={c.label}
            aria-sort={
              c.sort && sort.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
            }
          >
            {c.sort ? (
              <UnstyledButton
                className={classes.sortButton}
                onClick={() =>
                  setListState({
                    sort: {
                      key: c.sort!,
                      dir: sort.key === c.sort ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDir(c.sort!),
                    },
                    scrollTop: 0,
                  })
                }
              >
                <span>{c.label}</span>
                <SortIcon column={c.sort} sort={sort} />
              </UnstyledButton>
            ) : (
              <span className={classes.plainHeader}>{c.label}</span>
            )}
          </div>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const style: CSSProperties = {
            ...gridStyle,
            height: item.size,
            transform: `translateY(${item.start}px)`,
          };
          if (!row) return <LoadingRow key={item.key} style={style} index={item.index} />;
          return (
            <IssueRow
              key={item.key}
              row={row}
              index={item.index}
              start={item.start}
              size={item.size}
              template={template}
              selected={selected.has(row.id)}
              columns={columns}
              onOpen={open}
            />
          );
        })}
      </div>
      {total === 0 && (
        <Text c="dimmed" ta="center" py="xl">
          {t('issueList.empty')}
        </Text>
      )}
      {error && (
        <Text c="red" ta="center" py="xl">
          {error.message}
        </Text>
      )}
    </div>
  );
}

/** A row of a virtualised grid (this table's layout) whose page is still loading. */
export function LoadingRow({ style, index }: { style: CSSProperties; index: number }) {
  return (
    <div className={classes.row} style={style} role="row" aria-busy="true">
      <div />
      <Box style={{ gridColumn: '2 / -1' }} pr="md">
        <Skeleton height={10} radius="sm" width={`${40 + ((index * 37) % 50)}%`} />
      </Box>
    </div>
  );
}
