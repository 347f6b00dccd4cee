// How the 当日解决率 card reads (issue 12 §6): the rate alone said 100 % in green beside 11 overdue issues,
// because it counts only issues already due. The card shows what it counts (n of m), the open ones not
// yet due, and is never green while work is overdue.
import type { DailySummary } from '#contract/index.ts';
import type { Stoplight } from '#renderer/components/StatCard.tsx';

export function sameDayStoplight(
  s: Pick<DailySummary, 'sameDayRate' | 'target' | 'overdue'>,
): Stoplight | undefined {
  if (s.sameDayRate !== null && s.sameDayRate < s.target) return 'red';
  if (s.overdue > 0) return 'amber';
  return s.sameDayRate === null ? undefined : 'green';
}
