// KPI values as the reports print them (the same helpers as the .docx), plus the stoplight colours.
import type { KpiStatus } from '#contract/index.ts';
import type { Stoplight } from '#renderer/components/StatCard.tsx';

export { kpiTargetText, kpiValueText, percent } from '#contract/report-content.ts';

export const stoplightOf = (status: KpiStatus): Stoplight | undefined =>
  status === 'none' ? undefined : status;
