// Pieces shared by the reference-data lists (departments, people): the header buttons, the count with the
// "show archived" switch, the edit / archive-restore actions of a row, and the empty state.
import { Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '#renderer/api/client.ts';
import { PageHeader } from './PageHeader.tsx';

export function RecordListHeader(props: {
  title: string;
  createLabel: string;
  onCreate: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  return (
    <PageHeader title={props.title}>
      <Button variant="default" onClick={props.onImport}>
        {t('import.button')}
      </Button>
      <Button leftSection={<IconPlus size={16} />} onClick={props.onCreate}>
        {props.createLabel}
      </Button>
    </PageHeader>
  );
}

export function RecordListToolbar(props: {
  countLabel: string;
  showArchived: boolean;
  onShowArchived: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {props.countLabel}
      </Text>
      <Checkbox
        label={t('common.showArchived')}
        checked={props.showArchived}
        onChange={(e) => props.onShowArchived(e.currentTarget.checked)}
      />
    </Group>
  );
}

export function RecordActions(props: { archived: boolean; onEdit: () => void; onToggleArchive: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Group gap="xs" justify="flex-end" wrap="nowrap">
        <Button size="compact-sm" variant="subtle" onClick={props.onEdit}>
          {t('common.edit')}
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color={props.archived ? 'teal' : 'gray'}
          onClick={props.onToggleArchive}
        >
          {props.archived ? t('common.restore') : t('common.archive')}
        </Button>
      </Group>
    </Table.Td>
  );
}

/** The table body: the rows, or one full-width row with the empty-state hint. */
export function RecordRows({ rows, columns, empty }: { rows: ReactNode[]; columns: number; empty: string }) {
  return (
    <Table.Tbody>
      {rows.length ? (
        rows
      ) : (
        <Table.Tr>
          <Table.Td colSpan={columns}>
            <Text c="dimmed" ta="center" py="md">
              {empty}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </Table.Tbody>
  );
}

/** Cancel and Save at the foot of a record's edit form. */
export function FormActions({ onCancel, saving }: { onCancel: () => void; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

/**
 * An onError for useAction that shows a code already in use on the form's code field, where the user
 * fixes it, instead of in a passing notification.
 */
export function duplicateCodeOnField(form: { setFieldError: (field: string, message: string) => void }) {
  return (e: Error) => {
    if (!(e instanceof ApiError) || e.code !== 'duplicate_code') return false;
    form.setFieldError('code', e.message);
    return true;
  };
}
