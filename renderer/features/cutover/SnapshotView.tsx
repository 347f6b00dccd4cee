// What a go/no-go meeting saw: the dual-run verdict, open P1/blocking issues and training readiness.
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GoNoGoSnapshot } from '#contract/index.ts';

export function SnapshotView({ snapshot }: { snapshot: GoNoGoSnapshot }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge color={snapshot.dualRun.go ? 'teal' : 'red'} variant="light">
          {snapshot.dualRun.go ? t('cutover.meeting.dualRunGo') : t('cutover.meeting.dualRunNoGo')}
        </Badge>
        {snapshot.dualRun.domains.map((d) => (
          <Badge key={d.domain} color={d.go ? 'teal' : 'gray'} variant="outline" size="sm">
            {d.domain}
          </Badge>
        ))}
      </Group>
      <Text size="sm">{t('cutover.meeting.openIssues', { count: snapshot.openIssues.length })}</Text>
      {snapshot.openIssues.length > 0 && (
        <List size="xs" spacing={0}>
          {snapshot.openIssues.slice(0, 8).map((i) => (
            <List.Item key={i.id}>
              {i.number} · {i.severity} · {i.title}
            </List.Item>
          ))}
        </List>
      )}
      <Text size="sm">{t('cutover.meeting.training', { ...snapshot.training })}</Text>
    </Stack>
  );
}
