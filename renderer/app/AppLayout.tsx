import { AppShell, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertSquareRounded,
  IconApps,
  IconBuildingHospital,
  IconClipboardList,
  IconClockCog,
  IconGitCompare,
  IconLayoutDashboard,
  IconReportAnalytics,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { AppInfo } from '../../preload/contract/index.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { IssueDetailPage } from '../features/issues/IssueDetailPage.tsx';
import { IssueListPage } from '../features/issues/IssueListPage.tsx';
import { NewIssueButton, QuickEntryProvider } from '../features/issues/QuickEntry.tsx';
import { OverviewPage } from '../features/overview/OverviewPage.tsx';
import { DomainItemsPage } from '../features/reconcile/DomainItemsPage.tsx';
import { ProfileWizard } from '../features/reconcile/ProfileWizard.tsx';
import { ReconcilePage } from '../features/reconcile/ReconcilePage.tsx';
import { RunDetailPage } from '../features/reconcile/RunDetailPage.tsx';
import { RunPage } from '../features/reconcile/RunPage.tsx';
import { DepartmentsPage } from '../features/settings/DepartmentsPage.tsx';
import { IssueSettingsPage } from '../features/settings/IssueSettingsPage.tsx';
import { PeoplePage } from '../features/settings/PeoplePage.tsx';
import { ProjectPage } from '../features/settings/ProjectPage.tsx';
import { SystemsPage } from '../features/settings/SystemsPage.tsx';
import { DailySummaryPage } from '../features/summary/DailySummaryPage.tsx';
import { useCall } from './queries.ts';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Also active on the pages below it (the list stays lit on an issue's detail page). */
  prefix?: boolean;
}

export function AppLayout({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const project = useCall('project.get');
  const [location] = useLocation();

  // The sidebar lists only screens that exist; later features add their entries here.
  const main: NavItem[] = [
    {
      to: '/issues',
      label: t('nav.issues'),
      icon: <IconAlertSquareRounded size={18} />,
      prefix: true,
    },
    { to: '/summary', label: t('nav.summary'), icon: <IconReportAnalytics size={18} /> },
    { to: '/reconcile', label: t('dualRun.nav'), icon: <IconGitCompare size={18} />, prefix: true },
    { to: '/', label: t('nav.overview'), icon: <IconLayoutDashboard size={18} /> },
  ];
  const settings: NavItem[] = [
    { to: '/settings/project', label: t('nav.project'), icon: <IconClipboardList size={18} /> },
    {
      to: '/settings/departments',
      label: t('nav.departments'),
      icon: <IconBuildingHospital size={18} />,
    },
    { to: '/settings/systems', label: t('nav.systems'), icon: <IconApps size={18} /> },
    { to: '/settings/people', label: t('nav.people'), icon: <IconUsers size={18} /> },
    { to: '/settings/issues', label: t('nav.issueSettings'), icon: <IconClockCog size={18} /> },
  ];
  const link = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      href={item.to}
      label={item.label}
      leftSection={item.icon}
      active={location === item.to || (!!item.prefix && location.startsWith(`${item.to}/`))}
    />
  );

  return (
    <QuickEntryProvider>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={4} c="teal.8">
                {t('app.name')}
              </Title>
              {project.data && (
                <Text size="sm" c="dimmed" truncate>
                  {project.data.hospital} · {project.data.name}
                </Text>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NewIssueButton size="xs" />
              <LanguageSwitch />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
          <Stack gap={2}>
            {main.map(link)}
            <Text size="xs" c="dimmed" fw={600} mt="md" mb={4} px="sm">
              {t('nav.settings')}
            </Text>
            {settings.map(link)}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <Switch>
            <Route path="/settings/project" component={ProjectPage} />
            <Route path="/settings/departments" component={DepartmentsPage} />
            <Route path="/settings/systems" component={SystemsPage} />
            <Route path="/settings/people" component={PeoplePage} />
            <Route path="/settings/issues" component={IssueSettingsPage} />
            <Route path="/issues" component={IssueListPage} />
            <Route path="/issues/:id">
              {(params) => <IssueDetailPage key={params.id} params={params} />}
            </Route>
            <Route path="/summary" component={DailySummaryPage} />
            <Route path="/reconcile" component={ReconcilePage} />
            <Route path="/reconcile/run" component={RunPage} />
            <Route path="/reconcile/profiles/new">{() => <ProfileWizard key="new" params={{}} />}</Route>
            <Route path="/reconcile/profiles/:id">
              {(params) => <ProfileWizard key={params.id} params={params} />}
            </Route>
            <Route path="/reconcile/runs/:id">
              {(params) => <RunDetailPage key={params.id} params={params} />}
            </Route>
            <Route path="/reconcile/domains/:id">
              {(params) => <DomainItemsPage key={params.id} params={params} />}
            </Route>
            <Route>
              <OverviewPage info={info} />
            </Route>
          </Switch>
        </AppShell.Main>
      </AppShell>
    </QuickEntryProvider>
  );
}
