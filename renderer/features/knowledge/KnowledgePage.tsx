// 知识库: search (Chinese words such as 医保, English), filter by system and readers, read an article, write
// or edit one, export the FAQ per system as Word (to print) or Excel.
import {
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { ArticleAudience, ArticleRow, KnowledgeExportFormat } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useAction, useCall } from '#renderer/app/queries.ts';
import { formatShort } from '#renderer/components/format.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { ArticleForm, emptyArticle, type ArticleValues } from './ArticleForm.tsx';

const MIME: Record<KnowledgeExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function Section({ label, text }: { label: string; text: string | null }) {
  return text ? (
    <Stack gap={2}>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </Stack>
  ) : null;
}

function ArticleView({ article, onEdit }: { article: ArticleRow; onEdit: () => void }) {
  const { t } = useTranslation();
  const archive = useAction('knowledge.archive');
  return (
    <Paper withBorder p="md" aria-label={article.title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={4}>{article.title}</Title>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={onEdit}>
              {t('knowledge.edit')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => archive.mutate({ id: article.id, archived: !article.archivedAt })}
            >
              {article.archivedAt ? t('knowledge.unarchive') : t('knowledge.archive')}
            </Button>
          </Group>
        </Group>
        <Group gap="xs">
          <Badge variant="light" color={article.audience === 'faq' ? 'teal' : 'gray'}>
            {t(`knowledge.audiences.${article.audience}`)}
          </Badge>
          {article.systemName && <Badge variant="outline">{article.systemName}</Badge>}
          {article.moduleName && (
            <Badge variant="outline" color="gray">
              {article.moduleName}
            </Badge>
          )}
          {article.tags.map((tag) => (
            <Badge key={tag} variant="dot" color="gray">
              {tag}
            </Badge>
          ))}
        </Group>
        <Section label={t('knowledge.symptom')} text={article.symptom} />
        <Section label={t('knowledge.cause')} text={article.cause} />
        <Section label={t('knowledge.solution')} text={article.solution} />
        {article.issueNumbers.length > 0 && (
          <Group gap="xs">
            <Text size="xs" fw={600} c="dimmed">
              {t('knowledge.issues')}
            </Text>
            {article.issueNumbers.map((n) => (
              <Link key={n.id} href={`/issues/${n.id}`}>
                <Text size="sm" ff="monospace" c="teal.8">
                  {n.number}
                </Text>
              </Link>
            ))}
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('knowledge.updated')} {formatShort(article.updatedAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

export function KnowledgePage({ selectedId }: { selectedId?: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const [systemId, setSystemId] = useState<string | null>(null);
  const [audience, setAudience] = useState<ArticleAudience | null>(null);
  const [editing, setEditing] = useState<{ id?: string; values: ArticleValues } | null>(null);
  const systems = useCall('systems.list');
  const list = useCall('knowledge.list', {
    text: debounced || undefined,
    systemId: systemId ?? undefined,
    audience: audience ?? undefined,
  });
  const rows = list.data ?? [];
  const selected = rows.find((a) => a.id === selectedId) ?? rows[0];
  const single = useCall('knowledge.get', { id: selectedId ?? '' });
  const shown = selectedId && !rows.some((a) => a.id === selectedId) ? single.data : selected;

  const exportFaq = async (format: KnowledgeExportFormat) => {
    try {
      const file = await call('knowledge.export', { format, systemId, faqOnly: true });
      download(base64ToBlob(file.contentBase64, MIME[format]), file.fileName);
      notifications.show({ color: 'teal', message: t('knowledge.exported', { count: file.count }) });
    } catch (e) {
      notifications.show({ color: 'red', title: t('common.error'), message: (e as Error).message });
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('knowledge.title')}>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" leftSection={<IconDownload size={16} />}>
              {t('knowledge.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void exportFaq('docx')}>{t('knowledge.exportDocx')}</Menu.Item>
            <Menu.Item onClick={() => void exportFaq('xlsx')}>{t('knowledge.exportXlsx')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ values: emptyArticle })}>
          {t('knowledge.new')}
        </Button>
      </PageHeader>
      <Text size="sm" c="dimmed" mt={-12}>
        {t('knowledge.help')}
      </Text>
      <Group gap="sm" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          leftSection={<IconSearch size={16} />}
          placeholder={t('knowledge.search')}
          aria-label={t('knowledge.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Select
          w={180}
          clearable
          placeholder={t('knowledge.allSystems')}
          aria-label={t('knowledge.system')}
          data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={systemId}
          onChange={setSystemId}
        />
        <Select
          w={180}
          clearable
          placeholder={t('knowledge.allAudiences')}
          aria-label={t('knowledge.audience')}
          data={(['internal', 'faq'] as ArticleAudience[]).map((a) => ({
            value: a,
            label: t(`knowledge.audiences.${a}`),
          }))}
          value={audience}
          onChange={(v) => setAudience(v as ArticleAudience | null)}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('knowledge.count', { count: rows.length })}
          </Text>
          {rows.length === 0 && !list.isLoading && (
            <Text c="dimmed" size="sm">
              {debounced ? t('knowledge.noMatch', { text: debounced }) : t('knowledge.empty')}
            </Text>
          )}
          <ScrollArea.Autosize mah="calc(100vh - 260px)">
            <Stack gap={6}>
              {rows.map((a) => (
                <Card
                  key={a.id}
                  withBorder
                  padding="xs"
                  style={{
                    cursor: 'pointer',
                    borderColor: a.id === shown?.id ? 'var(--mantine-color-teal-5)' : undefined,
                  }}
                  onClick={() => navigate(`/knowledge/${a.id}`)}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={500} truncate>
                      {a.title}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      {a.systemName && (
                        <Badge size="xs" variant="outline">
                          {a.systemName}
                        </Badge>
                      )}
                      <Badge size="xs" variant="light" color={a.audience === 'faq' ? 'teal' : 'gray'}>
                        {t(`knowledge.audiences.${a.audience}`)}
                      </Badge>
                    </Group>
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {a.symptom}
                  </Text>
                </Card>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
        {shown && (
          <ArticleView
            article={shown}
            onEdit={() =>
              setEditing({
                id: shown.id,
                values: {
                  title: shown.title,
                  systemId: shown.systemId,
                  moduleId: shown.moduleId,
                  symptom: shown.symptom,
                  cause: shown.cause,
                  solution: shown.solution,
                  audience: shown.audience,
                  tags: shown.tags,
                  sourceIssueId: shown.sourceIssueId,
                  linkedIssueIds: shown.linkedIssueIds,
                },
              })
            }
          />
        )}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.id ? t('knowledge.edit') : t('knowledge.new')}
        size="lg"
      >
        {editing && (
          <ArticleForm
            id={editing.id}
            initial={editing.values}
            onDone={(saved) => {
              setEditing(null);
              if (saved) navigate(`/knowledge/${saved.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
