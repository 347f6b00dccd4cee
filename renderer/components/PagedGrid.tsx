// A virtualised grid over a paged list: only the rows on screen exist in the DOM, and they are fetched a
// page at a time for the part of the list that is visible, so 100,000 rows scroll as smoothly as 100.
// Jumping with the scrollbar fetches only the pages landed on. The issue list and the discrepancy list use
// it; what differs (columns, the query of one page, what a click opens, selection, sort) comes in as props.
import { Box, Checkbox, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import classes from './PagedGrid.module.css';

export interface GridColumn<Row, SortKey extends string = string> {
  key: string;
  label: string;
  /** A CSS grid track: '84px', 'minmax(140px, 1fr)'. */
  width: string;
  /** Sortable by this key: the header becomes a button. */
  sort?: SortKey;
  render: (row: Row) => ReactNode;
}

export interface GridSort<SortKey extends string = string> {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** What the query of one page returns. */
export interface GridPage<Row> {
  rows: Row[];
  total: number;
}

export interface GridSelection<Row> {
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  /** Accessible names of a row's checkbox and of the header's select-all one. */
  rowLabel: (row: Row) => string;
  allLabel: string;
  /** Select-all shows as checked from this many selected (a cap on bulk actions), when the total is larger. */
  cap?: number;
}

/**
 * Rows re-render only when their row, selection or position changes, so `columns`, `onOpen`,
 * `selection.onToggle`, `selection.rowLabel` and `rowMarks` should be stable (module level, useMemo or
 * useCallback), the columns built once per language.
 */
export interface PagedGridProps<Row extends { id: string }, SortKey extends string> {
  /** The table's accessible name. */
  label: string;
  columns: GridColumn<Row, SortKey>[];
  rowHeight: number;
  pageSize?: number;
  /** The react-query options of the page at `offset`; the key includes whatever filters the list. */
  pageQuery: (
    offset: number,
    limit: number,
  ) => { queryKey: readonly unknown[]; queryFn: () => Promise<GridPage<Row>> };
  /** Changes with the filter and the sort: the grid goes back to the top. */
  resetKey: string;
  /** A click on a row (not on its checkbox). */
  onOpen: (row: Row) => void;
  selection: GridSelection<Row>;
  sort?: GridSort<SortKey>;
  onSort?: (key: SortKey) => void;
  /** `tinted`: a red background, needs attention first; `flagged`: a red edge on the left. */
  rowMarks?: (row: Row) => { tinted?: boolean; flagged?: boolean };
  emptyText: string;
  /** The total, once known and whenever it changes. */
  onTotal?: (total: number) => void;
  /** Where to start scrolled to, and where the user was when the grid goes away (to come back there). */
  initialScrollTop?: number;
  onLeave?: (scrollTop: number) => void;
  /** Style of the scroll box, e.g. a fixed height; by default it fills the rest of a flex column. */
  style?: CSSProperties;
}

function SortIcon<K extends string>({ column, sort }: { column?: K; sort?: GridSort<K> }) {
  if (!column) return null;
  if (sort?.key !== column) return <IconArrowsSort size={13} className={classes.sortIdle} />;
  return sort.dir === 'asc' ? <IconArrowUp size={13} /> : <IconArrowDown size={13} />;
}

interface RowProps<Row> {
  row: Row;
  id: string;
  index: number;
  start: number;
  size: number;
  template: string;
  selected: boolean;
  checkboxLabel: string;
  tinted?: boolean;
  flagged?: boolean;
  columns: GridColumn<Row, string>[];
  onOpen: (row: Row) => void;
  onToggle: (id: string) => void;
}

/** One row. Memoised: while scrolling only the rows that come into view render. */
const GridRow = memo(function GridRow<Row>({
  row,
  id,
  index,
  start,
  size,
  template,
  selected,
  checkboxLabel,
  tinted,
  flagged,
  columns,
  onOpen,
  onToggle,
}: RowProps<Row>) {
  return (
    <div
      className={classes.row}
      style={{ gridTemplateColumns: template, height: size, transform: `translateY(${start}px)` }}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected || undefined}
      data-flagged={flagged || undefined}
      data-tinted={tinted || undefined}
      onClick={() => onOpen(row)}
    >
      <div role="cell" className={classes.checkCell} onClick={(e) => e.stopPropagation()}>
        <Checkbox size="xs" aria-label={checkboxLabel} checked={selected} onChange={() => onToggle(id)} />
      </div>
      {columns.map((c) => (
        <div key={c.key} role="cell" className={classes.cell}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <Row>(props: RowProps<Row>) => ReactNode;

/** A row whose page is still loading. */
function LoadingRow({ style, index }: { style: CSSProperties; index: number }) {
  return (
    <div className={classes.row} style={style} role="row" aria-busy="true">
      <div />
      <Box style={{ gridColumn: '2 / -1' }} pr="md">
        <Skeleton height={10} radius="sm" width={`${40 + ((index * 37) % 50)}%`} />
      </Box>
    </div>
  );
}

export function PagedGrid<Row extends { id: string }, SortKey extends string = string>({
  label,
  columns,
  rowHeight,
  pageSize = 100,
  pageQuery,
  resetKey,
  onOpen,
  selection,
  sort,
  onSort,
  rowMarks,
  emptyText,
  onTotal,
  initialScrollTop = 0,
  onLeave,
  style,
}: PagedGridProps<Row, SortKey>) {
  const parentRef = useRef<HTMLDivElement>(null);
  const scrollPosition = useRef(initialScrollTop);
  // The last known total stays while the next filter's first page loads, so the grid does not flash empty.
  const [total, setTotal] = useState<number | null>(null);

  // The virtualizer's functions are read fresh on every render here, which is what the compiler warns about.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parentRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialOffset: initialScrollTop,
  });
  // Pages of the visible range; before the first answer, page 0.
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / pageSize);
  const lastPage = Math.floor((items.at(-1)?.index ?? 0) / pageSize);
  const pages: number[] = [];
  for (let p = firstPage; p <= lastPage; p++) pages.push(p);
  const results = useQueries({ queries: pages.map((page) => pageQuery(page * pageSize, pageSize)) });
  const known = results.find((r) => r.data)?.data?.total;
  const error = results.find((r) => r.error)?.error;
  useEffect(() => {
    if (known === undefined) return;
    setTotal(known);
    onTotal?.(known);
  }, [known, onTotal]);

  // A new filter or sort starts at the top; the first render keeps the initial position.
  const firstRender = useRef(true);
  useLayoutEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    parentRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);
  // Read when the grid goes away, not when it was first rendered.
  const leave = useRef(onLeave);
  useEffect(() => {
    leave.current = onLeave;
  }, [onLeave]);
  useEffect(() => () => leave.current?.(scrollPosition.current), []);

  const rowAt = (index: number): Row | undefined =>
    results[Math.floor(index / pageSize) - firstPage]?.data?.rows[index % pageSize];

  const template = ['36px', ...columns.map((c) => c.width)].join(' ');
  const gridStyle: CSSProperties = { gridTemplateColumns: template };
  const { selected } = selection;
  const allSelected = total !== null && total > 0 && selected.size >= Math.min(total, selection.cap ?? total);

  return (
    <div
      ref={parentRef}
      className={classes.scroller}
      style={style}
      onScroll={(e) => (scrollPosition.current = e.currentTarget.scrollTop)}
      role="table"
      aria-label={label}
      aria-rowcount={(total ?? 0) + 1}
    >
      <div className={classes.header} style={gridStyle} role="row" aria-rowindex={1}>
        <div role="columnheader" className={classes.checkCell}>
          <Checkbox
            size="xs"
            aria-label={selection.allLabel}
            checked={allSelected}
            indeterminate={selected.size > 0 && !allSelected}
            disabled={!total}
            onChange={selection.onToggleAll}
          />
        </div>
        {columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={classes.headerCell}
            title={c.label}
            aria-sort={
              c.sort && sort?.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
            }
          >
            {c.sort && onSort ? (
              <UnstyledButton className={classes.sortButton} onClick={() => onSort(c.sort!)}>
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
          if (!row) {
            const loadingStyle: CSSProperties = {
              ...gridStyle,
              height: item.size,
              transform: `translateY(${item.start}px)`,
            };
            return <LoadingRow key={item.key} style={loadingStyle} index={item.index} />;
          }
          const marks = rowMarks?.(row);
          return (
            <GridRow
              key={item.key}
              row={row}
              id={row.id}
              index={item.index}
              start={item.start}
              size={item.size}
              template={template}
              selected={selected.has(row.id)}
              checkboxLabel={selection.rowLabel(row)}
              tinted={marks?.tinted}
              flagged={marks?.flagged}
              columns={columns as GridColumn<Row, string>[]}
              onOpen={onOpen}
              onToggle={selection.onToggle}
            />
          );
        })}
      </div>
      {total === 0 && (
        <Text c="dimmed" ta="center" py="xl">
          {emptyText}
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
