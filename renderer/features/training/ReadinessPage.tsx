// 上线准入: department × role — staff, trained %, passed % — with a drill-down to names, the not-ready list
// (exportable to xlsx so the hospital can withhold system access) and per-trainer figures.
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  ScrollArea,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadinessCount, ReadinessMatrix, StaffRole } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import { percent } from './badges.tsx';
import classes from './ReadinessPage.module.css';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** undefined = all; null = staff without a department. */
interface Scope {
  departmentId?: string | null;
  role?: StaffRole;
}

/** Green from 95 %, amber from 60 %, red below: how far a group is from the go-live gate. */
const tone = (c: ReadinessCount) => {
  const passed = c.staff ? c.passed / c.staff : 0;
  return passed >= 0.95 ? 'ready' : passed >= 0.6 ? 'close' : 'far';
};

function Cell({
  count,
  selected,
  onClick,
  label,
}: {
  count: ReadinessCount | undefined;
  selected: boolean;
  onClick: () => void;
  label: string;
}) {
  if (!count) return <Table.Td />;
  return (
    <Table.Td p={2}>
      <UnstyledButton
        className={classes.cell}
        data-tone={tone(count)}
        data-selected={selected || undefined}
        onClick={onClick}
        aria-label={label}
        aria-pressed={selected}
      >
        <Text size="sm" fw={600} span>
          {percent(count.trained, count.staff)} / {percent(count.passed, count.staff)}
        </Text>
        <Text size="xs" c="dimmed" span>
          {count.staff}
        </Text>
      </UnstyledButton>
    </Table.Td>
  );
}

function Matrix({
  m,
  scope,
  onScope,
}: {
  m: ReadinessMatrix;
  scope: Scope;
  onScope: (scope: Scope) => void;
}) {
  const { t } = useTranslation();
  const same = (s: Scope) => s.departmentId === scope.departmentId && s.role === scope.role;
  const deptName = (d: ReadinessMatrix['departments'][number]) =>
    d.id === null ? t('training.readiness.noDepartment') : d.name;
  const cellLabel = (name: string, c: ReadinessCount | undefined) =>
    c ? `${name}${t('common.colon')}${t('training.readiness.cell', { ...c })}` : name;
  return (
    <ScrollArea>
      <Table withTableBorder withColumnBorders data-testid="readiness-matrix" className={classes.matrix}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('training.readiness.department')}</Table.Th>
            {m.roles.map((r) => (
              <Table.Th key={r} ta="center">
                {t(`training.roles.${r}`)}
              </Table.Th>
            ))}
            <Table.Th ta="center">{t('training.readiness.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.departments.map((d) => (
            <Table.Tr key={d.id ?? ''}>
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {deptName(d)}
              </Table.Td>
              {m.roles.map((r) => {
                const c = m.cells[`${d.id ?? ''}|${r}`];
                const s = { departmentId: d.id, role: r };
                return (
                  <Cell
                    key={r}
                    count={c}
                    selected={same(s)}
                    onClick={() => onScope(s)}
                    label={cellLabel(`${deptName(d)} · ${t(`training.roles.${r}`)}`, c)}
                  />
                );
              })}
              <Cell
                count={m.byDepartment[d.id ?? '']}
                selected={same({ departmentId: d.id })}
                onClick={() => onScope({ departmentId: d.id })}
                label={cellLabel(deptName(d), m.byDepartment[d.id ?? ''])}
              />
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>{t('training.readiness.total')}</Table.Td>
            {m.roles.map((r) => (
              <Cell
                key={r}
                count={m.byRole[r]}
                selected={same({ role: r })}
                onClick={() => onScope({ role: r })}
                label={cellLabel(t(`training.roles.${r}`), m.byRole[r])}
              />
            ))}
            <Cell
              count={m.total}
              selected={same({})}
              onClick={() => onScope({})}
              label={cellLabel(t('training.readiness.all'), m.total)}
            />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function People({ scope, title }: { scope: Scope; title: string }) {
  const { t } = useTranslation();
  const [notReadyOnly, setNotReadyOnly] = useState(true);
  const [busy, setBusy] = useState(false);
  const people = useCall('training.readinessPeople', { ...scope, notReadyOnly });
  const exportList = async () => {
    setBusy(true);
    try {
      const file = await call('training.exportNotReady', { ...scope });
      download(base64ToBlob(file.contentBase64, XLSX), file.fileName);
      notifications.show({ color: 'teal', message: t('training.readiness.exported', { count: file.count }) });
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} data-testid="readiness-people-title">
            {t('training.readiness.people', { scope: title, count: people.data?.length ?? 0 })}
          </Text>
          <Group gap="md">
            <Checkbox
              label={t('training.readiness.notReadyOnly')}
              checked={notReadyOnly}
              onChange={(e) => setNotReadyOnly(e.currentTarget.checked)}
            />
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={busy}
              onClick={() => void exportList()}
            >
              {t('training.readiness.export')}
            </Button>
          </Group>
        </Group>
        <Table striped withTableBorder data-testid="readiness-people">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('person.name')}</Table.Th>
              <Table.Th>{t('person.employeeNo')}</Table.Th>
              <Table.Th>{t('person.department')}</Table.Th>
              <Table.Th>{t('training.role')}</Table.Th>
              <Table.Th>{t('training.readiness.reason')}</Table.Th>
              <Table.Th ta="right">{t('training.readiness.bestScore')}</Table.Th>
              <Table.Th>{t('training.readiness.lastSession')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(people.data ?? []).map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td ff="monospace">{p.employeeNo ?? ''}</Table.Td>
                <Table.Td>{p.departmentName ?? t('training.readiness.noDepartment')}</Table.Td>
                <Table.Td>{t(`training.roles.${p.role}`)}</Table.Td>
                <Table.Td>
                  {p.passed ? (
                    <Badge color="teal" variant="light">
                      {t('training.readiness.ready')}
                    </Badge>
                  ) : (
                    <Badge color={p.trained ? 'orange' : 'red'} variant="light">
                      {t(`training.readiness.reasons.${p.trained ? 'not_passed' : 'untrained'}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {p.bestScore === null
                    ? ''
                    : `${p.bestScore}${p.passMark === null ? '' : ` / ${p.passMark}`}`}
                </Table.Td>
                <Table.Td>
                  {p.lastSession ? (
                    <Text size="sm">
                      {p.lastSession.topic}{' '}
                      <Text span size="xs" c="dimmed">
                        {formatDateTime(p.lastSession.startsAt)}
                      </Text>
                    </Text>
                  ) : (
                    ''
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

function Trainers({ m }: { m: ReadinessMatrix }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Text fw={600} mb="sm">
        {t('training.readiness.trainers')}
      </Text>
      {m.trainers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('training.readiness.noTrainers')}
        </Text>
      ) : (
        <Table data-testid="trainer-stats">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('training.session.trainer')}</Table.Th>
              <Table.Th ta="right">{t('training.readiness.trainerSessions')}</Table.Th>
              <Table.Th ta="right">{t('training.readiness.trainerTrained')}</Table.Th>
              <Table.Th ta="right">{t('training.readiness.trainerPassRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.trainers.map((s) => (
              <Table.Tr key={s.personId}>
                <Table.Td>
                  {s.name}{' '}
                  {s.champion && (
                    <Badge size="xs" color="yellow" variant="light">
                      {t('training.person.champion')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{s.sessions}</Table.Td>
                <Table.Td ta="right">{s.trained}</Table.Td>
                <Table.Td ta="right">
                  {percent(s.passed, s.assessed)}{' '}
                  <Text span size="xs" c="dimmed">
                    ({s.passed}/{s.assessed})
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function ReadinessPage() {
  const { t } = useTranslation();
  const matrix = useCall('training.readiness');
  const [scope, setScope] = useState<Scope>({});
  const m = matrix.data;
  const department = m?.departments.find((d) => d.id === scope.departmentId);
  const scopeTitle = [
    scope.departmentId === undefined
      ? null
      : scope.departmentId === null
        ? t('training.readiness.noDepartment')
        : department?.name,
    scope.role ? t(`training.roles.${scope.role}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Stack gap="md">
      <PageHeader title={t('training.readiness.title')} />
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="readiness-help">
        <Text size="sm">{t('training.readiness.help')}</Text>
      </Alert>
      {m && m.total.staff === 0 && <Alert color="gray">{t('training.readiness.empty')}</Alert>}
      {m && m.total.staff > 0 && (
        <>
          <Group gap="xl">
            <Text size="sm">
              {t('training.readiness.staff')}
              {t('common.colon')}
              <b>{m.total.staff}</b>
            </Text>
            <Text size="sm">
              {t('training.readiness.trained')}
              {t('common.colon')}
              <b data-testid="total-trained">{percent(m.total.trained, m.total.staff)}</b> ({m.total.trained})
            </Text>
            <Text size="sm">
              {t('training.readiness.passed')}
              {t('common.colon')}
              <b data-testid="total-passed">{percent(m.total.passed, m.total.staff)}</b> ({m.total.passed})
            </Text>
            <Text size="sm" c="red">
              {t('training.readiness.notReady', { count: m.total.staff - m.total.passed })}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('training.readiness.trained')} % / {t('training.readiness.passed')} % ·{' '}
            {t('training.readiness.staff')}
          </Text>
          <Matrix m={m} scope={scope} onScope={setScope} />
          <People scope={scope} title={scopeTitle || t('training.readiness.all')} />
          <Trainers m={m} />
        </>
      )}
    </Stack>
  );
}
