import { Anchor, Card, Group, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { IssueFilter } from '#contract/index.ts';
import { useCall } from '#renderer/app/queries.ts';
import { setFilter } from '#renderer/app/issue-list-state.ts';
import { Stat } from '#renderer/components/StatCard.tsx';

/**
 * Overview card: open and overdue issue counts, each a shortcut to the list with that filter. The overview
 * gets it from the app (renderer/app/screens.tsx), not by importing this feature.
 */
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
        <Stat
          label={t('overviewIssues.open')}
          value={open.data?.total ?? '—'}
          onClick={() => go({ onlyOpen: true })}
        />
        <Stat
          label={t('overviewIssues.overdue')}
          value={overdue.data ? overdueCount : '—'}
          status={overdueCount > 0 ? 'red' : undefined}
          onClick={() => go({ overdue: true })}
        />
      </Group>
    </Card>
  );
}
