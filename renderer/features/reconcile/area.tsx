// Dual-run reconciliation in the app frame.
import { IconGitCompare } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { DomainItemsPage } from './DomainItemsPage.tsx';
import { ProfileWizard } from './ProfileWizard.tsx';
import { ReconcilePage } from './ReconcilePage.tsx';
import { RunDetailPage } from './RunDetailPage.tsx';
import { RunPage } from './RunPage.tsx';

export const reconcileArea: RendererArea = {
  nav: [
    {
      section: 'work',
      order: 30,
      to: '/reconcile',
      label: 'dualRun.nav',
      icon: <IconGitCompare size={18} />,
      prefix: true,
    },
  ],
  routes: [
    page('/reconcile', ReconcilePage),
    page('/reconcile/run', RunPage),
    { path: '/reconcile/profiles/new', render: () => <ProfileWizard key="new" params={{}} /> },
    { path: '/reconcile/profiles/:id', render: ({ id }) => <ProfileWizard key={id} params={{ id: id! }} /> },
    { path: '/reconcile/runs/:id', render: ({ id }) => <RunDetailPage key={id} params={{ id: id! }} /> },
    { path: '/reconcile/domains/:id', render: ({ id }) => <DomainItemsPage key={id} params={{ id: id! }} /> },
  ],
};
