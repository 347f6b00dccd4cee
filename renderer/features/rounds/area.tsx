// Ward rounds in the app frame (实施管理 section).
import { IconWalk } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { RoundsPage } from './RoundsPage.tsx';

export const roundsArea: RendererArea = {
  nav: [
    {
      section: 'practice',
      order: 10,
      to: '/rounds',
      label: 'rounds.nav.visits',
      icon: <IconWalk size={18} />,
    },
  ],
  routes: [page('/rounds', RoundsPage)],
};
