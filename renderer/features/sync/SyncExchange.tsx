// 导出与导入: this laptop's replica, the export of a `.wardside` file, and the import of others' files.
import {
  Alert,
  Button,
  Card,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncExportResult } from '#contract/index.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatDateTime, formatSize } from '#renderer/components/format.ts';
import { deviceName, syncErrorMessage } from './format.ts';
import { SyncImport } from './SyncImport.tsx';

function ExchangeSection({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={4} mb={4}>
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed" mb="md">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  );
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={130}>{label}</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The device name other laptops see; editable in place. */
function DeviceName({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useAction('sync.renameDevice', { onSuccess: () => setDraft(null) });
  if (draft === null) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm">{current ?? t('sync.device.unnamed')}</Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setDraft(current ?? '')}>
          {t('sync.device.rename')}
        </Button>
      </Group>
    );
  }
  const label = draft.trim();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (label) rename.mutate({ label });
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <TextInput
          size="xs"
          value={draft}
          maxLength={32}
          aria-label={t('sync.device.label')}
          placeholder={t('sync.device.renamePlaceholder')}
          onChange={(event) => setDraft(event.currentTarget.value)}
          autoFocus
        />
        <Button size="compact-sm" type="submit" disabled={!label} loading={rename.isPending}>
          {t('common.save')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </form>
  );
}

function ThisLaptop() {
  const { t } = useTranslation();
  const status = useCall('sync.status');
  if (!status.data) return null;
  const s = status.data;
  return (
    <ExchangeSection title={t('sync.device.title')}>
      <Stack gap="sm">
        {s.clockBehindMs > 0 && (
          <Alert color="orange" variant="light" role="alert">
            {t('sync.device.clockBehind', { hours: Math.round(s.clockBehindMs / 3_600_000) })}
          </Alert>
        )}
        <Rows
          rows={[
            [t('sync.device.label'), <DeviceName key="name" current={s.replica.label} />],
            [
              t('sync.device.id'),
              <Text key="id" ff="monospace" size="xs">
                {s.replica.id}
              </Text>,
            ],
            [t('sync.device.changes'), t('sync.device.changesValue', { count: s.changes })],
            [
              t('sync.device.lastImport'),
              s.lastImportAt ? formatDateTime(s.lastImportAt) : t('sync.device.never'),
            ],
          ]}
        />
        <Text size="sm" fw={600}>
          {t('sync.device.replicas')}
        </Text>
        {s.replicas.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sync.device.replicasEmpty')}
          </Text>
        ) : (
          <Table aria-label={t('sync.device.replicas')} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.device.label')}</Table.Th>
                <Table.Th>{t('sync.device.lastExport')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.replicas.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td title={r.id}>{deviceName(t, r)}</Table.Td>
                  <Table.Td>
                    {r.lastExportAt ? (
                      formatDateTime(r.lastExportAt)
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('sync.device.relayed')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </ExchangeSection>
  );
}

function Export() {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [result, setResult] = useState<SyncExportResult | null>(null);
  const exportFile = useAction('sync.exportFile', {
    successMessage: false,
    onSuccess: (r) => {
      // Preview mode has no save dialog: the bytes come back and the browser downloads them.
      if (r.contentBase64) download(base64ToBlob(r.contentBase64, 'application/octet-stream'), r.fileName);
      setResult(r);
    },
  });
  const mismatch = passphrase !== '' && confirm !== '' && confirm !== passphrase;
  const ready = passphrase === '' || confirm === passphrase;
  return (
    <ExchangeSection title={t('sync.export.title')} intro={t('sync.export.intro')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) exportFile.mutate({ passphrase: passphrase || undefined });
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label={t('sync.export.passphrase')}
            description={t('sync.export.passphraseHint')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            autoComplete="new-password"
          />
          {passphrase !== '' && (
            <PasswordInput
              label={t('sync.export.confirm')}
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={mismatch ? t('sync.export.mismatch') : undefined}
              autoComplete="new-password"
            />
          )}
          <Button
            type="submit"
            leftSection={<IconFileExport size={16} />}
            disabled={!ready}
            loading={exportFile.isPending}
            w="fit-content"
          >
            {t('sync.export.button')}
          </Button>
          {result && <ExportResult result={result} />}
        </Stack>
      </form>
    </ExchangeSection>
  );
}

function ExportResult({ result }: { result: SyncExportResult }) {
  const { t } = useTranslation();
  if (result.cancelled) {
    return (
      <Alert color="gray" variant="light">
        {t('sync.export.cancelled')}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      {result.warning && (
        <Alert color="orange" variant="light" role="alert">
          {syncErrorMessage(t, result.warning)}
        </Alert>
      )}
      <Alert color="teal" variant="light" title={t('sync.export.done', { file: result.fileName })}>
        <Stack gap="xs">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {result.path ? t('sync.export.savedTo', { path: result.path }) : t('sync.export.downloaded')}
          </Text>
          <Rows
            rows={[
              [t('sync.export.records'), result.counts.records.toLocaleString()],
              [t('sync.export.changes'), result.counts.changes.toLocaleString()],
              [t('sync.export.attachments'), result.counts.attachments.toLocaleString()],
              [t('sync.export.size'), formatSize(result.bytes)],
              [
                t('sync.export.encryption'),
                result.encrypted ? t('sync.export.encrypted') : t('sync.export.notEncrypted'),
              ],
            ]}
          />
        </Stack>
      </Alert>
    </Stack>
  );
}

export function SyncExchange() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {/* Import first: its preview (what will be added, changed, deleted) and its button must be in view
          without scrolling at 1366×768 (issue 12 §15); this laptop and the export come after. */}
      <ExchangeSection title={t('sync.import.title')} intro={t('sync.import.intro')}>
        <SyncImport />
      </ExchangeSection>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ThisLaptop />
        <Export />
      </SimpleGrid>
    </Stack>
  );
}
