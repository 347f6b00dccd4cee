// Ctrl+K (⌘K) from anywhere: one box that finds issues, people, training sessions and discrepancies
// (issue 12 §17). ↑↓ move, Enter opens, Esc closes.
import { Badge, Button, Group, Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { SearchHit } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function SearchPalette() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  // The highlighted hit, for the text it was chosen in: new text starts again at the first hit.
  const [chosen, setChosen] = useState({ text: '', index: 0 });
  const [debounced] = useDebouncedValue(text.trim(), 150);
  useHotkeys([['mod+K', () => setOpened(true)]], []);
  const hits = useQuery({
    queryKey: ['search.query', debounced],
    queryFn: () => call('search.query', { text: debounced }),
    enabled: opened && debounced.length > 0,
    staleTime: 2_000,
  });
  const rows: SearchHit[] = debounced ? (hits.data ?? []) : [];
  const active = chosen.text === debounced ? chosen.index : 0;
  const setActive = (index: number) => setChosen({ text: debounced, index });

  const close = () => {
    setOpened(false);
    setText('');
  };
  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    navigate(hit.href);
  };

  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconSearch size={14} />}
        rightSection={<Kbd size="xs">{isMac ? '⌘K' : 'Ctrl+K'}</Kbd>}
        onClick={() => setOpened(true)}
        data-print-hide
      >
        {t('search.open')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('search.title')} size="lg" yOffset="8vh">
        <Stack gap="xs">
          <TextInput
            data-autofocus
            aria-label={t('search.title')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive(Math.min(active + 1, rows.length - 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive(Math.max(active - 1, 0));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                go(rows[active]);
              }
            }}
          />
          {!debounced && (
            <Text size="xs" c="dimmed">
              {t('search.hint')}
            </Text>
          )}
          {debounced && hits.isSuccess && rows.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('search.none', { text: debounced })}
            </Text>
          )}
          <Stack gap={2} role="listbox" aria-label={t('search.title')}>
            {rows.map((hit, i) => (
              <UnstyledButton
                key={`${hit.kind}-${hit.id}`}
                role="option"
                aria-selected={i === active}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(hit)}
                p={6}
                style={{
                  borderRadius: 4,
                  background: i === active ? 'var(--mantine-color-teal-light)' : undefined,
                }}
              >
                <Group gap="sm" wrap="nowrap">
                  <Badge size="sm" variant="light" w={72} style={{ flexShrink: 0 }}>
                    {t(`search.kinds.${hit.kind}`)}
                  </Badge>
                  <Text size="sm" truncate style={{ flex: 1 }} title={hit.title}>
                    {hit.title}
                  </Text>
                  {hit.detail && (
                    <Text size="xs" c="dimmed" truncate maw={260} title={hit.detail}>
                      {hit.detail}
                    </Text>
                  )}
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Stack>
      </Modal>
    </>
  );
}
