// 对账配置 wizard: a domain, one sample file of each side, both headers side by side with suggested pairs
// (same name, known Chinese/English synonyms, close spelling); the user confirms keys and compare kinds.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  compareKinds,
  encodingChoices,
  type CompareKind,
  type EncodingChoice,
  type HeaderPreview,
  type ProfileColumn,
  type ReconcileProfile,
  type StagedFile,
  type SuggestedPair,
} from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { FilePick } from './FilePick.tsx';

type Row = ProfileColumn & { reason: SuggestedPair['reason'] | 'manual' };

function SampleSide({
  label,
  file,
  encoding,
  preview,
  onFile,
  onEncoding,
  onError,
}: {
  label: string;
  file: StagedFile | null;
  encoding: EncodingChoice;
  preview: HeaderPreview | null;
  onFile: (f: StagedFile) => void;
  onEncoding: (e: EncodingChoice) => void;
  onError: (e: Error) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <FilePick label={label} value={file} onChange={onFile} onError={onError} />
        <Select
          label={t('dualRun.wizard.encoding')}
          size="xs"
          w={180}
          data={encodingChoices.map((e) => ({ value: e, label: t(`dualRun.encodings.${e}`) }))}
          value={encoding}
          onChange={(v) => v && onEncoding(v as EncodingChoice)}
          allowDeselect={false}
        />
        {preview && (
          <>
            <Text size="xs" c="dimmed">
              {t('dualRun.wizard.headers', { count: preview.headers.length, encoding: preview.encoding })}
            </Text>
            <ScrollArea type="auto">
              <Table fz="xs" withTableBorder striped aria-label={`${label} ${t('dualRun.wizard.sample')}`}>
                <Table.Thead>
                  <Table.Tr>
                    {preview.headers.map((h, i) => (
                      <Table.Th key={i} style={{ whiteSpace: 'nowrap' }}>
                        {h}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.sampleRows.slice(0, 3).map((r, i) => (
                    <Table.Tr key={i}>
                      {preview.headers.map((_, j) => (
                        <Table.Td key={j} style={{ whiteSpace: 'nowrap' }}>
                          {r[j] ?? ''}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </>
        )}
      </Stack>
    </Card>
  );
}

export function ProfileWizard({ params }: { params: { id?: string } }) {
  const existing = useCall('reconcile.profile', { id: params.id ?? '' });
  if (params.id && !existing.data) return null;
  return <WizardForm editing={params.id ?? null} initial={params.id ? existing.data! : null} />;
}

function WizardForm({ editing, initial }: { editing: string | null; initial: ReconcileProfile | null }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [step, setStep] = useState(editing ? 1 : 0);
  const [domain, setDomain] = useState(initial?.domain ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [files, setFiles] = useState<{ old: StagedFile | null; new: StagedFile | null }>({
    old: null,
    new: null,
  });
  const [encodings, setEncodings] = useState<{ old: EncodingChoice; new: EncodingChoice }>({
    old: initial?.encodingOld ?? 'auto',
    new: initial?.encodingNew ?? 'auto',
  });
  const [previews, setPreviews] = useState<{ old: HeaderPreview | null; new: HeaderPreview | null }>({
    old: null,
    new: null,
  });
  const [rows, setRows] = useState<Row[]>(() =>
    (initial?.columns ?? []).map((c) => ({ ...c, reason: 'manual' })),
  );
  const [error, setError] = useState<string | null>(null);

  // Headers are (re)read whenever a side's file or encoding changes.
  useEffect(() => {
    for (const side of ['old', 'new'] as const) {
      const file = files[side];
      if (!file) continue;
      call('reconcile.headers', { fileId: file.fileId, encoding: encodings[side] }).then(
        (preview) => setPreviews((p) => ({ ...p, [side]: preview })),
        (e: Error) => setError(e.message),
      );
    }
  }, [files, encodings]);

  const suggest = async () => {
    if (!previews.old || !previews.new) return setError(t('dualRun.wizard.needFiles'));
    const s = await call('reconcile.suggest', {
      oldHeaders: previews.old.headers,
      newHeaders: previews.new.headers,
      oldSamples: previews.old.sampleRows,
      newSamples: previews.new.sampleRows,
    });
    setRows(
      s.pairs.map((p) => ({ old: p.old, new: p.new, key: p.key, compare: p.compare, reason: p.reason })),
    );
    setError(null);
    setStep(1);
  };

  const save = useAction(editing ? 'reconcile.updateProfile' : 'reconcile.createProfile', {
    successMessage: t('dualRun.wizard.saved'),
    onSuccess: () => navigate('/reconcile'),
    onError: (e) => {
      setError(e.message);
      return true;
    },
  });
  const columns: ProfileColumn[] = rows.map(({ reason: _r, ...c }) => ({
    old: c.old,
    new: c.new,
    key: c.key || undefined,
    compare: c.compare,
    ...(c.compare === 'number' && c.tolerance ? { tolerance: c.tolerance } : {}),
  }));
  const input = {
    domain,
    name: name || domain,
    columns,
    encodingOld: encodings.old,
    encodingNew: encodings.new,
  };
  const oldHeaders = previews.old?.headers ?? rows.map((r) => r.old);
  const newHeaders = previews.new?.headers ?? rows.map((r) => r.new);
  const unmatched = (all: string[], side: 'old' | 'new') =>
    all.filter((h) => !rows.some((r) => r[side] === h));
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((rs) =>
      rs.map((r, j) =>
        j === i ? { ...r, ...patch, reason: patch.old || patch.new ? 'manual' : r.reason } : r,
      ),
    );

  return (
    <Stack>
      <PageHeader title={editing ? t('dualRun.editProfile') : t('dualRun.newProfile')} />
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Stepper active={step} onStepClick={setStep} size="sm">
        <Stepper.Step label={t('dualRun.wizard.stepFiles')}>
          <Stack mt="md">
            <Group grow align="flex-start">
              <TextInput
                label={t('dualRun.wizard.domain')}
                description={t('dualRun.wizard.domainHint')}
                value={domain}
                onChange={(e) => setDomain(e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('dualRun.wizard.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
            </Group>
            <SimpleGrid cols={2}>
              {(['old', 'new'] as const).map((side) => (
                <SampleSide
                  key={side}
                  label={side === 'old' ? t('dualRun.wizard.oldSample') : t('dualRun.wizard.newSample')}
                  file={files[side]}
                  encoding={encodings[side]}
                  preview={previews[side]}
                  onFile={(f) => setFiles((fs) => ({ ...fs, [side]: f }))}
                  onEncoding={(e) => setEncodings((es) => ({ ...es, [side]: e }))}
                  onError={(e) => setError(e.message)}
                />
              ))}
            </SimpleGrid>
            <Group justify="flex-end">
              <Button
                onClick={() => void suggest()}
                disabled={!domain.trim() || !previews.old || !previews.new}
              >
                {t('common.next')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('dualRun.wizard.stepMapping')}>
          <Stack mt="md">
            <Text size="sm" c="dimmed">
              {t('dualRun.wizard.mappingHint')}
            </Text>
            <Table withTableBorder aria-label={t('dualRun.wizard.stepMapping')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dualRun.wizard.oldColumn')}</Table.Th>
                  <Table.Th>{t('dualRun.wizard.newColumn')}</Table.Th>
                  <Table.Th w={60}>{t('dualRun.wizard.isKey')}</Table.Th>
                  <Table.Th w={130}>{t('dualRun.wizard.compare')}</Table.Th>
                  <Table.Th w={110}>{t('dualRun.wizard.tolerance')}</Table.Th>
                  <Table.Th w={90}>{t('dualRun.wizard.reason')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => (
                  <Table.Tr key={i} data-testid="mapping-row">
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`${t('dualRun.wizard.oldColumn')} ${i + 1}`}
                        data={[...new Set([r.old, ...oldHeaders])]}
                        value={r.old}
                        onChange={(v) => v && setRow(i, { old: v })}
                        searchable
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`${t('dualRun.wizard.newColumn')} ${i + 1}`}
                        data={[...new Set([r.new, ...newHeaders])]}
                        value={r.new}
                        onChange={(v) => v && setRow(i, { new: v })}
                        searchable
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${t('dualRun.wizard.isKey')} ${r.old}`}
                        checked={!!r.key}
                        onChange={(e) => {
                          const key = e.currentTarget.checked;
                          setRow(i, { key, ...(key ? { compare: 'text' as const } : {}) });
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`${t('dualRun.wizard.compare')} ${r.old}`}
                        data={compareKinds.map((k) => ({ value: k, label: t(`dualRun.compare.${k}`) }))}
                        value={r.compare ?? 'text'}
                        onChange={(v) => v && setRow(i, { compare: v as CompareKind })}
                        allowDeselect={false}
                      />
                    </Table.Td>
                    <Table.Td>
                      {r.compare === 'number' && (
                        <NumberInput
                          size="xs"
                          aria-label={`${t('dualRun.wizard.tolerance')} ${r.old}`}
                          min={0}
                          decimalScale={6}
                          value={r.tolerance ?? 0}
                          onChange={(v) => setRow(i, { tolerance: typeof v === 'number' ? v : 0 })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        size="sm"
                        variant="light"
                        color={r.reason === 'similar' ? 'orange' : r.reason === 'manual' ? 'gray' : 'teal'}
                      >
                        {t(`dualRun.wizard.reasons.${r.reason}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('dualRun.wizard.removePair')}
                        onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={!unmatched(oldHeaders, 'old').length || !unmatched(newHeaders, 'new').length}
                onClick={() =>
                  setRows((rs) => [
                    ...rs,
                    {
                      old: unmatched(oldHeaders, 'old')[0]!,
                      new: unmatched(newHeaders, 'new')[0]!,
                      compare: 'text',
                      reason: 'manual',
                    },
                  ])
                }
              >
                {t('dualRun.wizard.addPair')}
              </Button>
            </Group>
            <SimpleGrid cols={2}>
              <Text size="sm">
                <Text span c="dimmed">
                  {t('dualRun.wizard.unmatchedOld')}：
                </Text>
                {unmatched(oldHeaders, 'old').join('、') || t('common.none')}
              </Text>
              <Text size="sm">
                <Text span c="dimmed">
                  {t('dualRun.wizard.unmatchedNew')}：
                </Text>
                {unmatched(newHeaders, 'new').join('、') || t('common.none')}
              </Text>
            </SimpleGrid>
            <Group justify="space-between">
              {!editing ? (
                <Button variant="default" onClick={() => setStep(0)}>
                  {t('common.back')}
                </Button>
              ) : (
                <span />
              )}
              <Button
                loading={save.isPending}
                disabled={!domain.trim() || !rows.length}
                onClick={() =>
                  editing
                    ? (save as ReturnType<typeof useAction<'reconcile.updateProfile'>>).mutate({
                        ...input,
                        id: editing,
                      })
                    : (save as ReturnType<typeof useAction<'reconcile.createProfile'>>).mutate(input)
                }
              >
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}
