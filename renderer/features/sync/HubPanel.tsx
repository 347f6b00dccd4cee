// 同步服务器 (issue #16): the hub's URL and password, a connection test with a clear message for each way it
// can fail, sync now (in a worker: progress and cancel), automatic sync, the last result, and who synced when
// (laptops not seen for a day stand out).
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCloudUpload, IconPlugConnected } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubProbe, HubReplicaSeen, HubStatus } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { queryClient, useAction } from '#renderer/app/queries.ts';
import { formatDateTime } from '#renderer/components/format.ts';

const DAY = 24 * 3600 * 1000;

function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={4} mb={4}>
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed" mb="md">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  );
}

function Settings({ status }: { status: HubStatus }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(status.settings.url ?? '');
  const [password, setPassword] = useState('');
  const [minutes, setMinutes] = useState<number>(status.settings.autoMinutes);
  const [probe, setProbe] = useState<{ ok: true; value: HubProbe } | { ok: false; message: string } | null>(
    null,
  );
  const save = useAction('hub.saveSettings', {
    successMessage: t('hub.saved'),
    onSuccess: () => setPassword(''),
  });
  const test = useAction('hub.test', {
    successMessage: false,
    onSuccess: (value) => setProbe({ ok: true, value }),
    onError: (error) => {
      setProbe({ ok: false, message: error.message });
      return true;
    },
  });
  const kept = status.settings.passwordKept;
  return (
    <Section title={t('hub.title')} intro={t('hub.intro')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ url: url.trim() || null, password: password || undefined, autoMinutes: minutes });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('hub.url')}
            description={t('hub.urlHint')}
            placeholder={t('hub.urlPlaceholder')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            spellCheck={false}
          />
          <PasswordInput
            label={t('hub.password')}
            description={
              status.settings.canStorePassword
                ? kept
                  ? t('hub.passwordKept')
                  : undefined
                : t('hub.passwordMemory')
            }
            placeholder={kept ? '••••••••' : undefined}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="off"
          />
          <NumberInput
            label={`${t('hub.auto')} · ${t('hub.autoMinutes')}`}
            min={0}
            max={1440}
            w={260}
            value={minutes}
            onChange={(v) => setMinutes(typeof v === 'number' ? v : 0)}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('hub.save')}
            </Button>
            <Button
              variant="light"
              leftSection={<IconPlugConnected size={16} />}
              loading={test.isPending}
              disabled={!url.trim()}
              onClick={() => {
                setProbe(null);
                test.mutate({ url: url.trim(), password: password || undefined });
              }}
            >
              {test.isPending ? t('hub.testing') : t('hub.test')}
            </Button>
          </Group>
          {probe && (
            <Alert color={probe.ok ? 'teal' : 'red'} role="status" data-testid="hub-probe">
              {probe.ok
                ? probe.value.state === 'ready'
                  ? t('hub.testReady', {
                      server: probe.value.serverVersion,
                      changes: probe.value.changes,
                      replicas: probe.value.replicas,
                      encrypted: probe.value.encrypted ? t('hub.encrypted') : '',
                    })
                  : t('hub.testEmpty', { server: probe.value.serverVersion })
                : probe.message}
            </Alert>
          )}
        </Stack>
      </form>
    </Section>
  );
}

function SyncNow({ status }: { status: HubStatus }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const sync = useAction('hub.syncNow', { successMessage: false });
  const cancel = useAction('hub.cancel', { successMessage: false });
  const last = status.lastSync;
  const p = status.progress;
  const percent = p && p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : p ? 5 : 0;
  return (
    <Section title={t('hub.syncNow')}>
      <Stack gap="sm">
        <PasswordInput
          label={t('hub.passphrase')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          autoComplete="off"
          w={320}
        />
        <Group>
          <Button
            leftSection={<IconCloudUpload size={16} />}
            disabled={!status.settings.url || status.running}
            loading={sync.isPending}
            onClick={() => sync.mutate({ passphrase: passphrase || undefined })}
          >
            {t('hub.syncNow')}
          </Button>
          {status.running && (
            <Button variant="default" onClick={() => cancel.mutate({})}>
              {t('hub.cancel')}
            </Button>
          )}
        </Group>
        {!status.settings.url && (
          <Text size="sm" c="dimmed">
            {t('hub.noUrl')}
          </Text>
        )}
        {status.running && p && (
          <Stack gap={4} data-testid="hub-progress">
            <Text size="sm">
              {t('hub.progress', { phase: t(`hub.phase.${p.phase}`), done: p.done, total: p.total })}
            </Text>
            <Progress value={percent} animated />
          </Stack>
        )}
        <Group gap="xs" data-testid="hub-last">
          <Text size="sm" fw={600}>
            {t('hub.last')}
          </Text>
          {!last ? (
            <Text size="sm" c="dimmed">
              {t('hub.never')}
            </Text>
          ) : last.ok ? (
            <Text size="sm" c="teal.8">
              {t('hub.lastOk', {
                at: formatDateTime(last.at),
                pushed: last.counts?.pushed ?? 0,
                pulled: last.counts?.pulled ?? 0,
                conflicts: last.counts?.newConflicts ?? 0,
                ms: last.ms,
              })}
            </Text>
          ) : (
            <Text size="sm" c="red.8">
              {t('hub.lastFailed', {
                at: formatDateTime(last.at),
                message: last.error
                  ? t(`errors.${last.error.code}`, { url: '', detail: '', ...last.error.params })
                  : '',
              })}
            </Text>
          )}
        </Group>
      </Stack>
    </Section>
  );
}

function Replicas({ enabled, refreshKey }: { enabled: boolean; refreshKey: string }) {
  const { t } = useTranslation();
  const replicas = useQuery({
    queryKey: ['hub.replicas', refreshKey],
    queryFn: () => call('hub.replicas', {}),
    enabled,
  });
  const rows: HubReplicaSeen[] = replicas.data ?? [];
  // Staleness as of when the list was read from the hub.
  const now = replicas.dataUpdatedAt;
  return (
    <Section title={t('hub.replicas')}>
      {replicas.error ? (
        <Text size="sm" c="red.8">
          {replicas.error.message}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('hub.replicasEmpty')}
        </Text>
      ) : (
        <Table withTableBorder data-testid="hub-replicas">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hub.device')}</Table.Th>
              <Table.Th>{t('hub.lastPush')}</Table.Th>
              <Table.Th>{t('hub.lastPull')}</Table.Th>
              <Table.Th ta="right">{t('hub.pushed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const seen = [r.lastPushAt, r.lastPullAt]
                .filter((x): x is string => Boolean(x))
                .sort()
                .at(-1);
              const stale = !seen || now - Date.parse(seen) > DAY;
              return (
                <Table.Tr key={r.id} bg={stale ? 'red.0' : undefined}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm">{r.label ?? r.id.slice(-8)}</Text>
                      {stale && (
                        <Badge color="red" size="sm" variant="light">
                          {t('hub.stale')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.lastPushAt ? formatDateTime(r.lastPushAt) : '—'}</Table.Td>
                  <Table.Td>{r.lastPullAt ? formatDateTime(r.lastPullAt) : '—'}</Table.Td>
                  <Table.Td ta="right">{r.pushed}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function HubPanel() {
  const status = useQuery({
    queryKey: ['hub.settings', null],
    queryFn: () => call('hub.settings', {}),
    // While a sync runs, its progress is polled; the window never waits for it.
    refetchInterval: (query) => (query.state.data?.running ? 400 : false),
  });
  const running = status.data?.running ?? false;
  const wasRunning = useRef(false);
  useEffect(() => {
    // A sync that just ended changed the records: every screen refreshes.
    if (wasRunning.current && !running) void queryClient.invalidateQueries();
    wasRunning.current = running;
  }, [running]);
  if (!status.data) return null;
  const data = status.data;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Settings key={data.settings.url ?? ''} status={data} />
      <Stack gap="md">
        <SyncNow status={data} />
        <Replicas enabled={Boolean(data.settings.url)} refreshKey={data.lastSync?.at ?? ''} />
      </Stack>
    </SimpleGrid>
  );
}
