// Header-mapping import, shared by every kind of sheet (departments, people, the pilot issue list): pick a
// file, check the suggested column mapping and the preview, then import. What differs per kind (which
// contract methods, field labels, the summary after import) comes in as an ImportSource.
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
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toBase64 } from '#renderer/api/client.ts';
import { download } from '#renderer/app/download.ts';
import { queryClient } from '#renderer/app/queries.ts';
import classes from './SheetImportDialog.module.css';

export interface ImportFile {
  fileName: string;
  contentBase64: string;
}

export type ColumnMapping = Record<string, number | null>;

/** What every preview has (imports.preview and issues.importPreview both return at least this). */
export interface ImportPreviewBase {
  encoding: string;
  headerRow: number;
  totalRows: number;
  columns: string[];
  fields: { key: string; required: boolean }[];
  mapping: ColumnMapping;
  sample: string[][];
  missingRequired: string[];
  problems: { row: number; message: string }[];
  validRows: number;
}

export interface ImportSource<P extends ImportPreviewBase, R> {
  title: string;
  hint: string;
  fieldLabel: (field: P['fields'][number]) => string;
  /** `declined`: department names whose proposed close match the user declined (created instead). */
  preview: (file: ImportFile, mapping: ColumnMapping | undefined, declined: string[]) => Promise<P>;
  commit: (file: ImportFile, mapping: ColumnMapping, declined: string[]) => Promise<R>;
  /** The notification after a successful import. */
  done: (result: R) => string;
  /** Rows that will be skipped for problems (default: all rows that are not valid). */
  skippedRows?: (preview: P) => number;
  /**
   * Kind-specific notes at the top of the preview (names matched or created, rows already imported…);
   * `decline` declines (or takes back) a proposed close match and previews again.
   */
  details?: (preview: P, choices: DeclineChoices) => ReactNode;
}

/** A CSV cell; text Excel could take for a formula gets a leading apostrophe (as main's sheets/formula.ts). */
const csvCell = (value: string | number) => {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every refused row (row number and reason) as a CSV that Excel opens (UTF-8 with BOM). */
function downloadSkipped(
  problems: { row: number; message: string }[],
  fileName: string,
  t: (k: string) => string,
) {
  const lines = [
    [t('import.skippedHeader.row'), t('import.skippedHeader.reason')],
    ...problems.map((p) => [p.row, p.message]),
  ].map((cells) => cells.map(csvCell).join(','));
  const base = fileName.replace(/\.[^.]+$/, '');
  download(
    new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }),
    `${base}-${t('import.skippedFile')}.csv`,
  );
}

/**
 * The rows that will be skipped, every one (scrolling inside the alert), with the whole list as a file to
 * download (issue #12: the first 8 were shown, the rest silently not).
 */
function SkippedRows({
  problems,
  count,
  fileName,
}: {
  problems: { row: number; message: string }[];
  count: number;
  fileName: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" p="xs" title={t('import.problems', { count })} data-testid="import-problems">
      <ScrollArea.Autosize mah={110} type="auto">
        <List size="sm" spacing={2}>
          {problems.map((p) => (
            <List.Item key={p.row}>{t('import.rowProblem', { row: p.row, message: p.message })}</List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
      <Group gap="sm" mt={6}>
        {count > problems.length && (
          <Text size="xs" c="dimmed">
            {t('import.skippedMore', { count: count - problems.length })}
          </Text>
        )}
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconDownload size={14} />}
          onClick={() => downloadSkipped(problems, fileName, t)}
        >
          {t('import.downloadSkipped')}
        </Button>
      </Group>
    </Alert>
  );
}

export interface DeclineChoices {
  declined: string[];
  decline: (name: string, decline: boolean) => void;
}

export function SheetImportDialog<P extends ImportPreviewBase, R>({
  source,
  opened,
  onClose,
}: {
  source: ImportSource<P, R>;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<ImportFile | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [declined, setDeclined] = useState<string[]>([]);
  const fieldByKey = new Map((preview?.fields ?? []).map((f) => [f.key, f]));
  const labelOf = (key: string) => {
    const field = fieldByKey.get(key);
    return field ? source.fieldLabel(field) : key;
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setError(null);
    setDeclined([]);
  };
  const close = () => {
    reset();
    onClose();
  };

  const runPreview = async (loaded: ImportFile, nextMapping?: ColumnMapping, nextDeclined = declined) => {
    setBusy(true);
    setError(null);
    try {
      const result = await source.preview(loaded, nextMapping, nextDeclined);
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
    setDeclined([]);
    await runPreview(loaded, undefined, []);
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await source.commit(file, mapping, declined);
      await queryClient.invalidateQueries();
      notifications.show({ color: 'teal', message: source.done(result), autoClose: 8000 });
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
  // The preview shows the fields that take a column, so many-field sheets stay readable.
  const shownFields = (preview?.fields ?? []).filter((f) => (mapping[f.key] ?? null) !== null);
  const skipped = preview ? (source.skippedRows?.(preview) ?? preview.totalRows - preview.validRows) : 0;

  return (
    <Modal opened={opened} onClose={close} size="xl" title={source.title}>
      <Stack>
        <Text size="sm" c="dimmed">
          {source.hint}
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
            {/* What needs a decision comes first, so it is seen at 1366×768 without scrolling (issue #12). */}
            {preview.missingRequired.length > 0 && (
              <Alert color="orange">
                {t('import.missing', {
                  columns: preview.missingRequired.map(labelOf).join(t('common.listSeparator')),
                })}
              </Alert>
            )}
            {source.details?.(preview, {
              declined,
              decline: (name, decline) => {
                const next = decline ? [...declined, name] : declined.filter((n) => n !== name);
                setDeclined(next);
                void runPreview(file, mapping, next);
              },
            })}
            {/* With a required column unmapped every row fails the same way: the alert above says it once. */}
            {preview.problems.length > 0 && preview.missingRequired.length === 0 && (
              <SkippedRows problems={preview.problems} count={skipped} fileName={file.fileName} />
            )}
            <Text fw={600}>{t('import.mapping')}</Text>
            {/* A compact grid, so that the preview and the import button fit a laptop screen. */}
            <SimpleGrid cols={preview.fields.length > 9 ? 4 : 3} spacing="md" verticalSpacing={4}>
              {preview.fields.map((f) => (
                <Select
                  key={f.key}
                  size={preview.fields.length > 9 ? 'xs' : 'sm'}
                  label={source.fieldLabel(f)}
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
            <Text fw={600}>{t('import.preview', { count: preview.sample.length })}</Text>
            <ScrollArea>
              <Table striped withTableBorder fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    {shownFields.map((f) => (
                      <Table.Th key={f.key} style={{ whiteSpace: 'nowrap' }}>
                        {source.fieldLabel(f)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.sample.map((row, r) => (
                    <Table.Tr key={r}>
                      {shownFields.map((f) => (
                        <Table.Td key={f.key} style={{ whiteSpace: 'nowrap' }}>
                          {row[mapping[f.key]!] ?? ''}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            {/* Stays at the bottom of the dialog while the mapping and preview scroll. */}
            <Group justify="flex-end" className={classes.footer}>
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={commit}
                loading={busy}
                disabled={preview.missingRequired.length > 0 || preview.validRows === 0}
              >
                {skipped > 0 && preview.missingRequired.length === 0
                  ? t('import.commitSkipping', { count: preview.validRows, skipped })
                  : t('import.commit', { count: preview.validRows })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
