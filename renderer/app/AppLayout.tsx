import { AppShell, Badge, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertSquareRounded,
  IconApps,
  IconBuildingHospital,
  IconClipboardList,
  IconClockCog,
  IconGitCompare,
  IconLayoutDashboard,
  IconArrowsExchange,
  IconChalkboard,
  IconReportAnalytics,
  IconShieldCheck,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { AppInfo } from '#contract/index.ts';
import { LanguageSwitch } from '#renderer/components/LanguageSwitch.tsx';
import { IssueListPage } from '#renderer/features/issues/IssueListPage.tsx';
import { NewIssueButton, QuickEntryProvider } from '#renderer/features/issues/QuickEntry.tsx';
import { DomainItemsPage } from '#renderer/features/reconcile/DomainItemsPage.tsx';
import { ProfileWizard } from '#renderer/features/reconcile/ProfileWizard.tsx';
import { ReconcilePage } from '#renderer/features/reconcile/ReconcilePage.tsx';
import { RunDetailPage } from '#renderer/features/reconcile/RunDetailPage.tsx';
import { RunPage } from '#renderer/features/reconcile/RunPage.tsx';
import { DepartmentsPage } from '#renderer/features/settings/DepartmentsPage.tsx';
import { IssueSettingsPage } from '#renderer/features/settings/IssueSettingsPage.tsx';
import { PeoplePage } from '#renderer/features/settings/PeoplePage.tsx';
import { ProjectPage } from '#renderer/features/settings/ProjectPage.tsx';
import { SystemsPage } from '#renderer/features/settings/SystemsPage.tsx';
import { DailySummaryPage } from '#renderer/features/summary/DailySummaryPage.tsx';
import { SyncPage } from '#renderer/features/sync/SyncPage.tsx';
import { ReadinessPage } from '#renderer/features/training/ReadinessPage.tsx';
import { SessionPage } from '#renderer/features/training/SessionPage.tsx';
import { SessionsPage } from '#renderer/features/training/SessionsPage.tsx';
import { SignInSheet } from '#renderer/features/training/SignInSheet.tsx';
import { useCall } from './queries.ts';
import { IssueDetailScreen, OverviewScreen } from './screens.tsx';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Also active on the pages below it (the list stays lit on an issue's detail page). */
  prefix?: boolean;
  /** A count that needs attention (open sync conflicts). */
  badge?: number;
}

export function AppLayout({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const project = useCall('project.get');
  const sync = useCall('sync.status');
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
    {
      to: '/sync',
      label: t('sync.title'),
      icon: <IconArrowsExchange size={18} />,
      prefix: true,
      badge: sync.data?.conflicts,
    },
  ];
  const training: NavItem[] = [
    {
      to: '/training/sessions',
      label: t('training.nav.sessions'),
      icon: <IconChalkboard size={18} />,
      prefix: true,
    },
    { to: '/training/readiness', label: t('training.nav.readiness'), icon: <IconShieldCheck size={18} /> },
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
      rightSection={
        item.badge ? (
          <Badge size="sm" color="red" circle>
            {item.badge}
          </Badge>
        ) : undefined
      }
      active={location === item.to || (!!item.prefix && location.startsWith(`${item.to}/`))}
    />
  );

  // The sign-in sheet is a page of paper: no app frame around it, so that printing gives just the sheet.
  const signIn = /^\/training\/sessions\/([^/]+)\/sign-in$/.exec(location);
  if (signIn) return <SignInSheet params={{ id: signIn[1]! }} />;

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
              {t('training.nav.title')}
            </Text>
            {training.map(link)}
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
              {(params) => <IssueDetailScreen key={params.id} id={params.id} />}
            </Route>
            <Route path="/summary" component={DailySummaryPage} />
            <Route path="/sync/:tab?">{(params) => <SyncPage tab={params.tab} />}</Route>
            <Route path="/training/sessions" component={SessionsPage} />
            <Route path="/training/sessions/:id">
              {(params) => <SessionPage key={params.id} params={params} />}
            </Route>
            <Route path="/training/readiness" component={ReadinessPage} />
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
              <OverviewScreen info={info} />
            </Route>
          </Switch>
        </AppShell.Main>
      </AppShell>
    </QuickEntryProvider>
  );
}
