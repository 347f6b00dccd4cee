// A domain's discrepancy items across all runs (open ones carried over day to day), and its runs.
import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { percent } from './badges.tsx';
import { ItemBrowser } from './ItemBrowser.tsx';

export function DomainItemsPage({ params }: { params: { id: string } }) {
  const { t } = useTranslation();
  const profile = useCall('reconcile.profile', { id: params.id });
  const runs = useCall('reconcile.runs', { profileId: params.id });
  if (!profile.data) return null;
  return (
    <Stack>
      <PageHeader title={t('dualRun.list.title', { domain: profile.data.domain })} />
      <Card withBorder p="xs">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('dualRun.detail.runs')}:
          </Text>
          {(runs.data ?? []).slice(0, 20).map((r) => (
            <Anchor
              key={r.id}
              component={Link}
              href={`/reconcile/runs/${r.id}`}
              size="sm"
              c={r.superseded ? 'dimmed' : undefined}
            >
              {r.businessDate}{' '}
              <Badge size="xs" variant="light" color={r.discrepancyCount ? 'orange' : 'teal'}>
                {percent(r.totalRows ? r.consistentRows / r.totalRows : 1)}
              </Badge>
            </Anchor>
          ))}
        </Group>
      </Card>
      <ItemBrowser profileId={params.id} domain={profile.data.domain} height="calc(100vh - 330px)" />
    </Stack>
  );
}
