// 问题设置: same-day targets per severity (response and resolution hours, or "by the end of the same working
// day"), the end of the working day, and this laptop's operator name and issue number prefix.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { severities, type SlaConfig } from '#contract/index.ts';
import { ApiError } from '#renderer/api/client.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { SeverityBadge } from '#renderer/components/IssueBadges.tsx';

function DeviceCard() {
  const { t } = useTranslation();
  const device = useCall('settings.getDevice');
  const form = useForm({
    initialValues: { operator: '', issuePrefix: '' },
    validate: {
      issuePrefix: (v) => (/^[A-Za-z0-9]{1,6}$/.test(v.trim()) ? null : t('issueSettings.prefixRule')),
    },
  });
  useEffect(() => {
    if (!device.data) return;
    form.setValues(device.data);
    form.resetDirty(device.data);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the stored settings change
  }, [device.data]);
  const save = useAction('settings.setDevice', {
    onError: (e) => {
      if (!(e instanceof ApiError) || e.code !== 'prefix_taken') return false;
      form.setFieldError('issuePrefix', e.message);
      return true;
    },
  });
  const prefix = form.getValues().issuePrefix.trim().toUpperCase() || 'W1';
  return (
    <Card withBorder>
      <Title order={4} mb={4}>
        {t('issueSettings.deviceTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('issueSettings.deviceIntro')}
      </Text>
      <form
        onSubmit={form.onSubmit((v) =>
          save.mutate({ operator: v.operator.trim(), issuePrefix: v.issuePrefix.trim().toUpperCase() }),
        )}
      >
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label={t('issueSettings.operator')}
              description={t('issueSettings.operatorHint')}
              maxLength={32}
              {...form.getInputProps('operator')}
            />
            <TextInput
              label={t('issueSettings.prefix')}
              description={t('issueSettings.prefixHint', { example: `${prefix}-0001` })}
              maxLength={6}
              {...form.getInputProps('issuePrefix')}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

type SlaForm = {
  targets: Record<
    string,
    { responseHours: number | string; resolutionHours: number | string; sameDay: boolean }
  >;
  workdayEnd: string;
};

const toForm = (sla: SlaConfig): SlaForm => ({
  targets: Object.fromEntries(
    severities.map((s) => {
      const target = sla.targets[s];
      return [
        s,
        {
          responseHours: target.responseHours,
          resolutionHours: target.resolutionHours ?? '',
          sameDay: target.resolutionHours === null,
        },
      ];
    }),
  ),
  workdayEnd: sla.workdayEnd,
});

function SlaCard() {
  const { t } = useTranslation();
  const sla = useCall('issues.getSla');
  const positive = (v: number | string) =>
    typeof v === 'number' && v > 0 ? null : t('issueSettings.hoursRule');
  const form = useForm<SlaForm>({
    initialValues: { targets: {}, workdayEnd: '18:00' },
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      for (const s of severities) {
        const target = values.targets[s];
        if (!target) continue;
        errors[`targets.${s}.responseHours`] = positive(target.responseHours);
        if (!target.sameDay) errors[`targets.${s}.resolutionHours`] = positive(target.resolutionHours);
      }
      errors.workdayEnd = /^([01]\d|2[0-3]):[0-5]\d/.test(values.workdayEnd) ? null : t('common.required');
      return errors;
    },
  });
  useEffect(() => {
    if (!sla.data) return;
    const values = toForm(sla.data);
    form.setValues(values);
    form.resetDirty(values);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the stored targets change
  }, [sla.data]);
  const save = useAction('issues.setSla');
  const values = form.getValues();

  return (
    <Card withBorder>
      <Title order={4} mb={4}>
        {t('issueSettings.slaTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('issueSettings.slaIntro')}
      </Text>
      <form
        onSubmit={form.onSubmit((v) =>
          save.mutate({
            workdayEnd: v.workdayEnd.slice(0, 5),
            targets: Object.fromEntries(
              severities.map((s) => {
                const target = v.targets[s]!;
                return [
                  s,
                  {
                    responseHours: Number(target.responseHours),
                    resolutionHours: target.sameDay ? null : Number(target.resolutionHours),
                  },
                ];
              }),
            ) as SlaConfig['targets'],
          }),
        )}
      >
        <Stack>
          <Table verticalSpacing="sm" withRowBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('issue.severity')}</Table.Th>
                <Table.Th w={170}>{t('issueSettings.response')}</Table.Th>
                <Table.Th w={330}>{t('issueSettings.resolution')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {severities.map((s) => {
                const target = values.targets[s];
                return (
                  <Table.Tr key={s}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <SeverityBadge severity={s} />
                        <Text size="sm">{t(`issue.severities.${s}`).replace(/^P\d\s*/, '')}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('issueSettings.responseOf', { severity: s })}
                        min={0.1}
                        max={720}
                        step={0.5}
                        decimalScale={2}
                        rightSection={
                          <Text size="xs" c="dimmed">
                            {t('issueSettings.hours')}
                          </Text>
                        }
                        rightSectionWidth={44}
                        {...form.getInputProps(`targets.${s}.responseHours`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <NumberInput
                          w={130}
                          aria-label={t('issueSettings.resolutionOf', { severity: s })}
                          min={0.1}
                          max={2160}
                          step={1}
                          decimalScale={2}
                          disabled={target?.sameDay}
                          placeholder={
                            target?.sameDay
                              ? t('issueSettings.byWorkdayEnd', { time: values.workdayEnd.slice(0, 5) })
                              : undefined
                          }
                          rightSection={
                            target?.sameDay ? null : (
                              <Text size="xs" c="dimmed">
                                {t('issueSettings.hours')}
                              </Text>
                            )
                          }
                          rightSectionWidth={44}
                          {...form.getInputProps(`targets.${s}.resolutionHours`)}
                        />
                        <Checkbox
                          label={t('issueSettings.sameDay')}
                          aria-label={t('issueSettings.sameDayOf', { severity: s })}
                          {...form.getInputProps(`targets.${s}.sameDay`, { type: 'checkbox' })}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {/* TimePicker is 24-hour on every system; the native time input follows the OS locale (06:00 PM). */}
          <Group align="flex-end" gap="md" wrap="nowrap">
            <TimePicker w={110} label={t('issueSettings.workdayEnd')} {...form.getInputProps('workdayEnd')} />
            <Text size="sm" c="dimmed" pb={8}>
              {t('issueSettings.workdayEndHint')}
            </Text>
          </Group>
          <Alert color="blue" variant="light">
            {t('issueSettings.recomputeNote')}
          </Alert>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function IssueSettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={820}>
      <PageHeader title={t('nav.issueSettings')} />
      <SlaCard />
      <DeviceCard />
    </Stack>
  );
}
