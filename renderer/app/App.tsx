import { Alert, Center, Loader, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { applyLocale } from '#renderer/i18n.ts';
import { AppLayout } from './AppLayout.tsx';
import { queryClient, useCall } from './queries.ts';
import { SetupScreen } from './screens.tsx';
import { theme } from './theme.ts';

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        {/* Bottom right: at the top they covered the language switch and the page header's buttons. */}
        <Notifications position="bottom-right" />
        {/* wouter's documented API takes the location hook itself as a prop. */}
        {/* oxlint-disable-next-line react/rules-of-hooks */}
        <Router hook={useHashLocation}>
          <Root />
        </Router>
      </QueryClientProvider>
    </MantineProvider>
  );
}

function Root() {
  const { t, i18n } = useTranslation();
  const info = useCall('app.info');
  const locale = info.data?.locale;

  useEffect(() => {
    if (locale) applyLocale(locale);
  }, [locale]);

  useEffect(() => {
    // Explicit ready signal for end-to-end tests: first data has arrived and been rendered.
    if (info.data) document.body.dataset.ready = 'true';
  }, [info.data]);

  if (info.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (info.error) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title={t('common.error')}>
          {info.error.message}
        </Alert>
      </Center>
    );
  }
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'zh-cn' }}>
      {info.data.projectConfigured ? <AppLayout info={info.data} /> : <SetupScreen />}
    </DatesProvider>
  );
}
