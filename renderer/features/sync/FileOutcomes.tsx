// One row per sync file: an import preview, an import result and the import log all show the same things
// (which file, from which device, exported when, what happened, and the counts or the refusal).
import { Badge, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FileOutcome, ImportCounts, RemovedRecord, SyncError } from '#contract/index.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import { countParts, syncErrorMessage } from './format.ts';

export interface FileRow {
  key: string;
  file: string;
  device: string;
  exportedAt: string | null;
  importedAt?: string;
  encrypted?: boolean;
  outcome: FileOutcome;
  counts: ImportCounts | null;
  error: SyncError | null;
  /** What the file deletes or hides, children included (import preview and result only). */
  removed?: RemovedRecord[];
  removedByTable?: Record<string, number>;
}

const colors: Record<FileOutcome, string> = { imported: 'teal', already_seen: 'gray', refused: 'red' };

export function OutcomeBadge({ outcome, done }: { outcome: FileOutcome; done: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[outcome]} variant={outcome === 'refused' ? 'filled' : 'light'} radius="sm">
      {t(done ? `sync.import.outcomesDone.${outcome}` : `sync.import.outcomes.${outcome}`)}
    </Badge>
  );
}

function When({ iso }: { iso: string | null }) {
  return (
    <Text size="sm" c={iso ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
      {iso ? formatDateTime(iso) : '—'}
    </Text>
  );
}

function Details({ row, done }: { row: FileRow; done: boolean }) {
  const { t } = useTranslation();
  if (row.error) {
    return (
      <Text size="sm" c="red.8" style={{ overflowWrap: 'anywhere' }}>
        {syncErrorMessage(t, row.error)}
      </Text>
    );
  }
  if (row.outcome === 'already_seen') {
    return (
      <Text size="sm" c="dimmed">
        {t('sync.import.alreadySeen')}
      </Text>
    );
  }
  const parts = row.counts ? countParts(t, row.counts) : [];
  const removed = row.removed ?? [];
  const more = (row.counts?.deletedRecords ?? 0) - removed.length;
  return (
    <Stack gap={4}>
      <Text size="sm" c={parts.length ? undefined : 'dimmed'}>
        {parts.length ? parts.join(' · ') : t('sync.import.noChanges')}
      </Text>
      {removed.length > 0 && (
        <Removed removed={removed} byTable={row.removedByTable ?? {}} more={more} done={done} />
      )}
    </Stack>
  );
}

/** Every record a file deletes or hides, by name: a count alone hid a whole log behind "deleted 9". */
function Removed({
  removed,
  byTable,
  more,
  done,
}: {
  removed: RemovedRecord[];
  byTable: Record<string, number>;
  more: number;
  done: boolean;
}) {
  const { t } = useTranslation();
  const tableName = (table: string) => t(`sync.import.removedTables.${table}`, { defaultValue: table });
  return (
    <div>
      <Text size="xs" fw={600} c="red.8">
        {t(done ? 'sync.import.removedTitleDone' : 'sync.import.removedTitle')}
      </Text>
      <Text size="xs" fw={600}>
        {Object.entries(byTable)
          .map(([table, count]) => `${tableName(table)} ${count.toLocaleString()}`)
          .join(' · ')}
      </Text>
      <ScrollArea.Autosize mah={140} type="auto" aria-label={t('sync.import.removedTitle')}>
        {removed.map((r) => (
          <Text key={`${r.table}-${r.id}`} size="xs" style={{ overflowWrap: 'anywhere' }}>
            {tableName(r.table)} {r.label ?? r.id.slice(-8)}
          </Text>
        ))}
        {more > 0 && (
          <Text size="xs" c="dimmed">
            {t('sync.import.removedMore', { count: more })}
          </Text>
        )}
      </ScrollArea.Autosize>
    </div>
  );
}

export function FileOutcomes({
  rows,
  done,
  totals,
  label,
}: {
  rows: FileRow[];
  /** Past tense (已导入) for results and the log; future (将导入) for a preview. */
  done: boolean;
  totals?: ImportCounts;
  label: string;
}) {
  const { t } = useTranslation();
  const withImportedAt = rows.some((r) => r.importedAt);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={label} verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sync.import.file')}</Table.Th>
            <Table.Th w={130}>{t('sync.import.from')}</Table.Th>
            <Table.Th w={136}>{t('sync.import.exportedAt')}</Table.Th>
            {withImportedAt && <Table.Th w={136}>{t('sync.log.importedAt')}</Table.Th>}
            <Table.Th w={116}>{t('sync.import.outcome')}</Table.Th>
            <Table.Th w="26%">{t('sync.import.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} bg={row.outcome === 'refused' ? 'red.0' : undefined}>
              <Table.Td>
                <Group gap={4} wrap="nowrap" align="flex-start">
                  {row.encrypted && (
                    <IconLock
                      size={14}
                      aria-label={t('sync.import.encrypted')}
                      style={{ flexShrink: 0, marginTop: 3 }}
                    />
                  )}
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {row.file}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={row.device ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                  {row.device || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <When iso={row.exportedAt} />
              </Table.Td>
              {withImportedAt && (
                <Table.Td>
                  <When iso={row.importedAt ?? null} />
                </Table.Td>
              )}
              <Table.Td>
                <OutcomeBadge outcome={row.outcome} done={done} />
              </Table.Td>
              <Table.Td>
                <Details row={row} done={done} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {totals && rows.filter((r) => r.counts).length > 1 && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={withImportedAt ? 5 : 4}>{t('sync.import.total')}</Table.Th>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {countParts(t, totals).join(' · ') || t('sync.import.noChanges')}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
