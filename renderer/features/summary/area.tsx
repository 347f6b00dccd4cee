// The daily summary in the app frame.
import { IconReportAnalytics } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { DailySummaryPage } from './DailySummaryPage.tsx';

export const summaryArea: RendererArea = {
  nav: [
    {
      section: 'work',
      order: 20,
      to: '/summary',
      label: 'nav.summary',
      icon: <IconReportAnalytics size={18} />,
    },
  ],
  routes: [page('/summary', DailySummaryPage)],
};
