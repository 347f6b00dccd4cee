import { Badge, Checkbox, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  organisations,
  staffRoles,
  type Organisation,
  type Person,
  type StaffRole,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import {
  FormActions,
  RecordActions,
  RecordListHeader,
  RecordListToolbar,
  RecordRows,
} from '#renderer/components/RecordList.tsx';
import { ReferenceImportDialog } from './ReferenceImportDialog.tsx';

function PersonForm({ initial, onDone }: { initial: Person | null; onDone: () => void }) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const form = useForm({
    initialValues: {
      name: initial?.name ?? '',
      employeeNo: initial?.employeeNo ?? '',
      role: (initial?.role ?? null) as StaffRole | null,
      title: initial?.title ?? '',
      champion: initial?.champion ?? false,
      phone: initial?.phone ?? '',
      organisation: (initial?.organisation ?? 'hospital') as Organisation,
      departmentId: initial?.departmentId ?? null,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('common.required')),
      phone: (v) =>
        !v || /^[0-9+\-() ]{3,32}$/.test(v)
          ? null
          : t('import.badValue', { field: t('person.phone'), value: v }),
    },
  });
  const create = useAction('people.create', { onSuccess: onDone });
  const update = useAction('people.update', { onSuccess: onDone });
  const submit = form.onSubmit((v) => {
    if (initial) update.mutate({ id: initial.id, ...v });
    else create.mutate(v);
  });
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t('person.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
        <Group grow>
          <TextInput label={t('person.employeeNo')} {...form.getInputProps('employeeNo')} />
          <Select
            label={t('training.role')}
            clearable
            data={staffRoles.map((r) => ({ value: r, label: t(`training.roles.${r}`) }))}
            {...form.getInputProps('role')}
          />
        </Group>
        <Group grow>
          <TextInput label={t('training.person.title')} {...form.getInputProps('title')} />
          <TextInput label={t('person.phone')} {...form.getInputProps('phone')} />
        </Group>
        <Group grow>
          <Select
            label={t('person.organisation')}
            allowDeselect={false}
            data={organisations.map((o) => ({ value: o, label: t(`person.organisations.${o}`) }))}
            {...form.getInputProps('organisation')}
          />
          <Select
            label={t('person.department')}
            clearable
            searchable
            data={(departments.data ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))}
            {...form.getInputProps('departmentId')}
          />
        </Group>
        <Checkbox
          label={t('training.person.champion')}
          description={t('training.person.championHint')}
          {...form.getInputProps('champion', { type: 'checkbox' })}
        />
        <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}

export function PeoplePage() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useCall('people.list', { includeArchived: showArchived });
  const departments = useCall('departments.list', { includeArchived: true });
  const archive = useAction('people.archive');
  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));

  const rows = (list.data ?? []).map((p) => (
    <Table.Tr key={p.id} c={p.archivedAt ? 'dimmed' : undefined}>
      <Table.Td>
        {p.name}{' '}
        {p.archivedAt && (
          <Badge color="gray" variant="light">
            {t('common.archived')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td ff="monospace">{p.employeeNo ?? ''}</Table.Td>
      <Table.Td>
        {p.role ? t(`training.roles.${p.role}`) : ''}
        {p.champion && (
          <Badge ml={6} size="sm" color="yellow" variant="light">
            {t('training.person.champion')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{p.title ?? ''}</Table.Td>
      <Table.Td ff="monospace">{p.phone ?? ''}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={p.organisation === 'vendor' ? 'grape' : 'blue'}>
          {t(`person.organisations.${p.organisation}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{p.departmentId ? departmentName.get(p.departmentId) : ''}</Table.Td>
      <RecordActions
        archived={Boolean(p.archivedAt)}
        onEdit={() => setEditing(p)}
        onToggleArchive={() => archive.mutate({ id: p.id, archived: !p.archivedAt })}
      />
    </Table.Tr>
  ));

  return (
    <Stack gap="md">
      <RecordListHeader
        title={t('person.title')}
        createLabel={t('person.create')}
        onCreate={() => setEditing('new')}
        onImport={() => setImporting(true)}
      />
      <RecordListToolbar
        countLabel={t('person.count', { count: list.data?.filter((p) => !p.archivedAt).length ?? 0 })}
        showArchived={showArchived}
        onShowArchived={setShowArchived}
      />
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('person.name')}</Table.Th>
            <Table.Th>{t('person.employeeNo')}</Table.Th>
            <Table.Th>{t('training.role')}</Table.Th>
            <Table.Th>{t('training.person.title')}</Table.Th>
            <Table.Th>{t('person.phone')}</Table.Th>
            <Table.Th>{t('person.organisation')}</Table.Th>
            <Table.Th>{t('person.department')}</Table.Th>
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <RecordRows rows={rows} columns={8} empty={t('person.empty')} />
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('person.create') : t('person.editTitle')}
        size="lg"
      >
        {editing !== null && (
          <PersonForm initial={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <ReferenceImportDialog kind="people" opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
