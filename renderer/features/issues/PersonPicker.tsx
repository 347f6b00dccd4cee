import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAction } from '#renderer/app/queries.ts';
import { Picker } from '#renderer/components/Picker.tsx';
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

/**
 * Pick a person by typing part of the name; a name that is nobody yet can be added on the spot (the
 * reporter is often a nurse the engineer has just met), creating a person record. The kit's Picker.
 */
export function PersonPicker({ label, value, onChange, reference, departmentId, placeholder, size }: Props) {
  const { t } = useTranslation();
  const create = useAction('people.create', {
    successMessage: false,
    onSuccess: (p) => onChange(p.id),
  });
  return (
    <Picker
      label={label}
      size={size}
      placeholder={placeholder ?? t('personPicker.placeholder')}
      value={value}
      onChange={onChange}
      data={reference.personOptions}
      valueLabel={(id) => reference.personName.get(id)}
      nothingFound={t('personPicker.none')}
      create={{
        label: (name) => t('personPicker.create', { name }),
        icon: <IconUserPlus size={14} style={{ verticalAlign: -2, marginRight: 6 }} />,
        onCreate: (name) =>
          create.mutate({ name, organisation: 'hospital', departmentId: departmentId ?? null }),
      }}
    />
  );
}
