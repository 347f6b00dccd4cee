import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUserQuestion, IconX } from '@tabler/icons-react';
import { Link } from 'wouter';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '#renderer/api/client.ts';
import { useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { BulkDialog } from './BulkDialog.tsx';
import { IssueFilters } from './IssueFilters.tsx';
import { IssueExportButton, IssueImportButton } from './IssueSheet.tsx';
import { IssueTable, SELECT_CAP } from './IssueTable.tsx';
import { setListState, useListState } from '#renderer/app/issue-list-state.ts';
import { useReference } from './reference.ts';

export function IssueListPage() {
  const { t } = useTranslation();
  const reference = useReference();
  // History entries name the operator; without one they show the laptop's id, which means nothing to anyone.
  const device = useCall('settings.getDevice');
  const { filter, selected } = useListState();
  const [total, setTotal] = useState<number | null>(null);
  // The issues the dialog acts on, fixed when it opens (the selection changes to the refused ones after).
  const [bulkIds, setBulkIds] = useState<string[] | null>(null);
  const [selecting, setSelecting] = useState(false);

  const toggleAll = useCallback(async () => {
    if (selected.size > 0) {
      setListState({ selected: new Set() });
      return;
    }
    setSelecting(true);
    try {
      const ids = await call('issues.ids', { filter });
      setListState({ selected: new Set(ids) });
    } finally {
      setSelecting(false);
    }
  }, [filter, selected.size]);

  return (
    <Stack gap="sm" h="calc(100dvh - 56px - 2 * var(--mantine-spacing-lg))">
      <PageHeader title={t('issue.title')}>
        <IssueImportButton />
        <IssueExportButton />
      </PageHeader>
      {device.data && !device.data.operator && (
        <Alert color="yellow" variant="light" py="xs" icon={<IconUserQuestion size={18} />}>
          <Group gap="xs">
            <Text size="sm">{t('issueList.noOperator')}</Text>
            <Anchor component={Link} href="/settings/issues" size="sm">
              {t('issueList.setOperator')}
            </Anchor>
          </Group>
        </Alert>
      )}
      <IssueFilters reference={reference} />
      <Group justify="space-between" mih={30}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {total === null ? t('common.loading') : t('issueList.count', { count: total })}
        </Text>
        {selected.size > 0 && (
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('issueList.selected', { count: selected.size })}
              {selected.size >= SELECT_CAP && total !== null && total > SELECT_CAP
                ? t('issueList.selectCap', { cap: SELECT_CAP })
                : ''}
            </Text>
            <Button
              size="compact-sm"
              leftSection={<IconCircleCheck size={14} />}
              onClick={() => setBulkIds([...selected])}
            >
              {t('issueList.bulkButton')}
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              leftSection={<IconX size={14} />}
              onClick={() => setListState({ selected: new Set() })}
            >
              {t('issueList.clearSelection')}
            </Button>
          </Group>
        )}
        {selecting && <Text size="sm">{t('common.loading')}</Text>}
      </Group>
      <IssueTable onTotal={setTotal} onToggleAll={() => void toggleAll()} />
      <BulkDialog
        ids={bulkIds ?? []}
        opened={bulkIds !== null}
        onClose={() => setBulkIds(null)}
        reference={reference}
      />
    </Stack>
  );
}
