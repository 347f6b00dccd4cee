import { Badge, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentTypes, type Department, type DepartmentType } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import {
  FormActions,
  duplicateCodeOnField,
  RecordActions,
  RecordListHeader,
  RecordListToolbar,
  RecordRows,
} from '#renderer/components/RecordList.tsx';
import { ReferenceImportDialog } from './ReferenceImportDialog.tsx';

const phases = ['1', '2', '3', '4', '5'];

export function usePhaseLabel() {
  const { t } = useTranslation();
  return (phase: number | null) =>
    phase === null
      ? t('department.phaseNone')
      : phase === 1
        ? t('department.phasePilot')
        : t('department.phase', { n: phase });
}

function DepartmentForm({ initial, onDone }: { initial: Department | null; onDone: () => void }) {
  const { t } = useTranslation();
  const phaseLabel = usePhaseLabel();
  const required = (v: string) => (v.trim() ? null : t('common.required'));
  const form = useForm({
    initialValues: {
      code: initial?.code ?? '',
      name: initial?.name ?? '',
      type: (initial?.type ?? 'ward') as DepartmentType,
      pilotPhase: initial?.pilotPhase ? String(initial.pilotPhase) : null,
    },
    validate: { code: required, name: required },
  });
  const onError = duplicateCodeOnField(form);
  const create = useAction('departments.create', { onSuccess: onDone, onError });
  const update = useAction('departments.update', { onSuccess: onDone, onError });
  const submit = form.onSubmit((v) => {
    const fields = { ...v, pilotPhase: v.pilotPhase ? Number(v.pilotPhase) : null };
    if (initial) update.mutate({ id: initial.id, ...fields });
    else create.mutate(fields);
  });
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t('department.code')} withAsterisk data-autofocus {...form.getInputProps('code')} />
        <TextInput label={t('department.name')} withAsterisk {...form.getInputProps('name')} />
        <Select
          label={t('department.type')}
          allowDeselect={false}
          data={departmentTypes.map((d) => ({ value: d, label: t(`department.types.${d}`) }))}
          {...form.getInputProps('type')}
        />
        <Select
          label={t('department.pilotPhase')}
          clearable
          placeholder={t('department.phaseNone')}
          data={phases.map((p) => ({ value: p, label: phaseLabel(Number(p)) }))}
          {...form.getInputProps('pilotPhase')}
        />
        <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}

export function DepartmentsPage() {
  const { t } = useTranslation();
  const phaseLabel = usePhaseLabel();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useCall('departments.list', { includeArchived: showArchived });
  const archive = useAction('departments.archive');

  const rows = (list.data ?? []).map((d) => (
    <Table.Tr key={d.id} c={d.archivedAt ? 'dimmed' : undefined}>
      <Table.Td ff="monospace">{d.code}</Table.Td>
      <Table.Td>
        {d.name}{' '}
        {d.archivedAt && (
          <Badge color="gray" variant="light">
            {t('common.archived')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`department.types.${d.type}`)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {d.pilotPhase === 1 ? <Badge variant="light">{phaseLabel(1)}</Badge> : phaseLabel(d.pilotPhase)}
      </Table.Td>
      <RecordActions
        archived={Boolean(d.archivedAt)}
        onEdit={() => setEditing(d)}
        onToggleArchive={() => archive.mutate({ id: d.id, archived: !d.archivedAt })}
      />
    </Table.Tr>
  ));

  return (
    <Stack gap="md">
      <RecordListHeader
        title={t('department.title')}
        createLabel={t('department.create')}
        onCreate={() => setEditing('new')}
        onImport={() => setImporting(true)}
      />
      <RecordListToolbar
        countLabel={t('department.count', { count: list.data?.filter((d) => !d.archivedAt).length ?? 0 })}
        showArchived={showArchived}
        onShowArchived={setShowArchived}
      />
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>{t('department.code')}</Table.Th>
            <Table.Th>{t('department.name')}</Table.Th>
            <Table.Th w={140}>{t('department.type')}</Table.Th>
            <Table.Th w={160}>{t('department.pilotPhase')}</Table.Th>
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <RecordRows rows={rows} columns={5} empty={t('department.empty')} />
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('department.create') : t('department.editTitle')}
      >
        {editing !== null && (
          <DepartmentForm initial={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <ReferenceImportDialog kind="departments" opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
