// 科室驻点: the quick visit entry, the rounding plan with "not visited for N working days" flags, and the
// visit log with findings (to a pilot issue in one step) and their follow-ups.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Finding } from '#contract/index.ts';
import { DateInput } from '@mantine/dates';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatShort, today } from '#renderer/components/format.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { VisitForm } from './VisitForm.tsx';

function FindingLine({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  const [followUp, setFollowUp] = useState(finding.followUp ?? '');
  const [followUpOn, setFollowUpOn] = useState<string | null>(finding.followUpOn);
  // A follow-up date that has passed without the follow-up done stands out.
  const late = !finding.followedUpAt && !!finding.followUpOn && finding.followUpOn < today();
  const toIssue = useAction('rounds.findingToIssue', {
    successMessage: false,
    onSuccess: (f) =>
      notifications.show({ color: 'teal', message: t('rounds.issueCreated', { number: f.issueNumber }) }),
  });
  const follow = useAction('rounds.setFollowUp');
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text size="sm" style={{ flex: 1 }}>
        • {finding.text}
      </Text>
      {finding.issueId ? (
        <Anchor component={Link} href={`/issues/${finding.issueId}`} size="sm" ff="monospace">
          {finding.issueNumber}
        </Anchor>
      ) : (
        <Button
          size="compact-xs"
          variant="light"
          loading={toIssue.isPending}
          onClick={() => toIssue.mutate({ findingId: finding.id, severity: 'P3' })}
        >
          {t('rounds.toIssue')}
        </Button>
      )}
      <TextInput
        size="xs"
        w={160}
        aria-label={t('rounds.followUp')}
        placeholder={t('rounds.followUp')}
        value={followUp}
        onChange={(e) => setFollowUp(e.currentTarget.value)}
        onBlur={() =>
          followUp !== (finding.followUp ?? '') &&
          follow.mutate({ findingId: finding.id, followUp, followUpOn, done: !!finding.followedUpAt })
        }
      />
      <DateInput
        size="xs"
        w={120}
        aria-label={t('rounds.followUpOn')}
        placeholder={t('rounds.followUpOn')}
        valueFormat="YYYY-MM-DD"
        clearable
        error={late}
        value={followUpOn}
        onChange={(day) => {
          setFollowUpOn(day);
          follow.mutate({
            findingId: finding.id,
            followUp: followUp || null,
            followUpOn: day,
            done: !!finding.followedUpAt,
          });
        }}
      />
      <Button
        size="compact-xs"
        variant={finding.followedUpAt ? 'filled' : 'default'}
        color={finding.followedUpAt ? 'teal' : undefined}
        onClick={() =>
          follow.mutate({
            findingId: finding.id,
            followUp: followUp || null,
            followUpOn,
            done: !finding.followedUpAt,
          })
        }
      >
        {t('rounds.followUpDone')}
      </Button>
    </Group>
  );
}

function PlanCard() {
  const { t } = useTranslation();
  const plan = useCall('rounds.plan');
  const setPlan = useAction('rounds.setPlan');
  return (
    <Card withBorder padding="sm" aria-label={t('rounds.plan')}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('rounds.plan')}
        </Text>
        <Group gap={6}>
          <Text size="sm">{t('rounds.every')}</Text>
          <NumberInput
            size="xs"
            w={60}
            min={1}
            max={60}
            aria-label={t('rounds.workingDays')}
            value={plan.data?.intervalDays ?? 2}
            onChange={(v) => typeof v === 'number' && v >= 1 && setPlan.mutate({ intervalDays: v })}
          />
          <Text size="sm">{t('rounds.workingDays')}</Text>
        </Group>
      </Group>
      <Table>
        <Table.Tbody>
          {(plan.data?.departments ?? []).map((d) => (
            <Table.Tr key={d.departmentId}>
              <Table.Td>{d.departmentName}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {d.lastVisitAt ? formatShort(d.lastVisitAt) : t('rounds.never')}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {d.overdue ? (
                  <Badge color="red" variant="light">
                    {d.workingDaysSince === null
                      ? t('rounds.never')
                      : t('rounds.since', { count: d.workingDaysSince })}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light">
                    {t('rounds.onPlan')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function RoundsPage() {
  const { t } = useTranslation();
  const visits = useCall('rounds.visits');
  return (
    <Stack gap="md">
      <PageHeader title={t('rounds.title')} />
      <Text size="sm" c="dimmed" mt={-12}>
        {t('rounds.help')}
      </Text>
      <Grid gap="md">
        <Grid.Col span={7}>
          <Card withBorder padding="sm">
            <VisitForm />
          </Card>
        </Grid.Col>
        <Grid.Col span={5}>
          <PlanCard />
        </Grid.Col>
      </Grid>
      <Text fw={600}>{t('rounds.visits')}</Text>
      {visits.data?.length === 0 && <Text c="dimmed">{t('rounds.noVisits')}</Text>}
      {(visits.data ?? []).map((v) => (
        <Card
          key={v.id}
          withBorder
          padding="sm"
          aria-label={`${v.departmentName} ${formatShort(v.startedAt)}`}
        >
          <Group gap="sm" mb={4}>
            <Text fw={600} size="sm">
              {v.departmentName}
            </Text>
            <Text size="sm" c="dimmed">
              {formatShort(v.startedAt)} · {t('rounds.minutes', { count: v.durationMinutes })}
              {v.engineerName ? ` · ${v.engineerName}` : ''}
              {v.peopleMet ? ` · ${v.peopleMet}` : ''}
            </Text>
          </Group>
          <Stack gap={4}>
            {v.findings.map((f) => (
              <FindingLine key={f.id} finding={f} />
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
