// Satisfaction surveys in the app frame (实施管理 section).
import { IconMoodSmile } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { SurveysPage } from './SurveysPage.tsx';

export const surveysArea: RendererArea = {
  nav: [
    {
      section: 'practice',
      order: 30,
      to: '/surveys',
      label: 'surveys.nav.results',
      icon: <IconMoodSmile size={18} />,
    },
  ],
  routes: [page('/surveys', SurveysPage)],
};
