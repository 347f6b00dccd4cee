// Department and system names a sheet uses that the project does not have yet (issue #12): each with its
// row count and what importing does — filed under an existing record with a close name, or created.
// Shared by every sheet import dialog (issue sheet, roster; later surveys and requirement lists).
import { Alert, Badge, Button, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NameProposal } from '#contract/index.ts';

/**
 * `declined` and `onDecline` (departments): a proposed close match can be declined — the name then becomes
 * a new department — and the decline undone; the caller previews again with its list.
 */
export function NameProposals({
  names,
  kind,
  declined = [],
  onDecline,
}: {
  names: NameProposal[];
  kind: 'departments' | 'systems';
  declined?: string[];
  onDecline?: (name: string, decline: boolean) => void;
}) {
  const { t } = useTranslation();
  if (!names.length) return null;
  return (
    <Alert color="blue" variant="light" p="xs" data-testid={`unknown-${kind}`}>
      <Text size="sm" fw={500}>
        {t(`import.names.${kind}`, { count: names.length })}
      </Text>
      <List size="sm" spacing={2} mt={4}>
        {names.map((n) => (
          <List.Item key={n.name}>
            <Group gap={6} wrap="nowrap">
              <Badge size="xs" variant="light" color={n.action === 'match' ? 'teal' : 'blue'}>
                {n.action === 'match' ? t('import.names.matchBadge') : t('import.names.createBadge')}
              </Badge>
              <Text size="sm">
                {t(
                  n.action === 'match'
                    ? 'import.names.match'
                    : kind === 'departments'
                      ? 'import.names.createDepartment'
                      : 'import.names.create',
                  { ...n, type: n.type ? t(`department.types.${n.type}`) : '' },
                )}
              </Text>
              {onDecline && n.action === 'match' && (
                <Button size="compact-xs" variant="subtle" onClick={() => onDecline(n.name, true)}>
                  {t('import.names.decline')}
                </Button>
              )}
              {onDecline && n.action === 'create' && declined.includes(n.name) && (
                <Button size="compact-xs" variant="subtle" onClick={() => onDecline(n.name, false)}>
                  {t('import.names.undoDecline')}
                </Button>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
