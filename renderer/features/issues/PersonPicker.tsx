import { CloseButton, Combobox, InputBase, Text, useCombobox } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '#renderer/app/queries.ts';
import type { Reference } from './reference.ts';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  reference: Reference;
  /** The new person's department, when a typed name creates one. */
  departmentId?: string | null;
  placeholder?: string;
  size?: 'xs' | 'sm';
}

const CREATE = '\u0000create';

/**
 * Pick a person by typing part of the name; a name that is nobody yet can be added on the spot (the
 * reporter is often a nurse the engineer has just met), creating a person record.
 */
export function PersonPicker({ label, value, onChange, reference, departmentId, placeholder, size }: Props) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const nameOf = (id: string | null) => (id ? (reference.personName.get(id) ?? '') : '');
  const [search, setSearch] = useState(nameOf(value));
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    if (!typing) setSearch(nameOf(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the value, not each keystroke
  }, [value, reference.personName]);

  const create = useAction('people.create', {
    successMessage: false,
    onSuccess: (p) => {
      onChange(p.id);
      setSearch(p.name);
    },
  });

  // The first option is highlighted while typing, so Enter takes the best match (or adds the name).
  useEffect(() => {
    if (typing) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- after the options for this text render
  }, [search, typing]);

  const query = search.trim().toLowerCase();
  const filtered =
    typing && query
      ? reference.personOptions.filter((o) => o.label.toLowerCase().includes(query))
      : reference.personOptions;
  const exact = reference.personOptions.some(
    (o) => (reference.personName.get(o.value) ?? '').toLowerCase() === query,
  );

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(val) => {
        setTyping(false);
        combobox.closeDropdown();
        if (val === CREATE) {
          create.mutate({
            name: search.trim(),
            organisation: 'hospital',
            departmentId: departmentId ?? null,
          });
        } else {
          onChange(val);
          setSearch(nameOf(val));
        }
      }}
    >
      <Combobox.Target>
        <InputBase
          label={label}
          size={size}
          placeholder={placeholder ?? t('personPicker.placeholder')}
          value={search}
          rightSection={
            value ? (
              <CloseButton
                size="sm"
                tabIndex={-1}
                aria-label={t('personPicker.clear', { field: label })}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onChange(null);
                  setSearch('');
                }}
              />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={value ? 'all' : 'none'}
          onChange={(e) => {
            setTyping(true);
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            setTyping(false);
            if (!search.trim() && value) onChange(null);
            else setSearch(nameOf(value));
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={240} style={{ overflowY: 'auto' }}>
          {filtered.map((o) => (
            <Combobox.Option value={o.value} key={o.value} active={o.value === value}>
              {o.label}
            </Combobox.Option>
          ))}
          {query && !exact && (
            <Combobox.Option value={CREATE}>
              <Text size="sm" c="teal.8" span>
                <IconUserPlus size={14} style={{ verticalAlign: -2, marginRight: 6 }} />
                {t('personPicker.create', { name: search.trim() })}
              </Text>
            </Combobox.Option>
          )}
          {filtered.length === 0 && !query && <Combobox.Empty>{t('personPicker.none')}</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
