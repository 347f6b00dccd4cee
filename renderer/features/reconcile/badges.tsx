import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiscrepancyKind, ItemStatus } from '#contract/index.ts';
import { formatPercent } from '#renderer/components/format.ts';

const statusColor: Record<ItemStatus, string> = {
  open: 'red',
  explained: 'blue',
  fixed: 'teal',
  accepted: 'gray',
};

export function ItemStatusBadge({ status, ...props }: { status: ItemStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} {...props}>
      {t(`dualRun.statuses.${status}`)}
    </Badge>
  );
}

const kindColor: Record<DiscrepancyKind, string> = {
  different: 'orange',
  'missing-in-new': 'grape',
  'missing-in-old': 'indigo',
  'duplicate-key-old': 'yellow',
  'duplicate-key-new': 'yellow',
};

export function KindBadge({ kind, ...props }: { kind: DiscrepancyKind } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={kindColor[kind]} {...props}>
      {t(`dualRun.kinds.${kind}`)}
    </Badge>
  );
}

/** Consistency rates: two decimals, cut (99.99% is not 100%). */
export const percent = (rate: number) => formatPercent(rate, { digits: 2, fixed: true });
