// Screens that show pieces of several areas. Features never import each other: a page that shows another
// area's piece declares a slot (a prop, typed and documented on the page), and it is filled in here, where
// any feature may be imported. To add one: give the page a slot, fill it below, route it in screensArea.
import { Group } from '@mantine/core';
import { IconLayoutDashboard } from '@tabler/icons-react';
import type { AppInfo } from '#contract/index.ts';
import { IssueCountCard } from '#renderer/features/issues/IssueCountCard.tsx';
import { IssueDetailPage } from '#renderer/features/issues/IssueDetailPage.tsx';
import { OverviewPage } from '#renderer/features/overview/OverviewPage.tsx';
import { IssueOrigins } from '#renderer/features/reconcile/IssueOrigins.tsx';
import { SetupWizard } from '#renderer/features/setup/SetupWizard.tsx';
import { DeleteIssueButton } from '#renderer/features/sync/DeleteIssueButton.tsx';
import { ToKnowledgeButton } from '#renderer/features/knowledge/ToKnowledgeButton.tsx';
import { SyncImport } from '#renderer/features/sync/SyncImport.tsx';
import { IssueRequests } from '#renderer/features/requests/IssueRequests.tsx';
import type { RendererArea } from './area.tsx';

/**
 * An issue: the knowledge base's 沉淀为知识, its requirement requests (or the button converting it into one)
 * and sync's delete button beside the workflow actions, the discrepancies it came from under the fields.
 */
export function IssueDetailScreen({ id }: { id: string }) {
  return (
    <IssueDetailPage
      params={{ id }}
      renderActions={(issue) => (
        <Group gap="xs" wrap="nowrap">
          <ToKnowledgeButton issue={issue} />
          <IssueRequests issueId={issue.id} />
          <DeleteIssueButton issue={issue} />
        </Group>
      )}
      renderAside={(issue) => <IssueOrigins issueId={issue.id} />}
    />
  );
}

/** The overview, with the open and overdue issue counts. */
export function OverviewScreen({ info }: { info: AppInfo }) {
  return <OverviewPage info={info} cards={<IssueCountCard />} />;
}

/** First run: a new project, or join one from a sync file (sync's import). */
export function SetupScreen() {
  return <SetupWizard renderJoin={(onImported) => <SyncImport onImported={onImported} />} />;
}

/** Routes of the screens above (the overview is also the fallback for any unknown path: see AppLayout). */
export const screensArea: RendererArea = {
  nav: [
    { section: 'work', order: 40, to: '/', label: 'nav.overview', icon: <IconLayoutDashboard size={18} /> },
  ],
  routes: [{ path: '/issues/:id', render: ({ id }) => <IssueDetailScreen key={id} id={id!} /> }],
};
