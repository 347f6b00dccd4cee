import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '#contract/index.ts';

const statusColor: Record<SessionStatus, string> = { planned: 'blue', done: 'teal', cancelled: 'gray' };

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]}>
      {t(`training.statuses.${status}`)}
    </Badge>
  );
}

/** A trainer's name with the 金牌讲师 mark for in-house champions. */
export function TrainerName({ name, champion }: { name: string | null; champion: boolean }) {
  const { t } = useTranslation();
  if (!name) return null;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{name}</Text>
      {champion && (
        <Badge size="xs" color="yellow" variant="light">
          {t('training.person.champion')}
        </Badge>
      )}
    </Group>
  );
}

/** "85 %" style ratio of part to whole; a dash when there is nobody. */
export const percent = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 100)}%` : '—';
