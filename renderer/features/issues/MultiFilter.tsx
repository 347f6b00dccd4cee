import { Badge, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
}

/**
 * An Excel-like column filter: one compact button ("科室 · 2") opening a checklist, instead of a
 * multi-select whose pills push the filter bar onto three lines.
 */
export function MultiFilter({ label, options, value, onChange }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const shown = search.trim()
    ? options.filter((o) => o.label.toLowerCase().includes(search.trim().toLowerCase()))
    : options;
  const active = value.length > 0;
  return (
    <Popover position="bottom-start" shadow="md" width={240} trapFocus onClose={() => setSearch('')}>
      <Popover.Target>
        <Button
          size="xs"
          variant={active ? 'light' : 'default'}
          rightSection={<IconChevronDown size={14} />}
          aria-label={t('issueList.filterBy', { field: label })}
        >
          {label}
          {active && (
            <Badge size="xs" circle ml={6}>
              {value.length}
            </Badge>
          )}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Stack gap="xs">
          {options.length > 8 && (
            <TextInput
              size="xs"
              leftSection={<IconSearch size={14} />}
              placeholder={t('issueList.searchOptions')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <ScrollArea.Autosize mah={280} type="auto">
            <Checkbox.Group value={value} onChange={onChange} aria-label={label}>
              <Stack gap={6} py={2}>
                {shown.map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} size="xs" />
                ))}
                {shown.length === 0 && (
                  <Text size="xs" c="dimmed">
                    {t('common.empty')}
                  </Text>
                )}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button size="compact-xs" variant="subtle" disabled={!active} onClick={() => onChange([])}>
              {t('issueList.clear')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
