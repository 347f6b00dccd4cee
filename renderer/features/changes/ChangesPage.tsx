// 变更控制: the change records (risk, status, approvals, freeze flag) and the freeze windows around the cutover.
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus, IconSnowflake } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { RecordRows } from '#renderer/components/RecordList.tsx';
import { ChangeStatusBadge, RiskBadge } from './badges.tsx';
import { ChangeForm, fromLocalInput } from './ChangeForm.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function FreezeWindows() {
  const { t } = useTranslation();
  const freezes = useCall('changes.freezes');
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const add = useAction('changes.createFreeze', { onSuccess: () => setName('') });
  const archive = useAction('changes.archiveFreeze');
  return (
    <Card withBorder>
      <Group gap="xs" mb="xs">
        <IconSnowflake size={18} />
        <Title order={5}>{t('changes.freeze.title')}</Title>
      </Group>
      <Stack gap={4} mb="sm">
        {(freezes.data ?? []).map((f) => (
          <Group key={f.id} justify="space-between" data-testid="freeze-window">
            <Text size="sm">
              <b>{f.name}</b> {formatDateTime(f.startsAt)} – {formatDateTime(f.endsAt)}
            </Text>
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => archive.mutate({ id: f.id, archived: true })}
            >
              {t('common.archive')}
            </Button>
          </Group>
        ))}
        {freezes.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('changes.freeze.empty')}
          </Text>
        )}
      </Stack>
      <SimpleGrid cols={4} spacing="xs">
        <TextInput
          size="xs"
          label={t('changes.freeze.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          type="datetime-local"
          label={t('changes.freeze.startsAt')}
          value={startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          type="datetime-local"
          label={t('changes.freeze.endsAt')}
          value={endsAt}
          onChange={(e) => setEndsAt(e.currentTarget.value)}
        />
        <Button
          size="xs"
          mt="auto"
          variant="default"
          disabled={!name.trim() || !startsAt || !endsAt}
          onClick={() =>
            add.mutate({ name, startsAt: fromLocalInput(startsAt)!, endsAt: fromLocalInput(endsAt)! })
          }
        >
          {t('changes.freeze.add')}
        </Button>
      </SimpleGrid>
    </Card>
  );
}

export function ChangesPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const changes = useCall('changes.list');
  const exportList = async () => {
    try {
      const file = await call('changes.export', {});
      download(base64ToBlob(file.contentBase64, XLSX), file.fileName);
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    }
  };
  const rows = (changes.data ?? []).map((c) => (
    <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/changes/${c.id}`)}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {c.title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {c.reason}
        </Text>
      </Table.Td>
      <Table.Td>{t(`changes.kinds.${c.kind}`)}</Table.Td>
      <Table.Td>
        <RiskBadge risk={c.risk} level={c.riskLevel} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.plannedAt)}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          <ChangeStatusBadge status={c.status} />
          {c.needsEmergencyApproval && (
            <Badge color="red" variant="filled" size="sm">
              {t('changes.freeze.needsEmergency')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td ta="right">
        {c.approvals}/{c.approvers}
      </Table.Td>
    </Table.Tr>
  ));
  return (
    <Stack gap="md">
      <PageHeader title={t('changes.title')}>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportList()}>
          {t('changes.export')}
        </Button>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('changes.create')}
        </Button>
      </PageHeader>
      <FreezeWindows />
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('changes.fields.title')}</Table.Th>
            <Table.Th>{t('changes.fields.kind')}</Table.Th>
            <Table.Th>{t('changes.fields.risk')}</Table.Th>
            <Table.Th>{t('changes.fields.plannedAt')}</Table.Th>
            <Table.Th>{t('changes.fields.status')}</Table.Th>
            <Table.Th ta="right">{t('changes.fields.approvers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <RecordRows rows={rows} columns={6} empty={t('changes.empty')} />
      </Table>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('changes.create')} size="xl">
        {creating && (
          <ChangeForm
            initial={null}
            onDone={(saved) => {
              setCreating(false);
              if (saved) navigate(`/changes/${saved.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
