// 满意度调查: rounds, importing 问卷星/腾讯问卷 exports, keying in paper forms, and the results — the rate
// against the ≥ 90 % target, per department, per role and per round, and the comments.
import {
  Autocomplete,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerWords, type RateCount } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatPercent } from '#renderer/components/format.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { PickerMulti } from '#renderer/components/Picker.tsx';
import { StatCard, type Stoplight } from '#renderer/components/StatCard.tsx';
import { SurveyImport } from './SurveyImport.tsx';

const TARGET = 0.9;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const light = (rate: number | null): Stoplight | undefined =>
  rate === null ? undefined : rate >= TARGET ? 'green' : rate >= 0.8 ? 'amber' : 'red';

function RateTable({ label, rows }: { label: string; rows: ({ key: string; name: string } & RateCount)[] }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{label}</Table.Th>
          <Table.Th ta="right">{t('surveys.responses')}</Table.Th>
          <Table.Th ta="right">{t('surveys.answered')}</Table.Th>
          <Table.Th ta="right">{t('surveys.satisfied')}</Table.Th>
          <Table.Th ta="right">{t('surveys.rate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const status = light(r.satisfactionRate);
          return (
            <Table.Tr key={r.key}>
              <Table.Td>{r.name || t('surveys.noDepartment')}</Table.Td>
              <Table.Td ta="right">{r.responses}</Table.Td>
              <Table.Td ta="right">{r.answered}</Table.Td>
              <Table.Td ta="right">{r.satisfied}</Table.Td>
              <Table.Td
                ta="right"
                fw={600}
                c={
                  status === 'green' ? 'teal.8' : status === 'red' ? 'red.8' : status ? 'orange.8' : undefined
                }
              >
                {r.satisfactionRate === null ? '—' : formatPercent(r.satisfactionRate, { digits: 1 })}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Paper forms keyed in one after another: department, role, answer (keys 1–5), comment; Enter saves. */
function PaperEntry({ roundId, onClose }: { roundId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const first = useRef<HTMLInputElement>(null);
  const [count, setCount] = useState(0);
  const form = useForm({ initialValues: { department: '', role: '', answer: '满意', comment: '' } });
  const add = useAction('surveys.addPaper', {
    successMessage: false,
    onSuccess: () => {
      setCount((c) => c + 1);
      form.setValues({ role: '', answer: '满意', comment: '' });
      first.current?.focus();
    },
  });
  const submit = form.onSubmit((v) => {
    if (!v.department.trim()) return;
    add.mutate({
      roundId,
      department: v.department,
      role: v.role || null,
      answer: v.answer === '' ? null : (v.answer as (typeof answerWords)[number]),
      comment: v.comment || null,
    });
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('surveys.paperHint')} · {count}
        </Text>
        <Group grow>
          <Autocomplete
            ref={first}
            data-autofocus
            label={t('surveys.department')}
            data={[...new Set((departments.data ?? []).map((d) => d.name))]}
            {...form.getInputProps('department')}
          />
          <TextInput label={t('surveys.role')} {...form.getInputProps('role')} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('surveys.answer')}
          </Text>
          <SegmentedControl
            fullWidth
            data={answerWords.map((w, i) => ({ value: w, label: `${5 - i} ${w}` }))}
            value={form.values.answer}
            onChange={(v) => form.setFieldValue('answer', v)}
            onKeyDown={(e) => {
              const n = Number(e.key);
              if (n >= 1 && n <= 5) form.setFieldValue('answer', answerWords[5 - n]!);
            }}
          />
        </Stack>
        <TextInput label={t('surveys.comment')} {...form.getInputProps('comment')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('surveys.saveNext')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewRound({ onDone }: { onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const form = useForm<{
    name: string;
    startsOn: string | null;
    endsOn: string | null;
    departmentIds: string[];
  }>({ initialValues: { name: '', startsOn: null, endsOn: null, departmentIds: [] } });
  const create = useAction('surveys.createRound', { onSuccess: (r) => onDone(r.id) });
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        if (v.name.trim())
          create.mutate({
            name: v.name,
            startsOn: v.startsOn || null,
            endsOn: v.endsOn || null,
            departmentIds: v.departmentIds,
          });
      })}
    >
      <Stack gap="sm">
        <TextInput
          label={t('surveys.roundName')}
          data-autofocus
          withAsterisk
          {...form.getInputProps('name')}
        />
        <Group grow>
          <DateInput
            label={t('surveys.startsOn')}
            valueFormat="YYYY-MM-DD"
            placeholder="YYYY-MM-DD"
            clearable
            {...form.getInputProps('startsOn')}
          />
          <DateInput
            label={t('surveys.endsOn')}
            valueFormat="YYYY-MM-DD"
            placeholder="YYYY-MM-DD"
            clearable
            {...form.getInputProps('endsOn')}
          />
        </Group>
        <PickerMulti
          label={t('surveys.roundDepartments')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          {...form.getInputProps('departmentIds')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SurveysPage() {
  const { t } = useTranslation();
  const rounds = useCall('surveys.rounds');
  const [roundId, setRoundId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [paper, setPaper] = useState(false);
  const results = useCall('surveys.results', { roundId });
  const current = roundId ?? rounds.data?.at(-1)?.id ?? null;
  const r = results.data;

  const exportResults = async () => {
    try {
      const file = await call('surveys.exportResults', { roundId });
      download(base64ToBlob(file.contentBase64, XLSX), file.fileName);
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('surveys.title')}>
        <Select
          w={200}
          aria-label={t('surveys.round')}
          placeholder={t('surveys.allRounds')}
          clearable
          data={(rounds.data ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.responses}）` }))}
          value={roundId}
          onChange={setRoundId}
        />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('surveys.newRound')}
        </Button>
        <Button variant="default" disabled={!current} onClick={() => setPaper(true)}>
          {t('surveys.paper')}
        </Button>
        <SurveyImport roundId={current} />
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          disabled={!r?.total.responses}
          onClick={() => void exportResults()}
        >
          {t('surveys.export')}
        </Button>
      </PageHeader>
      <Text size="sm" c="dimmed" mt={-12}>
        {t('surveys.help')}
      </Text>
      {!rounds.data?.length && <Text c="dimmed">{t('surveys.empty')}</Text>}
      {r && r.total.responses > 0 && (
        <>
          <SimpleGrid cols={4}>
            <StatCard
              label={t('surveys.rate')}
              value={
                r.total.satisfactionRate === null
                  ? '—'
                  : formatPercent(r.total.satisfactionRate, { digits: 1 })
              }
              hint={t('surveys.target')}
              status={light(r.total.satisfactionRate)}
            />
            <StatCard label={t('surveys.responses')} value={r.total.responses} />
            <StatCard label={t('surveys.answered')} value={r.total.answered} />
            <StatCard label={t('surveys.satisfied')} value={r.total.satisfied} />
          </SimpleGrid>
          <Grid gap="md">
            <Grid.Col span={7}>
              <Stack gap="md">
                <RateTable
                  label={t('surveys.byDepartment')}
                  rows={r.byDepartment.map((d) => ({ key: d.name, ...d }))}
                />
                <Group grow align="flex-start">
                  <RateTable
                    label={t('surveys.byRole')}
                    rows={r.byRole.map((d) => ({ key: d.role, name: d.role, ...d }))}
                  />
                  <RateTable
                    label={t('surveys.byRound')}
                    rows={r.byRound.map((d) => ({ key: d.roundId, ...d }))}
                  />
                </Group>
              </Stack>
            </Grid.Col>
            <Grid.Col span={5}>
              <Card withBorder padding="sm" aria-label={t('surveys.comments')}>
                <Text fw={600} size="sm" mb="xs">
                  {t('surveys.comments')}（{r.comments.length}）
                </Text>
                {r.comments.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('surveys.noComments')}
                  </Text>
                )}
                <Stack gap={6}>
                  {r.comments.slice(0, 200).map((c, i) => (
                    <Stack key={i} gap={0}>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {c.comment}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[c.department || t('surveys.noDepartment'), c.role, c.answer]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Stack>
                  ))}
                </Stack>
              </Card>
            </Grid.Col>
          </Grid>
        </>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('surveys.newRound')}>
        {creating && (
          <NewRound
            onDone={(id) => {
              setCreating(false);
              if (id) setRoundId(id);
            }}
          />
        )}
      </Modal>
      <Modal opened={paper} onClose={() => setPaper(false)} title={t('surveys.paper')} size="lg">
        {paper && current && <PaperEntry roundId={current} onClose={() => setPaper(false)} />}
      </Modal>
    </Stack>
  );
}
