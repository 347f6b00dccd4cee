// 沉淀为知识 on a resolved, verified or closed issue: an article pre-filled from the issue, saved by the
// engineer after a look.
import { Button, Modal, Tooltip } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleDraft, PilotIssue } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';
import { ArticleForm } from './ArticleForm.tsx';

const SOLVED = ['resolved', 'verified', 'closed'];

export function ToKnowledgeButton({ issue }: { issue: PilotIssue }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ArticleDraft | null>(null);
  if (!SOLVED.includes(issue.status)) return null;
  return (
    <>
      <Tooltip label={t('knowledge.toKnowledgeHint')}>
        <Button
          variant="light"
          leftSection={<IconBulb size={16} />}
          onClick={() => void call('knowledge.draftFromIssue', { issueId: issue.id }).then(setDraft)}
        >
          {t('knowledge.toKnowledge')}
        </Button>
      </Tooltip>
      <Modal
        opened={draft !== null}
        onClose={() => setDraft(null)}
        title={
          draft
            ? `${t('knowledge.toKnowledge')} · ${t('knowledge.fromIssue', { number: draft.issueNumber })}`
            : ''
        }
        size="lg"
      >
        {draft && <ArticleForm initial={{ ...draft }} onDone={() => setDraft(null)} />}
      </Modal>
    </>
  );
}
