// 已有解决办法: articles matching the title of the issue being typed, shown beside the duplicate warnings
// of quick entry (filled into its slot by renderer/app/AppLayout).
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBulb } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { call } from '#renderer/api/client.ts';

export function KnowledgeSuggestions({
  title,
  systemId,
  onOpen,
}: {
  title: string;
  systemId: string | null;
  /** Called before navigating to an article (quick entry closes). */
  onOpen?: () => void;
}) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [debounced] = useDebouncedValue(title.trim(), 300);
  const input = { title: debounced, systemId };
  const suggestions = useQuery({
    queryKey: ['knowledge.suggest', input],
    queryFn: () => call('knowledge.suggest', input),
    enabled: debounced.length >= 2,
    staleTime: 5_000,
  });
  const rows = debounced.length >= 2 ? (suggestions.data ?? []) : [];
  if (rows.length === 0) return null;
  return (
    <Alert
      color="teal"
      variant="light"
      p="xs"
      icon={<IconBulb size={18} />}
      title={t('knowledge.suggestions', { count: rows.length })}
      aria-label={t('knowledge.suggestions', { count: rows.length })}
    >
      <Stack gap={4}>
        {rows.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap" align="flex-start">
            <Anchor
              size="sm"
              fw={500}
              tabIndex={-1}
              href={`#/knowledge/${a.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen?.();
                navigate(`/knowledge/${a.id}`);
              }}
              style={{ whiteSpace: 'nowrap' }}
            >
              {a.title}
            </Anchor>
            <Text size="xs" c="dimmed" lineClamp={2} style={{ flex: 1 }} title={a.solution}>
              {a.solution.replace(/\n/g, ' · ')}
            </Text>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
