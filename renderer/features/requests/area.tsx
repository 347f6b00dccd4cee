// Requirement requests in the app frame.
import { IconListCheck } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { RequestPage } from './RequestPage.tsx';
import { RequestsPage } from './RequestsPage.tsx';

export const requestsArea: RendererArea = {
  nav: [
    {
      section: 'practice',
      order: 50,
      to: '/requests',
      label: 'requests.nav.board',
      icon: <IconListCheck size={18} />,
      prefix: true,
    },
  ],
  routes: [
    page('/requests', RequestsPage),
    { path: '/requests/:id', render: ({ id }) => <RequestPage key={id} params={{ id: id! }} /> },
  ],
};
