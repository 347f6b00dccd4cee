// On an issue's detail page: the discrepancy items it was raised from (the other half of the link).
import { Anchor, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCall } from '#renderer/app/queries.ts';

export function IssueOrigins({ issueId }: { issueId: string }) {
  const { t } = useTranslation();
  const origins = useCall('reconcile.issueOrigins', { issueId });
  if (!origins.data?.length) return null;
  return (
    <Card withBorder role="region" aria-label={t('dualRun.issue.origins')}>
      <Text fw={600} size="sm" mb={4}>
        {t('dualRun.issue.origins')}
      </Text>
      <Stack gap={2}>
        {origins.data.map((o) => (
          <Anchor key={o.itemId} component={Link} href={`/reconcile/domains/${o.profileId}`} size="sm">
            {t('dualRun.issue.originLine', {
              domain: o.domain,
              key: o.key.join(' / '),
              what: o.column ?? t(`dualRun.kinds.${o.kind}`),
              from: o.firstSeenDate,
            })}{' '}
            · {t(`dualRun.statuses.${o.status}`)}
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}
