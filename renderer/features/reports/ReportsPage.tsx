// 报告: the huddle sheet, weekly and monthly reports and the leadership bulletin, generated from the data with
// the coordinator's next steps; saved (period + text), exported as Word / Excel, printed or saved as PDF.
import {
  Button,
  Card,
  Grid,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconDeviceFloppy, IconFileSpreadsheet, IconFileTypeDocx, IconPrinter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { reportKinds, type ReportKind, type SavedReport } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { today } from '#renderer/components/format.ts';
import { ReportPreview } from './ReportPreview.tsx';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const day = (set: (v: string) => void) => (v: string | null) => v && set(dayjs(v).format('YYYY-MM-DD'));

export function ReportsPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<ReportKind>('weekly');
  const [from, setFrom] = useState(dayjs().subtract(6, 'day').format('YYYY-MM-DD'));
  const [to, setTo] = useState(today());
  const [nextSteps, setNextSteps] = useState('');
  const [savedId, setSavedId] = useState<string | undefined>();
  const saved = useCall('reports.list');
  const view = useCall('reports.view', { kind, from, to, nextSteps: '' });
  const preview = useMemo(() => (view.data ? { ...view.data, nextSteps } : null), [view.data, nextSteps]);
  const report = { kind, from, to, nextSteps };

  const choose = async (next: ReportKind) => {
    setKind(next);
    setSavedId(undefined);
    const period = await call('reports.presetPeriod', { kind: next, today: today() });
    setFrom(period.from);
    setTo(period.to);
  };
  const open = (r: SavedReport) => {
    setKind(r.kind);
    setFrom(r.fromDay);
    setTo(r.toDay);
    setNextSteps(r.nextSteps);
    setSavedId(r.id);
  };
  const save = useAction('reports.save', { onSuccess: (r) => setSavedId(r.id) });
  const exportFile = useAction('reports.export', {
    successMessage: false,
    onSuccess: (file) => {
      const ext = file.fileName.endsWith('.xlsx') ? 'xlsx' : 'docx';
      download(base64ToBlob(file.contentBase64, MIME[ext]), file.fileName);
    },
  });
  const print = async () => {
    const r = await save.mutateAsync({ ...report, id: savedId });
    navigate(`/reports/print/${r.id}`);
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('reports.nav.reports')}>
        <Button
          variant="default"
          leftSection={<IconFileTypeDocx size={16} />}
          loading={exportFile.isPending && exportFile.variables?.format === 'docx'}
          onClick={() => exportFile.mutate({ report, format: 'docx' })}
        >
          {t('reports.page.docx')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          loading={exportFile.isPending && exportFile.variables?.format === 'xlsx'}
          onClick={() => exportFile.mutate({ report, format: 'xlsx' })}
        >
          {t('reports.page.xlsx')}
        </Button>
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void print()}>
          {t('reports.page.print')}
        </Button>
      </PageHeader>
      <Grid gap="md">
        <Grid.Col span={4}>
          <Stack gap="sm">
            <SegmentedControl
              fullWidth
              aria-label={t('reports.page.kind')}
              value={kind}
              onChange={(v) => void choose(v as ReportKind)}
              data={reportKinds.map((k) => ({ value: k, label: t(`reports.kindsShort.${k}`) }))}
            />
            <Group grow>
              <DatePickerInput
                aria-label={t('reports.board.from')}
                label={t('reports.board.from')}
                valueFormat="YYYY-MM-DD"
                value={from}
                maxDate={to}
                onChange={day(setFrom)}
              />
              <DatePickerInput
                aria-label={t('reports.board.to')}
                label={t('reports.board.to')}
                valueFormat="YYYY-MM-DD"
                value={to}
                minDate={from}
                onChange={day(setTo)}
              />
            </Group>
            <Textarea
              label={t('reports.page.nextSteps')}
              description={t('reports.page.nextStepsHint')}
              autosize
              minRows={5}
              maxRows={12}
              value={nextSteps}
              onChange={(e) => setNextSteps(e.currentTarget.value)}
            />
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              loading={save.isPending}
              onClick={() => save.mutate({ ...report, id: savedId })}
            >
              {t('reports.page.save')}
            </Button>
            <Card withBorder padding="sm">
              <Title order={5} mb="xs">
                {t('reports.page.saved')}
              </Title>
              {saved.data?.length ? (
                <Stack gap={4}>
                  {saved.data.map((r) => (
                    <UnstyledButton key={r.id} onClick={() => open(r)} aria-label={`${r.title} ${r.fromDay}`}>
                      <Text size="sm" fw={r.id === savedId ? 700 : undefined}>
                        {r.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.fromDay === r.toDay ? r.fromDay : `${r.fromDay} ~ ${r.toDay}`}
                      </Text>
                    </UnstyledButton>
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('reports.page.noSaved')}
                </Text>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={8}>
          <Card withBorder padding="lg">
            <ScrollArea.Autosize mah="calc(100vh - 170px)">
              {preview && <ReportPreview view={preview} />}
            </ScrollArea.Autosize>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
