import { AppShell, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation, useRoute } from 'wouter';
import type { AppInfo } from '#contract/index.ts';
import { LanguageSwitch } from '#renderer/components/LanguageSwitch.tsx';
import { NewIssueButton, QuickEntryProvider } from '#renderer/features/issues/QuickEntry.tsx';
import { navSections, sectionTitles, type AreaRoute, type NavEntry } from './area.tsx';
import { areas } from './areas.ts';
import { useCall } from './queries.ts';
import { OverviewScreen } from './screens.tsx';

const nav = navSections.map((section) => ({
  section,
  entries: areas
    .flatMap((a) => a.nav ?? [])
    .filter((e) => e.section === section)
    .sort((x, y) => x.order - y.order),
}));
const routes = areas.flatMap((a) => a.routes ?? []);
const bare = areas.flatMap((a) => a.bare ?? []);

function NavItem({ entry, location }: { entry: NavEntry; location: string }) {
  const { t } = useTranslation();
  return (
    <NavLink
      component={Link}
      href={entry.to}
      label={t(entry.label)}
      leftSection={entry.icon}
      rightSection={entry.badge ? <entry.badge /> : undefined}
      active={location === entry.to || (!!entry.prefix && location.startsWith(`${entry.to}/`))}
    />
  );
}

/** A page printed on its own (no sidebar or header), e.g. the sign-in sheet; null when none matches. */
function BarePage({ route }: { route: AreaRoute }) {
  const [match, params] = useRoute(route.path);
  return match ? <>{route.render(params)}</> : null;
}

export function AppLayout({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const project = useCall('project.get');
  const [location] = useLocation();

  const page = bare.find((route) => new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+')}$`).test(location));
  if (page) return <BarePage route={page} />;

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
          {/* More areas than a 768-pixel laptop screen is tall: the sidebar scrolls on its own. */}
          <AppShell.Section grow component={ScrollArea} type="auto">
            <Stack gap={2}>
              {nav.map(({ section, entries }) =>
                entries.length === 0 ? null : (
                  <Fragment key={section}>
                    {sectionTitles[section] && (
                      <Text size="xs" c="dimmed" fw={600} mt="md" mb={4} px="sm">
                        {t(sectionTitles[section])}
                      </Text>
                    )}
                    {entries.map((entry) => (
                      <NavItem key={entry.to} entry={entry} location={location} />
                    ))}
                  </Fragment>
                ),
              )}
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main>
          <Switch>
            {routes.map((route) => (
              <Route key={route.path} path={route.path}>
                {(params) => route.render(params)}
              </Route>
            ))}
            <Route>
              <OverviewScreen info={info} />
            </Route>
          </Switch>
        </AppShell.Main>
      </AppShell>
    </QuickEntryProvider>
  );
}
