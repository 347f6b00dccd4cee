import { Button, Card, Group, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';

export function ProjectPage() {
  const { t } = useTranslation();
  const project = useCall('project.get');
  const required = (v: string) => (v.trim() ? null : t('common.required'));
  const form = useForm({
    initialValues: { hospital: '', name: '', newSystem: '', goLiveDate: null as string | null },
    validate: { hospital: required, name: required, newSystem: required },
  });
  const update = useAction('project.update');
  const data = project.data;
  useEffect(() => {
    if (data) {
      const values = {
        hospital: data.hospital,
        name: data.name,
        newSystem: data.newSystem,
        goLiveDate: data.goLiveDate,
      };
      form.setValues(values);
      form.resetDirty(values);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the stored project changes
  }, [data]);

  return (
    <Stack gap="md" maw={640}>
      <PageHeader title={t('nav.project')} />
      <Card withBorder>
        <form
          onSubmit={form.onSubmit((v) =>
            update.mutate({
              ...v,
              goLiveDate: v.goLiveDate ? dayjs(v.goLiveDate).format('YYYY-MM-DD') : null,
            }),
          )}
        >
          <Stack>
            <TextInput label={t('project.hospital')} withAsterisk {...form.getInputProps('hospital')} />
            <TextInput label={t('project.name')} withAsterisk {...form.getInputProps('name')} />
            <TextInput label={t('project.newSystem')} withAsterisk {...form.getInputProps('newSystem')} />
            <DateInput
              label={t('project.goLiveDate')}
              placeholder={t('project.goLiveDatePlaceholder')}
              valueFormat="YYYY-MM-DD"
              clearable
              {...form.getInputProps('goLiveDate')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
