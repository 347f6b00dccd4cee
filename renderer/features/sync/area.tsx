// Sync by export files in the app frame; the badge counts open conflicts.
import { Badge } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { RendererArea } from '#renderer/app/area.tsx';
import { useCall } from '#renderer/app/queries.ts';
import { SyncPage } from './SyncPage.tsx';

function ConflictsBadge() {
  const conflicts = useCall('sync.status').data?.conflicts;
  return conflicts ? (
    <Badge size="sm" color="red" circle>
      {conflicts}
    </Badge>
  ) : null;
}

export const syncArea: RendererArea = {
  nav: [
    {
      section: 'work',
      order: 50,
      to: '/sync',
      label: 'sync.title',
      icon: <IconArrowsExchange size={18} />,
      prefix: true,
      badge: ConflictsBadge,
    },
  ],
  routes: [{ path: '/sync/:tab?', render: ({ tab }) => <SyncPage tab={tab} /> }],
};
