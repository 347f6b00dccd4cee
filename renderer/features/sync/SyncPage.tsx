// 同步 (issue #4): export and import of `.wardside` files, the conflicts inbox and the import log. The tab
// is part of the address (#/sync/conflicts) so the sidebar badge and import results can link to it.
import { Badge, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useCall } from '#renderer/app/queries.ts';
import { PageHeader } from '#renderer/components/PageHeader.tsx';
import { ConflictsInbox } from './ConflictsInbox.tsx';
import { HubPanel } from './HubPanel.tsx';
import { ImportLog } from './ImportLog.tsx';
import { SyncExchange } from './SyncExchange.tsx';

const tabs = ['exchange', 'hub', 'conflicts', 'log'] as const;
type Tab = (typeof tabs)[number];

export function SyncPage({ tab }: { tab?: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const status = useCall('sync.status');
  const active: Tab = (tabs as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'exchange';
  const conflicts = status.data?.conflicts ?? 0;
  return (
    <Stack gap="md">
      <PageHeader title={t('sync.title')} />
      <Text size="sm" c="dimmed" mt={-24}>
        {t('sync.intro')}
      </Text>
      <Tabs
        value={active}
        onChange={(v) => navigate(v === 'exchange' ? '/sync' : `/sync/${v}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="exchange">{t('sync.tabs.exchange')}</Tabs.Tab>
          <Tabs.Tab value="hub">{t('hub.title')}</Tabs.Tab>
          <Tabs.Tab
            value="conflicts"
            rightSection={
              conflicts > 0 ? (
                <Badge size="sm" color="red" circle>
                  {conflicts}
                </Badge>
              ) : null
            }
          >
            {t('sync.tabs.conflicts')}
          </Tabs.Tab>
          <Tabs.Tab value="log">{t('sync.tabs.log')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="exchange">
          <SyncExchange />
        </Tabs.Panel>
        <Tabs.Panel value="hub">
          <HubPanel />
        </Tabs.Panel>
        <Tabs.Panel value="conflicts">
          <ConflictsInbox />
        </Tabs.Panel>
        <Tabs.Panel value="log">
          <ImportLog />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
