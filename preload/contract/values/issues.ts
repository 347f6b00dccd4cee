// The value sets of issues.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
export const severities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Severity = (typeof severities)[number];

export const issueStatuses = [
  'new',
  'acknowledged',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'reopened',
  'wont_fix',
  'duplicate',
] as const;
export type IssueStatus = (typeof issueStatuses)[number];

export const issueCategories = [
  'defect',
  'change_request',
  'usability',
  'training',
  'data_interface',
  'hardware_network',
] as const;
export type IssueCategory = (typeof issueCategories)[number];

export const issueSortKeys = [
  'number',
  'title',
  'department',
  'severity',
  'status',
  'assignee',
  'reportedAt',
  'resolutionDueAt',
] as const;
export type IssueSortKey = (typeof issueSortKeys)[number];

/** Errors this area raises (translated as `errors.<code>` in i18n/issues.ts). */
export const issuesErrorCodes = [
  'prefix_taken',
  'module_mismatch',
  'illegal_transition',
  'resolution_required',
  'duplicate_target_required',
  'duplicate_of_self',
  'attachment_too_large',
  'attachment_empty',
  'attachment_missing',
  'attachment_not_viewable',
] as const;

export interface SlaTarget {
  responseHours: number;
  /** null = by the end of the same working day. */
  resolutionHours: number | null;
}

export interface SlaConfig {
  targets: Record<Severity, SlaTarget>;
  /** Local end of the working day, "HH:MM". */
  workdayEnd: string;
}

export const defaultSla: SlaConfig = {
  targets: {
    P1: { responseHours: 0.5, resolutionHours: 4 },
    P2: { responseHours: 2, resolutionHours: null },
    P3: { responseHours: 24, resolutionHours: 72 },
    P4: { responseHours: 48, resolutionHours: 240 },
  },
  workdayEnd: '18:00',
};
