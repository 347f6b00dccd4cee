// The cutover plan and emergency procedure in the app frame; the A4 print is shown without it.
import { IconRocket } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { CutoverPage } from './CutoverPage.tsx';
import { CutoverPrint } from './CutoverPrint.tsx';

export const cutoverArea: RendererArea = {
  nav: [
    {
      section: 'practice',
      order: 70,
      to: '/cutover',
      label: 'cutover.nav.plan',
      icon: <IconRocket size={18} />,
    },
  ],
  routes: [page('/cutover', CutoverPage)],
  bare: [page('/cutover/print', CutoverPrint)],
};
