// The declaration of which tables replicate between laptops. A table joins sync by being listed here
// (parents before the tables that reference them); services write to these tables only through
// main/services/core/records.ts, which records every write in change_log, and main/services/sync merges them
// per field with no table-specific code (issue #4).
import {
  department,
  discrepancyItem,
  downtimeEvent,
  efficiencyMeasure,
  issueAttachment,
  issueHistory,
  person,
  pilotIssue,
  project,
  reconcileProfile,
  reconcileRun,
  savedReport,
  securityIncident,
  kpiTarget,
  system,
  systemModule,
  trainingAttendance,
  trainingSession,
  trainingSessionDepartment,
  kbArticle,
  surveyRound,
  surveyResponse,
  wardVisit,
  wardFinding,
  wardRoundPlan,
  requirementRequest,
  requirementRequestIssue,
  requirementHistory,
  requirementReview,
  changeRecord,
  changeApprover,
  changeLink,
  changeDecision,
  freezeWindow,
  cutoverStep,
  goNoGoMeeting,
  rollbackTrigger,
  emergencyEvent,
} from './schema.ts';
export const replicatedTables = {
  project,
  department,
  system,
  systemModule,
  person,
  pilotIssue,
  issueHistory,
  issueAttachment,
  trainingSession,
  trainingSessionDepartment,
  trainingAttendance,
  reconcileProfile,
  reconcileRun,
  discrepancyItem,
  kbArticle,
  surveyRound,
  surveyResponse,
  wardVisit,
  wardFinding,
  wardRoundPlan,
  downtimeEvent,
  securityIncident,
  efficiencyMeasure,
  kpiTarget,
  savedReport,
  requirementRequest,
  requirementRequestIssue,
  requirementHistory,
  requirementReview,
  changeRecord,
  changeApprover,
  changeLink,
  changeDecision,
  freezeWindow,
  cutoverStep,
  goNoGoMeeting,
  rollbackTrigger,
  emergencyEvent,
} as const;

export type ReplicatedTableName = keyof typeof replicatedTables;

/**
 * Fields derived from other fields or pure bookkeeping: merged last-writer-wins without a conflict for a
 * person to resolve (the fields they derive from carry the conflict). `createdAt` and `updatedAt` are quiet everywhere.
 */
export const quietFields: {
  [K in ReplicatedTableName]?: (keyof (typeof replicatedTables)[K]['$inferSelect'])[];
} = {
  // Deadlines follow the severity; workflow stamps follow the status (which carries the conflict).
  pilotIssue: ['responseDueAt', 'resolutionDueAt', 'acknowledgedAt', 'resolvedAt', 'verifiedAt', 'closedAt'],
  // The vote and opinion carry the conflict; when it was cast follows them.
  requirementReview: ['votedAt'],
  changeApprover: ['votedAt'],
};

/** Columns where only set-or-not matters for a conflict: two laptops archiving the same record agree. */
export const presenceColumns = new Set(['archived_at']);

/** Columns holding the SHA-256 of a file kept under the data folder: export files carry each file once. */
export const contentAddressed: { table: (typeof replicatedTables)[ReplicatedTableName]; column: string }[] = [
  { table: issueAttachment, column: 'sha256' },
];
