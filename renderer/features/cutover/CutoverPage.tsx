// 上线切换方案: the runbook, go/no-go meetings (each with the frozen snapshot of that moment), rollback
// triggers and the emergency procedure (启动应急预案 → manual fallback, who was told → resume). Printable on
// A4 (the print page) and exportable as .xlsx.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertOctagon, IconDownload, IconPlus, IconPrinter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  goNoGoDecisions,
  stepStatuses,
  type Emergency,
  type GoNoGoDecision,
  type StepStatus,
} from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatDateTime, formatShort } from '#renderer/components/format.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { SnapshotView } from './SnapshotView.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fromLocal = (v: string) => (v ? dayjs(v).format() : null);
export const stepColor: Record<StepStatus, string> = {
  pending: 'gray',
  in_progress: 'blue',
  done: 'green',
  blocked: 'red',
  skipped: 'dark',
};

function StepForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const plan = useCall('cutover.plan');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [plannedStart, setPlannedStart] = useState('');
  const [plannedEnd, setPlannedEnd] = useState('');
  const [dependsOn, setDependsOn] = useState<string[]>([]);
  const add = useAction('cutover.addStep', { onSuccess: onDone });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('cutover.runbook.step')}
        withAsterisk
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        data-autofocus
      />
      <SimpleGrid cols={3}>
        <TextInput
          label={t('cutover.runbook.owner')}
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('cutover.runbook.plannedStart')}
          value={plannedStart}
          onChange={(e) => setPlannedStart(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('cutover.runbook.plannedEnd')}
          value={plannedEnd}
          onChange={(e) => setPlannedEnd(e.currentTarget.value)}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('cutover.runbook.dependsOn')}
        data={(plan.data?.steps ?? []).map((s) => ({ value: s.id, label: `${s.seq}. ${s.title}` }))}
        value={dependsOn}
        onChange={setDependsOn}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!title.trim()}
          loading={add.isPending}
          onClick={() =>
            add.mutate({
              title,
              owner,
              plannedStart: fromLocal(plannedStart),
              plannedEnd: fromLocal(plannedEnd),
              dependsOn,
            })
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function MeetingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const snapshot = useCall('cutover.snapshot');
  const [decision, setDecision] = useState<GoNoGoDecision | null>(null);
  const [attendees, setAttendees] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const record = useAction('cutover.recordMeeting', { onSuccess: onDone });
  return (
    <Stack gap="sm">
      <Card withBorder bg="gray.0">
        <Text size="xs" c="dimmed" mb={4}>
          {t('cutover.meeting.snapshot')}
        </Text>
        {snapshot.data && <SnapshotView snapshot={snapshot.data} />}
      </Card>
      <TagsInput
        label={t('cutover.meeting.attendees')}
        withAsterisk
        value={attendees}
        onChange={setAttendees}
      />
      <Select
        label={t('cutover.meeting.decision')}
        withAsterisk
        data={goNoGoDecisions.map((d) => ({ value: d, label: t(`cutover.decisions.${d}`) }))}
        value={decision}
        onChange={(v) => setDecision(v as GoNoGoDecision | null)}
      />
      <Textarea
        label={t('cutover.meeting.notes')}
        autosize
        minRows={2}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!decision || attendees.length === 0}
          loading={record.isPending}
          onClick={() => decision && record.mutate({ decision, attendees, notes })}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function EmergencyPanel({ emergencies }: { emergencies: Emergency[] }) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<'manual_fallback' | 'notified' | 'note'>('manual_fallback');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [resumeNote, setResumeNote] = useState('');
  const activate = useAction('cutover.activateEmergency', { onSuccess: () => setReason('') });
  const logEvent = useAction('cutover.logEmergency', { onSuccess: () => setNote('') });
  const resume = useAction('cutover.resume', { onSuccess: () => setResumeNote('') });
  const open = emergencies.find((e) => e.open);
  return (
    <Card withBorder data-testid="emergency-panel">
      <Title order={5} mb="xs">
        {t('cutover.emergency.title')}
      </Title>
      {!open && (
        <Group align="end" gap="xs" mb="sm">
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            label={t('cutover.emergency.activateNote')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            size="xs"
            color="red"
            leftSection={<IconAlertOctagon size={14} />}
            disabled={!reason.trim()}
            onClick={() => activate.mutate({ note: reason })}
          >
            {t('cutover.emergency.activate')}
          </Button>
        </Group>
      )}
      {open && (
        <Stack gap="xs" mb="sm">
          <Group align="end" gap="xs">
            <Select
              size="xs"
              w={170}
              label={t('cutover.emergency.kind')}
              data={(['manual_fallback', 'notified', 'note'] as const).map((k) => ({
                value: k,
                label: t(`cutover.eventKinds.${k}`),
              }))}
              value={kind}
              onChange={(v) => v && setKind(v as typeof kind)}
              allowDeselect={false}
            />
            {kind === 'manual_fallback' && (
              <Select
                size="xs"
                w={150}
                label={t('cutover.emergency.department')}
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={departmentId}
                onChange={setDepartmentId}
                searchable
              />
            )}
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              label={t('cutover.emergency.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                logEvent.mutate({
                  emergencyId: open.id,
                  kind,
                  departmentId: kind === 'manual_fallback' ? departmentId : null,
                  note,
                })
              }
            >
              {t('cutover.emergency.log')}
            </Button>
          </Group>
          <Group align="end" gap="xs">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              label={t('cutover.emergency.resumeNote')}
              value={resumeNote}
              onChange={(e) => setResumeNote(e.currentTarget.value)}
            />
            <Button
              size="xs"
              color="teal"
              onClick={() => resume.mutate({ emergencyId: open.id, note: resumeNote })}
            >
              {t('cutover.emergency.resume')}
            </Button>
          </Group>
        </Stack>
      )}
      {emergencies.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('cutover.emergency.empty')}
        </Text>
      )}
      {emergencies.map((e) => (
        <Stack key={e.id} gap={4} mt="xs">
          <Group gap="xs">
            <Badge color={e.open ? 'red' : 'gray'}>
              {e.open ? t('cutover.emergency.open') : t('cutover.emergency.closed')}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.activatedAt)}
              {e.resumedAt ? ` – ${formatDateTime(e.resumedAt)}` : ''}
            </Text>
          </Group>
          <Timeline bulletSize={10} lineWidth={2} active={e.events.length}>
            {e.events.map((ev) => (
              <Timeline.Item
                key={ev.id}
                title={t(`cutover.eventKinds.${ev.kind}`)}
                color={ev.kind === 'activated' ? 'red' : undefined}
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(ev.at)} {ev.actor ?? ''} {ev.departmentName ? `· ${ev.departmentName}` : ''}
                </Text>
                {ev.note && <Text size="xs">{ev.note}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ))}
    </Card>
  );
}

export function CutoverPage() {
  const { t } = useTranslation();
  const plan = useCall('cutover.plan');
  const [addingStep, setAddingStep] = useState(false);
  const [meeting, setMeeting] = useState(false);
  const [condition, setCondition] = useState('');
  const [action, setAction] = useState('');
  const setStatus = useAction('cutover.setStepStatus', { successMessage: false });
  const addTrigger = useAction('cutover.addTrigger', {
    onSuccess: () => {
      setCondition('');
      setAction('');
    },
  });
  const archiveTrigger = useAction('cutover.archiveTrigger');
  const exportPlan = async () => {
    try {
      const file = await call('cutover.export', {});
      download(base64ToBlob(file.contentBase64, XLSX), file.fileName);
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    }
  };
  const p = plan.data;
  const seqOf = new Map((p?.steps ?? []).map((s) => [s.id, s.seq]));
  return (
    <Stack gap="md">
      <PageHeader title={t('cutover.title')}>
        <Button
          variant="default"
          component={Link}
          href="/cutover/print"
          leftSection={<IconPrinter size={16} />}
        >
          {t('cutover.print')}
        </Button>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportPlan()}>
          {t('cutover.export')}
        </Button>
      </PageHeader>
      {p?.paused && (
        <Alert color="red" variant="filled" icon={<IconAlertOctagon size={18} />} data-testid="paused-banner">
          {t('cutover.paused')}
        </Alert>
      )}
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('cutover.runbook.title')}</Title>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAddingStep(true)}
          >
            {t('cutover.runbook.add')}
          </Button>
        </Group>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>{t('cutover.runbook.seq')}</Table.Th>
              <Table.Th>{t('cutover.runbook.step')}</Table.Th>
              <Table.Th>{t('cutover.runbook.owner')}</Table.Th>
              <Table.Th>{t('cutover.runbook.plannedStart')}</Table.Th>
              <Table.Th>{t('cutover.runbook.actualStart')}</Table.Th>
              <Table.Th>{t('cutover.runbook.actualEnd')}</Table.Th>
              <Table.Th>{t('cutover.runbook.dependsOn')}</Table.Th>
              <Table.Th w={130}>{t('cutover.runbook.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(p?.steps ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.seq}</Table.Td>
                <Table.Td>
                  <Text size="sm">{s.title}</Text>
                  {s.waitingFor.length > 0 && (
                    <Text size="xs" c="orange">
                      {t('cutover.runbook.waiting', { steps: s.waitingFor.join(', ') })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{s.owner}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShort(s.plannedStart)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShort(s.actualStart)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShort(s.actualEnd)}</Table.Td>
                <Table.Td>{s.dependsOn.map((d) => seqOf.get(d) ?? '?').join(', ')}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={t('cutover.runbook.status')}
                    data={stepStatuses.map((x) => ({ value: x, label: t(`cutover.stepStatuses.${x}`) }))}
                    value={s.status}
                    allowDeselect={false}
                    onChange={(v) => v && setStatus.mutate({ id: s.id, status: v as StepStatus })}
                    styles={{ input: { color: `var(--mantine-color-${stepColor[s.status]}-7)` } }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
            {p?.steps.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text size="sm" c="dimmed">
                    {t('cutover.runbook.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Card>

      <SimpleGrid cols={2}>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('cutover.meeting.title')}</Title>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setMeeting(true)}
            >
              {t('cutover.meeting.record')}
            </Button>
          </Group>
          {p?.meetings.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('cutover.meeting.empty')}
            </Text>
          )}
          <Stack gap="sm">
            {(p?.meetings ?? []).map((m) => (
              <Card key={m.id} withBorder padding="xs" data-testid="meeting">
                <Group justify="space-between">
                  <Badge color={m.decision === 'no_go' ? 'red' : m.decision === 'go' ? 'green' : 'yellow'}>
                    {t(`cutover.decisions.${m.decision}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(m.heldAt)}
                  </Text>
                </Group>
                <Text size="xs" mt={4}>
                  {t('cutover.meeting.attendees')}
                  {t('common.colon')}
                  {m.attendees.join(t('common.listSeparator'))}
                </Text>
                {m.notes && <Text size="xs">{m.notes}</Text>}
                <Text size="xs" c="dimmed" mt={4}>
                  {t('cutover.meeting.snapshot')}
                </Text>
                <SnapshotView snapshot={m.snapshot} />
              </Card>
            ))}
          </Stack>
        </Card>
        <Stack gap="md">
          <EmergencyPanel emergencies={p?.emergencies ?? []} />
          <Card withBorder>
            <Title order={5} mb="xs">
              {t('cutover.triggers.title')}
            </Title>
            <Stack gap={4}>
              {(p?.triggers ?? []).map((x) => (
                <Group key={x.id} justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    <b>{x.condition}</b>
                    {x.action ? ` → ${x.action}` : ''}
                  </Text>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => archiveTrigger.mutate({ id: x.id, archived: true })}
                  >
                    {t('common.archive')}
                  </Button>
                </Group>
              ))}
              {p?.triggers.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('cutover.triggers.empty')}
                </Text>
              )}
            </Stack>
            <Group align="end" gap="xs" mt="sm">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label={t('cutover.triggers.condition')}
                value={condition}
                onChange={(e) => setCondition(e.currentTarget.value)}
              />
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label={t('cutover.triggers.action')}
                value={action}
                onChange={(e) => setAction(e.currentTarget.value)}
              />
              <Button
                size="xs"
                variant="default"
                disabled={!condition.trim()}
                onClick={() => addTrigger.mutate({ condition, action })}
              >
                {t('cutover.triggers.add')}
              </Button>
            </Group>
          </Card>
        </Stack>
      </SimpleGrid>
      <Modal
        opened={addingStep}
        onClose={() => setAddingStep(false)}
        title={t('cutover.runbook.add')}
        size="lg"
      >
        {addingStep && <StepForm onDone={() => setAddingStep(false)} />}
      </Modal>
      <Modal opened={meeting} onClose={() => setMeeting(false)} title={t('cutover.meeting.record')} size="lg">
        {meeting && <MeetingForm onDone={() => setMeeting(false)} />}
      </Modal>
    </Stack>
  );
}
