// Quick entry of a visit, by keyboard in a corridor: department (type to pick), engineer, start (now),
// minutes, people met, then findings — Enter in a finding starts the next one, a tick makes it a pilot
// issue at once; Ctrl/Cmd+Enter saves from anywhere in the form.
import {
  ActionIcon,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';

interface FindingDraft {
  text: string;
  toIssue: boolean;
}

const nowLocal = () => dayjs().format('YYYY-MM-DDTHH:mm');

export function VisitForm() {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const people = useCall('people.list');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [engineerId, setEngineerId] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState(nowLocal);
  const [duration, setDuration] = useState<number | string>(30);
  const [peopleMet, setPeopleMet] = useState('');
  const [findings, setFindings] = useState<FindingDraft[]>([{ text: '', toIssue: false }]);
  const findingRefs = useRef<(HTMLInputElement | null)[]>([]);
  const departmentRef = useRef<HTMLInputElement>(null);
  const severity: Severity = 'P3';
  const log = useAction('rounds.logVisit', {
    successMessage: t('rounds.saved'),
    onSuccess: () => {
      setFindings([{ text: '', toIssue: false }]);
      setPeopleMet('');
      setStartedAt(nowLocal());
      departmentRef.current?.focus();
    },
  });
  const save = () => {
    if (!departmentId || log.isPending) return;
    log.mutate({
      departmentId,
      engineerId,
      startedAt: dayjs(startedAt).toISOString(),
      durationMinutes: Number(duration) || 1,
      peopleMet: peopleMet || null,
      findings: findings
        .filter((f) => f.text.trim())
        .map((f) => ({ text: f.text.trim(), toIssue: f.toIssue ? severity : null })),
    });
  };
  const setFinding = (i: number, patch: Partial<FindingDraft>) =>
    setFindings((list) => list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <form
      aria-label={t('rounds.log')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          save();
        }
      }}
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('rounds.logTitle')}
        </Text>
        <Grid gap="xs">
          <Grid.Col span={6}>
            <Select
              ref={departmentRef}
              label={t('rounds.department')}
              withAsterisk
              searchable
              selectFirstOptionOnChange
              data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId}
              onChange={setDepartmentId}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Select
              label={t('rounds.engineer')}
              searchable
              clearable
              selectFirstOptionOnChange
              data={(people.data ?? [])
                .filter((p) => p.organisation === 'vendor')
                .map((p) => ({ value: p.id, label: p.name }))}
              value={engineerId}
              onChange={setEngineerId}
            />
          </Grid.Col>
          <Grid.Col span={5}>
            <TextInput
              type="datetime-local"
              label={t('rounds.startedAt')}
              value={startedAt}
              onChange={(e) => setStartedAt(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <NumberInput
              label={t('rounds.duration')}
              min={1}
              max={1440}
              value={duration}
              onChange={setDuration}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <TextInput
              label={t('rounds.peopleMet')}
              value={peopleMet}
              onChange={(e) => setPeopleMet(e.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
        <Text size="sm" fw={500}>
          {t('rounds.findings')}
        </Text>
        {findings.map((f, i) => (
          <Group key={i} gap="xs" wrap="nowrap">
            <TextInput
              ref={(el) => {
                findingRefs.current[i] = el;
              }}
              style={{ flex: 1 }}
              aria-label={t('rounds.finding', { n: i + 1 })}
              placeholder={t('rounds.findingPlaceholder')}
              value={f.text}
              onChange={(e) => setFinding(i, { text: e.currentTarget.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  if (i === findings.length - 1)
                    setFindings((list) => [...list, { text: '', toIssue: false }]);
                  setTimeout(() => findingRefs.current[i + 1]?.focus(), 0);
                }
              }}
            />
            <Checkbox
              label={t('rounds.asIssue')}
              checked={f.toIssue}
              onChange={(e) => setFinding(i, { toIssue: e.currentTarget.checked })}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              tabIndex={-1}
              aria-label={t('common.remove')}
              onClick={() =>
                setFindings((list) =>
                  list.length > 1 ? list.filter((_, j) => j !== i) : [{ text: '', toIssue: false }],
                )
              }
            >
              <IconX size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setFindings((list) => [...list, { text: '', toIssue: false }])}
          >
            {t('rounds.addFinding')}
          </Button>
          <Button type="submit" disabled={!departmentId} loading={log.isPending}>
            {t('rounds.log')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
