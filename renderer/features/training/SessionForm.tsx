// Plan or edit a training session: topic, audience tier, format, departments (none = whole hospital),
// trainer (champions marked), start, duration, place, material version and the pass mark (empty = no
// assessment).
import { Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  trainingFormats,
  trainingTiers,
  type TrainingFormat,
  type TrainingSession,
  type TrainingTier,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { FormActions } from '#renderer/components/RecordList.tsx';
import { keepEnterInPicker, Picker, PickerMulti } from '#renderer/components/Picker.tsx';

export function SessionForm({
  initial,
  onDone,
}: {
  initial: TrainingSession | null;
  onDone: (session: TrainingSession | null) => void;
}) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const people = useCall('people.list');
  const form = useForm({
    initialValues: {
      topic: initial?.topic ?? '',
      tier: (initial?.tier ?? 'nursing') as TrainingTier,
      format: (initial?.format ?? 'classroom') as TrainingFormat,
      trainerId: initial?.trainerId ?? null,
      // A local day and a local time, each typed or picked: picking the 3rd in the calendar gives the 3rd
      // in every time zone (issue 12 §3).
      startDay: (initial ? dayjs(initial.startsAt) : dayjs().add(1, 'day')).format('YYYY-MM-DD') as
        string | null,
      startTime: initial ? dayjs(initial.startsAt).format('HH:mm') : '14:00',
      durationMinutes: initial?.durationMinutes ?? 90,
      place: initial?.place ?? '',
      materialVersion: initial?.materialVersion ?? '',
      passMark: (initial ? initial.passMark : 80) as number | string | null,
      departmentIds: initial?.departmentIds ?? [],
    },
    validate: {
      topic: (v) => (v.trim() ? null : t('common.required')),
      startDay: (v) => (v ? null : t('common.required')),
      startTime: (v) => (/^\d{1,2}:\d{2}$/.test(v) ? null : t('common.required')),
    },
  });
  const create = useAction('training.createSession', { onSuccess: onDone });
  const update = useAction('training.updateSession', { onSuccess: onDone });
  const submit = form.onSubmit(({ startDay, startTime, ...v }) => {
    const input = {
      ...v,
      startsAt: dayjs(`${startDay}T${startTime.padStart(5, '0')}`).toISOString(),
      durationMinutes: Number(v.durationMinutes) || 90,
      passMark: v.passMark === '' || v.passMark === null ? null : Number(v.passMark),
    };
    if (initial) update.mutate({ id: initial.id, ...input });
    else create.mutate(input);
  });
  const trainers = (people.data ?? []).map((p) => ({
    value: p.id,
    label: p.champion ? `${p.name} ★ ${t('training.person.champion')}` : p.name,
  }));
  return (
    <form
      onSubmit={submit}
      // Enter in any list picker (tier, format…) picks or opens it; it never saves the session.
      onKeyDown={(e) => {
        if ((e.target as HTMLElement).getAttribute('aria-haspopup') === 'listbox') keepEnterInPicker(e);
      }}
    >
      <Stack>
        <TextInput
          label={t('training.session.topic')}
          withAsterisk
          data-autofocus
          {...form.getInputProps('topic')}
        />
        <Group grow>
          <Select
            label={t('training.session.tier')}
            allowDeselect={false}
            data={trainingTiers.map((v) => ({ value: v, label: t(`training.tiers.${v}`) }))}
            {...form.getInputProps('tier')}
          />
          <Select
            label={t('training.session.format')}
            allowDeselect={false}
            data={trainingFormats.map((v) => ({ value: v, label: t(`training.formats.${v}`) }))}
            {...form.getInputProps('format')}
          />
        </Group>
        <PickerMulti
          label={t('training.session.departments')}
          placeholder={form.values.departmentIds.length ? undefined : t('training.session.allDepartments')}
          clearable
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))}
          {...form.getInputProps('departmentIds')}
        />
        <Group grow>
          <Picker
            label={t('training.session.trainer')}
            data={trainers}
            value={form.values.trainerId}
            onChange={(id) => form.setFieldValue('trainerId', id)}
          />
          <Group grow gap="xs" wrap="nowrap">
            <DateInput
              label={t('training.session.startDay')}
              withAsterisk
              valueFormat="YYYY-MM-DD"
              placeholder="YYYY-MM-DD"
              {...form.getInputProps('startDay')}
            />
            <TimeInput
              label={t('training.session.startTime')}
              withAsterisk
              {...form.getInputProps('startTime')}
            />
          </Group>
        </Group>
        <Group grow>
          <NumberInput
            label={t('training.session.duration')}
            min={5}
            max={1440}
            step={15}
            {...form.getInputProps('durationMinutes')}
          />
          <TextInput label={t('training.session.place')} {...form.getInputProps('place')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('training.session.materialVersion')}
            {...form.getInputProps('materialVersion')}
          />
          <NumberInput
            label={t('training.session.passMark')}
            description={t('training.session.passMarkHint')}
            min={0}
            max={100}
            allowNegative={false}
            {...form.getInputProps('passMark')}
          />
        </Group>
        <FormActions onCancel={() => onDone(null)} saving={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
