// 双轨对账 home: the go / no-go verdict against the cutover criteria, the consistency trend per domain,
// and one card per data domain (runs, open items, actions).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { IconCheck, IconPlayerPlay, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CriterionResult, CutoverCriteria, DomainTrend, GoNoGo } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { percent } from './badges.tsx';

function criterionText(c: CriterionResult, k: CutoverCriteria, t: TFunction) {
  switch (c.key) {
    case 'minDays':
      return [
        t('dualRun.cutover.minDays', { days: k.minDays }),
        t('dualRun.cutover.minDaysActual', { count: c.actual }),
      ];
    case 'recentRate':
      return [
        t('dualRun.cutover.recentRate', { days: k.recentDays, rate: percent(k.minRate) }),
        t('dualRun.cutover.recentRateActual', { rate: percent(c.actual) }),
      ];
    case 'openAge':
      return [
        t('dualRun.cutover.openAge', { days: k.maxOpenAgeDays }),
        t('dualRun.cutover.openAgeActual', { count: c.actual }),
      ];
    default:
      return [
        t('dualRun.cutover.blockingIssues'),
        t('dualRun.cutover.blockingIssuesActual', { count: c.actual }),
      ];
  }
}

function CriteriaDialog({ criteria, onClose }: { criteria: CutoverCriteria; onClose: () => void }) {
  const { t } = useTranslation();
  const [c, setC] = useState(criteria);
  const save = useAction('reconcile.setCriteria', { onSuccess: onClose });
  const num = (key: 'minDays' | 'recentDays' | 'maxOpenAgeDays') => (
    <NumberInput
      label={t(`dualRun.cutover.fields.${key}`)}
      min={0}
      value={c[key]}
      onChange={(v) => setC({ ...c, [key]: typeof v === 'number' ? v : 0 })}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('dualRun.cutover.editCriteria')}>
      <Stack>
        {num('minDays')}
        {num('recentDays')}
        <NumberInput
          label={t('dualRun.cutover.fields.minRate')}
          min={0}
          max={100}
          decimalScale={3}
          value={c.minRate * 100}
          onChange={(v) => setC({ ...c, minRate: (typeof v === 'number' ? v : 0) / 100 })}
        />
        {num('maxOpenAgeDays')}
        <Checkbox
          label={t('dualRun.cutover.fields.noBlockingIssues')}
          checked={c.noBlockingIssues}
          onChange={(e) => setC({ ...c, noBlockingIssues: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate(c)}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Verdict({ verdict }: { verdict: GoNoGo }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder aria-label={t('dualRun.cutover.title')} role="region">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Text fw={600}>{t('dualRun.cutover.title')}</Text>
          <Badge size="lg" color={verdict.go ? 'teal' : 'red'} data-testid="verdict">
            {verdict.go ? t('dualRun.cutover.go') : t('dualRun.cutover.noGo')}
          </Badge>
        </Group>
        <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
          {t('dualRun.cutover.editCriteria')}
        </Button>
      </Group>
      <List spacing={6} size="sm" center>
        {verdict.overall.map((c) => {
          const [rule, actual] = criterionText(c, verdict.criteria, t);
          return (
            <List.Item
              key={c.key}
              icon={
                <ThemeIcon size={20} radius="xl" color={c.pass ? 'teal' : 'red'}>
                  {c.pass ? <IconCheck size={13} /> : <IconX size={13} />}
                </ThemeIcon>
              }
            >
              {rule}
              <Text span c="dimmed" size="sm">
                {' '}
                — {actual}
                {c.detail.length > 0 && ` · ${t('dualRun.cutover.failing', { list: c.detail.join('、') })}`}
              </Text>
            </List.Item>
          );
        })}
      </List>
      {editing && <CriteriaDialog criteria={verdict.criteria} onClose={() => setEditing(false)} />}
    </Card>
  );
}

/** Rate per day as a line between 99 % (bottom) and 100 % (top), with the target as a dashed line. */
function TrendChart({ trend, target }: { trend: DomainTrend; target: number }) {
  const { t } = useTranslation();
  const w = 560;
  const h = 90;
  const floor = Math.min(0.99, ...trend.points.map((p) => p.rate));
  const y = (rate: number) => h - 6 - ((rate - floor) / (1 - floor || 1)) * (h - 12);
  const x = (i: number) =>
    trend.points.length <= 1 ? w / 2 : 8 + (i * (w - 16)) / (trend.points.length - 1);
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`${trend.domain} ${t('dualRun.trend.title')}`}
    >
      <line
        x1={0}
        x2={w}
        y1={y(target)}
        y2={y(target)}
        stroke="var(--mantine-color-teal-4)"
        strokeDasharray="4 4"
      />
      <polyline
        fill="none"
        stroke="var(--mantine-color-blue-6)"
        strokeWidth={2}
        points={trend.points.map((p, i) => `${x(i)},${y(p.rate)}`).join(' ')}
      />
      {trend.points.map((p, i) => (
        <circle
          key={p.runId}
          cx={x(i)}
          cy={y(p.rate)}
          r={3.5}
          fill={
            p.clean
              ? 'var(--mantine-color-teal-6)'
              : p.rate >= target
                ? 'var(--mantine-color-yellow-6)'
                : 'var(--mantine-color-red-6)'
          }
        >
          <title>{`${p.businessDate} ${percent(p.rate)}`}</title>
        </circle>
      ))}
    </svg>
  );
}

export function ReconcilePage() {
  const { t } = useTranslation();
  const profiles = useCall('reconcile.profiles');
  const verdict = useCall('reconcile.goNoGo');
  const trends = useCall('reconcile.trend');
  const target = verdict.data?.criteria.minRate ?? 0.999;
  return (
    <Stack>
      <PageHeader title={t('dualRun.title')}>
        <Button
          component={Link}
          href="/reconcile/profiles/new"
          variant="default"
          leftSection={<IconPlus size={16} />}
        >
          {t('dualRun.newProfile')}
        </Button>
        <Button
          component={Link}
          href="/reconcile/run"
          leftSection={<IconPlayerPlay size={16} />}
          disabled={!profiles.data?.length}
        >
          {t('dualRun.runNow')}
        </Button>
      </PageHeader>
      <Text c="dimmed" size="sm" mt={-12}>
        {t('dualRun.subtitle')}
      </Text>
      {profiles.data?.length === 0 && <Alert color="blue">{t('dualRun.noProfiles')}</Alert>}
      {verdict.data && <Verdict verdict={verdict.data} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {(profiles.data ?? []).map((p) => {
          const trend = trends.data?.find((x) => x.profileId === p.id);
          const v = verdict.data?.domains.find((d) => d.profileId === p.id);
          const last = trend?.points.at(-1);
          return (
            <Card withBorder key={p.id} role="region" aria-label={p.domain}>
              <Group justify="space-between" mb={4}>
                <Group gap="xs">
                  <Text fw={600}>{p.domain}</Text>
                  {v && (
                    <Badge size="sm" color={v.go ? 'teal' : 'red'} variant="light">
                      {v.go ? t('dualRun.cutover.go') : t('dualRun.cutover.noGo')}
                    </Badge>
                  )}
                </Group>
                <Group gap="xs">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    component={Link}
                    href={`/reconcile/profiles/${p.id}`}
                  >
                    {t('dualRun.editProfile')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="light"
                    component={Link}
                    href={`/reconcile/run?profile=${p.id}`}
                  >
                    {t('dualRun.runNow')}
                  </Button>
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {p.lastRunDate
                  ? `${t('dualRun.domainCard.runs', { count: p.runCount })} · ${t('dualRun.domainCard.lastRun', { date: p.lastRunDate })}`
                  : t('dualRun.domainCard.never')}
                {last && ` · ${t('dualRun.detail.rate')} ${percent(last.rate)}`}
                {trend && ` · ${t('dualRun.trend.cleanStreak', { count: trend.cleanStreak })}`}
              </Text>
              {trend && trend.points.length > 0 && <TrendChart trend={trend} target={target} />}
              <Group gap="md" mt={4}>
                <Anchor component={Link} href={`/reconcile/domains/${p.id}`} size="sm">
                  {t('dualRun.items')} · {t('dualRun.domainCard.open', { count: p.openItems })}
                </Anchor>
                {last && (
                  <Anchor component={Link} href={`/reconcile/runs/${last.runId}`} size="sm">
                    {t('dualRun.detail.title', { domain: p.domain, date: last.businessDate })}
                  </Anchor>
                )}
              </Group>
            </Card>
          );
        })}
      </SimpleGrid>
      {verdict.data && verdict.data.domains.length > 0 && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('dualRun.cutover.criteria')}
          </Text>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dualRun.cutover.domain')}</Table.Th>
                <Table.Th>{t('dualRun.cutover.runDays')}</Table.Th>
                <Table.Th>{t('dualRun.cutover.cleanDays')}</Table.Th>
                <Table.Th>{t('dualRun.detail.rate')}</Table.Th>
                <Table.Th>{t('dualRun.cutover.oldestOpen')}</Table.Th>
                <Table.Th>{t('dualRun.cutover.verdict')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {verdict.data.domains.map((d) => (
                <Table.Tr key={d.profileId}>
                  <Table.Td>{d.domain}</Table.Td>
                  <Table.Td>{d.runDays}</Table.Td>
                  <Table.Td>{d.cleanStreak}</Table.Td>
                  <Table.Td>{d.recentRates.map((r) => percent(r.rate)).join(' · ') || '—'}</Table.Td>
                  <Table.Td>
                    {d.oldestOpenAgeDays === null
                      ? '—'
                      : t('dualRun.item.ageDays', { count: d.oldestOpenAgeDays })}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" color={d.go ? 'teal' : 'red'} variant="light">
                      {d.go ? t('dualRun.cutover.go') : t('dualRun.cutover.noGo')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
