import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '#renderer/api/client.ts';

/** Find another issue by number or words of its text (server-side search, so it scales). */
export function IssuePicker({
  label,
  excludeId,
  value,
  onChange,
}: {
  label: string;
  excludeId: string;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const input = {
    filter: debounced ? { text: debounced } : {},
    sort: { key: 'reportedAt' as const, dir: 'desc' as const },
    limit: 20,
  };
  const found = useQuery({ queryKey: ['issues.list', input], queryFn: () => call('issues.list', input) });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (found.data?.rows ?? [])
    .filter((r) => r.id !== excludeId)
    .map((r) => ({ value: r.id, label: `${r.number} ${r.title}` }));
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select
      label={label}
      placeholder={t('issueDetail.searchIssue')}
      searchable
      withAsterisk
      data-autofocus
      data={options}
      value={value}
      // The server already searched; the options are not filtered again by the typed text.
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('issueDetail.noIssueFound')}
      onChange={(id, option) => {
        setChosen(option ?? null);
        onChange(id);
      }}
    />
  );
}
