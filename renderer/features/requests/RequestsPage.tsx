// 需求分层筛选: the board of requests by tier (rows) × status (columns) with filters; create, import a
// 需求清单 and export from here.
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  requestPriorities,
  requestStatuses,
  requestTiers,
  type RequestFilter,
  type RequestImportPreview,
  type RequestImportResult,
  type RequestPriority,
  type RequestStatus,
  type RequestTier,
} from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useCall } from '#renderer/app/queries.ts';
import { NameProposals } from '#renderer/components/NameProposals.tsx';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import {
  SheetImportDialog,
  type DeclineChoices,
  type ImportSource,
} from '#renderer/components/SheetImportDialog.tsx';
import { RequestForm } from './RequestForm.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const priorityColor: Record<RequestPriority, string> = { high: 'red', medium: 'yellow', low: 'gray' };
export const tierColor: Record<RequestTier, string> = {
  basic: 'blue',
  efficiency: 'teal',
  innovation: 'grape',
};

// Department names the project lacks: a close one proposed (declinable) or a new one (issue #12).
const requestImportDetails = (preview: RequestImportPreview, { declined, decline }: DeclineChoices) => (
  <NameProposals names={preview.departments} kind="departments" declined={declined} onDecline={decline} />
);

export function RequestsPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [tier, setTier] = useState<RequestTier | null>(null);
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [priority, setPriority] = useState<RequestPriority | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const filter: RequestFilter = {
    includeArchived: false,
    ...(tier ? { tier } : {}),
    ...(status ? { status } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(priority ? { priority } : {}),
  };
  const board = useCall('requests.board', filter);
  const departments = useCall('departments.list');
  const tiers = tier ? [tier] : [...requestTiers];
  const statuses = status ? [status] : [...requestStatuses];
  const options = (keys: readonly string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));

  const source: ImportSource<RequestImportPreview, RequestImportResult> = {
    title: t('requests.import'),
    hint: t('requests.importHint'),
    fieldLabel: (f) => (f as { label: string }).label,
    preview: (file, mapping, declinedMatches) =>
      call('requests.previewImport', { ...file, mapping, declinedMatches }),
    commit: (file, mapping, declinedMatches) =>
      call('requests.commitImport', { ...file, mapping, declinedMatches }),
    done: (r) => {
      const created = r.departments.filter((d) => d.action === 'create').map((d) => d.target);
      return [
        t('requests.importDone', {
          imported: r.imported,
          already: r.alreadyImported,
          skipped: r.skipped.length,
        }),
        ...(created.length
          ? [t('import.names.created', { names: created.join(t('common.listSeparator')) })]
          : []),
      ].join(' ');
    },
    details: requestImportDetails,
  };
  const exportList = async () => {
    try {
      const file = await call('requests.export', filter);
      download(base64ToBlob(file.contentBase64, XLSX), file.fileName);
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('requests.board')}>
        <Button
          variant="default"
          leftSection={<IconFileImport size={16} />}
          onClick={() => setImporting(true)}
        >
          {t('requests.import')}
        </Button>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportList()}>
          {t('requests.export')}
        </Button>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('requests.create')}
        </Button>
      </PageHeader>
      <Group gap="sm" align="end">
        <Select
          label={t('requests.fields.tier')}
          placeholder={t('requests.all')}
          data={options(requestTiers, 'requests.tiers')}
          value={tier}
          onChange={(v) => setTier(v as RequestTier | null)}
          clearable
          w={150}
        />
        <Select
          label={t('requests.fields.status')}
          placeholder={t('requests.all')}
          data={options(requestStatuses, 'requests.statuses')}
          value={status}
          onChange={(v) => setStatus(v as RequestStatus | null)}
          clearable
          w={150}
        />
        <Select
          label={t('requests.fields.department')}
          placeholder={t('requests.all')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          clearable
          searchable
          w={170}
        />
        <Select
          label={t('requests.fields.priority')}
          placeholder={t('requests.all')}
          data={options(requestPriorities, 'requests.priorities')}
          value={priority}
          onChange={(v) => setPriority(v as RequestPriority | null)}
          clearable
          w={120}
        />
        <Text size="sm" c="dimmed" ml="auto">
          {t('requests.count', { count: board.data?.total ?? 0 })}
        </Text>
      </Group>
      {board.data && board.data.total === 0 ? (
        <Paper withBorder p="lg">
          <Text c="dimmed" size="sm">
            {t('requests.empty')}
          </Text>
        </Paper>
      ) : (
        <ScrollArea type="auto">
          <Table
            withTableBorder
            withColumnBorders
            layout="fixed"
            miw={statuses.length * 120 + 110}
            data-testid="request-board"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('requests.fields.tier')}</Table.Th>
                {statuses.map((s) => (
                  <Table.Th key={s} fz="xs">
                    {t(`requests.statuses.${s}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tiers.map((tr) => (
                <Table.Tr key={tr}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Badge color={tierColor[tr]} variant="light">
                      {t(`requests.tiers.${tr}`)}
                    </Badge>
                  </Table.Td>
                  {statuses.map((s) => (
                    <Table.Td key={s} style={{ verticalAlign: 'top' }} p={4}>
                      <Stack gap={4}>
                        {(board.data?.cells[`${tr}|${s}`] ?? []).map((r) => (
                          <Card
                            key={r.id}
                            withBorder
                            padding={6}
                            style={{ cursor: 'pointer' }}
                            onClick={() => navigate(`/requests/${r.id}`)}
                          >
                            <Text size="xs" fw={500} lineClamp={2}>
                              {r.title}
                            </Text>
                            <Group gap={4} mt={2}>
                              <Badge size="xs" color={priorityColor[r.priority]} variant="dot">
                                {t(`requests.priorities.${r.priority}`)}
                              </Badge>
                              {r.departmentName && (
                                <Text size="xs" c="dimmed" truncate>
                                  {r.departmentName}
                                </Text>
                              )}
                            </Group>
                          </Card>
                        ))}
                      </Stack>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('requests.create')} size="lg">
        {creating && (
          <RequestForm
            initial={null}
            onDone={(saved) => {
              setCreating(false);
              if (saved) navigate(`/requests/${saved.id}`);
            }}
          />
        )}
      </Modal>
      <SheetImportDialog source={source} opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
