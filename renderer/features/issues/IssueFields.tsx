// The properties column of the detail page: every field edits in place and saves on change.
import { Card, Divider, Group, Select, Stack, Switch, TagsInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  issueCategories,
  severities,
  type IssueCategory,
  type InputOf,
  type IssueDetail,
  type Severity,
} from '#contract/index.ts';
import { useAction } from '#renderer/app/queries.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import { PersonPicker } from './PersonPicker.tsx';
import type { Reference } from './reference.ts';

type Patch = Omit<InputOf<'issues.update'>, 'id'>;

function Stamp({ label, value, danger }: { label: string; value: string | null; danger?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        size="sm"
        c={danger ? 'red' : value ? undefined : 'dimmed'}
        fw={danger ? 600 : undefined}
        style={{ whiteSpace: 'nowrap' }}
      >
        {value ? formatDateTime(value) : '—'}
      </Text>
    </Group>
  );
}

/** An archived department/system/module still shows on the issues that refer to it. */
const withCurrent = (options: { value: string; label: string }[], id: string | null, name?: string) =>
  id && !options.some((o) => o.value === id) ? [...options, { value: id, label: name ?? id }] : options;

export function IssueFields({ detail, reference }: { detail: IssueDetail; reference: Reference }) {
  const { t } = useTranslation();
  const { issue } = detail;
  const update = useAction('issues.update');
  const save = (patch: Patch) => update.mutate({ id: issue.id, ...patch });
  const moduleOptions = withCurrent(
    reference.moduleOptions(issue.systemId),
    issue.moduleId,
    issue.moduleId ? reference.moduleName.get(issue.moduleId) : undefined,
  );

  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="sm">
          <Select
            label={t('issue.department')}
            searchable
            allowDeselect={false}
            data={withCurrent(
              reference.departmentOptions,
              issue.departmentId,
              reference.departmentName.get(issue.departmentId),
            )}
            value={issue.departmentId}
            onChange={(v) => v && v !== issue.departmentId && save({ departmentId: v })}
          />
          <Select
            label={t('issue.system')}
            clearable
            searchable
            data={withCurrent(
              reference.systemOptions,
              issue.systemId,
              issue.systemId ? reference.systemLabel.get(issue.systemId) : undefined,
            )}
            value={issue.systemId}
            onChange={(v) => v !== issue.systemId && save({ systemId: v, moduleId: null })}
          />
          <Select
            label={t('issue.module')}
            clearable
            searchable
            disabled={!issue.systemId}
            data={moduleOptions}
            value={issue.moduleId}
            onChange={(v) => v !== issue.moduleId && save({ moduleId: v })}
          />
          <Select
            label={t('issue.severity')}
            allowDeselect={false}
            data={severities.map((s) => ({ value: s, label: t(`issue.severities.${s}`) }))}
            value={issue.severity}
            onChange={(v) => v && v !== issue.severity && save({ severity: v as Severity })}
          />
          <Select
            label={t('issue.category')}
            allowDeselect={false}
            data={issueCategories.map((c) => ({ value: c, label: t(`issue.categories.${c}`) }))}
            value={issue.category}
            onChange={(v) => v && v !== issue.category && save({ category: v as IssueCategory })}
          />
          <Switch
            label={t('issueDetail.blockingLabel')}
            color="red"
            checked={issue.blocking}
            onChange={(e) => save({ blocking: e.currentTarget.checked })}
          />
          <PersonPicker
            label={t('issue.reporter')}
            reference={reference}
            departmentId={issue.departmentId}
            value={issue.reporterId}
            onChange={(id) => id !== issue.reporterId && save({ reporterId: id })}
          />
          <PersonPicker
            label={t('issue.assignee')}
            reference={reference}
            value={issue.assigneeId}
            onChange={(id) => id !== issue.assigneeId && save({ assigneeId: id })}
          />
          <TagsInput
            label={t('issue.tags')}
            placeholder={t('issueDetail.tagsPlaceholder')}
            maxTags={20}
            value={issue.tags}
            onChange={(tags) => save({ tags: tags.map((x) => x.trim().slice(0, 32)).filter(Boolean) })}
            clearable
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap={6}>
          <Stamp label={t('issue.reportedAt')} value={issue.reportedAt} />
          <Stamp
            label={t('issue.responseDueAt')}
            value={issue.responseDueAt}
            danger={detail.overdue === 'response'}
          />
          <Stamp
            label={t('issue.resolutionDueAt')}
            value={issue.resolutionDueAt}
            danger={detail.overdue === 'resolution'}
          />
          <Divider my={4} />
          <Stamp label={t('issue.acknowledgedAt')} value={issue.acknowledgedAt} />
          <Stamp label={t('issue.resolvedAt')} value={issue.resolvedAt} />
          <Stamp label={t('issue.verifiedAt')} value={issue.verifiedAt} />
          <Stamp label={t('issue.closedAt')} value={issue.closedAt} />
        </Stack>
      </Card>
    </Stack>
  );
}
