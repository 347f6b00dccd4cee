// Change control in the app frame.
import { IconGitPullRequest } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { ChangePage } from './ChangePage.tsx';
import { ChangesPage } from './ChangesPage.tsx';

export const changesArea: RendererArea = {
  nav: [
    {
      section: 'practice',
      order: 60,
      to: '/changes',
      label: 'changes.nav.list',
      icon: <IconGitPullRequest size={18} />,
      prefix: true,
    },
  ],
  routes: [
    page('/changes', ChangesPage),
    { path: '/changes/:id', render: ({ id }) => <ChangePage key={id} params={{ id: id! }} /> },
  ],
};
