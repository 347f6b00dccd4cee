// Import of `.wardside` files: pick or drop several, preview exactly what they would do (the services run
// the import and roll it back), then apply. Used on the Sync screen and by the first-run wizard's
// "join from a sync file" path.
import { Alert, Anchor, Button, Group, PasswordInput, Progress, Stack, Text, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { maxSyncFileBytes, type ImportReport } from '#contract/index.ts';
import { call, toBase64 } from '#renderer/api/client.ts';
import { useAction } from '#renderer/app/queries.ts';
import { FileOutcomes, type FileRow } from './FileOutcomes.tsx';
import { deviceName } from './format.ts';

interface PickedFile {
  name: string;
  contentBase64: string;
}

const needsPassphrase = (report: ImportReport) =>
  report.files.some(
    (f) => f.error?.code === 'sync_passphrase_required' || f.error?.code === 'sync_wrong_passphrase',
  );

export function SyncImport({ onImported }: { onImported?: (report: ImportReport) => void }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [passphrase, setPassphrase] = useState('');
  /** The passphrase the shown preview was made with: the import uses the same, so it does what was shown. */
  const [previewed, setPreviewed] = useState<{ report: ImportReport; passphrase: string } | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);

  const preview = useMutation({
    mutationFn: (input: { files: PickedFile[]; passphrase: string }) =>
      call('sync.previewImport', { files: input.files, passphrase: input.passphrase || undefined }),
    onSuccess: (report, input) => {
      setPreviewed({ report, passphrase: input.passphrase });
      if (needsPassphrase(report)) passphraseRef.current?.focus();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: t('common.error'), message: error.message, autoClose: 8000 }),
  });
  const apply = useAction('sync.applyImport', {
    successMessage: false,
    onSuccess: (report) => {
      setResult(report);
      setFiles([]);
      setPreviewed(null);
      // Not kept around on a laptop that others may use.
      setPassphrase('');
      const imported = report.files.filter((f) => f.outcome === 'imported').length;
      notifications.show({ color: 'teal', message: t('sync.import.done', { count: imported }) });
      onImported?.(report);
    },
  });

  const add = async (picked: File[]) => {
    const tooLarge = picked.filter((f) => f.size > maxSyncFileBytes);
    for (const f of tooLarge) {
      notifications.show({
        color: 'red',
        title: t('common.error'),
        message: t('errors.import_too_large', {
          file: f.name,
          size: (f.size / 1048576).toFixed(0),
          limit: maxSyncFileBytes / 1048576,
        }),
        autoClose: 10_000,
      });
    }
    const read = await Promise.all(
      picked
        .filter((f) => f.size <= maxSyncFileBytes)
        .map(async (f) => ({ name: f.name, contentBase64: toBase64(new Uint8Array(await f.arrayBuffer())) })),
    );
    if (!read.length) return;
    // Picking a file again replaces it (same name), so a re-copied file can be previewed afresh.
    const names = new Set(read.map((f) => f.name));
    const next = [...files.filter((f) => !names.has(f.name)), ...read];
    setFiles(next);
    setResult(null);
    preview.mutate({ files: next, passphrase });
  };

  const clear = () => {
    setFiles([]);
    setPreviewed(null);
  };

  const report = previewed?.report ?? null;
  const importable = report?.files.filter((f) => f.outcome === 'imported').length ?? 0;
  const stale = previewed !== null && previewed.passphrase !== passphrase;
  const rows = (r: ImportReport): FileRow[] =>
    r.files.map((f, i) => ({
      key: `${i}-${f.file}`,
      file: f.file,
      device: deviceName(t, f.replica),
      exportedAt: f.exportedAt,
      encrypted: f.encrypted,
      outcome: f.outcome,
      counts: f.counts,
      error: f.error,
      removed: f.removed,
      removedByTable: f.removedByTable,
    }));

  return (
    <Stack gap="sm">
      <Dropzone
        onDrop={(picked: File[]) => void add(picked)}
        multiple
        // Every file is accepted here: the services say why one is not a sync file, in words.
        p="md"
        loading={preview.isPending}
        inputProps={{ 'aria-label': t('sync.import.pick') }}
      >
        <Group justify="center" gap="sm" mih={56} style={{ pointerEvents: 'none' }} wrap="nowrap">
          <IconFileImport size={28} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            {t('sync.import.drop')}
          </Text>
        </Group>
      </Dropzone>
      <Group align="flex-end" gap="sm">
        <PasswordInput
          ref={passphraseRef}
          label={t('sync.import.passphrase')}
          description={t('sync.import.passphraseHint')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          style={{ flex: 1, maxWidth: 420 }}
          autoComplete="off"
        />
        {files.length > 0 && (
          <Button
            variant={stale ? 'filled' : 'default'}
            leftSection={<IconRefresh size={16} />}
            loading={preview.isPending}
            onClick={() => preview.mutate({ files, passphrase })}
          >
            {t('sync.import.repreview')}
          </Button>
        )}
      </Group>
      {(preview.isPending || apply.isPending) && <ImportProgress />}
      {report && files.length > 0 && (
        <Stack gap="xs">
          <Title order={5}>{t('sync.import.previewTitle')}</Title>
          {needsPassphrase(report) && (
            <Alert color="yellow" variant="light">
              {t('sync.import.passphraseNeeded')}
            </Alert>
          )}
          <FileOutcomes
            rows={rows(report)}
            done={false}
            totals={report.totals}
            label={t('sync.import.previewTitle')}
          />
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={clear}>
              {t('sync.import.clear')}
            </Button>
            <Group gap="sm">
              {importable === 0 && (
                <Text size="sm" c="dimmed">
                  {t('sync.import.nothingToImport')}
                </Text>
              )}
              <Button
                disabled={importable === 0 || stale || preview.isPending}
                loading={apply.isPending}
                onClick={() => apply.mutate({ files, passphrase: previewed?.passphrase || undefined })}
              >
                {importable ? t('sync.import.apply', { count: importable }) : t('sync.import.applyNone')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      {result && (
        <Stack gap="xs">
          <Title order={5}>{t('sync.import.resultTitle')}</Title>
          {result.totals.newConflicts > 0 && (
            <Alert color="orange" variant="light">
              <Group gap="sm">
                <Text size="sm">
                  {t('sync.import.conflictsFound', { count: result.totals.newConflicts })}
                </Text>
                <Anchor component={Link} href="/sync/conflicts" size="sm">
                  {t('sync.import.viewConflicts')}
                </Anchor>
              </Group>
            </Alert>
          )}
          <FileOutcomes
            rows={rows(result)}
            done
            totals={result.totals}
            label={t('sync.import.resultTitle')}
          />
        </Stack>
      )}
    </Stack>
  );
}

/**
 * How far a running import is (it runs in a worker thread: the window stays responsive), with a cancel
 * that leaves the database as it was.
 */
function ImportProgress() {
  const { t } = useTranslation();
  const progress = useQuery({
    queryKey: ['sync.progress'],
    queryFn: () => call('sync.progress'),
    refetchInterval: 300,
  });
  const p = progress.data;
  if (!p) return null;
  const label = t(`sync.import.progress${p.phase === 'verify' ? 'Verify' : 'Apply'}`, {
    done: p.done,
    total: p.total,
  });
  const share = p.total ? ((p.done + (p.phase === 'apply' ? p.total : 0)) / (2 * p.total)) * 100 : 0;
  return (
    <Group gap="sm" wrap="nowrap" aria-live="polite">
      <Progress value={share} style={{ flex: 1 }} aria-label={label} />
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Button size="compact-sm" variant="default" onClick={() => void call('sync.cancel')}>
        {t('sync.import.cancel')}
      </Button>
    </Group>
  );
}
