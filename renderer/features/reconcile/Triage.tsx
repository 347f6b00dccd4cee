// Triage of discrepancy items: one (the drawer) or many (the bulk dialog) set to open / explained / fixed /
// accepted with a cause and a note; and a pilot issue raised from an item, linked both ways.
import {
  Anchor,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  discrepancyCauses,
  itemStatuses,
  severities,
  type DiscrepancyCause,
  type DiscrepancyItem,
  type ItemStatus,
  type Severity,
} from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { ItemStatusBadge, KindBadge } from './badges.tsx';

function TriageForm({
  ids,
  initial,
  onDone,
  onCancel,
}: {
  ids: string[];
  initial?: DiscrepancyItem;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  // Issue 12 §7: never a default that explains an item nobody looked at. One item starts at its own status
  // (待处理 for a new one); several must be given one.
  const [status, setStatus] = useState<ItemStatus | null>(initial?.status ?? null);
  const [cause, setCause] = useState<DiscrepancyCause | null>(initial?.cause ?? null);
  const [note, setNote] = useState(initial?.note ?? '');
  const triage = useAction('reconcile.triage', {
    successMessage: false,
    onSuccess: (result) => {
      notifications.show({
        color: result.refused.length ? 'orange' : 'teal',
        title: t('dualRun.triage.done', { count: result.updated }),
        message: result.refused.length
          ? `${t('dualRun.triage.refused', { count: result.refused.length })}: ${result.refused
              .slice(0, 3)
              .map((r) => r.message)
              .join(' ')}`
          : undefined,
      });
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <Select
          label={t('dualRun.triage.status')}
          data={itemStatuses.map((s) => ({ value: s, label: t(`dualRun.statuses.${s}`) }))}
          placeholder={t('dualRun.triage.chooseStatus')}
          withAsterisk
          value={status}
          onChange={(v) => v && setStatus(v as ItemStatus)}
          allowDeselect={false}
        />
        <Select
          label={t('dualRun.triage.cause')}
          data={discrepancyCauses.map((c) => ({ value: c, label: t(`dualRun.causes.${c}`) }))}
          value={cause}
          onChange={(v) => setCause(v as DiscrepancyCause | null)}
          clearable
        />
      </Group>
      <Textarea
        label={t('dualRun.triage.note')}
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button
          loading={triage.isPending}
          disabled={status === null}
          onClick={() =>
            status && triage.mutate({ ids, status, cause: cause ?? undefined, note: note.trim() || null })
          }
        >
          {t('dualRun.triage.apply')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TriageDialog({
  ids,
  opened,
  onClose,
}: {
  ids: string[];
  opened: boolean;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={() => onClose(false)}
      title={t('dualRun.triage.titleBulk', { count: ids.length })}
    >
      {opened && <TriageForm ids={ids} onDone={() => onClose(true)} onCancel={() => onClose(false)} />}
    </Modal>
  );
}

function CreateIssueForm({ item, domain }: { item: DiscrepancyItem; domain: string }) {
  const { t } = useTranslation();
  const departments = useCall('departments.list');
  const what = item.column ? `${item.column}` : t(`dualRun.kinds.${item.kind}`);
  const [title, setTitle] = useState(
    t('dualRun.issue.defaultTitle', { domain, key: item.key.join('/'), what }),
  );
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [severity, setSeverity] = useState<Severity>('P2');
  const [blocking, setBlocking] = useState(false);
  const create = useAction('reconcile.createIssue', {
    successMessage: false,
    onSuccess: (r) =>
      notifications.show({ color: 'teal', message: t('dualRun.issue.created', { number: r.issueNumber }) }),
  });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('issue.titleField')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      <Group grow>
        <Select
          label={t('issue.department')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          searchable
        />
        <Select
          label={t('issue.severity')}
          data={severities.map((s) => ({ value: s, label: t(`issue.severities.${s}`) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as Severity)}
          allowDeselect={false}
        />
      </Group>
      <Group justify="space-between">
        <Checkbox
          label={t('issue.blocking')}
          checked={blocking}
          onChange={(e) => setBlocking(e.currentTarget.checked)}
        />
        <Button
          disabled={!departmentId || !title.trim()}
          loading={create.isPending}
          onClick={() =>
            create.mutate({
              itemId: item.id,
              title: title.trim(),
              departmentId: departmentId!,
              severity,
              blocking,
            })
          }
        >
          {t('dualRun.issue.create')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ItemDrawer({
  id,
  domain,
  onClose,
}: {
  id: string | null;
  domain: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const item = useCall('reconcile.item', { id: id ?? '' });
  const d = id ? item.data : undefined;
  // Two columns of short facts, so the triage and the create button stay above the fold at 1366×768
  // (issue 12 §15); a long value shows in full on hover.
  const rows: [string, React.ReactNode][] = d
    ? [
        [
          t('dualRun.item.key'),
          <Text ff="monospace" size="sm" key="k" truncate title={d.key.join(' / ')}>
            {d.key.join(' / ')}
          </Text>,
        ],
        [t('dualRun.item.kind'), <KindBadge kind={d.kind} size="sm" key="kind" />],
        [t('dualRun.item.column'), d.column ?? '—'],
        [t('dualRun.item.status'), <ItemStatusBadge status={d.status} size="sm" key="s" />],
        [t('dualRun.item.oldValue'), d.oldValue ?? '—'],
        [t('dualRun.item.newValue'), d.newValue ?? '—'],
        [t('dualRun.item.oldRow'), d.oldRow ?? '—'],
        [t('dualRun.item.newRow'), d.newRow ?? '—'],
        [
          t('dualRun.item.firstSeen'),
          `${d.firstSeenDate} · ${t('dualRun.item.ageDays', { count: d.ageDays })}`,
        ],
        [
          t('dualRun.item.lastSeen'),
          `${d.lastSeenDate} · ${t('dualRun.item.timesSeen', { count: d.timesSeen })}${
            d.notReproduced ? ` · ${t('dualRun.item.notReproduced')}` : ''
          }`,
        ],
        [t('dualRun.item.cause'), d.cause ? t(`dualRun.causes.${d.cause}`) : '—'],
        [t('dualRun.item.note'), d.note ?? '—'],
      ]
    : [];
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={t('dualRun.triage.title')}
    >
      {d && (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm" verticalSpacing={4}>
            {rows.map(([label, value]) => (
              <div key={label} style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" fw={500}>
                  {label}
                </Text>
                {typeof value === 'string' || typeof value === 'number' ? (
                  <Text size="sm" truncate title={String(value)}>
                    {value}
                  </Text>
                ) : (
                  value
                )}
              </div>
            ))}
          </SimpleGrid>
          <TriageForm key={`${d.id}-${d.updatedAt}`} ids={[d.id]} initial={d} onDone={() => undefined} />
          <Divider label={t('dualRun.issue.linked')} labelPosition="left" />
          {d.issueId ? (
            <Anchor component={Link} href={`/issues/${d.issueId}`} ff="monospace">
              {d.issueNumber}
            </Anchor>
          ) : (
            <CreateIssueForm key={d.id} item={d} domain={domain} />
          )}
        </Stack>
      )}
    </Drawer>
  );
}
