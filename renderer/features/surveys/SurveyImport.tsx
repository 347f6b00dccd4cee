// Importing a 问卷星/腾讯问卷 export: pick the file, see which columns were taken for the department and
// the overall score (both can be changed), how many responses are new, and the departments that match
// none (kept as written); then import.
import { Alert, Button, FileButton, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyImportPreview } from '#contract/index.ts';
import { call, toBase64 } from '#renderer/api/client.ts';
import { useAction } from '#renderer/app/queries.ts';

interface Picked {
  fileName: string;
  contentBase64: string;
}

export function SurveyImport({ roundId }: { roundId: string | null }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<SurveyImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Cleared after each pick, so choosing the same file again (a re-import) is seen.
  const resetRef = useRef<() => void>(null);
  const [columns, setColumns] = useState<{ departmentColumn?: number | null; scoreColumn?: number | null }>(
    {},
  );
  const commit = useAction('surveys.commitImport', {
    successMessage: false,
    onSuccess: (result) => {
      notifications.show({
        color: 'teal',
        message: t('surveys.imported', { added: result.added, already: result.alreadyImported }),
      });
      setFile(null);
      setPreview(null);
    },
  });
  const load = async (picked: Picked, next: typeof columns) => {
    if (!roundId) return;
    setError(null);
    try {
      setPreview(await call('surveys.previewImport', { roundId, ...picked, ...next }));
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    }
  };
  const pick = async (f: File | null) => {
    resetRef.current?.();
    if (!f) return;
    const picked = { fileName: f.name, contentBase64: toBase64(new Uint8Array(await f.arrayBuffer())) };
    setFile(picked);
    setColumns({});
    await load(picked, {});
  };
  const choose = (key: 'departmentColumn' | 'scoreColumn', value: string | null) => {
    const next = { ...columns, [key]: value === null ? null : Number(value) };
    setColumns(next);
    if (file) void load(file, next);
  };
  const headerOptions = (preview?.headers ?? []).map((h, i) => ({
    value: String(i),
    label: `${i + 1}. ${h}`,
  }));
  return (
    <>
      <FileButton resetRef={resetRef} onChange={(f) => void pick(f)} accept=".xlsx,.csv,.txt">
        {(props) => (
          <Button {...props} leftSection={<IconUpload size={16} />} disabled={!roundId}>
            {t('surveys.import')}
          </Button>
        )}
      </FileButton>
      <Modal
        opened={file !== null}
        onClose={() => setFile(null)}
        title={file ? t('surveys.importTitle', { file: file.fileName }) : ''}
        size="xl"
      >
        <Stack gap="sm">
          {error && (
            <Alert color="red" title={t('common.error')}>
              {error}
            </Alert>
          )}
          {preview && (
            <>
              <Group grow>
                <Select
                  label={t('surveys.departmentColumn')}
                  data={headerOptions}
                  value={preview.departmentColumn === null ? null : String(preview.departmentColumn)}
                  onChange={(v) => choose('departmentColumn', v)}
                  clearable
                  placeholder={t('surveys.noColumn')}
                />
                <Select
                  label={t('surveys.scoreColumn')}
                  data={headerOptions}
                  value={String(preview.scoreColumn)}
                  onChange={(v) => v !== null && choose('scoreColumn', v)}
                />
              </Group>
              <Text size="sm">
                {t('surveys.previewSummary', {
                  rows: preview.rows,
                  added: preview.added,
                  already: preview.alreadyImported,
                  blank: preview.blank,
                })}
              </Text>
              {preview.unknownDepartments.length > 0 && (
                <Alert color="yellow" variant="light" p="xs">
                  {t('surveys.unknownDepartments', { names: preview.unknownDepartments.join('、') })}
                </Alert>
              )}
              <Text size="xs" c="dimmed">
                {t('surveys.sample')}
              </Text>
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('surveys.row')}</Table.Th>
                    <Table.Th>{t('surveys.department')}</Table.Th>
                    <Table.Th>{t('surveys.answer')}</Table.Th>
                    <Table.Th>{t('surveys.satisfied')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.sample.map((s) => (
                    <Table.Tr key={s.row}>
                      <Table.Td>{s.row}</Table.Td>
                      <Table.Td>{s.department || t('surveys.noDepartment')}</Table.Td>
                      <Table.Td>{s.answer}</Table.Td>
                      <Table.Td>{s.satisfied === null ? '—' : s.satisfied ? '✓' : '✗'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setFile(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!preview || preview.added === 0}
              loading={commit.isPending}
              onClick={() => file && roundId && commit.mutate({ roundId, ...file, ...columns })}
            >
              {t('surveys.commit', { count: preview?.added ?? 0 })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
