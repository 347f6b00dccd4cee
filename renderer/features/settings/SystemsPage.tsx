import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Pill,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemModule, SystemWithModules } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { FormActions, duplicateCodeOnField } from '#renderer/components/RecordList.tsx';

function SystemForm({ initial, onDone }: { initial: SystemWithModules | null; onDone: () => void }) {
  const { t } = useTranslation();
  const required = (v: string) => (v.trim() ? null : t('common.required'));
  const form = useForm({
    initialValues: { code: initial?.code ?? '', name: initial?.name ?? '', vendor: initial?.vendor ?? '' },
    validate: { code: required, name: required },
  });
  const onError = duplicateCodeOnField(form);
  const create = useAction('systems.create', { onSuccess: onDone, onError });
  const update = useAction('systems.update', { onSuccess: onDone, onError });
  return (
    <form
      onSubmit={form.onSubmit((v) => (initial ? update.mutate({ id: initial.id, ...v }) : create.mutate(v)))}
    >
      <Stack>
        <TextInput label={t('system.code')} withAsterisk data-autofocus {...form.getInputProps('code')} />
        <TextInput label={t('system.name')} withAsterisk {...form.getInputProps('name')} />
        <TextInput label={t('system.vendor')} {...form.getInputProps('vendor')} />
        <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}

function ModuleRename({ module, onDone }: { module: SystemModule; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(module.name);
  const rename = useAction('systems.renameModule', { onSuccess: onDone });
  const archive = useAction('systems.archiveModule', { onSuccess: onDone });
  return (
    <Stack>
      <TextInput
        label={t('system.moduleName')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-autofocus
      />
      <Group justify="space-between">
        <Button
          variant="subtle"
          color="gray"
          onClick={() => archive.mutate({ id: module.id, archived: !module.archivedAt })}
        >
          {module.archivedAt ? t('common.restore') : t('common.archive')}
        </Button>
        <Group>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => rename.mutate({ id: module.id, name })} disabled={!name.trim()}>
            {t('common.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function SystemCard({
  system,
  onEdit,
  onModule,
}: {
  system: SystemWithModules;
  onEdit: () => void;
  onModule: (m: SystemModule) => void;
}) {
  const { t } = useTranslation();
  const [moduleName, setModuleName] = useState('');
  const archive = useAction('systems.archive');
  const addModule = useAction('systems.addModule', { onSuccess: () => setModuleName('') });
  return (
    <Card withBorder opacity={system.archivedAt ? 0.6 : 1}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Badge size="lg" variant="filled">
            {system.code}
          </Badge>
          <Text fw={600}>{system.name}</Text>
          {system.archivedAt && (
            <Badge color="gray" variant="light">
              {t('common.archived')}
            </Badge>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="subtle" onClick={onEdit}>
            {t('common.edit')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            onClick={() => archive.mutate({ id: system.id, archived: !system.archivedAt })}
          >
            {system.archivedAt ? t('common.restore') : t('common.archive')}
          </Button>
        </Group>
      </Group>
      {system.vendor && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('system.vendor')}
          {t('common.colon')}
          {system.vendor}
        </Text>
      )}
      <Text size="sm" fw={500} mb={4}>
        {t('system.modules')}
      </Text>
      <Group gap={6} mb="sm">
        {system.modules.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('system.noModules')}
          </Text>
        )}
        {system.modules.map((m) => (
          <Pill
            key={m.id}
            style={{ cursor: 'pointer', opacity: m.archivedAt ? 0.5 : 1 }}
            onClick={() => onModule(m)}
          >
            {m.name}
          </Pill>
        ))}
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (moduleName.trim()) addModule.mutate({ systemId: system.id, name: moduleName });
        }}
      >
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            placeholder={t('system.moduleName')}
            aria-label={`${system.code} ${t('system.moduleName')}`}
            value={moduleName}
            onChange={(e) => setModuleName(e.currentTarget.value)}
          />
          <Button size="xs" variant="light" type="submit" disabled={!moduleName.trim()}>
            {t('system.addModule')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

export function SystemsPage() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<SystemWithModules | 'new' | null>(null);
  const [module, setModule] = useState<SystemModule | null>(null);
  const list = useCall('systems.list', { includeArchived: showArchived });
  return (
    <Stack gap="md">
      <PageHeader title={t('system.title')}>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('system.create')}
        </Button>
      </PageHeader>
      <Group justify="flex-end">
        <Checkbox
          label={t('common.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(list.data ?? []).map((s) => (
          <SystemCard key={s.id} system={s} onEdit={() => setEditing(s)} onModule={setModule} />
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('system.create') : t('system.editTitle')}
      >
        {editing !== null && (
          <SystemForm initial={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <Modal opened={module !== null} onClose={() => setModule(null)} title={t('system.editModule')}>
        {module && <ModuleRename module={module} onDone={() => setModule(null)} />}
      </Modal>
    </Stack>
  );
}
