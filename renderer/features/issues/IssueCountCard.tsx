import { Anchor, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { IssueFilter } from '#contract/index.ts';
import { useCall } from '#renderer/app/queries.ts';
import { setFilter } from '#renderer/app/issue-list-state.ts';

/** Overview card: open and overdue issue counts, each a shortcut to the list with that filter. */
export function IssueCountCard() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const open = useCall('issues.list', { filter: { onlyOpen: true }, limit: 1 });
  const overdue = useCall('issues.list', { filter: { overdue: true }, limit: 1 });
  const go = (filter: IssueFilter) => {
    setFilter(filter);
    navigate('/issues');
  };
  const overdueCount = overdue.data?.total ?? 0;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('issue.title')}</Text>
        <Anchor size="sm" onClick={() => go({})} component="button">
          <Group gap={4}>
            {t('overviewIssues.openList')}
            <IconArrowRight size={14} />
          </Group>
        </Anchor>
      </Group>
      <Group gap="xl">
        <UnstyledButton onClick={() => go({ onlyOpen: true })} aria-label={t('overviewIssues.open')}>
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {t('overviewIssues.open')}
            </Text>
            <Text fz={28} fw={700}>
              {open.data?.total ?? '—'}
            </Text>
          </Stack>
        </UnstyledButton>
        <UnstyledButton onClick={() => go({ overdue: true })} aria-label={t('overviewIssues.overdue')}>
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {t('overviewIssues.overdue')}
            </Text>
            <Text fz={28} fw={700} c={overdueCount > 0 ? 'red' : undefined}>
              {overdue.data ? overdueCount : '—'}
            </Text>
          </Stack>
        </UnstyledButton>
      </Group>
    </Card>
  );
}
