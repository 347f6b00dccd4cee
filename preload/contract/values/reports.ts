// The value sets of reports.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
/** The KPIs on the board, in display order. */
export const kpiKeys = [
  'timeliness',
  'sameDay',
  'availability',
  'securityIncidents',
  'satisfaction',
  'trainingPassed',
  'dualRunConsistency',
] as const;
export type KpiKey = (typeof kpiKeys)[number];

export const stoplights = ['green', 'amber', 'red', 'none'] as const;
export type KpiStatus = (typeof stoplights)[number];

export const incidentSeverities = ['low', 'medium', 'high'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const reportKinds = ['huddle', 'weekly', 'monthly', 'bulletin'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportSections = [
  'kpis',
  'newHigh',
  'overdue',
  'severity',
  'charts',
  'topOpen',
  'departments',
  'systems',
  'training',
  'dualRun',
  'availability',
  'efficiency',
  'nextSteps',
] as const;
export type ReportSection = (typeof reportSections)[number];

export const reportsErrorCodes = [
  'report_bad_period',
  'report_pdf_unavailable',
  'downtime_ends_before_start',
] as const;
