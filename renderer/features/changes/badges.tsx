import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChangeStatus, RiskLevel } from '#contract/index.ts';

const riskColor: Record<RiskLevel, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
const statusColor: Record<ChangeStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'teal',
  implemented: 'green',
  cancelled: 'dark',
};

export function RiskBadge({ risk, level }: { risk: number; level: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={riskColor[level]} variant="light">
      {risk} · {t(`changes.riskLevels.${level}`)}
    </Badge>
  );
}

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="outline">
      {t(`changes.statuses.${status}`)}
    </Badge>
  );
}
