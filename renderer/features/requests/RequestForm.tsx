// A requirement request: title, description, department, requester, tier, priority, expected value and
// effort, and the review's decision rule.
import { NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  decisionRules,
  requestPriorities,
  requestTiers,
  valueMeasures,
  type DecisionRule,
  type RequestPriority,
  type RequestTier,
  type RequirementRequest,
  type ValueMeasure,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { FormActions } from '#renderer/components/RecordList.tsx';

export function RequestForm({
  initial,
  onDone,
}: {
  initial: RequirementRequest | null;
  onDone: (saved: RequirementRequest | null) => void;
}) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const form = useForm({
    initialValues: {
      title: initial?.title ?? '',
      description: initial?.description ?? '',
      departmentId: initial?.departmentId ?? null,
      requester: initial?.requester ?? '',
      requestedOn: initial?.requestedOn ?? '',
      tier: (initial?.tier ?? 'basic') as RequestTier,
      priority: (initial?.priority ?? 'medium') as RequestPriority,
      valueMeasure: (initial?.valueMeasure ?? null) as ValueMeasure | null,
      expectedValue: initial?.expectedValue ?? '',
      effortDays: (initial?.effortDays ?? '') as number | string,
      decisionRule: (initial?.decisionRule ?? 'majority') as DecisionRule,
    },
    validate: { title: (v) => (v.trim() ? null : t('common.required')) },
  });
  const create = useAction('requests.create', { onSuccess: (r) => onDone(r) });
  const update = useAction('requests.update', { onSuccess: (r) => onDone(r) });
  const submit = form.onSubmit((v) => {
    const input = {
      ...v,
      requestedOn: v.requestedOn || null,
      effortDays: v.effortDays === '' ? null : Number(v.effortDays),
    };
    if (initial) update.mutate({ ...input, id: initial.id });
    else create.mutate(input);
  });
  const options = (keys: readonly string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('requests.fields.title')}
          withAsterisk
          data-autofocus
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('requests.fields.description')}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={3}>
          <Select
            label={t('requests.fields.tier')}
            data={options(requestTiers, 'requests.tiers')}
            allowDeselect={false}
            {...form.getInputProps('tier')}
          />
          <Select
            label={t('requests.fields.priority')}
            data={options(requestPriorities, 'requests.priorities')}
            allowDeselect={false}
            {...form.getInputProps('priority')}
          />
          <Select
            label={t('requests.fields.decisionRule')}
            data={options(decisionRules, 'requests.rules')}
            allowDeselect={false}
            {...form.getInputProps('decisionRule')}
          />
          <Select
            label={t('requests.fields.department')}
            data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            searchable
            clearable
            {...form.getInputProps('departmentId')}
          />
          <TextInput label={t('requests.fields.requester')} {...form.getInputProps('requester')} />
          <TextInput
            type="date"
            label={t('requests.fields.requestedOn')}
            {...form.getInputProps('requestedOn')}
          />
          <Select
            label={t('requests.fields.valueMeasure')}
            data={options(valueMeasures, 'requests.measures')}
            clearable
            {...form.getInputProps('valueMeasure')}
          />
          <TextInput label={t('requests.fields.expectedValue')} {...form.getInputProps('expectedValue')} />
          <NumberInput
            label={t('requests.fields.effortDays')}
            min={0}
            {...form.getInputProps('effortDays')}
          />
        </SimpleGrid>
        <FormActions onCancel={() => onDone(null)} saving={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
