// 帮助 (issue 12 §17): F1 or the header button opens the short guide of the screen in front of the user.
import { Button, Drawer, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconHelp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { guideFor } from './help.ts';

export function HelpButton() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const [opened, setOpened] = useState(false);
  useHotkeys([['F1', () => setOpened(true)]], []);
  const id = guideFor(location);
  const title = t(`help.guides.${id}.title`);
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconHelp size={14} />}
        onClick={() => setOpened(true)}
        data-print-hide
      >
        {t('help.button')}
      </Button>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position="right"
        size="sm"
        title={t('help.title', { screen: title })}
      >
        <Stack gap="md">
          <Text size="sm" data-testid="help-guide">
            {t(`help.guides.${id}.body`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('help.shortcuts')}
          </Text>
        </Stack>
      </Drawer>
    </>
  );
}
