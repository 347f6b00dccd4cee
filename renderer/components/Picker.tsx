// The one picker of the kit (issue 12 §2, §3): choose a record by typing part of its name.
// - Typing in a pre-filled picker replaces and searches: focus selects the shown name, so typing 心内 after
//   Tab searches 心内 instead of making 「骨科病区心内」, and the old value is never silently kept.
// - Enter picks the highlighted option and never submits the form around it (Ctrl/⌘+Enter still does).
// - Leaving with text that names no option keeps the text and says so (the value stays empty, so a
//   required field refuses to save); text that matches exactly one option picks it.
// - An optional last option creates a record from the typed text (a reporter met on the ward).
// PickerMulti is the same keyboard contract for several values (a session's departments).
import {
  CloseButton,
  Combobox,
  InputBase,
  MultiSelect,
  Text,
  useCombobox,
  type MultiSelectProps,
} from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickerOption {
  value: string;
  label: string;
}

export interface PickerProps {
  label: ReactNode;
  /** The accessible name when `label` is not plain text. */
  'aria-label'?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  data: PickerOption[];
  placeholder?: string;
  description?: ReactNode;
  /** The form's error for this field (required…); a typed name that matches nothing wins over it. */
  error?: ReactNode;
  withAsterisk?: boolean;
  clearable?: boolean;
  disabled?: boolean;
  size?: 'xs' | 'sm';
  /** A last option that creates a record from the typed text, offered when no option has that name. */
  create?: { label: (text: string) => string; icon?: ReactNode; onCreate: (text: string) => void };
  /** Shown when nothing matches and nothing can be created. */
  nothingFound?: string;
  /** The text shown for the picked value, when not its option's label (a name without the role). */
  valueLabel?: (value: string) => string | undefined;
}

const CREATE = '\u0000create';

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** Options whose label contains the typed text (full/half width, case and spaces ignored). */
export function matchOptions(data: PickerOption[], text: string): PickerOption[] {
  const query = fold(text);
  if (!query) return data;
  return data.filter((o) => fold(o.label).includes(query));
}

/**
 * What leaving the field with `text` typed means: the option named exactly, else the only option that
 * matches, else nothing (the text is kept and shown as not matching).
 */
export function resolveTyped(data: PickerOption[], text: string): PickerOption | null {
  const query = fold(text);
  if (!query) return null;
  const exact = data.find((o) => fold(o.label) === query);
  if (exact) return exact;
  const matches = matchOptions(data, text);
  return matches.length === 1 ? matches[0]! : null;
}

/** Plain Enter in a picker never submits the surrounding form; Ctrl/⌘+Enter is left to the form. */
export function keepEnterInPicker(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
}

export function Picker({
  label,
  value,
  onChange,
  data,
  placeholder,
  description,
  error,
  withAsterisk,
  clearable = true,
  disabled,
  size,
  create,
  nothingFound,
  valueLabel,
  ...rest
}: PickerProps) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const labelOf = (v: string | null) =>
    v ? (valueLabel?.(v) ?? data.find((o) => o.value === v)?.label ?? '') : '';
  const [text, setText] = useState(labelOf(value));
  const [typing, setTyping] = useState(false);
  const [unmatched, setUnmatched] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Follow the value (set by the form, a reset or another field) unless the user is typing.
  useEffect(() => {
    // Text that matched nothing stays in the field beside its message, until a value is picked.
    if (!typing && (value !== null || unmatched === null)) {
      setText(labelOf(value));
      if (value) setUnmatched(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the value and the labels, not each keystroke
  }, [value, data]);

  // While typing, the first match is highlighted so Enter takes it.
  useEffect(() => {
    if (typing) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- after the options for this text render
  }, [text, typing]);

  const shown = typing ? matchOptions(data, text) : data;
  const query = text.trim();
  const offerCreate = !!create && typing && !!query && !data.some((o) => fold(o.label) === fold(query));

  const pick = (option: PickerOption | null) => {
    setTyping(false);
    setUnmatched(null);
    setText(labelOf(option?.value ?? null));
    if ((option?.value ?? null) !== value) onChange(option?.value ?? null);
  };

  /** Leaving the field (blur, Tab, Ctrl+Enter): what was typed is picked, cleared or shown as unmatched. */
  const settle = () => {
    if (!typing) return;
    setTyping(false);
    if (!query) return pick(null);
    const found = resolveTyped(data, query);
    if (found) return pick(found);
    setUnmatched(query);
    if (value !== null) onChange(null);
  };

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(val) => {
        combobox.closeDropdown();
        if (val === CREATE && create) {
          setTyping(false);
          setUnmatched(null);
          create.onCreate(query);
          return;
        }
        pick(data.find((o) => o.value === val) ?? null);
      }}
    >
      <Combobox.Target withExpandedAttribute>
        <InputBase
          ref={input}
          label={label}
          aria-label={rest['aria-label']}
          description={description}
          withAsterisk={withAsterisk}
          size={size}
          disabled={disabled}
          placeholder={placeholder ?? t('picker.placeholder')}
          value={text}
          error={unmatched ? t('picker.noMatch', { text: unmatched }) : error}
          rightSection={
            clearable && value && !disabled ? (
              <CloseButton
                size="sm"
                tabIndex={-1}
                aria-label={t('picker.clear', {
                  field: rest['aria-label'] ?? (typeof label === 'string' ? label : ''),
                })}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(null)}
              />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={clearable && value ? 'all' : 'none'}
          onChange={(e) => {
            setTyping(true);
            setUnmatched(null);
            setText(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={(e) => {
            // Typing replaces the shown name instead of appending to it.
            e.currentTarget.select();
            combobox.openDropdown();
          }}
          onBlur={() => {
            combobox.closeDropdown();
            settle();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              // Saving from here: settle the typed text first, so the form saves what is shown.
              settle();
              return;
            }
            keepEnterInPicker(e);
            if (e.key === 'Enter' && combobox.getSelectedOptionIndex() === -1) {
              if (!typing) combobox.openDropdown();
              else settle();
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={240} style={{ overflowY: 'auto' }}>
          {shown.map((o) => (
            <Combobox.Option value={o.value} key={o.value} active={o.value === value}>
              {o.label}
            </Combobox.Option>
          ))}
          {offerCreate && (
            <Combobox.Option value={CREATE}>
              <Text size="sm" c="teal.8" span>
                {create!.icon}
                {create!.label(query)}
              </Text>
            </Combobox.Option>
          )}
          {shown.length === 0 && !offerCreate && (
            <Combobox.Empty>{nothingFound ?? t('picker.nothingFound')}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** Several values with the same keyboard contract: Enter adds the highlighted option, never submits. */
export function PickerMulti(props: MultiSelectProps) {
  return (
    <MultiSelect
      searchable
      selectFirstOptionOnChange
      {...props}
      onKeyDown={(e) => {
        props.onKeyDown?.(e);
        keepEnterInPicker(e);
      }}
    />
  );
}
