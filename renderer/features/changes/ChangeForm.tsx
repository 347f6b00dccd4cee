// Raise or edit a change: what changes and why, its impact on scope, cost and schedule, risk (likelihood ×
// impact), the backout plan, when it is planned, the approvers and their rule, linked requests and issues.
import { MultiSelect, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  changeKinds,
  decisionRules,
  type ChangeDetail,
  type ChangeKind,
  type ChangeRecord,
  type DecisionRule,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { FormActions } from '#renderer/components/RecordList.tsx';

/** A datetime-local value (local wall clock) ↔ an ISO instant with the local offset. */
export const fromLocalInput = (v: string) => (v ? dayjs(v).format() : null);
export const toLocalInput = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DDTHH:mm') : '');

const scores = ['1', '2', '3', '4', '5'];

export function ChangeForm({
  initial,
  onDone,
}: {
  initial: ChangeDetail | null;
  onDone: (saved: ChangeRecord | null) => void;
}) {
  const { t } = useTranslation();
  const requests = useCall('requests.list', { includeArchived: false });
  const c = initial?.change;
  const form = useForm({
    initialValues: {
      title: c?.title ?? '',
      kind: (c?.kind ?? 'configuration') as ChangeKind,
      reason: c?.reason ?? '',
      impactScope: c?.impactScope ?? '',
      impactCost: c?.impactCost ?? '',
      impactSchedule: c?.impactSchedule ?? '',
      likelihood: String(c?.likelihood ?? 2),
      impact: String(c?.impact ?? 2),
      backoutPlan: c?.backoutPlan ?? '',
      plannedAt: toLocalInput(c?.plannedAt ?? null),
      rule: (c?.rule ?? 'all') as DecisionRule,
      approvers: initial?.approvers.map((a) => a.name) ?? [],
      requestIds: initial?.requests.map((r) => r.id) ?? [],
    },
    validate: {
      title: (v) => (v.trim() ? null : t('common.required')),
      reason: (v) => (v.trim() ? null : t('common.required')),
    },
  });
  const create = useAction('changes.create', { onSuccess: (r) => onDone(r) });
  const update = useAction('changes.update', { onSuccess: (r) => onDone(r) });
  const submit = form.onSubmit((v) => {
    const input = {
      ...v,
      likelihood: Number(v.likelihood),
      impact: Number(v.impact),
      plannedAt: fromLocalInput(v.plannedAt),
      issueIds: initial?.issues.map((i) => i.id) ?? [],
    };
    if (c) update.mutate({ ...input, id: c.id });
    else create.mutate(input);
  });
  const risk = Number(form.values.likelihood) * Number(form.values.impact);
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput
            label={t('changes.fields.title')}
            withAsterisk
            data-autofocus
            {...form.getInputProps('title')}
          />
          <Select
            label={t('changes.fields.kind')}
            data={changeKinds.map((k) => ({ value: k, label: t(`changes.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <Textarea
          label={t('changes.fields.reason')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        <SimpleGrid cols={3}>
          <Textarea label={t('changes.fields.impactScope')} autosize {...form.getInputProps('impactScope')} />
          <Textarea label={t('changes.fields.impactCost')} autosize {...form.getInputProps('impactCost')} />
          <Textarea
            label={t('changes.fields.impactSchedule')}
            autosize
            {...form.getInputProps('impactSchedule')}
          />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <Select
            label={t('changes.fields.likelihood')}
            data={scores}
            allowDeselect={false}
            {...form.getInputProps('likelihood')}
          />
          <Select
            label={t('changes.fields.impact')}
            data={scores}
            allowDeselect={false}
            {...form.getInputProps('impact')}
          />
          <div>
            <Text size="sm" fw={500}>
              {t('changes.fields.risk')}
            </Text>
            <Text size="xl" fw={700} data-testid="risk-preview">
              {risk}
            </Text>
          </div>
        </SimpleGrid>
        <Textarea
          label={t('changes.fields.backoutPlan')}
          autosize
          minRows={2}
          {...form.getInputProps('backoutPlan')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            type="datetime-local"
            label={t('changes.fields.plannedAt')}
            {...form.getInputProps('plannedAt')}
          />
          <Select
            label={t('changes.fields.rule')}
            data={decisionRules.map((r) => ({ value: r, label: t(`requests.rules.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps('rule')}
          />
        </SimpleGrid>
        <TagsInput label={t('changes.fields.approvers')} {...form.getInputProps('approvers')} />
        <MultiSelect
          label={t('changes.fields.requests')}
          data={(requests.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
          searchable
          {...form.getInputProps('requestIds')}
        />
        <FormActions onCancel={() => onDone(null)} saving={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
