// 冲突: fields two laptops changed concurrently. Every version side by side (value, who, which device,
// when); keeping one is an ordinary edit that travels to the other laptops with the next sync.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Conflict, ConflictVersion } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import { deviceName, fieldLabel, formatValue, tableLabel } from './format.ts';

function Version({
  conflict,
  version,
  shown,
  ownId,
}: {
  conflict: Conflict;
  version: ConflictVersion;
  shown: boolean;
  ownId: string | undefined;
}) {
  const { t } = useTranslation();
  const device = deviceName(t, { id: version.replicaId, label: version.replicaLabel });
  const keep = useAction('sync.resolveConflict', { successMessage: t('sync.conflicts.kept') });
  const meta: [string, string][] = [
    [t('sync.conflicts.author'), version.author ?? '—'],
    [
      t('sync.conflicts.device'),
      version.replicaId === ownId ? t('sync.conflicts.thisLaptop', { name: device }) : device,
    ],
    [t('sync.conflicts.at'), formatDateTime(version.at)],
  ];
  const label = shown ? t('sync.conflicts.shown') : t('sync.conflicts.other');
  return (
    <Card withBorder padding="sm" bg={shown ? 'gray.0' : undefined} role="group" aria-label={label}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={6}>
          <Badge variant={shown ? 'filled' : 'light'} color={shown ? 'teal' : 'orange'} radius="sm">
            {label}
          </Badge>
          <Text fw={600} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {formatValue(t, conflict, version)}
          </Text>
          {meta.map(([k, v]) => (
            <Text key={k} size="xs" c="dimmed">
              {k}
              {t('common.colon')}
              {v}
            </Text>
          ))}
        </Stack>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconCheck size={14} />}
          loading={keep.isPending}
          onClick={() =>
            keep.mutate({
              tableName: conflict.tableName,
              rowId: conflict.rowId,
              field: conflict.field,
              keepChangeId: version.changeId,
            })
          }
          w="fit-content"
        >
          {t('sync.conflicts.keep')}
        </Button>
      </Stack>
    </Card>
  );
}

function ConflictCard({ conflict, ownId }: { conflict: Conflict; ownId: string | undefined }) {
  const { t } = useTranslation();
  const field = fieldLabel(t, conflict);
  const record =
    conflict.table === 'pilotIssue' ? (
      <Anchor component={Link} href={`/issues/${conflict.rowId}`} fw={600}>
        {conflict.record}
      </Anchor>
    ) : (
      <Text span fw={600}>
        {conflict.record}
      </Text>
    );
  const versions = [conflict.shown, ...conflict.others];
  return (
    <Card
      withBorder
      component="article"
      aria-label={t('sync.conflicts.field', { record: conflict.record, field })}
    >
      <Group gap="xs" mb="sm" wrap="wrap">
        <Badge variant="outline" color="gray" radius="sm">
          {tableLabel(t, conflict.table)}
        </Badge>
        {record}
        <Text span c="dimmed">
          ·
        </Text>
        <Text span fw={600}>
          {field}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: Math.min(versions.length, 3) }} spacing="sm">
        {versions.map((v, i) => (
          <Version key={v.changeId} conflict={conflict} version={v} shown={i === 0} ownId={ownId} />
        ))}
      </SimpleGrid>
    </Card>
  );
}

export function ConflictsInbox() {
  const { t } = useTranslation();
  const conflicts = useCall('sync.conflicts');
  const status = useCall('sync.status');
  if (!conflicts.data) return null;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('sync.conflicts.intro')}
      </Text>
      {conflicts.data.length === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />}>
          {t('sync.conflicts.empty')}
        </Alert>
      ) : (
        conflicts.data.map((c) => (
          <ConflictCard
            key={`${c.tableName}/${c.rowId}/${c.field}`}
            conflict={c}
            ownId={status.data?.replica.id}
          />
        ))
      )}
    </Stack>
  );
}
