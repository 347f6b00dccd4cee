import { Alert, Button, Group, List, Modal, ScrollArea, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueStatuses, type BulkUpdateResult, type IssueStatus } from '#contract/index.ts';
import { useAction } from '#renderer/app/queries.ts';
import { setListState } from '#renderer/app/issue-list-state.ts';
import type { Reference } from './reference.ts';

export const needsResolution = (status: IssueStatus | null) => status === 'resolved' || status === 'wont_fix';

/**
 * Change the status and/or assignee of the selected issues. Each issue goes through the workflow rules;
 * the ones that cannot move (e.g. a closed issue set to "in progress") are listed with the reason.
 */
export function BulkDialog({
  ids,
  opened,
  onClose,
  reference,
}: {
  ids: string[];
  opened: boolean;
  onClose: () => void;
  reference: Reference;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IssueStatus | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const [result, setResult] = useState<BulkUpdateResult | null>(null);
  const close = () => {
    setStatus(null);
    setAssigneeId(null);
    setResolution('');
    setResult(null);
    onClose();
  };
  const bulk = useAction('issues.bulkUpdate', {
    successMessage: false,
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: t('issueList.bulkDone', { count: r.updated }) });
      // Refused issues stay selected, so the user can see and fix them; the rest are done.
      setListState({ selected: new Set(r.refused.map((x) => x.id)) });
      if (r.refused.length) setResult(r);
      else close();
    },
  });
  const missingResolution = needsResolution(status) && !resolution.trim();
  return (
    <Modal opened={opened} onClose={close} title={t('issueList.bulkTitle', { count: ids.length })}>
      {result ? (
        <Stack>
          <Alert color="orange" title={t('issueList.bulkRefused', { count: result.refused.length })}>
            <ScrollArea.Autosize mah={260}>
              <List size="sm" spacing={4}>
                {result.refused.map((r) => (
                  <List.Item key={r.id}>{r.message}</List.Item>
                ))}
              </List>
            </ScrollArea.Autosize>
          </Alert>
          <Text size="sm" c="dimmed">
            {t('issueList.bulkRefusedHint')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('issueList.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Select
            label={t('issueList.bulkStatus')}
            placeholder={t('issueList.unchanged')}
            clearable
            data={issueStatuses.map((s) => ({ value: s, label: t(`issue.statuses.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as IssueStatus | null)}
            data-autofocus
          />
          {needsResolution(status) && (
            <Textarea
              label={t('issue.resolution')}
              withAsterisk
              autosize
              minRows={2}
              value={resolution}
              onChange={(e) => setResolution(e.currentTarget.value)}
            />
          )}
          <Select
            label={t('issueList.bulkAssignee')}
            placeholder={t('issueList.unchanged')}
            clearable
            searchable
            data={reference.personOptions}
            value={assigneeId}
            onChange={setAssigneeId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={bulk.isPending}
              disabled={(!status && !assigneeId) || missingResolution}
              onClick={() =>
                bulk.mutate({
                  ids,
                  status: status ?? undefined,
                  assigneeId: assigneeId ?? undefined,
                  resolution: needsResolution(status) ? resolution.trim() : undefined,
                })
              }
            >
              {t('issueList.bulkApply', { count: ids.length })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
