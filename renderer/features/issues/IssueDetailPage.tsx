import { Alert, Anchor, Card, Center, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { call } from '#renderer/api/client.ts';
import { queryClient, useCall } from '#renderer/app/queries.ts';
import {
  BlockingBadge,
  OverdueBadge,
  SeverityBadge,
  StatusBadge,
} from '#renderer/components/IssueBadges.tsx';
import { EditableText } from './EditableText.tsx';
import { IssueAttachments } from './IssueAttachments.tsx';
import { IssueFields } from './IssueFields.tsx';
import { IssueHistory } from './IssueHistory.tsx';
import { useReference } from './reference.ts';
import { WorkflowActions } from './WorkflowActions.tsx';
import { notifications } from '@mantine/notifications';
import type { InputOf, PilotIssue } from '#contract/index.ts';

function DetailSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {title}
      </Text>
      {children}
    </Card>
  );
}

/**
 * Pieces of other areas on an issue's page. The app fills them in (renderer/app/screens.tsx), so this
 * feature imports none of them; each gets the loaded issue.
 */
export interface IssueDetailSlots {
  /** Beside the workflow actions (sync: delete the issue). */
  renderActions?: (issue: PilotIssue) => ReactNode;
  /** Under the fields (reconcile: the discrepancies it was raised from). */
  renderAside?: (issue: PilotIssue) => ReactNode;
}

export function IssueDetailPage({
  params,
  renderActions,
  renderAside,
}: { params: { id: string } } & IssueDetailSlots) {
  const { t } = useTranslation();
  const detail = useCall('issues.get', { id: params.id });
  const reference = useReference();

  // Text fields save through the same call, awaited so the editor stays open on an error.
  const save = async (patch: Omit<InputOf<'issues.update'>, 'id'>) => {
    try {
      await call('issues.update', { id: params.id, ...patch });
      await queryClient.invalidateQueries();
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
      throw e;
    }
  };

  const back = (
    <Anchor component={Link} href="/issues" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('issueDetail.back')}
      </Group>
    </Anchor>
  );

  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (detail.error) {
    return (
      <Stack>
        {back}
        <Alert color="red" title={t('common.error')}>
          {detail.error.message}
        </Alert>
      </Stack>
    );
  }
  const d = detail.data;
  const { issue } = d;
  return (
    <Stack gap="md">
      {back}
      <Stack gap="xs">
        <Group gap="xs">
          <Text ff="monospace" c="dimmed" fw={600}>
            {issue.number}
          </Text>
          <StatusBadge status={issue.status} size="lg" />
          <SeverityBadge severity={issue.severity} full size="lg" />
          {issue.blocking && <BlockingBadge size="lg" />}
          {d.overdue && <OverdueBadge kind={d.overdue} size="lg" />}
        </Group>
        <EditableText
          label={t('issue.titleField')}
          value={issue.title}
          singleLine
          required
          maxLength={200}
          onSave={(title) => save({ title })}
          display={
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {issue.title}
            </Title>
          }
        />
      </Stack>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <WorkflowActions detail={d} />
        {renderActions?.(issue)}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {(d.duplicateOf || d.duplicates.length > 0) && (
              <Alert color="gray" variant="light">
                {d.duplicateOf && (
                  <Text size="sm">
                    {t('issue.duplicateOf')}
                    {t('common.colon')}
                    <Anchor component={Link} href={`/issues/${d.duplicateOf.id}`}>
                      {d.duplicateOf.number} {d.duplicateOf.title}
                    </Anchor>
                  </Text>
                )}
                {d.duplicates.length > 0 && (
                  <Text size="sm">
                    {t('issueDetail.duplicatesOfThis')}
                    {t('common.colon')}
                    {d.duplicates.map((x, i) => (
                      <span key={x.id}>
                        {i > 0 && t('common.listSeparator')}
                        <Anchor component={Link} href={`/issues/${x.id}`}>
                          {x.number}
                        </Anchor>
                      </span>
                    ))}
                  </Text>
                )}
              </Alert>
            )}
            <DetailSection title={t('issue.description')}>
              <EditableText
                label={t('issue.description')}
                value={issue.description}
                maxLength={5000}
                onSave={(description) => save({ description })}
              />
            </DetailSection>
            <DetailSection title={t('issue.workaround')}>
              <EditableText
                label={t('issue.workaround')}
                value={issue.workaround}
                maxLength={5000}
                placeholder={t('issueDetail.workaroundPlaceholder')}
                onSave={(workaround) => save({ workaround })}
              />
            </DetailSection>
            <DetailSection title={t('issue.resolution')}>
              <EditableText
                label={t('issue.resolution')}
                value={issue.resolution}
                maxLength={5000}
                placeholder={t('issueDetail.resolutionPlaceholder')}
                onSave={(resolution) => save({ resolution })}
              />
            </DetailSection>
            <DetailSection title={t('attachments.titleCount', { count: d.attachments.length })}>
              <IssueAttachments issueId={issue.id} attachments={d.attachments} />
            </DetailSection>
            <DetailSection title={t('issueDetail.history')}>
              <IssueHistory detail={d} reference={reference} />
            </DetailSection>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <IssueFields detail={d} reference={reference} />
            {renderAside?.(issue)}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
