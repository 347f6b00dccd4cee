// Settings (the project's reference data, issue targets) in the app frame.
import {
  IconApps,
  IconBuildingHospital,
  IconClipboardList,
  IconClockCog,
  IconUsers,
} from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { DepartmentsPage } from './DepartmentsPage.tsx';
import { IssueSettingsPage } from './IssueSettingsPage.tsx';
import { PeoplePage } from './PeoplePage.tsx';
import { ProjectPage } from './ProjectPage.tsx';
import { SystemsPage } from './SystemsPage.tsx';

export const settingsArea: RendererArea = {
  nav: [
    {
      section: 'settings',
      order: 10,
      to: '/settings/project',
      label: 'nav.project',
      icon: <IconClipboardList size={18} />,
    },
    {
      section: 'settings',
      order: 20,
      to: '/settings/departments',
      label: 'nav.departments',
      icon: <IconBuildingHospital size={18} />,
    },
    {
      section: 'settings',
      order: 30,
      to: '/settings/systems',
      label: 'nav.systems',
      icon: <IconApps size={18} />,
    },
    {
      section: 'settings',
      order: 40,
      to: '/settings/people',
      label: 'nav.people',
      icon: <IconUsers size={18} />,
    },
    {
      section: 'settings',
      order: 50,
      to: '/settings/issues',
      label: 'nav.issueSettings',
      icon: <IconClockCog size={18} />,
    },
  ],
  routes: [
    page('/settings/project', ProjectPage),
    page('/settings/departments', DepartmentsPage),
    page('/settings/systems', SystemsPage),
    page('/settings/people', PeoplePage),
    page('/settings/issues', IssueSettingsPage),
  ],
};
