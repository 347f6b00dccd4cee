// The history timeline: who changed what, when, old → new, with ids shown as names and codes as labels.
import { Badge, Group, Text, Timeline } from '@mantine/core';
import { IconPaperclip, IconPencil, IconPlus, IconProgress } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { IssueDetail, IssueHistoryEntry } from '#contract/index.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import type { Reference } from './reference.ts';

const fieldLabelKey: Record<string, string> = {
  title: 'issue.titleField',
  description: 'issue.description',
  departmentId: 'issue.department',
  systemId: 'issue.system',
  moduleId: 'issue.module',
  category: 'issue.category',
  severity: 'issue.severity',
  blocking: 'issue.blocking',
  reporterId: 'issue.reporter',
  assigneeId: 'issue.assignee',
  status: 'issue.status',
  duplicateOfId: 'issue.duplicateOf',
  workaround: 'issue.workaround',
  resolution: 'issue.resolution',
  tags: 'issue.tags',
  attachment: 'attachments.title',
};

function formatValue(
  field: string,
  value: string | null,
  t: TFunction,
  reference: Reference,
  detail: IssueDetail,
): string {
  if (value === null || value === '') return t('issueDetail.emptyValue');
  switch (field) {
    case 'departmentId':
      return reference.departmentName.get(value) ?? value;
    case 'systemId':
      return reference.systemLabel.get(value) ?? value;
    case 'moduleId':
      return reference.moduleName.get(value) ?? value;
    case 'reporterId':
    case 'assigneeId':
      return reference.personName.get(value) ?? value;
    case 'status':
      return t(`issue.statuses.${value}`);
    case 'category':
      return t(`issue.categories.${value}`);
    case 'severity':
      return t(`issue.severities.${value}`);
    case 'blocking':
      return value === 'true' ? t('issueDetail.yes') : t('issueDetail.no');
    case 'tags': {
      try {
        const tags = JSON.parse(value) as string[];
        return tags.length ? tags.join(t('common.listSeparator')) : t('issueDetail.emptyValue');
      } catch {
        return value;
      }
    }
    case 'duplicateOfId': {
      const ref = detail.duplicateOf?.id === value ? detail.duplicateOf : undefined;
      return ref ? `${ref.number} ${ref.title}` : value;
    }
    default:
      return value;
  }
}

interface Group {
  key: string;
  at: string;
  actor: string;
  entries: IssueHistoryEntry[];
}

/** Entries written by one action (same time, same person) form one step of the timeline. */
function groupEntries(history: IssueHistoryEntry[]): Group[] {
  const groups: Group[] = [];
  for (const h of history) {
    const last = groups.at(-1);
    if (last && last.at === h.at && last.actor === h.actor) last.entries.push(h);
    else groups.push({ key: h.id, at: h.at, actor: h.actor, entries: [h] });
  }
  return groups;
}

const isCreation = (g: Group) => g.entries.some((e) => e.field === 'status' && e.oldValue === null);
const longText = new Set(['title', 'description', 'workaround', 'resolution']);

export function IssueHistory({ detail, reference }: { detail: IssueDetail; reference: Reference }) {
  const { t } = useTranslation();
  const groups = groupEntries(detail.history);
  const value = (field: string, v: string | null) => formatValue(field, v, t, reference, detail);
  return (
    <Timeline bulletSize={22} lineWidth={2} active={groups.length}>
      {groups.map((g) => {
        const created = isCreation(g);
        const statusChange = g.entries.find((e) => e.field === 'status');
        const attachment = g.entries.every((e) => e.field === 'attachment');
        const icon = created ? (
          <IconPlus size={12} />
        ) : statusChange ? (
          <IconProgress size={12} />
        ) : attachment ? (
          <IconPaperclip size={12} />
        ) : (
          <IconPencil size={12} />
        );
        return (
          <Timeline.Item
            key={g.key}
            bullet={icon}
            title={
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {g.actor || t('issueDetail.unknownActor')}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(g.at)}
                </Text>
              </Group>
            }
          >
            {created ? (
              <Text size="sm">{t('issueDetail.historyCreated')}</Text>
            ) : (
              g.entries.map((e) => (
                <Text key={e.id} size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
                  {e.field === 'attachment' ? (
                    e.newValue ? (
                      t('issueDetail.historyAttachmentAdded', { file: e.newValue })
                    ) : (
                      t('issueDetail.historyAttachmentRemoved', { file: e.oldValue })
                    )
                  ) : e.field === 'status' ? (
                    <>
                      {t('issue.status')}
                      {t('common.colon')}
                      <Badge size="sm" variant="light" color="gray" radius="sm">
                        {value('status', e.oldValue)}
                      </Badge>
                      {' → '}
                      <Badge size="sm" variant="light" radius="sm">
                        {value('status', e.newValue)}
                      </Badge>
                    </>
                  ) : longText.has(e.field) ? (
                    <>
                      <Text span c="dimmed" size="sm">
                        {t(fieldLabelKey[e.field] ?? e.field)}
                        {t('common.colon')}
                      </Text>
                      {e.oldValue && (
                        <Text
                          component="span"
                          display="block"
                          size="sm"
                          c="dimmed"
                          td="line-through"
                          lineClamp={2}
                        >
                          {e.oldValue}
                        </Text>
                      )}
                      <Text
                        component="span"
                        display="block"
                        size="sm"
                        lineClamp={4}
                        style={{ whiteSpace: 'pre-wrap' }}
                      >
                        {value(e.field, e.newValue)}
                      </Text>
                    </>
                  ) : (
                    <>
                      <Text span c="dimmed" size="sm">
                        {t(fieldLabelKey[e.field] ?? e.field)}
                        {t('common.colon')}
                      </Text>
                      <Text span size="sm" td="line-through" c="dimmed">
                        {value(e.field, e.oldValue)}
                      </Text>
                      {' → '}
                      {value(e.field, e.newValue)}
                    </>
                  )}
                </Text>
              ))
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
