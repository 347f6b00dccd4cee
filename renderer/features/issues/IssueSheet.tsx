// The 试运行问题清单 sheet in and out: import through the shared mapping-preview dialog, export the
// filtered, sorted list as .xlsx (downloaded; in Electron the save dialog of the download takes over).
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IssueImportPreview, IssueImportResult } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { NameProposals } from '#renderer/components/NameProposals.tsx';
import {
  SheetImportDialog,
  type DeclineChoices,
  type ImportSource,
} from '#renderer/components/SheetImportDialog.tsx';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useListState } from '#renderer/app/issue-list-state.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ImportNotes({
  preview,
  declined,
  onDecline,
}: {
  preview: IssueImportPreview;
  declined: string[];
  onDecline: (name: string, decline: boolean) => void;
}) {
  const { t } = useTranslation();
  const people = preview.newPeople.map((p) =>
    t(`issueSheet.organisations.${p.organisation}`, { name: p.name }),
  );
  const modules = preview.newModules.map((m) => `${m.systemCode} · ${m.name}`);
  const sep = t('common.listSeparator');
  const notes =
    preview.alreadyImported.length ||
    people.length ||
    modules.length ||
    preview.extraColumns.length ||
    preview.resolvedWithoutTime.length;
  return (
    <>
      <NameProposals
        names={preview.departments}
        kind="departments"
        declined={declined}
        onDecline={onDecline}
      />
      <NameProposals names={preview.systems} kind="systems" />
      {notes ? (
        <Alert color="blue" variant="light" p="xs">
          <List size="sm" spacing={2}>
            {preview.extraColumns.length > 0 && (
              <List.Item>{t('import.extraColumns', { columns: preview.extraColumns.join(sep) })}</List.Item>
            )}
            {preview.resolvedWithoutTime.length > 0 && (
              <List.Item>
                {t('import.resolvedWithoutTime', {
                  count: preview.resolvedWithoutTime.length,
                  rows: preview.resolvedWithoutTime.join(sep),
                })}
              </List.Item>
            )}
            {preview.alreadyImported.length > 0 && (
              <List.Item>
                {t('issueSheet.alreadyImportedCount', { count: preview.alreadyImported.length })}
              </List.Item>
            )}
            {people.length > 0 && (
              <List.Item>
                {t('issueSheet.newPeople', { names: people.join(t('common.listSeparator')) })}
              </List.Item>
            )}
            {modules.length > 0 && (
              <List.Item>
                {t('issueSheet.newModules', { names: modules.join(t('common.listSeparator')) })}
              </List.Item>
            )}
          </List>
        </Alert>
      ) : null}
    </>
  );
}

/** The departments and systems an import created, for the notification. */
function createdNames(r: IssueImportResult, t: TFunction): string[] {
  const sep = t('common.listSeparator');
  const lines: string[] = [];
  const departments = r.departments.filter((d) => d.action === 'create').map((d) => d.target);
  const systems = r.systems.filter((d) => d.action === 'create').map((d) => d.target);
  if (departments.length) lines.push(t('import.names.created', { names: departments.join(sep) }));
  if (systems.length) lines.push(t('import.names.createdSystems', { names: systems.join(sep) }));
  return lines;
}

const issueDetails = (preview: IssueImportPreview, { declined, decline }: DeclineChoices) => (
  <ImportNotes preview={preview} declined={declined} onDecline={decline} />
);

export function IssueImportButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const source: ImportSource<IssueImportPreview, IssueImportResult> = {
    title: t('import.title', { kind: t('import.kinds.issues') }),
    hint: t('issueSheet.importHint'),
    // Labels come translated with the preview (the sheet's fields are main's to name).
    fieldLabel: (f) => f.label,
    preview: (file, mapping, declinedMatches) =>
      call('issues.importPreview', { ...file, mapping, declinedMatches }),
    commit: (file, mapping, declinedMatches) =>
      call('issues.importCommit', { ...file, mapping, declinedMatches }),
    done: (r) =>
      [
        t('issueSheet.done', {
          created: r.created.length,
          already: r.alreadyImported.length,
          skipped: r.skipped.length,
        }),
        ...createdNames(r, t),
      ].join(' '),
    skippedRows: (p) => p.skippedRows,
    details: issueDetails,
  };
  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setOpened(true)}>
        {t('issueSheet.importButton')}
      </Button>
      <SheetImportDialog source={source} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

export function IssueExportButton() {
  const { t } = useTranslation();
  const { filter, sort } = useListState();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('issues.exportXlsx', { filter, sort });
      download(base64ToBlob(file.contentBase64, XLSX), file.fileName);
      notifications.show({
        color: 'teal',
        message: (
          <Stack gap={0}>
            <Text size="sm">{t('issueSheet.exported', { count: file.count })}</Text>
            <Text size="xs" c="dimmed">
              {file.fileName}
            </Text>
          </Stack>
        ),
      });
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} />}
      loading={busy}
      onClick={() => void run()}
    >
      {t('issueSheet.exportButton')}
    </Button>
  );
}
