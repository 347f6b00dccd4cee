// Choosing a reconciliation file. In Electron main opens a file dialog and reads the file where it is
// (reconcile.pickFile); in preview mode there is no dialog in main, so the browser's file input is used and
// the bytes are uploaded in chunks to a temporary file beside the database (reconcile.upload).
import { Button, Group, Progress, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reconcileChunkBytes, type StagedFile } from '#contract/index.ts';
import { call, toBase64 } from '#renderer/api/client.ts';
import { formatSize } from '#renderer/components/format.ts';

/** Known after the first click: whether main has a file dialog (Electron) or not (preview). */
let mainDialog: boolean | null = null;

async function upload(file: File, onProgress: (fraction: number) => void): Promise<StagedFile> {
  let fileId: string | null = null;
  let offset = 0;
  do {
    const chunk = new Uint8Array(await file.slice(offset, offset + reconcileChunkBytes).arrayBuffer());
    const staged: StagedFile = await call('reconcile.upload', {
      fileId,
      fileName: file.name,
      size: file.size,
      offset,
      contentBase64: toBase64(chunk),
    });
    fileId = staged.fileId;
    offset += chunk.length;
    onProgress(file.size ? offset / file.size : 1);
  } while (offset < file.size);
  return { fileId: fileId!, fileName: file.name, size: file.size };
}

export function FilePick({
  label,
  value,
  onChange,
  onError,
}: {
  label: string;
  value: StagedFile | null;
  onChange: (file: StagedFile) => void;
  onError: (error: Error) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const pick = async () => {
    if (mainDialog === false) return input.current?.click();
    try {
      const picked = await call('reconcile.pickFile', {});
      mainDialog = picked.available;
      if (!picked.available) input.current?.click();
      else if (picked.file) onChange(picked.file);
    } catch (error) {
      onError(error as Error);
    }
  };

  const chosen = async (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    try {
      onChange(await upload(file, setProgress));
    } catch (error) {
      onError(error as Error);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      <Group gap="sm" wrap="nowrap">
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          onClick={() => void pick()}
          loading={progress !== null}
          aria-label={`${label} ${t('dualRun.wizard.pick')}`}
        >
          {t('dualRun.wizard.pick')}
        </Button>
        {value && (
          <Text size="sm" truncate title={value.fileName} data-testid="picked-file">
            {value.fileName} · {formatSize(value.size)}
          </Text>
        )}
      </Group>
      {progress !== null && (
        <Progress
          mt={6}
          value={progress * 100}
          aria-label={t('dualRun.wizard.uploading', { percent: Math.round(progress * 100) })}
        />
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.txt,.tsv,.xlsx"
        data-testid={`file-input-${label}`}
        onChange={(e) => void chosen(e.currentTarget.files?.[0])}
      />
    </div>
  );
}
