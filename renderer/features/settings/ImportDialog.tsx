import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportPreview } from '../../../preload/contract/index.ts';
import { call, toBase64 } from '../../api/client.ts';
import { queryClient } from '../../app/queries.ts';

interface Props {
  kind: ImportKind;
  opened: boolean;
  onClose: () => void;
}

interface Loaded {
  fileName: string;
  contentBase64: string;
}

/** Header-mapping import: pick a file, check the suggested mapping and the preview, then import. */
export function ImportDialog({ kind, opened, onClose }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState<Loaded | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelOf = (field: string) => t(`${kind === 'departments' ? 'department' : 'person'}.${field}`);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const runPreview = async (loaded: Loaded, nextMapping?: Record<string, number | null>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('imports.preview', { kind, ...loaded, mapping: nextMapping });
      setPreview(result);
      setMapping(result.mapping);
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (picked: File | null) => {
    if (!picked) return;
    const loaded = {
      fileName: picked.name,
      contentBase64: toBase64(new Uint8Array(await picked.arrayBuffer())),
    };
    setFile(loaded);
    await runPreview(loaded);
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await call('imports.commit', { kind, ...file, mapping });
      await queryClient.invalidateQueries();
      notifications.show({
        color: 'teal',
        message: t('import.done', { ...result, skipped: result.skipped.length }),
        autoClose: 8000,
      });
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const columnOptions = [
    { value: '', label: t('import.notMapped') },
    ...(preview?.columns ?? []).map((c, i) => ({ value: String(i), label: `${i + 1}. ${c || '—'}` })),
  ];
  const mappedColumns = preview ? preview.fields.map((f) => mapping[f.key] ?? null) : [];

  return (
    <Modal
      opened={opened}
      onClose={close}
      size="xl"
      title={t('import.title', { kind: t(`import.kinds.${kind}`) })}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('import.hint')}
        </Text>
        <Group>
          <FileButton onChange={pick} accept=".csv,.txt,.xlsx,text/csv">
            {(props) => (
              <Button {...props} leftSection={<IconFileImport size={16} />} variant="light" loading={busy}>
                {t('import.pick')}
              </Button>
            )}
          </FileButton>
          {file && (
            <Text size="sm">
              {t('import.file')}
              {t('common.colon')}
              {file.fileName}
            </Text>
          )}
          {preview && <Badge variant="light">{preview.encoding.toUpperCase()}</Badge>}
        </Group>
        {error && (
          <Alert color="red" title={t('common.error')}>
            {error}
          </Alert>
        )}
        {preview && file && (
          <>
            <Text size="sm">
              {t('import.headerRow', { row: preview.headerRow, total: preview.totalRows })}
            </Text>
            <Text fw={600}>{t('import.mapping')}</Text>
            {/* A compact grid, so that the preview and the import button fit a laptop screen. */}
            <SimpleGrid cols={3} spacing="md" verticalSpacing="xs">
              {preview.fields.map((f) => (
                <Select
                  key={f.key}
                  label={labelOf(f.key)}
                  withAsterisk={f.required}
                  error={f.required && (mapping[f.key] ?? null) === null}
                  data={columnOptions}
                  value={
                    mapping[f.key] === null || mapping[f.key] === undefined ? '' : String(mapping[f.key])
                  }
                  allowDeselect={false}
                  onChange={(value) => {
                    const next = { ...mapping, [f.key]: value ? Number(value) : null };
                    setMapping(next);
                    void runPreview(file, next);
                  }}
                />
              ))}
            </SimpleGrid>
            {preview.missingRequired.length > 0 && (
              <Alert color="orange">
                {t('import.missing', {
                  columns: preview.missingRequired.map(labelOf).join(t('common.listSeparator')),
                })}
              </Alert>
            )}
            <Text fw={600}>{t('import.preview', { count: preview.sample.length })}</Text>
            <ScrollArea>
              <Table striped withTableBorder fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    {preview.fields.map((f) => (
                      <Table.Th key={f.key}>{labelOf(f.key)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.sample.map((row, r) => (
                    <Table.Tr key={r}>
                      {mappedColumns.map((c, i) => (
                        <Table.Td key={i}>{c === null ? '' : (row[c] ?? '')}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            {/* With a required column unmapped every row fails the same way: the alert above says it once. */}
            {preview.problems.length > 0 && preview.missingRequired.length === 0 && (
              <Alert
                color="orange"
                title={t('import.problems', { count: preview.totalRows - preview.validRows })}
              >
                <List size="sm">
                  {preview.problems.slice(0, 8).map((p) => (
                    <List.Item key={p.row}>
                      {t('import.rowProblem', { row: p.row, message: p.message })}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={commit}
                loading={busy}
                disabled={preview.missingRequired.length > 0 || preview.validRows === 0}
              >
                {t('import.commit', { count: preview.validRows })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
