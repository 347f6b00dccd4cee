// 可用性与事件: the downtime log (系统可用率), data security incidents (数据安全事故) and efficiency measures
// (baseline before go-live and now), each a replicated record the KPI board and reports read.
import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentSeverities, type IncidentSeverity } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { formatShort } from '#renderer/components/format.ts';
import { percent } from './format.ts';

const isoOf = (local: string) => new Date(local).toISOString();
const nowLocal = () => dayjs().format('YYYY-MM-DDTHH:mm');

function Downtime() {
  const { t } = useTranslation();
  const systems = useCall('systems.list');
  const list = useCall('reports.downtimes');
  const [systemId, setSystemId] = useState<string | null>(null);
  const [start, setStart] = useState(nowLocal());
  const [end, setEnd] = useState('');
  const [planned, setPlanned] = useState(false);
  const [cause, setCause] = useState('');
  const add = useAction('reports.addDowntime', { onSuccess: () => setCause('') });
  const name = (id: string) => systems.data?.find((s) => s.id === id)?.name ?? '';
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('reports.logs.downtime')}
      </Title>
      <Group align="flex-end" gap="xs" mb="sm" wrap="wrap">
        <Select
          w={150}
          label={t('reports.logs.system')}
          data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={systemId}
          onChange={setSystemId}
        />
        <TextInput
          type="datetime-local"
          label={t('reports.logs.startAt')}
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('reports.logs.endAt')}
          placeholder={t('reports.logs.ongoing')}
          value={end}
          onChange={(e) => setEnd(e.currentTarget.value)}
        />
        <TextInput
          flex={1}
          miw={180}
          label={t('reports.logs.cause')}
          value={cause}
          onChange={(e) => setCause(e.currentTarget.value)}
        />
        <Checkbox
          mb={8}
          label={t('reports.logs.planned')}
          checked={planned}
          onChange={(e) => setPlanned(e.currentTarget.checked)}
        />
        <Button
          disabled={!systemId || !cause.trim() || !start}
          loading={add.isPending}
          onClick={() =>
            add.mutate({
              systemId: systemId!,
              startAt: isoOf(start),
              endAt: end ? isoOf(end) : null,
              planned,
              cause,
              departmentIds: [],
            })
          }
        >
          {t('reports.logs.addDowntime')}
        </Button>
      </Group>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.logs.system')}</Table.Th>
            <Table.Th>{t('reports.logs.startAt')}</Table.Th>
            <Table.Th>{t('reports.logs.endAt')}</Table.Th>
            <Table.Th>{t('reports.logs.planned')}</Table.Th>
            <Table.Th>{t('reports.logs.cause')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? [])
            .filter((d) => !d.archivedAt)
            .map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{name(d.systemId)}</Table.Td>
                <Table.Td>{formatShort(d.startAt)}</Table.Td>
                <Table.Td>{d.endAt ? formatShort(d.endAt) : t('reports.logs.ongoing')}</Table.Td>
                <Table.Td>{d.planned ? '✓' : ''}</Table.Td>
                <Table.Td>{d.cause}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.logs.empty')}
        </Text>
      )}
    </Card>
  );
}

function Incidents() {
  const { t } = useTranslation();
  const list = useCall('reports.incidents');
  const [at, setAt] = useState(nowLocal());
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<IncidentSeverity>('low');
  const add = useAction('reports.addIncident', { onSuccess: () => setTitle('') });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('reports.logs.incidents')}
      </Title>
      <Group align="flex-end" gap="xs" mb="sm" wrap="wrap">
        <TextInput
          type="datetime-local"
          label={t('reports.logs.occurredAt')}
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
        />
        <TextInput
          flex={1}
          miw={180}
          label={t('reports.logs.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Select
          w={90}
          label={t('reports.logs.severity')}
          data={incidentSeverities.map((s) => ({ value: s, label: t(`reports.logs.severities.${s}`) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as IncidentSeverity)}
        />
        <Button
          disabled={!title.trim()}
          loading={add.isPending}
          onClick={() =>
            add.mutate({ occurredAt: isoOf(at), title, severity, departmentId: null, resolvedAt: null })
          }
        >
          {t('reports.logs.addIncident')}
        </Button>
      </Group>
      {(list.data ?? [])
        .filter((i) => !i.archivedAt)
        .map((i) => (
          <Text size="sm" key={i.id}>
            {formatShort(i.occurredAt)} · {t(`reports.logs.severities.${i.severity}`)} · {i.title}
          </Text>
        ))}
      {list.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.logs.empty')}
        </Text>
      )}
    </Card>
  );
}

function Efficiency() {
  const { t } = useTranslation();
  const list = useCall('reports.efficiency');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [baseline, setBaseline] = useState<number | string>('');
  const [current, setCurrent] = useState<number | string>('');
  const [lowerIsBetter, setLower] = useState(true);
  const add = useAction('reports.addEfficiency', { onSuccess: () => setName('') });
  const ready = name.trim() && unit.trim() && typeof baseline === 'number' && typeof current === 'number';
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('reports.logs.efficiency')}
      </Title>
      <Group align="flex-end" gap="xs" mb="sm" wrap="wrap">
        <TextInput
          flex={1}
          miw={180}
          label={t('reports.logs.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          w={90}
          label={t('reports.logs.unit')}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
        />
        <NumberInput
          w={110}
          label={t('reports.logs.baseline')}
          value={baseline}
          onChange={setBaseline}
          min={0}
        />
        <NumberInput
          w={110}
          label={t('reports.logs.current')}
          value={current}
          onChange={setCurrent}
          min={0}
        />
        <Checkbox
          mb={8}
          label={t('reports.logs.lowerIsBetter')}
          checked={lowerIsBetter}
          onChange={(e) => setLower(e.currentTarget.checked)}
        />
        <Button
          disabled={!ready}
          loading={add.isPending}
          onClick={() =>
            add.mutate({ name, unit, baseline: Number(baseline), current: Number(current), lowerIsBetter })
          }
        >
          {t('reports.logs.addEfficiency')}
        </Button>
      </Group>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.col.measure')}</Table.Th>
            <Table.Th>{t('reports.col.unit')}</Table.Th>
            <Table.Th>{t('reports.col.baseline')}</Table.Th>
            <Table.Th>{t('reports.col.current')}</Table.Th>
            <Table.Th>{t('reports.col.improvement')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? [])
            .filter((m) => !m.archivedAt)
            .map((m) => {
              const gain =
                m.baseline === 0
                  ? null
                  : (m.lowerIsBetter ? m.baseline - m.current : m.current - m.baseline) / m.baseline;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>{m.unit}</Table.Td>
                  <Table.Td>{m.baseline}</Table.Td>
                  <Table.Td>{m.current}</Table.Td>
                  <Table.Td>{percent(gain)}</Table.Td>
                </Table.Tr>
              );
            })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function LogsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader title={t('reports.nav.logs')} />
      <Downtime />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Incidents />
        <Efficiency />
      </SimpleGrid>
    </Stack>
  );
}
