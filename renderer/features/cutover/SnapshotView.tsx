// What a go/no-go meeting saw: the dual-run verdict, open P1/blocking issues and training readiness.
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CriterionResult, CutoverCriteria, GoNoGoSnapshot } from '#contract/index.ts';

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** A dual-run criterion as the reconcile screen words it (the catalogue's dualRun.cutover keys). */
export function criterionText(c: CriterionResult, k: CutoverCriteria, t: TFunction): string {
  switch (c.key) {
    case 'minDays':
      return `${t('dualRun.cutover.minDays', { days: k.minDays })} · ${t('dualRun.cutover.minDaysActual', { count: c.actual })}`;
    case 'recentRate':
      return `${t('dualRun.cutover.recentRate', { days: k.recentDays, rate: percent(k.minRate) })} · ${t('dualRun.cutover.recentRateActual', { rate: percent(c.actual) })}`;
    case 'openAge':
      return `${t('dualRun.cutover.openAge', { days: k.maxOpenAgeDays })} · ${t('dualRun.cutover.openAgeActual', { count: c.actual })}`;
    default:
      return `${t('dualRun.cutover.blockingIssues')} · ${t('dualRun.cutover.blockingIssuesActual', { count: c.actual })}`;
  }
}

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
      <List size="xs" spacing={0} center>
        {snapshot.dualRun.overall.map((c) => (
          <List.Item
            key={c.key}
            icon={c.pass ? <IconCheck size={12} color="green" /> : <IconX size={12} color="red" />}
          >
            {criterionText(c, snapshot.dualRun.criteria, t)}
          </List.Item>
        ))}
      </List>
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
