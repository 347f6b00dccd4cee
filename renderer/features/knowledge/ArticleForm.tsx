// An article's fields: title, system and module, symptom, cause, solution steps, readers, tags. Used to
// write a new article, edit one, and save one pre-filled from an issue (沉淀为知识).
import {
  Button,
  Group,
  Input,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Article, ArticleAudience, ArticleInput } from '#contract/index.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';

export type ArticleValues = Omit<ArticleInput, 'cause'> & { cause: string | null };

export const emptyArticle: ArticleValues = {
  title: '',
  systemId: null,
  moduleId: null,
  symptom: '',
  cause: null,
  solution: '',
  audience: 'internal',
  tags: [],
  sourceIssueId: null,
  linkedIssueIds: [],
};

export function ArticleForm({
  id,
  initial,
  onDone,
}: {
  /** Editing this article; a new one when absent. */
  id?: string;
  initial: ArticleValues;
  onDone: (saved: Article | null) => void;
}) {
  const { t } = useTranslation();
  const systems = useCall('systems.list');
  const form = useForm<ArticleValues>({
    initialValues: initial,
    validate: {
      title: (v) => (v.trim() ? null : t('common.required')),
      symptom: (v) => (v.trim() ? null : t('common.required')),
      solution: (v) => (v.trim() ? null : t('common.required')),
    },
  });
  const create = useAction('knowledge.create', { successMessage: t('knowledge.created'), onSuccess: onDone });
  const update = useAction('knowledge.update', { onSuccess: onDone });
  const system = (systems.data ?? []).find((s) => s.id === form.values.systemId);
  const submit = form.onSubmit((values) => {
    const input = { ...values, cause: values.cause || null };
    if (id) update.mutate({ ...input, id });
    else create.mutate(input);
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('knowledge.titleField')}
          withAsterisk
          data-autofocus
          maxLength={200}
          {...form.getInputProps('title')}
        />
        <Group grow>
          <Select
            label={t('knowledge.system')}
            clearable
            data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            {...form.getInputProps('systemId')}
            onChange={(v) => form.setValues({ systemId: v, moduleId: null })}
          />
          <Select
            label={t('knowledge.module')}
            clearable
            disabled={!system}
            data={(system?.modules ?? [])
              .filter((m) => !m.archivedAt)
              .map((m) => ({ value: m.id, label: m.name }))}
            {...form.getInputProps('moduleId')}
          />
        </Group>
        <Textarea
          label={t('knowledge.symptom')}
          withAsterisk
          autosize
          minRows={2}
          maxRows={5}
          {...form.getInputProps('symptom')}
        />
        <Textarea
          label={t('knowledge.cause')}
          autosize
          minRows={1}
          maxRows={4}
          {...form.getInputProps('cause')}
          value={form.values.cause ?? ''}
        />
        <Textarea
          label={t('knowledge.solution')}
          description={t('knowledge.solutionHint')}
          withAsterisk
          autosize
          minRows={3}
          maxRows={8}
          {...form.getInputProps('solution')}
        />
        <Group grow align="flex-end">
          <Stack gap={4}>
            <Input.Label>{t('knowledge.audience')}</Input.Label>
            <SegmentedControl
              data={(['internal', 'faq'] as ArticleAudience[]).map((a) => ({
                value: a,
                label: t(`knowledge.audiences.${a}`),
              }))}
              value={form.values.audience}
              onChange={(v) => form.setFieldValue('audience', v as ArticleAudience)}
            />
          </Stack>
          <TagsInput label={t('knowledge.tags')} maxTags={20} {...form.getInputProps('tags')} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('knowledge.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
