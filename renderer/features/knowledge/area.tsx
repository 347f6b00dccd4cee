// The knowledge base in the app frame (实施管理 section).
import { IconBook } from '@tabler/icons-react';
import type { RendererArea } from '#renderer/app/area.tsx';
import { KnowledgePage } from './KnowledgePage.tsx';

export const knowledgeArea: RendererArea = {
  nav: [
    {
      section: 'practice',
      order: 20,
      to: '/knowledge',
      label: 'knowledge.nav.articles',
      icon: <IconBook size={18} />,
      prefix: true,
    },
  ],
  routes: [
    { path: '/knowledge/:id', render: ({ id }) => <KnowledgePage selectedId={id} /> },
    { path: '/knowledge', render: () => <KnowledgePage /> },
  ],
};
