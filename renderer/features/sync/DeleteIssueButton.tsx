// 删除 on an issue's detail page: a tombstone that deletes it on every laptop after the next sync, so it
// asks first and points to 不予处理 / 标记为重复, which keep a real issue traceable.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { PilotIssue } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { queryClient } from '#renderer/app/queries.ts';

export function DeleteIssueButton({ issue }: { issue: Pick<PilotIssue, 'id' | 'number'> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [, navigate] = useLocation();
  const remove = useMutation({
    mutationFn: () => call('issues.delete', { id: issue.id }),
    onSuccess: async () => {
      // Leave the page before the reads refresh, so the deleted issue is not fetched again.
      setOpen(false);
      navigate('/issues');
      queryClient.removeQueries({ queryKey: ['issues.get', { id: issue.id }] });
      await queryClient.invalidateQueries();
      notifications.show({ color: 'teal', message: t('sync.deleteIssue.done', { number: issue.number }) });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: t('common.error'), message: error.message, autoClose: 8000 }),
  });
  return (
    <>
      <Button
        size="sm"
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} />}
        onClick={() => setOpen(true)}
      >
        {t('sync.deleteIssue.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('sync.deleteIssue.title', { number: issue.number })}
      >
        <Stack>
          <Text size="sm">{t('sync.deleteIssue.body')}</Text>
          <Alert color="yellow" variant="light">
            {t('sync.deleteIssue.prefer')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('sync.deleteIssue.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
