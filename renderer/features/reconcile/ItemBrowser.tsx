// The discrepancy list of a domain (optionally as of one business date): filters, the kit's paged grid that
// fetches the visible pages only (20,000 items scroll like 20), selection for bulk triage, export for the
// vendor, and a drawer to triage one item or raise a pilot issue from it.
import {
  Badge,
  Box,
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { discrepancyKinds, itemStatuses, type DiscrepancyItem, type ItemFilter } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { useCall } from '#renderer/app/queries.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { formatNumber } from '#renderer/components/format.ts';
import { PagedGrid, type GridColumn } from '#renderer/components/PagedGrid.tsx';
import { ItemStatusBadge, KindBadge } from './badges.tsx';
import { ItemDrawer, TriageDialog } from './Triage.tsx';

const PAGE = 100;
const ROW_HEIGHT = 40;

type Filter = Omit<ItemFilter, 'profileId'>;

/** The columns; built once per language so the grid's memoised rows do not re-render while scrolling. */
function useColumns(): GridColumn<DiscrepancyItem>[] {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        key: 'key',
        label: t('dualRun.item.key'),
        // Wide enough for a hospital's 18-character visit or charge number (issue 12 §15); a longer
        // composite key shows in full on hover.
        width: 'minmax(190px, 1.6fr)',
        render: (r) => (
          <Text size="xs" ff="monospace" truncate title={r.key.join(' / ')}>
            {r.key.join(' / ')}
          </Text>
        ),
      },
      {
        key: 'kind',
        label: t('dualRun.item.kind'),
        width: '118px',
        render: (r) => <KindBadge kind={r.kind} size="sm" />,
      },
      {
        key: 'column',
        label: t('dualRun.item.column'),
        width: '110px',
        render: (r) => (
          <Text size="sm" truncate title={r.column ?? undefined}>
            {r.column ?? '—'}
          </Text>
        ),
      },
      {
        key: 'old',
        label: t('dualRun.item.oldValue'),
        width: 'minmax(90px, 1fr)',
        render: (r) => (
          <Text size="sm" truncate title={r.oldValue ?? ''}>
            {r.oldValue ?? '—'}
          </Text>
        ),
      },
      {
        key: 'new',
        label: t('dualRun.item.newValue'),
        width: 'minmax(90px, 1fr)',
        render: (r) => (
          <Text size="sm" truncate title={r.newValue ?? ''}>
            {r.newValue ?? '—'}
          </Text>
        ),
      },
      {
        key: 'age',
        label: t('dualRun.item.age'),
        width: '120px',
        render: (r) => (
          <Group gap={4} wrap="nowrap">
            <Text size="sm" c={r.status === 'open' && r.ageDays > 2 ? 'red' : undefined}>
              {t('dualRun.item.ageDays', { count: r.ageDays })}
            </Text>
            {r.notReproduced && (
              <Tooltip label={t('dualRun.item.notReproducedHint', { date: r.lastSeenDate })}>
                <Badge size="xs" variant="light" color="gray">
                  {t('dualRun.item.notReproduced')}
                </Badge>
              </Tooltip>
            )}
          </Group>
        ),
      },
      {
        key: 'status',
        label: t('dualRun.item.status'),
        width: '88px',
        render: (r) => <ItemStatusBadge status={r.status} size="sm" />,
      },
      {
        key: 'cause',
        label: t('dualRun.item.cause'),
        width: '120px',
        render: (r) => (
          <Text size="sm" truncate c={r.cause ? undefined : 'dimmed'}>
            {r.cause ? t(`dualRun.causes.${r.cause}`) : '—'}
          </Text>
        ),
      },
      {
        key: 'issue',
        label: t('dualRun.item.issue'),
        width: '84px',
        render: (r) => (
          <Text size="sm" ff="monospace" c={r.issueNumber ? undefined : 'dimmed'}>
            {r.issueNumber ?? '—'}
          </Text>
        ),
      },
    ],
    [t],
  );
}

export function ItemBrowser({
  profileId,
  domain,
  seenOn,
  height = 'calc(100vh - 420px)',
}: {
  profileId: string;
  domain: string;
  seenOn?: string;
  height?: string;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>({ seen: 'all' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [triaging, setTriaging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const columnsOfDomain = useCall('reconcile.itemColumns', { profileId });
  const full: ItemFilter = { ...filter, profileId, ...(seenOn ? { seenOn } : {}) };
  const key = JSON.stringify(full);
  const [total, setTotal] = useState<number | null>(null);

  // Another filter: the selection belonged to the old result (set during render, React's pattern for
  // state that follows a prop; the grid itself goes back to the top).
  const [selectionKey, setSelectionKey] = useState(key);
  if (selectionKey !== key) {
    setSelectionKey(key);
    setSelected(new Set());
  }

  const columns = useColumns();
  const open = useCallback((row: DiscrepancyItem) => setOpenId(row.id), []);
  const rowLabel = useCallback(
    (row: DiscrepancyItem) => {
      const label = row.key.join(' / ');
      return t('dualRun.list.selectRow', { key: row.column ? `${label} ${row.column}` : label });
    },
    [t],
  );
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const toggleAll = async () => {
    if (selected.size) return setSelected(new Set());
    setSelected(new Set(await call('reconcile.itemIds', { filter: full })));
  };
  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(true);
    try {
      const file = await call('reconcile.export', { filter: full, format });
      download(
        base64ToBlob(
          file.contentBase64,
          format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ),
        file.fileName,
      );
      notifications.show({ color: 'teal', message: t('dualRun.list.exported', { count: file.count }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('common.error'), message: (error as Error).message });
    } finally {
      setExporting(false);
    }
  };
  const n = (value: number) => formatNumber(value, i18n.language);

  return (
    <Box>
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <MultiSelect
          label={t('dualRun.list.status')}
          w={200}
          size="xs"
          clearable
          data={itemStatuses.map((s) => ({ value: s, label: t(`dualRun.statuses.${s}`) }))}
          value={filter.statuses ?? []}
          onChange={(v) =>
            setFilter((f) => ({ ...f, statuses: v.length ? (v as Filter['statuses']) : undefined }))
          }
        />
        <MultiSelect
          label={t('dualRun.list.kind')}
          w={200}
          size="xs"
          clearable
          data={discrepancyKinds.map((k) => ({ value: k, label: t(`dualRun.kinds.${k}`) }))}
          value={filter.kinds ?? []}
          onChange={(v) => setFilter((f) => ({ ...f, kinds: v.length ? (v as Filter['kinds']) : undefined }))}
        />
        <MultiSelect
          label={t('dualRun.list.column')}
          w={180}
          size="xs"
          clearable
          data={columnsOfDomain.data ?? []}
          value={filter.columns ?? []}
          onChange={(v) => setFilter((f) => ({ ...f, columns: v.length ? v : undefined }))}
        />
        <div>
          <Text size="xs" fw={500} mb={2}>
            {t('dualRun.list.seen')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={t('dualRun.list.seen')}
            data={(['all', 'current', 'not_reproduced'] as const).map((s) => ({
              value: s,
              label: t(`dualRun.list.seenOptions.${s}`),
            }))}
            value={filter.seen ?? 'all'}
            onChange={(v) => setFilter((f) => ({ ...f, seen: v as Filter['seen'] }))}
          />
        </div>
        <TextInput
          size="xs"
          w={180}
          label={t('dualRun.list.text')}
          leftSection={<IconSearch size={14} />}
          value={filter.text ?? ''}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setFilter((f) => ({ ...f, text: text || undefined }));
          }}
        />
      </Group>
      <Group justify="space-between" mb={6}>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="item-total">
          {total === null ? '…' : t('dualRun.list.total', { count: total, formatted: n(total) })}
          {selected.size > 0 && ` · ${t('dualRun.list.selected', { count: selected.size })}`}
        </Text>
        <Group gap="xs">
          <Button size="xs" disabled={!selected.size} onClick={() => setTriaging(true)}>
            {t('dualRun.list.triage')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            loading={exporting}
            onClick={() => void exportAs('xlsx')}
          >
            {t('dualRun.list.exportXlsx')}
          </Button>
          <Button size="xs" variant="default" loading={exporting} onClick={() => void exportAs('csv')}>
            {t('dualRun.list.exportCsv')}
          </Button>
        </Group>
      </Group>
      <PagedGrid
        label={t('dualRun.list.title', { domain })}
        columns={columns}
        rowHeight={ROW_HEIGHT}
        pageSize={PAGE}
        pageQuery={(offset, limit) => {
          const input = { filter: full, sort: { key: 'age' as const, dir: 'desc' as const }, offset, limit };
          return { queryKey: ['reconcile.items', input], queryFn: () => call('reconcile.items', input) };
        }}
        resetKey={key}
        onOpen={open}
        selection={{
          selected,
          onToggle: toggle,
          onToggleAll: () => void toggleAll(),
          rowLabel,
          allLabel: t('dualRun.list.selectAll'),
        }}
        emptyText={t('dualRun.list.empty')}
        onTotal={setTotal}
        style={{ height, minHeight: 240 }}
      />
      <TriageDialog
        ids={[...selected]}
        opened={triaging}
        onClose={(done) => {
          setTriaging(false);
          if (done) setSelected(new Set());
        }}
      />
      <ItemDrawer id={openId} domain={domain} onClose={() => setOpenId(null)} />
    </Box>
  );
}
