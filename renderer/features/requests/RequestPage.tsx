// A requirement request: its fields, the workflow moves it may take, the review (named reviewers with their
// opinion and vote, the tally against the rule, the decision with its reasons), linked issues and history.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  decisionStatuses,
  type DecisionStatus,
  type RequestReview,
  type ReviewVote,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { fact } from '#renderer/components/Fact.tsx';
import { formatDateTime } from '#renderer/components/format.ts';
import { RequestForm } from './RequestForm.tsx';
import { priorityColor, tierColor } from './RequestsPage.tsx';

function ReviewRow({ review, open }: { review: RequestReview; open: boolean }) {
  const { t } = useTranslation();
  const [vote, setVote] = useState<ReviewVote | ''>(review.vote ?? '');
  const [opinion, setOpinion] = useState(review.opinion ?? '');
  const save = useAction('requests.vote');
  const remove = useAction('requests.removeReviewer');
  return (
    <Table.Tr data-testid={`review-${review.reviewer}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {review.reviewer}
        </Text>
        <Text size="xs" c="dimmed">
          {review.role}
        </Text>
      </Table.Td>
      <Table.Td>
        {open ? (
          <SegmentedControl
            size="xs"
            value={vote}
            onChange={(v) => setVote(v as ReviewVote)}
            data={(['approve', 'defer', 'reject'] as const).map((v) => ({
              value: v,
              label: t(`requests.votes.${v}`),
            }))}
          />
        ) : review.vote ? (
          <Badge variant="light">{t(`requests.votes.${review.vote}`)}</Badge>
        ) : (
          <Text size="xs" c="dimmed">
            {t('requests.review.pending')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {open ? (
          <TextInput
            size="xs"
            aria-label={t('requests.review.opinion')}
            value={opinion}
            onChange={(e) => setOpinion(e.currentTarget.value)}
          />
        ) : (
          <Text size="sm">{review.opinion}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {formatDateTime(review.votedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        {open && (
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              disabled={!vote}
              loading={save.isPending}
              onClick={() => vote && save.mutate({ reviewId: review.id, vote, opinion })}
            >
              {t('requests.review.vote')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => remove.mutate({ reviewId: review.id })}
            >
              {t('requests.review.remove')}
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function RequestPage({ params }: { params: { id: string } }) {
  const { t } = useTranslation();
  const detail = useCall('requests.get', { id: params.id });
  const [editing, setEditing] = useState(false);
  const [reviewer, setReviewer] = useState('');
  const [role, setRole] = useState('');
  const [decision, setDecision] = useState<DecisionStatus | null>(null);
  const [reason, setReason] = useState('');
  const addReviewer = useAction('requests.addReviewer', {
    onSuccess: () => {
      setReviewer('');
      setRole('');
    },
  });
  const decide = useAction('requests.decide', { onSuccess: () => setReason('') });
  const move = useAction('requests.transition');
  if (!detail.data) return null;
  const { request, reviews, history, issues, allowedTransitions } = detail.data;
  const reviewing = request.status === 'under_review';
  const rule = t(`requests.rules.${request.decisionRule}`);
  const moves = allowedTransitions.filter(
    (s) => !reviewing || !(decisionStatuses as readonly string[]).includes(s),
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} href="/requests" size="sm">
            {t('requests.board')}
          </Anchor>
          <Title order={3}>{request.title}</Title>
          <Group gap="xs">
            <Badge color={tierColor[request.tier]}>{t(`requests.tiers.${request.tier}`)}</Badge>
            <Badge variant="outline" data-testid="request-status">
              {t(`requests.statuses.${request.status}`)}
            </Badge>
            <Badge color={priorityColor[request.priority]} variant="dot">
              {t('requests.fields.priority')} {t(`requests.priorities.${request.priority}`)}
            </Badge>
          </Group>
        </Stack>
        <Group gap="xs">
          {moves.map((s) => (
            <Button key={s} variant="light" size="sm" onClick={() => move.mutate({ id: request.id, to: s })}>
              {t('requests.workflow.to', { status: t(`requests.statuses.${s}`) })}
            </Button>
          ))}
          <Button
            variant="default"
            size="sm"
            leftSection={<IconEdit size={16} />}
            onClick={() => setEditing(true)}
          >
            {t('common.edit')}
          </Button>
        </Group>
      </Group>

      <Card withBorder>
        <SimpleGrid cols={4} spacing="sm">
          {fact(t('requests.fields.department'), request.departmentName)}
          {fact(t('requests.fields.requester'), request.requester)}
          {fact(t('requests.fields.requestedOn'), request.requestedOn)}
          {fact(t('requests.fields.effortDays'), request.effortDays)}
          {fact(
            t('requests.fields.valueMeasure'),
            request.valueMeasure ? t(`requests.measures.${request.valueMeasure}`) : null,
          )}
          {fact(t('requests.fields.expectedValue'), request.expectedValue)}
          {fact(t('requests.fields.decisionRule'), rule)}
          {fact(t('requests.fields.issues'), issues.length)}
        </SimpleGrid>
        {request.description && (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {request.description}
          </Text>
        )}
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('requests.review.title')}</Title>
          <Text size="sm" c="dimmed" data-testid="tally">
            {t('requests.review.tally', { ...request.votes })}
          </Text>
        </Group>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.review.reviewer')}</Table.Th>
              <Table.Th>{t('requests.review.vote')}</Table.Th>
              <Table.Th>{t('requests.review.opinion')}</Table.Th>
              <Table.Th />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.map((r) => (
              <ReviewRow key={`${r.id}-${r.vote}-${r.opinion}`} review={r} open={reviewing} />
            ))}
          </Table.Tbody>
        </Table>
        {['submitted', 'under_review', 'deferred'].includes(request.status) && (
          <Group mt="sm" align="end" gap="xs">
            <TextInput
              size="xs"
              label={t('requests.review.reviewer')}
              value={reviewer}
              onChange={(e) => setReviewer(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              w={260}
              label={t('requests.review.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="default"
              disabled={!reviewer.trim()}
              onClick={() => addReviewer.mutate({ id: request.id, reviewer, role })}
            >
              {t('requests.review.addReviewer')}
            </Button>
          </Group>
        )}
        {reviewing && (
          <Stack gap="xs" mt="md">
            <Alert color={request.votes.approvable ? 'teal' : 'yellow'} variant="light" p="xs">
              {request.votes.approvable
                ? t('requests.review.approvable', { rule })
                : t('requests.review.notApprovable', { rule })}
            </Alert>
            <Group align="end" gap="xs">
              <Select
                size="xs"
                label={t('requests.review.decision')}
                data={allowedTransitions
                  .filter((s) => (decisionStatuses as readonly string[]).includes(s))
                  .map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))}
                value={decision}
                onChange={(v) => setDecision(v as DecisionStatus | null)}
                w={140}
              />
              <Textarea
                size="xs"
                label={t('requests.review.reason')}
                autosize
                minRows={1}
                style={{ flex: 1 }}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Button
                size="xs"
                disabled={!decision || !reason.trim()}
                onClick={() => decision && decide.mutate({ id: request.id, decision, reason })}
              >
                {t('requests.review.decide')}
              </Button>
            </Group>
          </Stack>
        )}
        {request.decisionReason && (
          <Text size="sm" mt="sm">
            {t('requests.review.reason')}
            {t('common.colon')}
            {request.decisionReason}
          </Text>
        )}
      </Card>

      <SimpleGrid cols={2}>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('requests.fields.issues')}
          </Title>
          <Stack gap={4}>
            {issues.map((i) => (
              <Anchor key={i.id} component={Link} href={`/issues/${i.id}`} size="sm">
                {i.number} · {i.title}
              </Anchor>
            ))}
            {issues.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('common.none')}
              </Text>
            )}
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('requests.history.title')}
          </Title>
          <Timeline bulletSize={12} lineWidth={2}>
            {history.map((h) => (
              <Timeline.Item
                key={h.id}
                title={
                  h.fromStatus
                    ? t('requests.history.entry', {
                        from: t(`requests.statuses.${h.fromStatus}`),
                        to: t(`requests.statuses.${h.toStatus}`),
                      })
                    : t('requests.history.created', { to: t(`requests.statuses.${h.toStatus}`) })
                }
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(h.at)} {h.actor ?? ''}
                </Text>
                {h.note && <Text size="xs">{h.note}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      </SimpleGrid>

      <Modal opened={editing} onClose={() => setEditing(false)} title={t('requests.edit')} size="lg">
        {editing && <RequestForm initial={request} onDone={() => setEditing(false)} />}
      </Modal>
    </Stack>
  );
}
