// 运行对账: a domain, a business date and the two exports; the comparison runs in the engine's worker
// thread in main and this page polls its status (rows, speed, percent) until the run is saved.
import {
  Alert,
  Button,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import type { JobStatus, StagedFile } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { queryClient, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { businessDateIn } from './business-date.ts';
import { FilePick } from './FilePick.tsx';

export function RunPage() {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const profiles = useCall('reconcile.profiles');
  const [chosenProfile, setProfileId] = useState<string | null>(search.get('profile'));
  // With a single domain there is nothing to choose.
  const profileId = chosenProfile ?? (profiles.data?.length === 1 ? profiles.data[0]!.id : null);
  // Not today: the day the files are of, found in them (or asked for) once both are picked.
  const [date, setDate] = useState('');
  const [dateFrom, setDateFrom] = useState<'files' | 'user' | null>(null);
  const [files, setFiles] = useState<{ old: StagedFile | null; new: StagedFile | null }>({
    old: null,
    new: null,
  });
  const profile = profiles.data?.find((pr) => pr.id === profileId);
  useEffect(() => {
    const picked = [files.old, files.new].filter((f): f is StagedFile => f !== null);
    if (picked.length === 0 || dateFrom === 'user') return;
    let live = true;
    const encodings = [profile?.encodingOld ?? 'auto', profile?.encodingNew ?? 'auto'];
    void Promise.all(
      picked.map((f, i) =>
        call('reconcile.headers', { fileId: f.fileId, encoding: encodings[i] ?? 'auto' }).then(
          (h) => h.sampleRows,
          () => [] as string[][],
        ),
      ),
    ).then((samples) => {
      if (!live) return;
      const found = businessDateIn(
        picked.map((f) => f.fileName),
        samples,
      );
      setDate(found ?? '');
      setDateFrom(found ? 'files' : null);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the files change
  }, [files.old, files.new]);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Poll the job: simple and the same over IPC and preview HTTP.
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      call('reconcile.runStatus', { jobId: job.jobId }).then(
        async (status) => {
          setJob(status);
          if (status.state === 'done' && status.runId) {
            await queryClient.invalidateQueries();
            navigate(`/reconcile/runs/${status.runId}`);
          }
          if (status.state === 'failed') setError(status.error);
        },
        (e: Error) => setError(e.message),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [job, navigate]);

  const start = async () => {
    setError(null);
    try {
      const { jobId } = await call('reconcile.start', {
        profileId: profileId!,
        businessDate: date,
        oldFileId: files.old!.fileId,
        newFileId: files.new!.fileId,
      });
      setJob({ jobId, state: 'running', progress: null, runId: null, error: null });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const running = job?.state === 'running';
  const p = job?.progress;
  const n = (v: number) => Math.round(v).toLocaleString(i18n.language);

  return (
    <Stack maw={900}>
      <PageHeader title={t('dualRun.run.title')} />
      {error && (
        <Alert color="red" title={t('dualRun.run.failed')} withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Group grow>
        <Select
          label={t('dualRun.run.domain')}
          data={(profiles.data ?? []).map((pr) => ({ value: pr.id, label: pr.domain }))}
          value={profileId}
          onChange={setProfileId}
          disabled={running}
        />
        <TextInput
          type="date"
          label={t('dualRun.run.businessDate')}
          withAsterisk
          description={
            dateFrom === 'files'
              ? t('dualRun.run.dateFromFiles')
              : files.old && files.new && !date
                ? t('dualRun.run.dateAsk')
                : dateFrom === null && !date
                  ? t('dualRun.run.dateAfterFiles')
                  : undefined
          }
          value={date}
          onChange={(e) => {
            setDate(e.currentTarget.value);
            setDateFrom('user');
          }}
          disabled={running}
        />
      </Group>
      <SimpleGrid cols={2}>
        {(['old', 'new'] as const).map((side) => (
          <Card withBorder key={side}>
            <FilePick
              label={side === 'old' ? t('dualRun.run.oldFile') : t('dualRun.run.newFile')}
              value={files[side]}
              onChange={(f) => setFiles((fs) => ({ ...fs, [side]: f }))}
              onError={(e) => setError(e.message)}
            />
          </Card>
        ))}
      </SimpleGrid>
      {job && job.state !== 'failed' && (
        <Card withBorder aria-live="polite">
          <Text size="sm" fw={500}>
            {job.state === 'cancelled'
              ? t('dualRun.run.cancelled')
              : p
                ? t(`dualRun.run.phase.${p.phase}`)
                : t('dualRun.run.running')}
          </Text>
          <Progress
            mt="xs"
            value={p?.percent ?? 0}
            animated={running}
            aria-label={t('dualRun.run.running')}
          />
          {p && (
            <Text size="xs" c="dimmed" mt={4}>
              {p.phase === 'save'
                ? t('dualRun.run.items', { items: n(p.rows), speed: n(p.rowsPerSecond) })
                : t('dualRun.run.rows', { rows: n(p.rows), speed: n(p.rowsPerSecond) })}{' '}
              · {Math.round(p.percent)}%
            </Text>
          )}
        </Card>
      )}
      <Group justify="flex-end">
        {running && (
          <Button
            variant="default"
            onClick={() => void call('reconcile.cancel', { jobId: job.jobId }).then(setJob)}
          >
            {t('dualRun.run.cancel')}
          </Button>
        )}
        <Button
          onClick={() => void start()}
          loading={running}
          disabled={!profileId || !date || !files.old || !files.new}
        >
          {t('dualRun.run.start')}
        </Button>
      </Group>
    </Stack>
  );
}
