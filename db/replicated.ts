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
import type { ColumnSchemas } from '#contract/columns.ts';
import { kbArticleColumnSchemas } from '#contract/knowledge.ts';
import {
  requirementHistoryColumnSchemas,
  requirementRequestColumnSchemas,
  requirementRequestIssueColumnSchemas,
  requirementReviewColumnSchemas,
} from '#contract/requests.ts';
import {
  changeApproverColumnSchemas,
  changeDecisionColumnSchemas,
  changeLinkColumnSchemas,
  changeRecordColumnSchemas,
  freezeWindowColumnSchemas,
} from '#contract/changes.ts';
import {
  cutoverStepColumnSchemas,
  emergencyEventColumnSchemas,
  goNoGoMeetingColumnSchemas,
  rollbackTriggerColumnSchemas,
} from '#contract/cutover.ts';
import {
  downtimeEventColumnSchemas,
  efficiencyMeasureColumnSchemas,
  kpiTargetColumnSchemas,
  savedReportColumnSchemas,
  securityIncidentColumnSchemas,
} from '#contract/reports.ts';
import {
  wardFindingColumnSchemas,
  wardRoundPlanColumnSchemas,
  wardVisitColumnSchemas,
} from '#contract/rounds.ts';
import { surveyResponseColumnSchemas, surveyRoundColumnSchemas } from '#contract/surveys.ts';
import {
  discrepancyItemColumnSchemas,
  reconcileProfileColumnSchemas,
  reconcileRunColumnSchemas,
} from '#contract/reconcile.ts';
import {
  departmentColumnSchemas,
  personColumnSchemas,
  systemColumnSchemas,
  systemModuleColumnSchemas,
} from '#contract/reference.ts';
import {
  issueAttachmentColumnSchemas,
  issueHistoryColumnSchemas,
  pilotIssueColumnSchemas,
  projectColumnSchemas,
} from '#contract/issues.ts';
import {
  trainingAttendanceColumnSchemas,
  trainingSessionColumnSchemas,
  trainingSessionDepartmentColumnSchemas,
} from '#contract/training.ts';

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

/**
 * What a synced change may carry, per table and column (issue #11, item 5): every change read from an
 * export file is parsed by these before any write. A table listed in `replicatedTables` needs an entry here
 * with a schema for each of its columns, or the app refuses to start (core/registry.ts, checkColumnSchemas).
 */
export const replicatedColumnSchemas: Record<ReplicatedTableName, ColumnSchemas> = {
  project: projectColumnSchemas,
  department: departmentColumnSchemas,
  system: systemColumnSchemas,
  systemModule: systemModuleColumnSchemas,
  person: personColumnSchemas,
  pilotIssue: pilotIssueColumnSchemas,
  issueHistory: issueHistoryColumnSchemas,
  issueAttachment: issueAttachmentColumnSchemas,
  trainingSession: trainingSessionColumnSchemas,
  trainingSessionDepartment: trainingSessionDepartmentColumnSchemas,
  trainingAttendance: trainingAttendanceColumnSchemas,
  reconcileProfile: reconcileProfileColumnSchemas,
  reconcileRun: reconcileRunColumnSchemas,
  discrepancyItem: discrepancyItemColumnSchemas,
  kbArticle: kbArticleColumnSchemas,
  surveyRound: surveyRoundColumnSchemas,
  surveyResponse: surveyResponseColumnSchemas,
  wardVisit: wardVisitColumnSchemas,
  wardFinding: wardFindingColumnSchemas,
  wardRoundPlan: wardRoundPlanColumnSchemas,
  downtimeEvent: downtimeEventColumnSchemas,
  securityIncident: securityIncidentColumnSchemas,
  efficiencyMeasure: efficiencyMeasureColumnSchemas,
  kpiTarget: kpiTargetColumnSchemas,
  savedReport: savedReportColumnSchemas,
  requirementRequest: requirementRequestColumnSchemas,
  requirementRequestIssue: requirementRequestIssueColumnSchemas,
  requirementHistory: requirementHistoryColumnSchemas,
  requirementReview: requirementReviewColumnSchemas,
  changeRecord: changeRecordColumnSchemas,
  changeApprover: changeApproverColumnSchemas,
  changeLink: changeLinkColumnSchemas,
  changeDecision: changeDecisionColumnSchemas,
  freezeWindow: freezeWindowColumnSchemas,
  cutoverStep: cutoverStepColumnSchemas,
  goNoGoMeeting: goNoGoMeetingColumnSchemas,
  rollbackTrigger: rollbackTriggerColumnSchemas,
  emergencyEvent: emergencyEventColumnSchemas,
};
