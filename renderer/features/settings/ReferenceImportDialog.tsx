import { Alert, Checkbox, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportPreview, ImportResult, PersonRef } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { NameProposals } from '#renderer/components/NameProposals.tsx';
import {
  SheetImportDialog,
  type DeclineChoices,
  type ImportSource,
} from '#renderer/components/SheetImportDialog.tsx';

/**
 * Who is not on the roster, and the choice to archive them, made after seeing the list (issue #12): on by
 * default only for a roster that covers the whole directory.
 */
function LeavingNotice({
  leaving,
  partial,
  archive,
  onArchive,
}: {
  leaving: PersonRef[];
  partial: boolean;
  archive: boolean | null;
  onArchive: (archive: boolean) => void;
}) {
  const { t } = useTranslation();
  if (!leaving.length) return null;
  const checked = archive ?? !partial;
  return (
    <Alert color={checked ? 'yellow' : 'gray'} p="xs" data-testid="roster-leaving">
      <Text size="sm">{t('training.roster.leaving', { count: leaving.length })}</Text>
      {partial && (
        <Text size="sm" c="dimmed">
          {t('import.archivePartial')}
        </Text>
      )}
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
        label={t('import.archiveChoice', { count: leaving.length })}
        checked={checked}
        onChange={(e) => onArchive(e.currentTarget.checked)}
      />
    </Alert>
  );
}

const details =
  (archive: boolean | null, onArchive: (archive: boolean) => void) =>
  (preview: ImportPreview, { declined, decline }: DeclineChoices) => (
    <>
      <NameProposals
        names={preview.unknownDepartments}
        kind="departments"
        declined={declined}
        onDecline={decline}
      />
      <LeavingNotice
        leaving={preview.leaving ?? []}
        partial={!!preview.partialRoster}
        archive={archive}
        onArchive={onArchive}
      />
    </>
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
  // Archiving people the roster no longer lists: the user's choice (null = the default for the file).
  const [archive, setArchive] = useState<boolean | null>(null);
  const [partial, setPartial] = useState(false);
  const source: ImportSource<ImportPreview, ImportResult> = {
    title: t('import.title', { kind: t(`import.kinds.${kind}`) }),
    hint: t('import.hint'),
    fieldLabel: (f) => t(`${kind === 'departments' ? 'department' : 'person'}.${f.key}`),
    preview: async (file, mapping, declinedMatches) => {
      const preview = await call('imports.preview', { kind, ...file, mapping, declinedMatches });
      setPartial(!!preview.partialRoster);
      return preview;
    },
    commit: (file, mapping, declinedMatches) =>
      call('imports.commit', {
        kind,
        ...file,
        mapping,
        archiveMissing: archive ?? !partial,
        declinedMatches,
      }),
    skippedRows: (p) => p.skippedRows,
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
    details: details(archive, setArchive),
  };
  return (
    <SheetImportDialog
      source={source}
      opened={opened}
      onClose={() => {
        setArchive(null);
        onClose();
      }}
    />
  );
}
