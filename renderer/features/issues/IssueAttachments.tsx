// Attachments on the detail page: thumbnails for images, open with the system viewer (Electron) or, where
// there is none (preview mode), in a viewer here or as a download; add by paste, drop or picker.
import {
  ActionIcon,
  Box,
  Button,
  Group,
  Image,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFile, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPopover } from '#renderer/components/ConfirmPopover.tsx';
import type { IssueAttachment } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { queryClient, useAction } from '#renderer/app/queries.ts';
import { AttachmentDrop, acceptSizes } from './AttachmentDrop.tsx';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { filesOfPaste, isImage, nameOf, readFile } from './files.ts';
import { formatDateTime, formatSize } from '#renderer/components/format.ts';

// Contents never change for an attachment id (stored by hash), so they are cached outside react-query:
// the "refresh everything after a write" rule would otherwise reload every image after each edit.
const contents = new Map<string, Promise<Blob>>();

function contentOf(attachment: IssueAttachment): Promise<Blob> {
  let blob = contents.get(attachment.id);
  if (!blob) {
    blob = call('attachments.content', { id: attachment.id }).then((r) =>
      base64ToBlob(r.contentBase64, attachment.mime),
    );
    blob.catch(() => contents.delete(attachment.id));
    contents.set(attachment.id, blob);
  }
  return blob;
}

function useObjectUrl(attachment: IssueAttachment | null, enabled: boolean) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!attachment || !enabled) return;
    let revoked = false;
    let created: string | null = null;
    contentOf(attachment).then(
      (blob) => {
        if (revoked) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      (e: Error) => !revoked && setError(e.message),
    );
    return () => {
      revoked = true;
      if (created) URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [attachment, enabled]);
  return { url, error };
}

function Thumbnail({ attachment }: { attachment: IssueAttachment }) {
  const image = isImage(attachment.mime);
  const { url, error } = useObjectUrl(attachment, image);
  if (!image || error) {
    return (
      <Group h={96} justify="center">
        <IconFile size={40} stroke={1.2} color="var(--mantine-color-gray-6)" />
      </Group>
    );
  }
  return url ? (
    <Image src={url} h={96} fit="contain" alt={attachment.fileName} />
  ) : (
    <Group h={96} justify="center">
      <Loader size="sm" />
    </Group>
  );
}

function Viewer({ attachment, onClose }: { attachment: IssueAttachment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { url } = useObjectUrl(attachment, !!attachment);
  return (
    <Modal opened={!!attachment} onClose={onClose} size="auto" title={attachment?.fileName}>
      {attachment && (
        <Stack>
          {url ? (
            <Image src={url} alt={attachment.fileName} mah="75vh" maw="85vw" fit="contain" />
          ) : (
            <Loader />
          )}
          <Group justify="flex-end">
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={() => void contentOf(attachment).then((b) => download(b, attachment.fileName))}
            >
              {t('attachments.download')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function AttachmentCard({ attachment, onView }: { attachment: IssueAttachment; onView: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const archive = useAction('attachments.archive', { successMessage: t('attachments.removed') });
  return (
    <Paper withBorder p={6} pos="relative">
      <UnstyledButton
        onClick={onView}
        w="100%"
        aria-label={t('attachments.open', { file: attachment.fileName })}
        title={attachment.fileName}
      >
        <Thumbnail attachment={attachment} />
        <Text size="xs" truncate mt={4}>
          {attachment.fileName}
        </Text>
        <Text size="xs" c="dimmed">
          {formatSize(attachment.size)} · {formatDateTime(attachment.createdAt)}
        </Text>
      </UnstyledButton>
      <ConfirmPopover
        opened={confirming}
        onChange={setConfirming}
        position="bottom-end"
        width={240}
        message={t('attachments.removeConfirm', { file: attachment.fileName })}
        confirmLabel={t('attachments.remove')}
        loading={archive.isPending}
        onConfirm={() => archive.mutate({ id: attachment.id, archived: true })}
      >
        <Tooltip label={t('attachments.remove')}>
          <ActionIcon
            size="sm"
            variant="default"
            pos="absolute"
            top={6}
            right={6}
            aria-label={t('attachments.removeFile', { file: attachment.fileName })}
            onClick={() => setConfirming((o) => !o)}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      </ConfirmPopover>
    </Paper>
  );
}

/** Uploads files to an issue one by one; each failure is reported with main's translated message. */
export function useAttachmentUpload(issueId: string) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(0);
  const upload = async (files: File[]) => {
    const accepted = acceptSizes(files, t);
    if (!accepted.length) return;
    setUploading((n) => n + accepted.length);
    let added = 0;
    for (const file of accepted) {
      try {
        const pending = await readFile(file, nameOf(file, t('attachments.pastedName')));
        if (pending.previewUrl) URL.revokeObjectURL(pending.previewUrl);
        await call('attachments.add', {
          issueId,
          fileName: pending.fileName,
          mime: pending.mime,
          contentBase64: pending.contentBase64,
        });
        added++;
      } catch (e) {
        notifications.show({
          color: 'red',
          title: t('attachments.refused'),
          message: (e as Error).message,
          autoClose: 10_000,
        });
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (added) {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'teal', message: t('attachments.added', { count: added }) });
    }
  };
  return { upload, uploading };
}

export function IssueAttachments({
  issueId,
  attachments,
}: {
  issueId: string;
  attachments: IssueAttachment[];
}) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<IssueAttachment | null>(null);
  const { upload, uploading } = useAttachmentUpload(issueId);

  // A screenshot pasted anywhere on the detail page is attached (unless a form such as quick entry
  // has taken the paste for itself).
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented) return;
      const files = filesOfPaste(event);
      if (!files.length) return;
      event.preventDefault();
      void upload(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- upload only closes over the issue id
  }, [issueId]);

  const view = async (attachment: IssueAttachment) => {
    try {
      const { opened } = await call('attachments.open', { id: attachment.id });
      if (opened) return;
      if (isImage(attachment.mime)) setViewing(attachment);
      else download(await contentOf(attachment), attachment.fileName);
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    }
  };

  return (
    <Stack gap="sm">
      {attachments.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
          {attachments.map((a) => (
            <AttachmentCard key={a.id} attachment={a} onView={() => void view(a)} />
          ))}
        </SimpleGrid>
      )}
      {uploading > 0 && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('attachments.uploading', { count: uploading })}</Text>
        </Group>
      )}
      <Box>
        <AttachmentDrop onFiles={(files) => void upload(files)} />
      </Box>
      <Viewer attachment={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}
