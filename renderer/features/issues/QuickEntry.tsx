// Quick entry (issue 3, "Fast capture"): Ctrl/Cmd+N from anywhere opens a small form; only title,
// department and severity are required; department, system/module and reporter come from the last entry;
// likely duplicates show while the title is typed; a pasted screenshot is attached once the issue exists.
import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  Image,
  Input,
  Kbd,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFile, IconPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  issueCategories,
  severities,
  type CaptureDefaults,
  type IssueCategory,
  type Severity,
} from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { queryClient, useCall } from '#renderer/app/queries.ts';
import { AttachmentDrop, acceptSizes } from './AttachmentDrop.tsx';
import { StatusBadge } from '#renderer/components/IssueBadges.tsx';
import { filesOfPaste, nameOf, readFile, type PendingFile } from './files.ts';
import { formatShort } from '#renderer/components/format.ts';
import { PersonPicker } from './PersonPicker.tsx';
import { Picker } from '#renderer/components/Picker.tsx';
import { useReference } from './reference.ts';

const QuickEntryContext = createContext<() => void>(() => {});

export const useQuickEntry = () => useContext(QuickEntryContext);

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const newIssueShortcut = isMac ? '⌘ N' : 'Ctrl + N';

export function NewIssueButton({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const open = useQuickEntry();
  return (
    <Tooltip label={t('quickEntry.shortcut', { keys: newIssueShortcut })}>
      <Button size={size} leftSection={<IconPlus size={16} />} onClick={open}>
        {t('quickEntry.button')}
      </Button>
    </Tooltip>
  );
}

interface Values {
  title: string;
  departmentId: string | null;
  severity: Severity;
  blocking: boolean;
  systemId: string | null;
  moduleId: string | null;
  category: IssueCategory;
  reporterId: string | null;
  description: string;
}

function Duplicates({ title, departmentId }: { title: string; departmentId: string | null }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const close = useQuickEntryClose();
  const [debounced] = useDebouncedValue(title.trim(), 300);
  const input = { title: debounced, departmentId };
  const duplicates = useQuery({
    queryKey: ['issues.duplicates', input],
    queryFn: () => call('issues.duplicates', input),
    enabled: debounced.length >= 2 && !!departmentId,
    staleTime: 5_000,
  });
  const rows = debounced.length >= 2 ? (duplicates.data ?? []) : [];
  if (rows.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" p="xs" title={t('quickEntry.duplicates', { count: rows.length })}>
      <Stack gap={4}>
        {rows.map((d) => (
          <Group key={d.id} gap="xs" wrap="nowrap">
            {/* Out of the tab order: Tab from the title goes straight on to the department. */}
            <Anchor
              size="sm"
              ff="monospace"
              tabIndex={-1}
              href={`#/issues/${d.id}`}
              onClick={(e) => {
                e.preventDefault();
                close();
                navigate(`/issues/${d.id}`);
              }}
            >
              {d.number}
            </Anchor>
            <Text size="sm" truncate style={{ flex: 1 }} title={d.title}>
              {d.title}
            </Text>
            <StatusBadge status={d.status} size="xs" />
            <Text size="xs" c="dimmed">
              {formatShort(d.reportedAt)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

const CloseContext = createContext<() => void>(() => {});
const useQuickEntryClose = () => useContext(CloseContext);

/**
 * A slot beside the duplicate warnings, filled by the app frame (renderer/app/AppLayout): the knowledge
 * base's "已有解决办法" for the title being typed. `close` closes quick entry before navigating away.
 */
export type QuickEntrySuggestions = (title: string, systemId: string | null, close: () => void) => ReactNode;
const SuggestionsContext = createContext<QuickEntrySuggestions | undefined>(undefined);

function PendingFiles({ files, onRemove }: { files: PendingFile[]; onRemove: (index: number) => void }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      {files.map((f, i) => (
        <Paper key={`${f.fileName}-${i}`} withBorder p={4} pos="relative" w={84} title={f.fileName}>
          {f.previewUrl ? (
            <Image src={f.previewUrl} h={40} fit="contain" alt={f.fileName} />
          ) : (
            <Group h={40} justify="center">
              <IconFile size={28} />
            </Group>
          )}
          <Text size="xs" truncate title={f.fileName}>
            {f.fileName}
          </Text>
          <ActionIcon
            size="xs"
            variant="filled"
            color="gray"
            radius="xl"
            pos="absolute"
            top={-6}
            right={-6}
            aria-label={t('attachments.removePending', { file: f.fileName })}
            onClick={() => onRemove(i)}
          >
            <IconX size={10} />
          </ActionIcon>
        </Paper>
      ))}
    </Group>
  );
}

const blank: Values = {
  title: '',
  departmentId: null,
  severity: 'P3',
  blocking: false,
  systemId: null,
  moduleId: null,
  category: 'defect',
  reporterId: null,
  description: '',
};

/** What the provider and the form share: closing asks the form first; Ctrl+N while saving asks for the next. */
interface Control {
  /** Set by the form: Esc, the close button or a click outside call it. */
  requestClose: () => void;
  /** Ctrl+N pressed while the entry was open (during a save: open the next entry instead of closing). */
  nextRequested: boolean;
}

/**
 * Stays mounted while hidden. Esc (or clicking outside) with unsaved text asks first: keep the draft, whole
 * (text, pickers, pending files), for the next Ctrl+N, or discard it, whole; Cancel discards it.
 */
function QuickEntryForm({ onClose, control }: { onClose: () => void; control: RefObject<Control> }) {
  const { t } = useTranslation();
  const reference = useReference();
  const defaults = useCall('issues.captureDefaults');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  const form = useForm<Values>({
    initialValues: blank,
    validate: {
      title: (v) => (v.trim() ? null : t('common.required')),
      departmentId: (v) => (v ? null : t('common.required')),
    },
  });

  // Remembered from the last entry (or the only department there is).
  const remembered = (last: CaptureDefaults | null | undefined) => {
    const active = (id: string | undefined | null) =>
      id && reference.departmentOptions.some((o) => o.value === id) ? id : null;
    return {
      departmentId:
        active(last?.departmentId) ??
        (reference.departmentOptions.length === 1 ? reference.departmentOptions[0]!.value : null),
      systemId: last?.systemId ?? null,
      moduleId: last?.moduleId ?? null,
      reporterId: last?.reporterId ?? null,
    };
  };
  /** A fresh form: after saving, or when the draft is discarded. */
  const restart = (last: CaptureDefaults | null | undefined) => {
    form.setValues({ ...blank, ...remembered(last) });
    form.resetDirty();
    form.clearErrors();
    setFiles((current) => {
      for (const f of current) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
      return [];
    });
    setError(null);
  };
  useEffect(() => {
    if (defaults.isSuccess && reference.ready) form.setValues(remembered(defaults.data));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the defaults have loaded
  }, [defaults.isSuccess, reference.ready]);

  useEffect(() => () => files.forEach((f) => f.previewUrl && URL.revokeObjectURL(f.previewUrl)), []); // eslint-disable-line react-hooks/exhaustive-deps

  const unsaved = () => {
    const v = form.getValues();
    return !!(v.title.trim() || v.description.trim() || files.length > 0);
  };
  useEffect(() => {
    control.current.requestClose = () => {
      if (saving) return;
      if (asking || !unsaved()) {
        setAsking(false);
        onClose();
      } else setAsking(true);
    };
  });

  const addFiles = async (list: File[]) => {
    const accepted = acceptSizes(list, t);
    const read = await Promise.all(accepted.map((f) => readFile(f, nameOf(f, t('attachments.pastedName')))));
    setFiles((current) => [...current, ...read]);
  };

  const submit = async () => {
    if (form.validate().hasErrors) return;
    const v = form.getValues();
    control.current.nextRequested = false;
    setSaving(true);
    setError(null);
    try {
      const issue = await call('issues.create', {
        title: v.title.trim(),
        departmentId: v.departmentId!,
        severity: v.severity,
        blocking: v.blocking,
        systemId: v.systemId,
        moduleId: v.moduleId,
        category: v.category,
        reporterId: v.reporterId,
        description: v.description,
      });
      const failed: string[] = [];
      for (const f of files) {
        try {
          await call('attachments.add', {
            issueId: issue.id,
            fileName: f.fileName,
            mime: f.mime,
            contentBase64: f.contentBase64,
          });
        } catch (e) {
          failed.push((e as Error).message);
        }
      }
      await queryClient.invalidateQueries();
      notifications.show({
        color: 'teal',
        title: t('quickEntry.created', { number: issue.number }),
        message: (
          <Anchor size="sm" href={`#/issues/${issue.id}`} onClick={() => notifications.clean()}>
            {t('quickEntry.open', { number: issue.number })}
          </Anchor>
        ),
      });
      for (const message of failed) {
        notifications.show({ color: 'red', title: t('attachments.refused'), message, autoClose: 10_000 });
      }
      restart({ ...v, departmentId: issue.departmentId });
      // Ctrl+N pressed while this one was saving: the next entry, right here.
      if (control.current.nextRequested) control.current.nextRequested = false;
      else onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const v = form.getValues();
  const moduleOptions = reference.moduleOptions(v.systemId);
  return (
    <form
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
      onPaste={(e) => {
        const pasted = filesOfPaste(e.nativeEvent);
        if (pasted.length === 0) return;
        e.preventDefault();
        void addFiles(pasted);
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('issue.titleField')}
          placeholder={t('quickEntry.titlePlaceholder')}
          withAsterisk
          data-autofocus
          maxLength={200}
          {...form.getInputProps('title')}
          onKeyDown={(e) => {
            // Enter alone must not save a half-typed issue (and ends an IME composition in Chinese).
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) e.preventDefault();
          }}
        />
        <Duplicates title={v.title} departmentId={v.departmentId} />
        <Suggestions title={v.title} systemId={v.systemId} />
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={4}>
            <Picker
              label={t('issue.department')}
              withAsterisk
              clearable={false}
              data={reference.departmentOptions}
              value={v.departmentId}
              onChange={(id) => form.setFieldValue('departmentId', id)}
              error={form.errors.departmentId}
            />
          </Grid.Col>
          <Grid.Col span={5}>
            <Input.Wrapper
              withAsterisk
              label={
                <>
                  {t('issue.severity')}
                  <Text span size="xs" c="dimmed" fw={400} ml={6}>
                    {t(`issue.severities.${v.severity}`)}
                  </Text>
                </>
              }
            >
              <SegmentedControl
                fullWidth
                data={severities.map((s) => ({ value: s, label: s }))}
                color={v.severity === 'P1' ? 'red' : v.severity === 'P2' ? 'orange' : 'teal'}
                {...form.getInputProps('severity')}
              />
            </Input.Wrapper>
          </Grid.Col>
          <Grid.Col span={3}>
            <Checkbox
              mb={8}
              color="red"
              label={t('quickEntry.blocking')}
              {...form.getInputProps('blocking', { type: 'checkbox' })}
            />
          </Grid.Col>
        </Grid>
        <SimpleGrid cols={4} spacing="sm">
          <Picker
            label={t('issue.system')}
            data={reference.systemOptions}
            value={v.systemId}
            onChange={(id) => {
              form.setFieldValue('systemId', id);
              form.setFieldValue('moduleId', null);
            }}
          />
          <Picker
            label={t('issue.module')}
            disabled={!v.systemId || moduleOptions.length === 0}
            data={moduleOptions}
            value={v.moduleId}
            onChange={(id) => form.setFieldValue('moduleId', id)}
          />
          <Select
            label={t('issue.category')}
            allowDeselect={false}
            data={issueCategories.map((c) => ({ value: c, label: t(`issue.categories.${c}`) }))}
            {...form.getInputProps('category')}
          />
          <PersonPicker
            label={t('issue.reporter')}
            reference={reference}
            departmentId={v.departmentId}
            value={v.reporterId}
            onChange={(id) => form.setFieldValue('reporterId', id)}
          />
        </SimpleGrid>
        <Textarea
          label={t('issue.description')}
          placeholder={t('quickEntry.descriptionPlaceholder')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('description')}
        />
        <Group gap="sm" align="stretch" wrap="nowrap">
          <PendingFiles
            files={files}
            onRemove={(i) =>
              setFiles((current) => {
                const f = current[i];
                if (f?.previewUrl) URL.revokeObjectURL(f.previewUrl);
                return current.filter((_, j) => j !== i);
              })
            }
          />
          <Box style={{ flex: 1 }}>
            <AttachmentDrop onFiles={(list) => void addFiles(list)} />
          </Box>
        </Group>
        {error && (
          <Alert color="red" title={t('common.error')}>
            {error}
          </Alert>
        )}
        {asking && (
          <Alert
            color="yellow"
            role="alertdialog"
            aria-label={t('quickEntry.unsavedTitle')}
            title={t('quickEntry.unsavedTitle')}
          >
            <Text size="sm" mb="xs">
              {t('quickEntry.unsavedText')}
            </Text>
            <Group gap="sm">
              <Button
                size="xs"
                data-autofocus
                onClick={() => {
                  setAsking(false);
                  onClose();
                }}
              >
                {t('quickEntry.keepDraft')}
              </Button>
              <Button
                size="xs"
                color="red"
                variant="light"
                onClick={() => {
                  setAsking(false);
                  restart(defaults.data);
                  onClose();
                }}
              >
                {t('quickEntry.discardDraft')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setAsking(false)}>
                {t('quickEntry.keepEditing')}
              </Button>
            </Group>
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd>{' '}
            {t('quickEntry.saveHint')}
          </Text>
          <Group gap="sm">
            <Button
              variant="default"
              onClick={() => {
                restart(defaults.data);
                onClose();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function Suggestions({ title, systemId }: { title: string; systemId: string | null }) {
  const render = useContext(SuggestionsContext);
  const close = useQuickEntryClose();
  return render ? <>{render(title, systemId, close)}</> : null;
}

/** Provides the quick-entry form to the whole app, with its global shortcut. */
export function QuickEntryProvider({
  children,
  renderSuggestions,
}: {
  children: ReactNode;
  renderSuggestions?: QuickEntrySuggestions;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const control = useRef<Control>({ requestClose: () => {}, nextRequested: false });
  const open = () => {
    if (opened) control.current.nextRequested = true;
    setOpened(true);
  };
  const close = () => {
    control.current.nextRequested = false;
    setOpened(false);
  };
  // Also from inside text fields: the shortcut is how engineers start every entry.
  useHotkeys([['mod+N', open]], []);
  return (
    <QuickEntryContext.Provider value={open}>
      <CloseContext.Provider value={close}>
        <SuggestionsContext.Provider value={renderSuggestions}>
          {children}
          <Modal
            opened={opened}
            onClose={() => control.current.requestClose()}
            title={t('quickEntry.title')}
            size="xl"
            keepMounted
          >
            <QuickEntryForm onClose={close} control={control} />
          </Modal>
        </SuggestionsContext.Provider>
      </CloseContext.Provider>
    </QuickEntryContext.Provider>
  );
}
