// A figure with its label (and an optional hint): the overview's counts, the daily summary's and a
// reconciliation run's KPIs. `status` colours it as a stoplight against a target; `onClick` or `href`
// makes it a shortcut. StatCard is one figure in its own card; Stat is the figure, for several in a card.
import { Card, Stack, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';

/** Against a target: met, close, missed. */
export type Stoplight = 'green' | 'amber' | 'red';

const stoplightColor: Record<Stoplight, string> = { green: 'teal.8', amber: 'orange', red: 'red' };

export interface StatProps {
  label: string;
  value: ReactNode;
  /** A line under the value: the target, what the figure counts. */
  hint?: ReactNode;
  /** Colours the value and the hint; wins over `color`. */
  status?: Stoplight;
  /** Any Mantine colour, for figures that are not against a target. */
  color?: string;
  /** The figure as a shortcut (a button or an in-app link), named by its label. */
  onClick?: () => void;
  href?: string;
  /** `lg` for a card of its own (a row of KPIs), `md` for figures side by side. */
  size?: 'md' | 'lg';
}

export function Stat({ label, value, hint, status, color, onClick, href, size = 'md' }: StatProps) {
  const c = status ? stoplightColor[status] : color;
  const body = (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={size === 'lg' ? 30 : 28} fw={700} c={c} lh={size === 'lg' ? 1.3 : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c={c ?? 'dimmed'}>
          {hint}
        </Text>
      )}
    </Stack>
  );
  if (href) {
    return (
      <UnstyledButton component={Link} href={href} aria-label={label}>
        {body}
      </UnstyledButton>
    );
  }
  if (onClick) {
    return (
      <UnstyledButton onClick={onClick} aria-label={label}>
        {body}
      </UnstyledButton>
    );
  }
  return body;
}

/** One figure in a bordered card, named by its label (a group, for screen readers and tests). */
export function StatCard({ size = 'lg', ...props }: StatProps) {
  return (
    <Card withBorder role="group" aria-label={props.label}>
      <Stat size={size} {...props} />
    </Card>
  );
}
