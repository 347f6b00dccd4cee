// A change: its assessment, the approvers' votes in the current round, the emergency approval a freeze
// window asks for, the leadership sign-off, implementation, and the decision log.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ChangeApprover } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { fact } from '#renderer/components/Fact.tsx';
import { formatDateTime } from '#renderer/components/format.ts';
import { ChangeStatusBadge, RiskBadge } from './badges.tsx';
import { ChangeForm } from './ChangeForm.tsx';

function ApproverRow({ approver, open }: { approver: ChangeApprover; open: boolean }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const vote = useAction('changes.vote');
  return (
    <Table.Tr data-testid={`approver-${approver.name}`}>
      <Table.Td>{approver.name}</Table.Td>
      <Table.Td>
        {approver.vote ? t(`changes.votes.${approver.vote}`) : t('changes.pendingVote')}
        {approver.comment && (
          <Text size="xs" c="dimmed">
            {approver.comment}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {formatDateTime(approver.votedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        {open && !approver.vote && (
          <Group gap={4} wrap="nowrap">
            <TextInput
              size="xs"
              placeholder={t('changes.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Button
              size="xs"
              color="teal"
              onClick={() => vote.mutate({ approverId: approver.id, vote: 'approve', comment })}
            >
              {t('changes.votes.approve')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              onClick={() => vote.mutate({ approverId: approver.id, vote: 'reject', comment })}
            >
              {t('changes.votes.reject')}
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ChangePage({ params }: { params: { id: string } }) {
  const { t } = useTranslation();
  const detail = useCall('changes.get', { id: params.id });
  const [editing, setEditing] = useState(false);
  const [emName, setEmName] = useState('');
  const [emReason, setEmReason] = useState('');
  const [signer, setSigner] = useState('');
  const submit = useAction('changes.submit');
  const emergency = useAction('changes.emergencyApprove');
  const signOff = useAction('changes.signOff');
  const implement = useAction('changes.implement');
  const cancel = useAction('changes.cancel');
  if (!detail.data) return null;
  const { change, approvers, log, requests, issues, freezes } = detail.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} href="/changes" size="sm">
            {t('changes.title')}
          </Anchor>
          <Title order={3}>{change.title}</Title>
          <Group gap="xs">
            <ChangeStatusBadge status={change.status} />
            <RiskBadge risk={change.risk} level={change.riskLevel} />
            <Text size="sm" c="dimmed">
              {t(`changes.kinds.${change.kind}`)} · {t(`requests.rules.${change.rule}`)}
              {change.round > 0 ? ` · ${t('changes.round', { round: change.round })}` : ''}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          {change.status === 'draft' && (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              <Button onClick={() => submit.mutate({ id: change.id })}>{t('changes.submit')}</Button>
            </>
          )}
          {change.status === 'approved' && change.signedOffAt && (
            <Button color="green" onClick={() => implement.mutate({ id: change.id })}>
              {t('changes.implement')}
            </Button>
          )}
          {change.status !== 'implemented' && change.status !== 'cancelled' && (
            <Button variant="subtle" color="gray" onClick={() => cancel.mutate({ id: change.id })}>
              {t('changes.cancel')}
            </Button>
          )}
        </Group>
      </Group>

      {freezes.length > 0 && change.needsEmergencyApproval && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="freeze-alert">
          {freezes.map((f) => t('changes.freeze.inWindow', { name: f.name })).join(' ')}
          {change.status === 'submitted' && (
            <Group mt="sm" align="end" gap="xs">
              <TextInput
                size="xs"
                label={t('changes.freeze.emergencyBy')}
                value={emName}
                onChange={(e) => setEmName(e.currentTarget.value)}
              />
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label={t('changes.freeze.emergencyReason')}
                value={emReason}
                onChange={(e) => setEmReason(e.currentTarget.value)}
              />
              <Button
                size="xs"
                color="red"
                disabled={!emName.trim() || !emReason.trim()}
                onClick={() => emergency.mutate({ id: change.id, name: emName, reason: emReason })}
              >
                {t('changes.freeze.emergencyApprove')}
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {change.emergencyApprovedAt && (
        <Alert color="orange" variant="light">
          {t('changes.freeze.emergencyDone', {
            name: change.emergencyApprovedBy,
            at: formatDateTime(change.emergencyApprovedAt),
            reason: change.emergencyReason,
          })}
        </Alert>
      )}

      <Card withBorder>
        <SimpleGrid cols={3} spacing="sm">
          {fact(t('changes.fields.reason'), change.reason)}
          {fact(t('changes.fields.backoutPlan'), change.backoutPlan)}
          {fact(t('changes.fields.plannedAt'), formatDateTime(change.plannedAt))}
          {fact(t('changes.fields.impactScope'), change.impactScope)}
          {fact(t('changes.fields.impactCost'), change.impactCost)}
          {fact(t('changes.fields.impactSchedule'), change.impactSchedule)}
          {fact(t('changes.fields.likelihood'), String(change.likelihood))}
          {fact(t('changes.fields.impact'), String(change.impact))}
          {fact(
            t('changes.fields.requests'),
            requests.map((r) => r.title).join(t('common.listSeparator')) ||
              issues.map((i) => i.number).join(t('common.listSeparator')),
          )}
        </SimpleGrid>
      </Card>

      <SimpleGrid cols={2}>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('changes.fields.approvers')}
          </Title>
          <Table>
            <Table.Tbody>
              {approvers.map((a) => (
                <ApproverRow key={`${a.id}-${a.vote}`} approver={a} open={change.status === 'submitted'} />
              ))}
            </Table.Tbody>
          </Table>
          {change.status === 'approved' && !change.signedOffAt && (
            <Group mt="sm" align="end" gap="xs">
              <TextInput
                size="xs"
                label={t('changes.signOffName')}
                value={signer}
                onChange={(e) => setSigner(e.currentTarget.value)}
              />
              <Button
                size="xs"
                disabled={!signer.trim()}
                onClick={() => signOff.mutate({ id: change.id, name: signer })}
              >
                {t('changes.signOff')}
              </Button>
            </Group>
          )}
          {change.signedOffAt && (
            <Text size="sm" mt="sm" fw={500}>
              {t('changes.signedOff', { name: change.signedOffBy, at: formatDateTime(change.signedOffAt) })}
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('changes.log')}
          </Title>
          <Timeline bulletSize={12} lineWidth={2}>
            {log.map((l) => (
              <Timeline.Item key={l.id} title={t(`changes.actions.${l.action}`)}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(l.at)} {l.actor ?? ''} · {t('changes.round', { round: l.round })}
                </Text>
                {l.note && <Text size="xs">{l.note}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      </SimpleGrid>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('changes.edit')} size="xl">
        {editing && <ChangeForm initial={detail.data} onDone={() => setEditing(false)} />}
      </Modal>
    </Stack>
  );
}
