import { Group, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { maxAttachmentBytes } from '#contract/index.ts';
import { tooLarge } from './files.ts';

/** Files over the per-file limit are refused here, before any upload, with the same message main gives. */
export function acceptSizes(files: File[], t: TFunction): File[] {
  const refused = files.filter(tooLarge);
  for (const f of refused) {
    notifications.show({
      color: 'red',
      title: t('attachments.refused'),
      message: t('errors.attachment_too_large', {
        file: f.name,
        size: (f.size / 1048576).toFixed(1),
        limit: maxAttachmentBytes / 1048576,
      }),
      autoClose: 10_000,
    });
  }
  return files.filter((f) => !tooLarge(f));
}

/** A slim drop area that is also a file picker (click or Enter/Space on it). */
export function AttachmentDrop({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslation();
  return (
    <Dropzone
      onDrop={(files: File[]) => onFiles(acceptSizes(files, t))}
      onReject={(rejections: FileRejection[]) =>
        acceptSizes(
          rejections.map((r) => r.file),
          t,
        )
      }
      maxSize={maxAttachmentBytes}
      multiple
      p="xs"
      // react-dropzone names its hidden input "file upload"; screen readers get ours instead.
      inputProps={{ 'aria-label': t('attachments.pick') }}
    >
      <Group justify="center" gap="xs" mih={36} style={{ pointerEvents: 'none' }} wrap="nowrap">
        <IconPaperclip size={16} color="var(--mantine-color-dimmed)" />
        <Text size="sm" c="dimmed">
          {t('attachments.dropHint')}
        </Text>
      </Group>
    </Dropzone>
  );
}
