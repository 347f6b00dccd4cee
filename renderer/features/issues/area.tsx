// The pilot issue log in the app frame.
import { IconAlertSquareRounded } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { IssueListPage } from './IssueListPage.tsx';

export const issuesArea: RendererArea = {
  nav: [
    {
      section: 'work',
      order: 10,
      to: '/issues',
      label: 'nav.issues',
      icon: <IconAlertSquareRounded size={18} />,
      prefix: true,
    },
  ],
  // The detail page (/issues/:id) shows other areas' pieces: renderer/app/screens.tsx.
  routes: [page('/issues', IssueListPage)],
};
