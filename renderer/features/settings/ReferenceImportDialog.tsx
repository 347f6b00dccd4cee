import { Alert, Checkbox, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportPreview, ImportResult, PersonRef } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { SheetImportDialog, type ImportSource } from '#renderer/components/SheetImportDialog.tsx';

/** Who a roster re-import will archive (they left), with the choice to keep them (a partial roster). */
function LeavingNotice({
  leaving,
  keep,
  onKeep,
}: {
  leaving: PersonRef[];
  keep: boolean;
  onKeep: (keep: boolean) => void;
}) {
  const { t } = useTranslation();
  if (!leaving.length) return null;
  return (
    <Alert color={keep ? 'gray' : 'yellow'} data-testid="roster-leaving">
      <Text size="sm">{t('training.roster.leaving', { count: leaving.length })}</Text>
      <Text size="sm" fw={500} mt={4}>
        {leaving
          .slice(0, 30)
          .map((p) =>
            p.employeeNo ? t('training.person.withNo', { name: p.name, no: p.employeeNo }) : p.name,
          )
          .join(t('common.listSeparator'))}
        {leaving.length > 30 ? ' …' : ''}
      </Text>
      <Checkbox
        mt="xs"
        label={t('training.roster.keepMissing')}
        checked={keep}
        onChange={(e) => onKeep(e.currentTarget.checked)}
      />
    </Alert>
  );
}

const leavingDetails = (keep: boolean, onKeep: (keep: boolean) => void) => (preview: ImportPreview) => (
  <LeavingNotice leaving={preview.leaving ?? []} keep={keep} onKeep={onKeep} />
);

/** Department and people rosters through imports.preview / imports.commit. */
export function ReferenceImportDialog({
  kind,
  opened,
  onClose,
}: {
  kind: ImportKind;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // A roster re-import archives hospital staff it no longer lists, unless the user keeps them (a partial list).
  const [keepMissing, setKeepMissing] = useState(false);
  const source: ImportSource<ImportPreview, ImportResult> = {
    title: t('import.title', { kind: t(`import.kinds.${kind}`) }),
    hint: t('import.hint'),
    fieldLabel: (f) => t(`${kind === 'departments' ? 'department' : 'person'}.${f.key}`),
    preview: (file, mapping) => call('imports.preview', { kind, ...file, mapping }),
    commit: (file, mapping) =>
      call('imports.commit', { kind, ...file, mapping, archiveMissing: !keepMissing }),
    done: (result) =>
      result.roster
        ? t('training.roster.done', {
            added: result.roster.added.length,
            changed: result.roster.changed.length,
            left: result.roster.left.length,
            unchanged: result.unchanged,
            skipped: result.skipped.length,
          })
        : t('import.done', { ...result, skipped: result.skipped.length }),
    details: leavingDetails(keepMissing, setKeepMissing),
  };
  return (
    <SheetImportDialog
      source={source}
      opened={opened}
      onClose={() => {
        setKeepMissing(false);
        onClose();
      }}
    />
  );
}
