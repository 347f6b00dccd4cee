// A labelled value on a detail page (a session, a request, a change): the label small and dimmed, the value
// below it as written (line breaks kept), a dash when there is none.
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

const empty = (value: ReactNode) => value === null || value === undefined || value === '' || value === false;

export function Fact({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap' }}>
        {empty(children) ? '—' : children}
      </Text>
    </div>
  );
}

/** The same as an expression: `{fact(t('…'), value)}`. */
export const fact = (label: string, value: ReactNode) => <Fact label={label}>{value}</Fact>;
