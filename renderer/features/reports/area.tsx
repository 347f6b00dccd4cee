// Reports and KPIs in the app frame; a saved report prints on its own page, without the frame.
import { IconActivityHeartbeat, IconChartDots3, IconFileReport } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { KpiBoardPage } from './KpiBoardPage.tsx';
import { LogsPage } from './LogsPage.tsx';
import { ReportPrintPage } from './ReportPrintPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';

export const reportsArea: RendererArea = {
  nav: [
    {
      section: 'results',
      order: 10,
      to: '/kpis',
      label: 'reports.nav.board',
      icon: <IconChartDots3 size={18} />,
    },
    {
      section: 'results',
      order: 20,
      to: '/reports',
      label: 'reports.nav.reports',
      icon: <IconFileReport size={18} />,
    },
    {
      section: 'results',
      order: 30,
      to: '/reports/logs',
      label: 'reports.nav.logs',
      icon: <IconActivityHeartbeat size={18} />,
    },
  ],
  routes: [page('/kpis', KpiBoardPage), page('/reports/logs', LogsPage), page('/reports', ReportsPage)],
  bare: [{ path: '/reports/print/:id', render: ({ id }) => <ReportPrintPage key={id} id={id!} /> }],
};
