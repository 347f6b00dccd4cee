// KPI 看板: every KPI of a period against its target as a stoplight, the daily trend and burn-down, and the
// department × category heat map. Targets and amber margins are edited here (replicated, shared).
import {
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconInfoCircle, IconTargetArrow } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  kpiKeys,
  kpiUnits,
  type Kpi,
  type KpiKey,
  type KpiTargetValue,
  type ReportFigures,
} from '#contract/index.ts';
import { reportChartOptions } from '#contract/report-content.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { Stat } from '#renderer/components/StatCard.tsx';
import { today } from '#renderer/components/format.ts';
import { EChart } from './EChart.tsx';
import { kpiTargetText, kpiValueText, stoplightOf } from './format.ts';

const daysBack = (n: number) =>
  dayjs()
    .subtract(n - 1, 'day')
    .format('YYYY-MM-DD');

function KpiCard({ kpi }: { kpi: Kpi }) {
  const { t } = useTranslation();
  const value = kpi.key === 'satisfaction' && kpi.value === null ? t('reports.noSurvey') : kpiValueText(kpi);
  const counts =
    kpi.denominator !== null && kpi.numerator !== null ? ` · ${kpi.numerator}/${kpi.denominator}` : '';
  return (
    <Card withBorder padding="md" data-kpi={kpi.key} data-status={kpi.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stat
          size="lg"
          label={t(`reports.kpi.${kpi.key}`)}
          value={value}
          status={stoplightOf(kpi.status)}
          hint={`${t('reports.board.goal', { target: kpiTargetText(kpi) })} · ${t(`reports.status.${kpi.status}`)}${counts}`}
        />
        <Tooltip label={t(`reports.help.${kpi.key}`)} multiline w={260}>
          <IconInfoCircle
            size={16}
            color="var(--mantine-color-dimmed)"
            aria-label={t(`reports.help.${kpi.key}`)}
          />
        </Tooltip>
      </Group>
    </Card>
  );
}

/** Rates are edited in percent, counts as they are. */
const toInput = (key: KpiKey, v: number) => (kpiUnits[key] === 'rate' ? Math.round(v * 100000) / 1000 : v);
const fromInput = (key: KpiKey, v: number) => (kpiUnits[key] === 'rate' ? v / 100 : v);

function TargetsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const targets = useCall('reports.targets');
  const [draft, setDraft] = useState<Partial<Record<KpiKey, KpiTargetValue>>>({});
  const save = useAction('reports.setTarget', { successMessage: false });
  const value = (key: KpiKey) => draft[key] ?? targets.data?.[key];
  const submit = async () => {
    for (const key of kpiKeys) {
      const d = draft[key];
      if (d) await save.mutateAsync({ key, target: d.target, amber: d.amber });
    }
    setDraft({});
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('reports.board.targets')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('reports.board.targetHint')}
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.col.kpi')}</Table.Th>
              <Table.Th>{t('reports.board.target')}</Table.Th>
              <Table.Th>{t('reports.board.amber')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kpiKeys.map((key) => {
              const v = value(key);
              if (!v) return null;
              const suffix = kpiUnits[key] === 'rate' ? '%' : undefined;
              const set = (field: keyof KpiTargetValue) => (n: string | number) => {
                if (typeof n !== 'number') return;
                setDraft((d) => ({ ...d, [key]: { ...v, [field]: fromInput(key, n) } }));
              };
              return (
                <Table.Tr key={key}>
                  <Table.Td>{t(`reports.kpi.${key}`)}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t(`reports.kpi.${key}`)} ${t('reports.board.target')}`}
                      value={toInput(key, v.target)}
                      onChange={set('target')}
                      min={0}
                      max={kpiUnits[key] === 'rate' ? 100 : 1000}
                      decimalScale={3}
                      suffix={suffix}
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t(`reports.kpi.${key}`)} ${t('reports.board.amber')}`}
                      value={toInput(key, v.amber)}
                      onChange={set('amber')}
                      min={0}
                      max={kpiUnits[key] === 'rate' ? 100 : 1000}
                      decimalScale={3}
                      suffix={suffix}
                      w={130}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function heatmapOption(f: ReportFigures, t: (k: string) => string) {
  const h = f.issues.heatmap;
  const cells = h.series.issues ?? [];
  const data = cells.flatMap((row, y) => row.map((v, x) => [x, y, v]));
  const max = Math.max(1, ...data.map((d) => d[2]!));
  // Ward-round visits, where the rounds area exists: one more column, in its own colour.
  const visits = h.series.visits;
  const visitData = visits ? visits.map((row, y) => [h.columns.length, y, row[0] ?? 0]) : [];
  return {
    tooltip: { position: 'top' },
    grid: { left: 130, right: 16, top: 10, bottom: 70 },
    xAxis: {
      type: 'category',
      data: [
        ...h.columns.map((c) => t(`issue.categories.${c}`)),
        ...(visits ? [t('reports.board.visitsColumn')] : []),
      ],
      axisLabel: { interval: 0, rotate: 20 },
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: h.rows.map((r) => r.name), splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      show: false,
      inRange: { color: ['#f1f3f5', '#ffa8a8', '#c92a2a'] },
    },
    series: [
      { type: 'heatmap', data, label: { show: true } },
      ...(visits
        ? [{ type: 'heatmap', data: visitData, label: { show: true }, itemStyle: { color: '#d0ebff' } }]
        : []),
    ],
  };
}

export function KpiBoardPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(daysBack(28));
  const [to, setTo] = useState(today());
  const [preset, setPreset] = useState('28');
  const [editing, setEditing] = useState(false);
  const figures = useCall('reports.figures', { from, to });
  const f = figures.data;
  const charts = useMemo(() => (f ? reportChartOptions(f, t) : []), [f, t]);
  const heat = useMemo(() => (f ? heatmapOption(f, t) : null), [f, t]);
  const applyPreset = (value: string) => {
    setPreset(value);
    setTo(today());
    setFrom(value === 'month' ? dayjs().startOf('month').format('YYYY-MM-DD') : daysBack(Number(value)));
  };
  const day = (set: (v: string) => void) => (v: string | null) => {
    if (!v) return;
    setPreset('');
    set(dayjs(v).format('YYYY-MM-DD'));
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('reports.nav.board')}>
        <SegmentedControl
          value={preset}
          onChange={applyPreset}
          data={[
            { value: '7', label: t('reports.board.last7') },
            { value: '28', label: t('reports.board.last28') },
            { value: 'month', label: t('reports.board.month') },
          ]}
        />
        <DatePickerInput
          w={130}
          aria-label={t('reports.board.from')}
          valueFormat="YYYY-MM-DD"
          value={from}
          maxDate={to}
          onChange={day(setFrom)}
        />
        <DatePickerInput
          w={130}
          aria-label={t('reports.board.to')}
          valueFormat="YYYY-MM-DD"
          value={to}
          minDate={from}
          onChange={day(setTo)}
        />
        <Button
          variant="default"
          leftSection={<IconTargetArrow size={16} />}
          onClick={() => setEditing(true)}
        >
          {t('reports.board.targets')}
        </Button>
      </PageHeader>
      <Text size="xs" c="dimmed" mt={-12}>
        {t('reports.help.period')}
      </Text>
      {f && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {f.kpis.map((k) => (
              <KpiCard key={k.key} kpi={k} />
            ))}
            <Card withBorder padding="md">
              <Group grow>
                <Stat label={t('reports.fig.reported')} value={f.issues.reported} />
                <Stat label={t('reports.fig.resolved')} value={f.issues.resolved} />
              </Group>
              <Group grow mt="xs">
                <Stat label={t('reports.fig.openAtEnd')} value={f.issues.openAtEnd} />
                <Stat
                  label={t('reports.fig.overdue')}
                  value={f.issues.overdue}
                  color={f.issues.overdue ? 'red' : undefined}
                />
              </Group>
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            {charts.slice(0, 2).map((c) => (
              <Card withBorder key={c.key} padding="sm">
                <Title order={5} mb={4}>
                  {c.title}
                </Title>
                <EChart option={c.option} label={c.title} height={240} />
              </Card>
            ))}
          </SimpleGrid>
          {heat && (
            <Card withBorder padding="sm">
              <Title order={5} mb={4}>
                {t('reports.board.heatmap')}
              </Title>
              <EChart
                option={heat}
                label={t('reports.board.heatmap')}
                height={Math.max(200, 60 + f.issues.heatmap.rows.length * 32)}
              />
            </Card>
          )}
        </>
      )}
      <TargetsModal opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}
