// On an issue's page (slot filled in renderer/app/screens.tsx): the requests it is linked to, or the button
// that converts it into a request in one step.
import { Anchor, Button, Group } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useAction, useCall } from '#renderer/app/queries.ts';

export function IssueRequests({ issueId }: { issueId: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const linked = useCall('requests.forIssue', { issueId });
  const convert = useAction('requests.fromIssue', {
    successMessage: t('requests.fromIssueDone'),
    onSuccess: (r) => navigate(`/requests/${r.id}`),
  });
  if (!linked.data) return null;
  if (linked.data.length) {
    return (
      <Group gap={6}>
        {linked.data.map((r) => (
          <Anchor key={r.id} component={Link} href={`/requests/${r.id}`} size="sm">
            {t('requests.linkedRequests')}
            {t('common.colon')}
            {r.title}
          </Anchor>
        ))}
      </Group>
    );
  }
  return (
    <Button
      variant="default"
      size="sm"
      leftSection={<IconArrowsExchange size={16} />}
      loading={convert.isPending}
      onClick={() => convert.mutate({ issueId })}
    >
      {t('requests.fromIssue')}
    </Button>
  );
}
