// 导入记录: every file this laptop was given, newest first, with what it did or why it was refused.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '#renderer/app/queries.ts';
import { FileOutcomes } from './FileOutcomes.tsx';
import { deviceName } from './format.ts';

export function ImportLog() {
  const { t } = useTranslation();
  const log = useCall('sync.importLog');
  if (!log.data) return null;
  if (log.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('sync.log.empty')}
      </Text>
    );
  }
  return (
    <FileOutcomes
      label={t('sync.log.title')}
      done
      rows={log.data.map((e) => ({
        key: e.id,
        file: e.fileName,
        device: e.sourceReplicaId ? deviceName(t, { id: e.sourceReplicaId, label: e.sourceLabel }) : '',
        exportedAt: e.exportedAt,
        importedAt: e.importedAt,
        outcome: e.outcome,
        counts: e.counts,
        error: e.error,
      }))}
    />
  );
}
