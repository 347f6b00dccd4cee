import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Center,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentTypes, type DepartmentType } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { useAction } from '#renderer/app/queries.ts';
import { LanguageSwitch } from '#renderer/components/LanguageSwitch.tsx';

interface PilotRow {
  code: string;
  name: string;
  type: DepartmentType;
}

/**
 * `renderJoin`: the "join from a sync file" step, which belongs to sync; the app fills it in
 * (renderer/app/screens.tsx) and calls `onImported` after an import.
 */
export function SetupWizard({ renderJoin }: { renderJoin: (onImported: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<'new' | 'join'>('new');
  /** Set when a joined file brought no project: the wizard stays, and says why. */
  const [noProject, setNoProject] = useState(false);
  const [step, setStep] = useState(0);
  const required = (v: string) => (v.trim() ? null : t('common.required'));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      hospital: '',
      name: '',
      newSystem: '',
      goLiveDate: null as string | null,
      pilots: [] as PilotRow[],
    },
    validate: {
      hospital: required,
      name: required,
      newSystem: required,
      pilots: { code: required, name: required },
    },
  });
  const setup = useAction('project.setup', { successMessage: false });

  const next = () => {
    if (step === 0) {
      const fields = ['hospital', 'name', 'newSystem'] as const;
      const results = fields.map((f) => form.validateField(f));
      if (results.some((r) => r.hasError)) return;
    }
    if (step === 1 && form.validate().hasErrors) return;
    setStep((s) => s + 1);
  };

  const finish = () => {
    const v = form.getValues();
    setup.mutate({
      hospital: v.hospital,
      name: v.name,
      newSystem: v.newSystem,
      goLiveDate: v.goLiveDate ? dayjs(v.goLiveDate).format('YYYY-MM-DD') : null,
      pilotDepartments: v.pilots,
    });
  };

  const values = form.getValues();
  const summary: [string, string][] = [
    [t('project.hospital'), values.hospital],
    [t('project.name'), values.name],
    [t('project.newSystem'), values.newSystem],
    [
      t('project.goLiveDate'),
      values.goLiveDate ? dayjs(values.goLiveDate).format('YYYY-MM-DD') : t('project.noGoLive'),
    ],
    [
      t('wizard.stepPilot'),
      values.pilots.length
        ? values.pilots.map((p) => `${p.name} · ${p.code}`).join(t('common.listSeparator'))
        : t('overview.noPilot'),
    ],
  ];

  return (
    <Center mih="100vh" p="xl" bg="gray.0">
      <Card withBorder shadow="sm" w={path === 'join' ? 920 : 720} maw="100%" p="xl">
        <Group justify="space-between" mb="xs">
          <Title order={2}>{t('wizard.title')}</Title>
          <LanguageSwitch />
        </Group>
        <SegmentedControl
          fullWidth
          mt="sm"
          mb="lg"
          value={path}
          onChange={(v) => setPath(v as 'new' | 'join')}
          data={[
            { value: 'new', label: t('sync.join.newProject') },
            { value: 'join', label: t('sync.join.joinProject') },
          ]}
        />
        {path === 'join' ? (
          <Stack gap="sm">
            <Text c="dimmed">{t('sync.join.intro')}</Text>
            {noProject && (
              <Alert color="red" variant="light">
                {t('sync.join.noProject')}
              </Alert>
            )}
            {/* After the import every read refreshes; app.info then reports the project and the app moves on. */}
            {renderJoin(() => void call('project.get').then((p) => setNoProject(p === null)))}
          </Stack>
        ) : (
          <>
            <Text c="dimmed" mb="lg">
              {t('wizard.intro')}
            </Text>
            <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
              <Stepper.Step label={t('wizard.stepProject')}>
                <Stack mt="md">
                  <TextInput
                    label={t('project.hospital')}
                    placeholder={t('project.hospitalPlaceholder')}
                    withAsterisk
                    data-autofocus
                    {...form.getInputProps('hospital')}
                  />
                  <TextInput
                    label={t('project.name')}
                    placeholder={t('project.namePlaceholder')}
                    withAsterisk
                    {...form.getInputProps('name')}
                  />
                  <TextInput
                    label={t('project.newSystem')}
                    placeholder={t('project.newSystemPlaceholder')}
                    withAsterisk
                    {...form.getInputProps('newSystem')}
                  />
                  <DateInput
                    label={t('project.goLiveDate')}
                    placeholder={t('project.goLiveDatePlaceholder')}
                    valueFormat="YYYY-MM-DD"
                    clearable
                    {...form.getInputProps('goLiveDate')}
                  />
                </Stack>
              </Stepper.Step>
              <Stepper.Step label={t('wizard.stepPilot')}>
                <Stack mt="md">
                  <Text size="sm" c="dimmed">
                    {t('wizard.pilotIntro')}
                  </Text>
                  {form.getValues().pilots.map((_, index) => (
                    <Group key={form.key(`pilots.${index}`)} align="flex-start" wrap="nowrap">
                      <TextInput
                        label={t('department.code')}
                        w={140}
                        withAsterisk
                        {...form.getInputProps(`pilots.${index}.code`)}
                      />
                      <TextInput
                        label={t('department.name')}
                        style={{ flex: 1 }}
                        withAsterisk
                        {...form.getInputProps(`pilots.${index}.name`)}
                      />
                      <Select
                        label={t('department.type')}
                        w={150}
                        allowDeselect={false}
                        data={departmentTypes.map((d) => ({ value: d, label: t(`department.types.${d}`) }))}
                        {...form.getInputProps(`pilots.${index}.type`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={28}
                        aria-label={t('common.remove')}
                        onClick={() => form.removeListItem('pilots', index)}
                      >
                        <IconTrash size={18} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    variant="light"
                    leftSection={<IconPlus size={16} />}
                    onClick={() => form.insertListItem('pilots', { code: '', name: '', type: 'ward' })}
                    w="fit-content"
                  >
                    {t('wizard.addPilot')}
                  </Button>
                </Stack>
              </Stepper.Step>
              {/* A step, not Stepper.Completed: nothing is saved until 开始使用, so the user reviews first. */}
              <Stepper.Step label={t('wizard.stepDone')}>
                <Stack mt="md" gap="xs">
                  <Text>{t('wizard.doneIntro')}</Text>
                  <Table variant="vertical" withTableBorder layout="fixed">
                    <Table.Tbody>
                      {summary.map(([label, value]) => (
                        <Table.Tr key={label}>
                          <Table.Th w={160}>{label}</Table.Th>
                          <Table.Td>{value}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Stack>
              </Stepper.Step>
            </Stepper>
            <Group justify="space-between" mt="xl">
              <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
                {t('common.back')}
              </Button>
              {step < 2 ? (
                <Button onClick={next}>{t('common.next')}</Button>
              ) : (
                <Button onClick={finish} loading={setup.isPending}>
                  {t('wizard.start')}
                </Button>
              )}
            </Group>
          </>
        )}
      </Card>
    </Center>
  );
}
