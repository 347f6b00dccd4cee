// 培训场次: the sessions, newest first, with audience, attendance and pass counts; plan a new one here.
import { Button, Checkbox, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { RecordRows } from '#renderer/components/RecordList.tsx';
import { formatDateTime } from '#renderer/components/format.ts';
import { SessionForm } from './SessionForm.tsx';
import { SessionStatusBadge, TrainerName } from './badges.tsx';

export function SessionsPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [showCancelled, setShowCancelled] = useState(false);
  const [creating, setCreating] = useState(false);
  const sessions = useCall('training.sessions', { includeCancelled: showCancelled });
  const departments = useCall('departments.list', { includeArchived: true });
  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));

  const rows = (sessions.data ?? []).map((s) => (
    <Table.Tr
      key={s.id}
      style={{ cursor: 'pointer' }}
      c={s.status === 'cancelled' ? 'dimmed' : undefined}
      onClick={() => navigate(`/training/sessions/${s.id}`)}
    >
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.startsAt)}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {s.topic}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`training.formats.${s.format}`)}
          {s.place ? ` · ${s.place}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>{t(`training.tiers.${s.tier}`)}</Table.Td>
      <Table.Td>
        {s.departmentIds.length
          ? s.departmentIds.map((d) => departmentName.get(d) ?? '').join(t('common.listSeparator'))
          : t('training.session.allDepartments')}
      </Table.Td>
      <Table.Td>
        <TrainerName name={s.trainerName} champion={s.trainerChampion} />
      </Table.Td>
      <Table.Td ta="right">{s.audience}</Table.Td>
      <Table.Td ta="right">{s.attended}</Table.Td>
      <Table.Td ta="right">{s.passMark === null ? '—' : s.passed}</Table.Td>
      <Table.Td>
        <SessionStatusBadge status={s.status} />
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Stack gap="md">
      <PageHeader title={t('training.session.title')}>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('training.session.create')}
        </Button>
      </PageHeader>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('training.session.count', { count: sessions.data?.length ?? 0 })}
        </Text>
        <Checkbox
          label={t('training.session.showCancelled')}
          checked={showCancelled}
          onChange={(e) => setShowCancelled(e.currentTarget.checked)}
        />
      </Group>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('training.session.startsAt')}</Table.Th>
            <Table.Th>{t('training.session.topic')}</Table.Th>
            <Table.Th>{t('training.session.tier')}</Table.Th>
            <Table.Th>{t('training.session.departments')}</Table.Th>
            <Table.Th>{t('training.session.trainer')}</Table.Th>
            <Table.Th ta="right">{t('training.session.audience')}</Table.Th>
            <Table.Th ta="right">{t('training.session.attended')}</Table.Th>
            <Table.Th ta="right">{t('training.session.passed')}</Table.Th>
            <Table.Th>{t('training.session.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <RecordRows rows={rows} columns={9} empty={t('training.session.empty')} />
      </Table>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('training.session.create')}
        size="lg"
      >
        {creating && (
          <SessionForm
            initial={null}
            onDone={(created) => {
              setCreating(false);
              if (created) navigate(`/training/sessions/${created.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
