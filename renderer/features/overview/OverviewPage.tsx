import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '#contract/index.ts';
import { useCall } from '#renderer/app/queries.ts';
import { StatCard } from '#renderer/components/StatCard.tsx';

function GoLiveCountdown({ date }: { date: string | null }) {
  const { t } = useTranslation();
  if (!date) return <Text c="dimmed">{t('project.noGoLive')}</Text>;
  const days = dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
  const label =
    days > 0
      ? t('project.daysToGoLive', { count: days })
      : days === 0
        ? t('project.goLiveToday')
        : t('project.goLivePassed', { count: -days });
  return (
    <Text fw={600} c={days < 0 ? 'red' : 'teal.8'}>
      {label}
    </Text>
  );
}

/**
 * `cards`: what other areas show on the overview (the issue counts), under the project card. Filled in by
 * the app (renderer/app/screens.tsx), so this feature imports none of them.
 */
export function OverviewPage({ info, cards }: { info: AppInfo; cards?: ReactNode }) {
  const { t } = useTranslation();
  const project = useCall('project.get');
  const departments = useCall('departments.list');
  const pilots = (departments.data ?? []).filter((d) => d.pilotPhase === 1);

  const stats: [string, number][] = [
    [t('nav.departments'), info.counts.departments],
    [t('overview.systems'), info.counts.systems],
    [t('system.modules'), info.counts.modules],
    [t('nav.people'), info.counts.people],
  ];

  return (
    <Stack gap="lg">
      <Title order={2}>{t('overview.title')}</Title>
      {project.data && (
        <Card withBorder>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {project.data.hospital}
              </Text>
              <Title order={3}>{project.data.name}</Title>
              <Text>
                {t('project.newSystem')}
                {t('common.colon')}
                {project.data.newSystem}
              </Text>
            </Stack>
            <Stack gap={4} align="flex-end">
              <Text size="sm" c="dimmed">
                {t('project.goLiveDate')}
                {t('common.colon')}
                {project.data.goLiveDate ?? '—'}
              </Text>
              <GoLiveCountdown date={project.data.goLiveDate} />
            </Stack>
          </Group>
        </Card>
      )}
      {cards}
      <Card withBorder>
        <Text fw={600} mb="sm">
          {t('overview.pilotDepartments')}
        </Text>
        {pilots.length === 0 ? (
          <Text c="dimmed">{t('overview.noPilot')}</Text>
        ) : (
          <Group gap="xs">
            {pilots.map((d) => (
              <Badge key={d.id} size="lg" variant="light">
                {d.name} · {d.code}
              </Badge>
            ))}
          </Group>
        )}
      </Card>
      <SimpleGrid cols={4}>
        {stats.map(([label, value]) => (
          <StatCard key={label} label={label} value={value} size="md" />
        ))}
      </SimpleGrid>
      <Card withBorder>
        <Stack gap={4}>
          <Text size="sm">
            <Text span c="dimmed">
              {t('overview.replica')}
              {t('common.colon')}
            </Text>
            {info.replicaLabel ?? info.replicaId}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('overview.database')}
              {t('common.colon')}
            </Text>
            {info.dbPath}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('overview.schemaVersion')}
              {t('common.colon')}
            </Text>
            {info.schemaVersion}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
