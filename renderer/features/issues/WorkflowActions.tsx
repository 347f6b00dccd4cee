import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconChecks,
  IconCopy,
  IconHandStop,
  IconLock,
  IconPlayerPlay,
  IconX,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueDetail, IssueStatus } from '#contract/index.ts';
import { useAction } from '#renderer/app/queries.ts';
import { needsResolution } from './BulkDialog.tsx';
import { IssuePicker } from './IssuePicker.tsx';

const icons: Record<IssueStatus, ReactNode> = {
  new: null,
  acknowledged: <IconHandStop size={16} />,
  in_progress: <IconPlayerPlay size={16} />,
  resolved: <IconCheck size={16} />,
  verified: <IconChecks size={16} />,
  closed: <IconLock size={16} />,
  reopened: <IconArrowBackUp size={16} />,
  wont_fix: <IconX size={16} />,
  duplicate: <IconCopy size={16} />,
};

/** The natural next step is the filled button; the side exits (won't fix, duplicate) are quieter. */
const forward: IssueStatus[] = ['acknowledged', 'in_progress', 'resolved', 'verified', 'closed'];

export function WorkflowActions({ detail }: { detail: IssueDetail }) {
  const { t } = useTranslation();
  const { issue } = detail;
  const [target, setTarget] = useState<IssueStatus | null>(null);
  const [resolution, setResolution] = useState('');
  const [duplicateOfId, setDuplicateOfId] = useState<string | null>(null);
  const transition = useAction('issues.transition', {
    // The status badge and the buttons change in place: no toast needed on top.
    successMessage: false,
    onSuccess: () => setTarget(null),
  });
  const primary = detail.allowedTransitions.find((s) => forward.includes(s));

  const start = (to: IssueStatus) => {
    if (needsResolution(to) || to === 'duplicate') {
      setResolution(issue.resolution ?? '');
      setDuplicateOfId(null);
      setTarget(to);
    } else {
      transition.mutate({ id: issue.id, to });
    }
  };
  const confirm = () => {
    if (!target) return;
    transition.mutate({
      id: issue.id,
      to: target,
      resolution: needsResolution(target) ? resolution.trim() : undefined,
      duplicateOfId: target === 'duplicate' ? duplicateOfId : undefined,
    });
  };
  const ready = target === 'duplicate' ? !!duplicateOfId : !!resolution.trim();

  return (
    <>
      <Group gap="xs">
        {detail.allowedTransitions.map((to) => (
          <Button
            key={to}
            size="sm"
            variant={
              to === primary ? 'filled' : to === 'wont_fix' || to === 'duplicate' ? 'subtle' : 'default'
            }
            color={to === 'wont_fix' || to === 'duplicate' ? 'gray' : undefined}
            leftSection={icons[to]}
            loading={transition.isPending && transition.variables?.to === to}
            onClick={() => start(to)}
          >
            {t(`issueDetail.actions.${to}`)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target ? t(`issueDetail.actions.${target}`) : ''}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) confirm();
          }}
        >
          <Stack>
            {target === 'duplicate' ? (
              <>
                <Text size="sm" c="dimmed">
                  {t('issueDetail.duplicateHint', { number: issue.number })}
                </Text>
                <IssuePicker
                  label={t('issue.duplicateOf')}
                  excludeId={issue.id}
                  value={duplicateOfId}
                  onChange={setDuplicateOfId}
                />
              </>
            ) : (
              <Textarea
                label={t('issue.resolution')}
                description={t(
                  target === 'wont_fix' ? 'issueDetail.wontFixHint' : 'issueDetail.resolutionHint',
                )}
                withAsterisk
                autosize
                minRows={3}
                data-autofocus
                value={resolution}
                onChange={(e) => setResolution(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && ready) {
                    e.preventDefault();
                    confirm();
                  }
                }}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!ready} loading={transition.isPending}>
                {target ? t(`issueDetail.actions.${target}`) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
