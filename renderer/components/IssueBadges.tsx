// The pilot issue badges (severity, status, overdue, blocking): on the issue list and detail, in the daily
// summary and in the issue settings.
import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { IssueStatus, Severity } from '#contract/index.ts';

const severityColor: Record<Severity, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' };

const statusColor: Record<IssueStatus, string> = {
  new: 'blue',
  acknowledged: 'cyan',
  in_progress: 'indigo',
  resolved: 'teal',
  verified: 'green',
  closed: 'gray',
  reopened: 'orange',
  wont_fix: 'gray',
  duplicate: 'gray',
};

/**
 * P1 is filled red so it stands out in a long list; `full` shows the label, otherwise just "P1" with the
 * label as a native tooltip (cheap enough for every row of the list).
 */
export function SeverityBadge({
  severity,
  full,
  ...props
}: { severity: Severity; full?: boolean } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={severityColor[severity]}
      variant={severity === 'P1' ? 'filled' : 'light'}
      radius="sm"
      title={full ? undefined : t(`issue.severities.${severity}`)}
      {...props}
    >
      {full ? t(`issue.severities.${severity}`) : severity}
    </Badge>
  );
}

export function StatusBadge({ status, ...props }: { status: IssueStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" radius="sm" {...props}>
      {t(`issue.statuses.${status}`)}
    </Badge>
  );
}

/** `short` fits a list column (in English "Overdue" rather than "Resolution overdue"). */
export function OverdueBadge({
  kind,
  short,
  ...props
}: { kind: 'response' | 'resolution'; short?: boolean } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color="red"
      variant="filled"
      radius="sm"
      leftSection={<IconClockExclamation size={12} />}
      title={t(`issue.overdue.${kind}`)}
      {...props}
    >
      {t(short ? `issueList.overdueShort.${kind}` : `issue.overdue.${kind}`)}
    </Badge>
  );
}

export function BlockingBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color="red.9"
      variant="outline"
      radius="sm"
      leftSection={<IconAlertTriangle size={12} />}
      {...props}
    >
      {t('issue.blocking')}
    </Badge>
  );
}
