// One run: summary cards, differences per column as bars, control totals, and the discrepancies that were
// open on its business date in the virtualised list.
import { Alert, Anchor, Box, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ReconcileRun } from '#contract/index.ts';
import { useCall } from '#renderer/app/queries.ts';
import { formatNumber, formatSeconds } from '#renderer/components/format.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { StatCard } from '#renderer/components/StatCard.tsx';
import { percent } from './badges.tsx';
import { ItemBrowser } from './ItemBrowser.tsx';

function ColumnBars({ run }: { run: ReconcileRun }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(run.summary.fieldDifferences)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('dualRun.detail.perColumn')}
      </Text>
      {entries.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('dualRun.detail.noColumnDifferences')}
        </Text>
      )}
      <Stack gap={6} role="list" aria-label={t('dualRun.detail.perColumn')}>
        {entries.map(([column, count]) => (
          <Group key={column} gap="sm" wrap="nowrap" role="listitem">
            <Text size="sm" w={120} truncate title={column}>
              {column}
            </Text>
            <Box style={{ flex: 1 }}>
              <Box
                h={14}
                bg="orange.5"
                style={{ width: `${(count / max) * 100}%`, borderRadius: 3, minWidth: 3 }}
              />
            </Box>
            <Text size="sm" w={70} ta="right">
              {formatNumber(count, i18n.language)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function RunDetailPage({ params }: { params: { id: string } }) {
  const { t, i18n } = useTranslation();
  const run = useCall('reconcile.run', { id: params.id });
  const r = run.data;
  if (!r) return null;
  const s = r.summary;
  const n = (v: number) => formatNumber(v, i18n.language);
  const rate = r.totalRows ? r.consistentRows / r.totalRows : 1;
  return (
    <Stack>
      <PageHeader title={t('dualRun.detail.title', { domain: r.domain, date: r.businessDate })}>
        <Anchor component={Link} href={`/reconcile/domains/${r.profileId}`} size="sm">
          {t('dualRun.items')}
        </Anchor>
      </PageHeader>
      <Text size="sm" c="dimmed" mt={-12}>
        {t('dualRun.detail.files', { old: r.oldFileName, new: r.newFileName })} ·{' '}
        {t('dualRun.detail.elapsed', { seconds: formatSeconds(r.elapsedMs) })}
      </Text>
      {r.superseded && <Alert color="yellow">{t('dualRun.detail.superseded')}</Alert>}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard
          label={t('dualRun.detail.rate')}
          value={percent(rate)}
          status={rate >= 0.999 ? 'green' : 'red'}
        />
        <StatCard label={t('dualRun.detail.oldRows')} value={n(s.oldRows)} />
        <StatCard label={t('dualRun.detail.newRows')} value={n(s.newRows)} />
        <StatCard label={t('dualRun.detail.matched')} value={n(s.matched)} />
        <StatCard
          label={t('dualRun.detail.missingInNew')}
          value={n(s.missingInNew)}
          color={s.missingInNew ? 'grape' : undefined}
        />
        <StatCard
          label={t('dualRun.detail.missingInOld')}
          value={n(s.missingInOld)}
          color={s.missingInOld ? 'indigo' : undefined}
        />
        <StatCard
          label={t('dualRun.detail.rowsWithDifferences')}
          value={n(s.rowsWithDifferences)}
          color={s.rowsWithDifferences ? 'orange' : undefined}
          hint={`${t('dualRun.detail.duplicateKeys')} ${n(s.duplicateKeysOld + s.duplicateKeysNew)}`}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ColumnBars run={r} />
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('dualRun.detail.controlTotals')}
          </Text>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dualRun.detail.side')}</Table.Th>
                <Table.Th ta="right">{t('dualRun.detail.rows')}</Table.Th>
                <Table.Th ta="right">{t('dualRun.detail.sums')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['old', 'new'] as const).map((side) => (
                <Table.Tr key={side}>
                  <Table.Td>{t(`dualRun.detail.${side}`)}</Table.Td>
                  <Table.Td ta="right">{n(s.controlTotals[side].rows)}</Table.Td>
                  <Table.Td ta="right">
                    {Object.entries(s.controlTotals[side].sums)
                      .map(([column, sum]) => `${column} ${n(sum)}`)
                      .join(' · ') || '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" mt="sm">
            {t('dualRun.detail.items', {
              count: r.discrepancyCount,
              new: r.newItems,
              carried: r.carriedItems,
            })}
          </Text>
        </Card>
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('dualRun.detail.seenOnHint', { date: r.businessDate })}
      </Text>
      <ItemBrowser profileId={r.profileId} domain={r.domain} seenOn={r.businessDate} height="520px" />
    </Stack>
  );
}
