import { ActionIcon, Button, Group, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string | null;
  onSave: (value: string) => Promise<unknown> | void;
  /** One line (the title) instead of a growing text area. */
  singleLine?: boolean;
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** How the value is shown when not editing (defaults to the text, line breaks kept). */
  display?: ReactNode;
}

/** Click the pencil (or the empty placeholder) to edit; Ctrl+Enter saves, Esc cancels. */
export function EditableText({
  label,
  value,
  onSave,
  singleLine,
  required,
  maxLength,
  placeholder,
  display,
}: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editing = draft !== null;
  const invalid = required && !draft?.trim();

  const save = async () => {
    if (draft === null || invalid) return;
    if (draft.trim() === (value ?? '').trim()) {
      setDraft(null);
      return;
    }
    setSaving(true);
    try {
      await onSave(draft.trim());
      setDraft(null);
    } finally {
      setSaving(false);
    }
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setDraft(null);
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || singleLine) && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  };

  if (editing) {
    const common = {
      'aria-label': label,
      value: draft,
      maxLength,
      autoFocus: true,
      error: invalid ? t('common.required') : undefined,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        setDraft(e.currentTarget.value),
      onKeyDown: keys,
    };
    return (
      <Stack gap="xs">
        {singleLine ? (
          <TextInput {...common} size="md" />
        ) : (
          <Textarea {...common} autosize minRows={3} maxRows={16} />
        )}
        <Group gap="xs" justify="flex-end">
          <Text size="xs" c="dimmed" mr="auto">
            {t('issueDetail.editHint')}
          </Text>
          <Button size="compact-sm" variant="default" onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </Button>
          <Button size="compact-sm" onClick={() => void save()} loading={saving} disabled={invalid}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <div style={{ flex: 1, minWidth: 0 }}>
        {value ? (
          (display ?? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          ))
        ) : (
          <Text size="sm" c="dimmed" fs="italic" style={{ cursor: 'pointer' }} onClick={() => setDraft('')}>
            {placeholder ?? t('issueDetail.notFilled')}
          </Text>
        )}
      </div>
      <Tooltip label={t('issueDetail.editField', { field: label })}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('issueDetail.editField', { field: label })}
          onClick={() => setDraft(value ?? '')}
        >
          <IconPencil size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
