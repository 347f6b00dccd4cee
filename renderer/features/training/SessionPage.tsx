// One session: what it is, and its attendance sheet — the planned audience (and walk-ins) with attendance,
// score and retakes. Built for the keyboard: ↑↓ move between people, 1–4 mark present/late/absent/excused,
// Enter goes to the score (Enter again saves it and moves to the next person), / finds by name or number.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPrinter, IconSearch } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  attendanceStatuses,
  maxScore,
  type AttendanceStatus,
  type SessionDetail,
  type SessionRosterRow,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { Fact } from '#renderer/components/Fact.tsx';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { formatDateTime } from '#renderer/components/format.ts';
import { SessionForm } from './SessionForm.tsx';
import { SessionStatusBadge, TrainerName } from './badges.tsx';

const statusColor: Record<AttendanceStatus, string> = {
  present: 'teal',
  late: 'yellow',
  absent: 'red',
  excused: 'gray',
};

/** The score of a person's first attempt, saved on Enter or when leaving the field. */
function ScoreInput({
  row,
  disabled,
  inputRef,
  onSave,
  onNext,
  onEscape,
}: {
  row: SessionRosterRow;
  disabled: boolean;
  inputRef: (el: HTMLInputElement | null) => void;
  onSave: (score: number | null) => void;
  onNext: () => void;
  onEscape: () => void;
}) {
  const { t } = useTranslation();
  const stored = row.attempts[0]?.score ?? null;
  const [text, setText] = useState(stored === null ? '' : String(stored));
  const [synced, setSynced] = useState(stored);
  // A score saved elsewhere (or on another row's refresh) replaces what is shown, unless being typed.
  if (stored !== synced) {
    setSynced(stored);
    setText(stored === null ? '' : String(stored));
  }
  const [invalid, setInvalid] = useState(false);
  // 「8a」 or 150 is refused with a message and kept in the field to correct (issue #12), never saved as 8.
  const commit = (): boolean => {
    const raw = text.trim();
    const value = raw === '' ? null : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > maxScore)) {
      setInvalid(true);
      return false;
    }
    setInvalid(false);
    if (value !== stored) onSave(value);
    return true;
  };
  return (
    <TextInput
      ref={inputRef}
      size="xs"
      w={76}
      inputMode="decimal"
      disabled={disabled}
      aria-label={`${row.name} ${t('training.sheet.score')}`}
      value={text}
      error={invalid ? t('training.sheet.scoreRange', { max: maxScore }) : undefined}
      onChange={(e) => {
        setText(e.currentTarget.value);
        setInvalid(false);
      }}
      onBlur={() => commit()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          if (commit()) onNext();
        } else if (e.key === 'Escape') {
          setText(stored === null ? '' : String(stored));
          setInvalid(false);
          onEscape();
        }
      }}
    />
  );
}

function AttemptsCell({ row, onRetake }: { row: SessionRosterRow; onRetake: () => void }) {
  const { t } = useTranslation();
  const first = row.attempts[0];
  const retakes = row.attempts.slice(1);
  const passed = row.attempts.some((a) => a.passed);
  const scored = row.attempts.some((a) => a.score !== null);
  return (
    <Group gap={6} wrap="nowrap">
      {scored && (
        <Badge size="sm" variant="light" color={passed ? 'teal' : 'red'}>
          {passed ? t('training.sheet.pass') : t('training.sheet.fail')}
        </Badge>
      )}
      {retakes.map((a) => (
        <Badge key={a.id} size="sm" variant="outline" color={a.passed ? 'teal' : 'gray'}>
          {t('training.sheet.retake')} {a.score ?? '—'}
        </Badge>
      ))}
      {first && first.score !== null && !passed && (
        <Button size="compact-xs" variant="subtle" tabIndex={-1} onClick={onRetake}>
          {t('training.sheet.retake')}
        </Button>
      )}
    </Group>
  );
}

function RetakeDialog({
  sessionId,
  row,
  onClose,
}: {
  sessionId: string;
  row: SessionRosterRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [score, setScore] = useState<string | number>('');
  const retake = useAction('training.retake', { onSuccess: onClose });
  return (
    <Modal
      opened={row !== null}
      onClose={onClose}
      title={row ? t('training.sheet.retakeTitle', { name: row.name }) : ''}
    >
      {row && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typeof score !== 'number' || score < 0 || score > maxScore) return;
            retake.mutate({ sessionId, personId: row.personId, score: Number(score) });
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('training.sheet.retakeHint')}
            </Text>
            <NumberInput
              label={t('training.sheet.score')}
              data-autofocus
              min={0}
              max={maxScore}
              clampBehavior="none"
              error={
                typeof score === 'number' && (score < 0 || score > maxScore)
                  ? t('training.sheet.scoreRange', { max: maxScore })
                  : undefined
              }
              value={score}
              onChange={setScore}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={retake.isPending}
                disabled={score === '' || typeof score !== 'number' || score < 0 || score > maxScore}
              >
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function AttendanceSheet({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const { session } = detail;
  const [query, setQuery] = useState('');
  const [retaking, setRetaking] = useState<SessionRosterRow | null>(null);
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());
  const scoreRefs = useRef(new Map<string, HTMLInputElement>());
  const searchRef = useRef<HTMLInputElement>(null);
  const people = useCall('people.list');
  const mark = useAction('training.mark', { successMessage: false });
  const markRest = useAction('training.markRest', {
    successMessage: false,
    onSuccess: () => undefined,
  });
  const closed = session.status === 'cancelled';
  const noAssessment = session.passMark === null;

  const q = query.trim().toLowerCase();
  const rows = detail.roster.filter(
    (r) => !q || r.name.toLowerCase().includes(q) || (r.employeeNo ?? '').toLowerCase().includes(q),
  );
  const focusRow = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row) rowRefs.current.get(row.personId)?.focus();
  };
  const focusScore = (index: number) => {
    const row = rows[index];
    if (!row) return focusRow(index - 1);
    const input = scoreRefs.current.get(row.personId);
    if (input && !input.disabled) {
      input.focus();
      input.select();
    } else focusRow(index);
  };
  const setStatus = (row: SessionRosterRow, status: AttendanceStatus) => {
    if (closed) return;
    mark.mutate({ sessionId: session.id, personId: row.personId, status });
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    const row = rows[index]!;
    const status = { '1': 'present', '2': 'late', '3': 'absent', '4': 'excused' }[e.key] as
      AttendanceStatus | undefined;
    if (status) {
      e.preventDefault();
      setStatus(row, status);
    } else if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      focusRow(index + 1);
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      focusRow(index - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      focusScore(index);
    } else if (e.key === '/') {
      e.preventDefault();
      searchRef.current?.focus();
    }
  };

  const inRoster = new Set(detail.roster.map((r) => r.personId));
  const walkIns = (people.data ?? [])
    .filter((p) => !inRoster.has(p.id))
    .map((p) => ({
      value: p.id,
      label: p.employeeNo ? t('training.person.withNo', { name: p.name, no: p.employeeNo }) : p.name,
    }));
  const unmarked = detail.roster.filter((r) => r.attempts.length === 0).map((r) => r.personId);

  return (
    <Stack gap="sm">
      {closed && <Alert color="gray">{t('training.sheet.cancelled')}</Alert>}
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <TextInput
            ref={searchRef}
            w={260}
            leftSection={<IconSearch size={14} />}
            placeholder={t('training.sheet.search')}
            aria-label={t('training.sheet.search')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === 'ArrowDown') {
                e.preventDefault();
                focusRow(0);
              } else if (e.key === 'Escape') setQuery('');
            }}
          />
          <Select
            w={220}
            searchable
            placeholder={t('training.sheet.walkIn')}
            aria-label={t('training.sheet.walkIn')}
            data={walkIns}
            value={null}
            disabled={closed}
            onChange={(personId) => {
              if (personId) mark.mutate({ sessionId: session.id, personId, status: 'present' });
            }}
          />
        </Group>
        <Button
          variant="light"
          disabled={closed || unmarked.length === 0}
          loading={markRest.isPending}
          onClick={() => markRest.mutate({ sessionId: session.id, personIds: unmarked, status: 'present' })}
        >
          {t('training.sheet.markRest')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('training.sheet.keys')}
      </Text>
      <Table withTableBorder highlightOnHover verticalSpacing={4} data-testid="attendance-sheet">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('person.name')}</Table.Th>
            <Table.Th>{t('person.employeeNo')}</Table.Th>
            <Table.Th>{t('person.department')}</Table.Th>
            <Table.Th>{t('training.role')}</Table.Th>
            <Table.Th>{t('training.session.status')}</Table.Th>
            <Table.Th>{t('training.sheet.score')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, index) => {
            const current = r.attempts[0]?.status;
            return (
              <Table.Tr
                key={r.personId}
                ref={(el) => {
                  if (el) rowRefs.current.set(r.personId, el);
                  else rowRefs.current.delete(r.personId);
                }}
                tabIndex={0}
                data-person={r.name}
                aria-label={r.name}
                onKeyDown={(e) => onRowKey(e, index)}
                style={{ outlineOffset: -2 }}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {r.name}
                    </Text>
                    {!r.inAudience && (
                      <Badge size="xs" variant="outline" color="gray">
                        {t('training.sheet.walkInBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace">{r.employeeNo ?? ''}</Table.Td>
                <Table.Td>{r.departmentName ?? ''}</Table.Td>
                <Table.Td>{r.role ? t(`training.roles.${r.role}`) : ''}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {attendanceStatuses.map((s, i) => (
                      <Button
                        key={s}
                        size="compact-xs"
                        tabIndex={-1}
                        disabled={closed}
                        variant={current === s ? 'filled' : 'default'}
                        color={current === s ? statusColor[s] : undefined}
                        aria-pressed={current === s}
                        title={`${i + 1}`}
                        onClick={() => setStatus(r, s)}
                      >
                        {t(`training.attendance.${s}`)}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <ScoreInput
                    row={r}
                    disabled={closed || noAssessment || current === 'absent' || current === 'excused'}
                    inputRef={(el) => {
                      if (el) scoreRefs.current.set(r.personId, el);
                      else scoreRefs.current.delete(r.personId);
                    }}
                    onSave={(score) => mark.mutate({ sessionId: session.id, personId: r.personId, score })}
                    onNext={() => focusScore(index + 1)}
                    onEscape={() => focusRow(index)}
                  />
                </Table.Td>
                <Table.Td>
                  <AttemptsCell row={r} onRetake={() => setRetaking(r)} />
                </Table.Td>
              </Table.Tr>
            );
          })}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="md">
                  {q ? t('training.sheet.noMatch', { query }) : t('training.sheet.noRoster')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <RetakeDialog sessionId={session.id} row={retaking} onClose={() => setRetaking(null)} />
    </Stack>
  );
}

export function SessionPage({ params }: { params: { id: string } }) {
  const { t } = useTranslation();
  const detail = useCall('training.session', { id: params.id });
  const [editing, setEditing] = useState(false);
  const setStatus = useAction('training.setStatus');
  if (!detail.data) {
    return detail.error ? <Alert color="red">{detail.error.message}</Alert> : null;
  }
  const { session, departmentNames } = detail.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/training/sessions" size="sm">
        ← {t('training.session.title')}
      </Anchor>
      <PageHeader title={session.topic}>
        <SessionStatusBadge status={session.status} />
        <Button variant="default" onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>
        <Button
          variant="default"
          component={Link}
          href={`/training/sessions/${session.id}/sign-in`}
          leftSection={<IconPrinter size={16} />}
        >
          {t('training.session.signIn')}
        </Button>
        {session.status === 'planned' && (
          <Button variant="light" onClick={() => setStatus.mutate({ id: session.id, status: 'done' })}>
            {t('training.session.markDone')}
          </Button>
        )}
        {session.status === 'cancelled' ? (
          <Button variant="subtle" onClick={() => setStatus.mutate({ id: session.id, status: 'planned' })}>
            {t('training.session.reopen')}
          </Button>
        ) : (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => setStatus.mutate({ id: session.id, status: 'cancelled' })}
          >
            {t('training.session.cancel')}
          </Button>
        )}
      </PageHeader>
      <Card withBorder padding="md">
        <SimpleGrid cols={4} spacing="md" verticalSpacing="sm">
          <Fact label={t('training.session.tier')}>{t(`training.tiers.${session.tier}`)}</Fact>
          <Fact label={t('training.session.format')}>{t(`training.formats.${session.format}`)}</Fact>
          <Fact label={t('training.session.startsAt')}>
            {formatDateTime(session.startsAt)} ·{' '}
            {t('training.session.minutes', { count: session.durationMinutes })}
          </Fact>
          <Fact label={t('training.session.place')}>{session.place}</Fact>
          <Fact label={t('training.session.departments')}>
            {departmentNames.length
              ? departmentNames.join(t('common.listSeparator'))
              : t('training.session.allDepartments')}
          </Fact>
          <Fact label={t('training.session.trainer')}>
            <TrainerName name={session.trainerName} champion={session.trainerChampion} />
          </Fact>
          <Fact label={t('training.session.materialVersion')}>{session.materialVersion}</Fact>
          <Fact label={t('training.session.passMark')}>
            {session.passMark === null ? t('training.session.noAssessment') : session.passMark}
          </Fact>
        </SimpleGrid>
      </Card>
      <Text fw={600} data-testid="session-summary">
        {t('training.sheet.summary', {
          audience: session.audience,
          attended: session.attended,
          passed: session.passMark === null ? '—' : session.passed,
        })}
      </Text>
      <AttendanceSheet detail={detail.data} />
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('training.session.editTitle')}
        size="lg"
      >
        {editing && <SessionForm initial={session} onDone={() => setEditing(false)} />}
      </Modal>
    </Stack>
  );
}
