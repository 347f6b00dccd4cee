// "Are you sure?" under a small button: the question, Cancel, and a red confirm button. For light,
// reversible-in-spirit actions (removing an attachment, a saved view); deletes that travel use a modal.
import { Button, Group, Popover, Stack, Text, type PopoverProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmPopover({
  opened,
  onChange,
  position,
  width,
  message,
  confirmLabel,
  loading,
  onConfirm,
  children,
}: {
  opened: boolean;
  onChange: (opened: boolean) => void;
  position: PopoverProps['position'];
  width: number;
  message: string;
  confirmLabel: string;
  loading: boolean;
  onConfirm: () => void;
  /** The button that toggles the popover. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Popover opened={opened} onChange={onChange} position={position} shadow="md">
      <Popover.Target>{children}</Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" maw={width}>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => onChange(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="compact-sm" color="red" loading={loading} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
