// 每日汇总: the coordinator's day at a glance — new, resolved, still open, overdue; the same-day resolution
// rate against the ≥ 95 % target; open P1 and blocking issues first; then per department.
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconChevronLeft, IconChevronRight, IconCircleCheck } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { DailySummary, IssueFilter } from '#contract/index.ts';
import { useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { StatCard } from '#renderer/components/StatCard.tsx';
import {
  BlockingBadge,
  OverdueBadge,
  SeverityBadge,
  StatusBadge,
} from '#renderer/components/IssueBadges.tsx';
import { formatNumber, formatPercent, formatShort, today } from '#renderer/components/format.ts';
import { setFilter } from '#renderer/app/issue-list-state.ts';
import { sameDayStoplight } from './rate.ts';

/** issues.summary lists at most this many urgent issues. */
const URGENT_SHOWN = 50;

const percent = (rate: number) => formatPercent(rate, { digits: 1 });

function RateCard({ summary }: { summary: DailySummary }) {
  const { t } = useTranslation();
  const target = t('summary.target', { target: percent(summary.target) });
  const status = sameDayStoplight(summary);
  const pending =
    summary.sameDayPending > 0 ? t('summary.notYetDue', { count: summary.sameDayPending }) : null;
  const counted =
    summary.sameDayRate === null
      ? t('summary.noneDue')
      : t('summary.metOf', { met: summary.sameDayMet, counted: summary.sameDayCounted });
  const verdict =
    status === 'red'
      ? t('summary.belowTarget', { target: percent(summary.target) })
      : status === 'amber'
        ? t('summary.overdueOpen', { count: summary.overdue })
        : target;
  return (
    <StatCard
      label={t('summary.sameDayRate')}
      value={summary.sameDayRate === null ? '—' : percent(summary.sameDayRate)}
      status={status}
      hint={
        <>
          {[counted, pending].filter(Boolean).join(' · ')}
          <br />
          {verdict}
        </>
      }
    />
  );
}

export function DailySummaryPage() {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const [, navigate] = useLocation();
  const [day, setDay] = useState(today());
  const summary = useCall('issues.summary', { day });
  const s = summary.data;
  const shift = (days: number) => setDay(dayjs(day).add(days, 'day').format('YYYY-MM-DD'));
  const isToday = day === today();
  const openFiltered = (filter: IssueFilter) => {
    setFilter({ ...filter, onlyOpen: true });
    navigate('/issues');
  };
  const openList = (departmentId: string) => openFiltered({ departmentIds: [departmentId] });

  return (
    <Stack gap="md">
      <PageHeader title={t('summary.title')}>
        <Group gap={4}>
          <Tooltip label={t('summary.previousDay')}>
            <ActionIcon
              variant="default"
              size={36}
              aria-label={t('summary.previousDay')}
              onClick={() => shift(-1)}
            >
              <IconChevronLeft size={16} />
            </ActionIcon>
          </Tooltip>
          <DatePickerInput
            w={150}
            aria-label={t('summary.day')}
            valueFormat="YYYY-MM-DD"
            value={day}
            maxDate={today()}
            onChange={(v) => v && setDay(dayjs(v).format('YYYY-MM-DD'))}
          />
          <Tooltip label={t('summary.nextDay')}>
            <ActionIcon
              variant="default"
              size={36}
              aria-label={t('summary.nextDay')}
              disabled={isToday}
              onClick={() => shift(1)}
            >
              <IconChevronRight size={16} />
            </ActionIcon>
          </Tooltip>
          <Button variant="default" disabled={isToday} onClick={() => setDay(today())}>
            {t('summary.today')}
          </Button>
        </Group>
      </PageHeader>
      {summary.error && (
        <Alert color="red" title={t('common.error')}>
          {summary.error.message}
        </Alert>
      )}
      {s && (
        <>
          <SimpleGrid cols={5}>
            <StatCard label={t('summary.reported')} value={n(s.reported)} />
            <StatCard label={t('summary.resolved')} value={n(s.resolved)} />
            <StatCard
              label={t('summary.open')}
              value={n(s.open)}
              hint={isToday ? t('summary.openNow') : t('summary.openAtEnd')}
            />
            <StatCard
              label={t('summary.overdue')}
              value={n(s.overdue)}
              status={s.overdue > 0 ? 'red' : undefined}
            />
            <RateCard summary={s} />
          </SimpleGrid>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Text fw={600}>
                {s.urgent.length >= URGENT_SHOWN
                  ? t('summary.urgentCapped', { count: s.urgent.length })
                  : t('summary.urgent', { count: s.urgent.length })}
              </Text>
              {/* The whole picture is in the list: there, P1 and blocking are one filter each. */}
              <Group gap="md">
                <Anchor size="sm" component="button" onClick={() => openFiltered({ severities: ['P1'] })}>
                  {t('summary.allOpenP1')}
                </Anchor>
                <Anchor size="sm" component="button" onClick={() => openFiltered({ blocking: true })}>
                  {t('summary.allBlocking')}
                </Anchor>
              </Group>
            </Group>
            {s.urgent.length === 0 ? (
              <Group gap="xs" c="teal.8">
                <IconCircleCheck size={18} />
                <Text size="sm">{t('summary.noUrgent')}</Text>
              </Group>
            ) : (
              // A long list scrolls inside its card, so the per-department table stays in view.
              <ScrollArea.Autosize mah={440} type="auto" data-print-full>
                <Table highlightOnHover stickyHeader verticalSpacing={6} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={96}>{t('issue.number')}</Table.Th>
                      <Table.Th>{t('issue.titleField')}</Table.Th>
                      <Table.Th w={120}>{t('issue.department')}</Table.Th>
                      <Table.Th w={90}>{t('issue.severity')}</Table.Th>
                      <Table.Th w={100}>{t('issue.status')}</Table.Th>
                      <Table.Th w={90}>{t('issue.assignee')}</Table.Th>
                      <Table.Th w={130}>{t('issue.resolutionDueAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.urgent.map((r) => (
                      <Table.Tr
                        key={r.id}
                        style={{ cursor: 'pointer' }}
                        onClick={() => navigate(`/issues/${r.id}`)}
                      >
                        <Table.Td>
                          <Anchor component={Link} href={`/issues/${r.id}`} ff="monospace" size="sm">
                            {r.number}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            {r.blocking && <BlockingBadge size="sm" style={{ flexShrink: 0 }} />}
                            <Text size="sm" fw={600} lineClamp={1}>
                              {r.title}
                            </Text>
                          </Group>
                        </Table.Td>
                        <Table.Td>{r.departmentName}</Table.Td>
                        <Table.Td>
                          <SeverityBadge severity={r.severity} />
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={r.status} />
                        </Table.Td>
                        <Table.Td>{r.assigneeName ?? '—'}</Table.Td>
                        <Table.Td>
                          {r.overdue ? <OverdueBadge kind={r.overdue} /> : formatShort(r.resolutionDueAt)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="sm">
              {t('summary.byDepartment')}
            </Text>
            {s.departments.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('summary.noIssues')}
              </Text>
            ) : (
              <Table highlightOnHover striped verticalSpacing={6} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('issue.department')}</Table.Th>
                    <Table.Th ta="right">{t('summary.reported')}</Table.Th>
                    <Table.Th ta="right">{t('summary.resolved')}</Table.Th>
                    <Table.Th ta="right">{t('summary.open')}</Table.Th>
                    <Table.Th ta="right">{t('summary.overdue')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.departments.map((d) => (
                    <Table.Tr
                      key={d.departmentId}
                      style={{ cursor: 'pointer' }}
                      onClick={() => openList(d.departmentId)}
                      title={t('summary.openDepartment', { name: d.departmentName })}
                    >
                      <Table.Td>{d.departmentName}</Table.Td>
                      <Table.Td ta="right">{n(d.reported)}</Table.Td>
                      <Table.Td ta="right">{n(d.resolved)}</Table.Td>
                      <Table.Td ta="right">{n(d.open)}</Table.Td>
                      <Table.Td
                        ta="right"
                        c={d.overdue > 0 ? 'red' : undefined}
                        fw={d.overdue > 0 ? 700 : undefined}
                      >
                        {n(d.overdue)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    <Table.Td>{t('summary.total')}</Table.Td>
                    <Table.Td ta="right">{n(s.reported)}</Table.Td>
                    <Table.Td ta="right">{n(s.resolved)}</Table.Td>
                    <Table.Td ta="right">{n(s.open)}</Table.Td>
                    <Table.Td ta="right" c={s.overdue > 0 ? 'red' : undefined}>
                      {n(s.overdue)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
