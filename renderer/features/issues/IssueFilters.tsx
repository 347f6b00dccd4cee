import {
  ActionIcon,
  Button,
  Chip,
  Group,
  Popover,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDeviceFloppy, IconFilterOff, IconSearch, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPopover } from '#renderer/components/ConfirmPopover.tsx';
import {
  issueStatuses,
  severities,
  type IssueFilter,
  type IssueStatus,
  type Severity,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { clean, isFiltered, setFilter, useListState } from '#renderer/app/issue-list-state.ts';
import { MultiFilter } from './MultiFilter.tsx';
import type { Reference } from './reference.ts';

/** Free text: typing is debounced so a 100,000-issue search runs once per pause, not per keystroke. */
function TextFilter({ filter }: { filter: IssueFilter }) {
  const { t } = useTranslation();
  const [text, setText] = useState(filter.text ?? '');
  // A view or "clear filters" replaces the text from outside: follow it (React's "adjust state on prop change").
  const [outside, setOutside] = useState(filter.text ?? '');
  if ((filter.text ?? '') !== outside) {
    setOutside(filter.text ?? '');
    setText(filter.text ?? '');
  }
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== (filter.text ?? '')) setFilter({ ...filter, text: debounced.trim() });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new debounced value applies
  }, [debounced]);
  return (
    <TextInput
      size="xs"
      w={240}
      leftSection={<IconSearch size={14} />}
      placeholder={t('issueList.searchPlaceholder')}
      aria-label={t('issueList.search')}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
    />
  );
}

function SavedViews({ filter, viewId }: { filter: IssueFilter; viewId: string | null }) {
  const { t } = useTranslation();
  const views = useCall('issues.views');
  const current = views.data?.find((v) => v.id === viewId) ?? null;
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const save = useAction('issues.saveView', {
    successMessage: t('issueList.viewSaved'),
    onSuccess: (v) => {
      setSaving(false);
      setFilter(v.filter, v.id);
    },
  });
  const remove = useAction('issues.deleteView', {
    successMessage: t('issueList.viewDeleted'),
    onSuccess: () => {
      setConfirming(false);
      setFilter(filter);
    },
  });
  return (
    <Group gap={4} wrap="nowrap">
      <Select
        size="xs"
        w={180}
        placeholder={t('issueList.views')}
        aria-label={t('issueList.views')}
        data={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        value={viewId}
        clearable
        nothingFoundMessage={t('issueList.noViews')}
        onChange={(id) => {
          const view = views.data?.find((v) => v.id === id);
          setFilter(view?.filter ?? {}, view?.id ?? null);
        }}
      />
      <Popover
        opened={saving}
        onChange={setSaving}
        position="bottom-start"
        shadow="md"
        trapFocus
        onOpen={() => setName(current?.name ?? '')}
      >
        <Popover.Target>
          <Tooltip label={t('issueList.saveView')}>
            <ActionIcon
              variant="default"
              size={30}
              aria-label={t('issueList.saveView')}
              disabled={!isFiltered(filter)}
              onClick={() => setSaving((o) => !o)}
            >
              <IconDeviceFloppy size={16} />
            </ActionIcon>
          </Tooltip>
        </Popover.Target>
        <Popover.Dropdown>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) save.mutate({ name: name.trim(), filter: clean(filter) });
            }}
          >
            <Stack gap="xs" w={240}>
              <TextInput
                size="xs"
                label={t('issueList.viewName')}
                placeholder={t('issueList.viewNamePlaceholder')}
                maxLength={40}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-autofocus
              />
              <Text size="xs" c="dimmed">
                {t('issueList.viewHint')}
              </Text>
              <Group justify="flex-end" gap="xs">
                <Button size="compact-sm" variant="default" onClick={() => setSaving(false)}>
                  {t('common.cancel')}
                </Button>
                <Button size="compact-sm" type="submit" disabled={!name.trim()} loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
      {current && (
        <ConfirmPopover
          opened={confirming}
          onChange={setConfirming}
          position="bottom-start"
          width={260}
          message={t('issueList.deleteViewConfirm', { name: current.name })}
          confirmLabel={t('issueList.deleteView')}
          loading={remove.isPending}
          onConfirm={() => remove.mutate({ id: current.id })}
        >
          <Tooltip label={t('issueList.deleteView')}>
            <ActionIcon
              variant="default"
              size={30}
              color="red"
              aria-label={t('issueList.deleteView')}
              onClick={() => setConfirming((o) => !o)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </ConfirmPopover>
      )}
    </Group>
  );
}

/** Applies the range once both ends are picked (or it is cleared), not after the first click. */
function DateRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string | null;
  to: string | null;
  onChange: (from: string | null, to: string | null) => void;
}) {
  const { t } = useTranslation();
  // Only a half-picked range is local; a complete (or cleared) one is the filter itself.
  const [pending, setPending] = useState<[string | null, string | null] | null>(null);
  return (
    <DatePickerInput
      type="range"
      size="xs"
      w={220}
      allowSingleDateInRange
      clearable
      valueFormat="YYYY-MM-DD"
      placeholder={t('issueList.reportedRange')}
      aria-label={t('issueList.reportedRange')}
      value={pending ?? [from, to]}
      onChange={(next) => {
        const range: [string | null, string | null] = [next[0] ?? null, next[1] ?? null];
        const complete = (range[0] && range[1]) || (!range[0] && !range[1]);
        setPending(complete ? null : range);
        if (complete) onChange(range[0], range[1]);
      }}
    />
  );
}

export function IssueFilters({ reference }: { reference: Reference }) {
  const { t } = useTranslation();
  const { filter, viewId } = useListState();
  const update = (patch: Partial<IssueFilter>) => setFilter({ ...filter, ...patch });
  const chip = (key: 'onlyOpen' | 'overdue' | 'blocking', label: string) => (
    <Chip size="xs" checked={!!filter[key]} onChange={(on) => update({ [key]: on })}>
      {label}
    </Chip>
  );
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <TextFilter filter={filter} />
        <SavedViews filter={filter} viewId={viewId} />
        <Group gap={6} ml="xs">
          {chip('onlyOpen', t('issueList.onlyOpen'))}
          {chip('overdue', t('issueList.overdue'))}
          {chip('blocking', t('issue.blocking'))}
        </Group>
      </Group>
      <Group gap="xs" wrap="wrap">
        <MultiFilter
          label={t('issue.department')}
          options={reference.departmentOptions}
          value={filter.departmentIds ?? []}
          onChange={(departmentIds) => update({ departmentIds })}
        />
        <MultiFilter
          label={t('issue.system')}
          options={reference.systemOptions}
          value={filter.systemIds ?? []}
          onChange={(systemIds) => update({ systemIds })}
        />
        <MultiFilter
          label={t('issue.status')}
          options={issueStatuses.map((s) => ({ value: s, label: t(`issue.statuses.${s}`) }))}
          value={filter.statuses ?? []}
          onChange={(statuses) => update({ statuses: statuses as IssueStatus[] })}
        />
        <MultiFilter
          label={t('issue.severity')}
          options={severities.map((s) => ({ value: s, label: t(`issue.severities.${s}`) }))}
          value={filter.severities ?? []}
          onChange={(v) => update({ severities: v as Severity[] })}
        />
        <MultiFilter
          label={t('issue.assignee')}
          options={reference.personOptions}
          value={filter.assigneeIds ?? []}
          onChange={(assigneeIds) => update({ assigneeIds })}
        />
        <DateRangeFilter
          from={filter.reportedFrom ?? null}
          to={filter.reportedTo ?? null}
          onChange={(reportedFrom, reportedTo) =>
            update({ reportedFrom: reportedFrom ?? undefined, reportedTo: reportedTo ?? undefined })
          }
        />
        {isFiltered(filter) && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => setFilter({})}
          >
            {t('issueList.clearFilters')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
