// What a synced change may carry, per replicated table and column (issue #11, item 5). Kept apart from the
// declaration (replicated.ts) because the schemas are zod, built from the whole contract: start-up and the
// CLI's quick commands need the declaration, only sync and the app's start check need these (issue #17).
import type { ReplicatedTableName } from './replicated.ts';
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

/**
 * What a synced change may carry, per table and column (issue #11, item 5): every change read from an
 * export file is parsed by these before any write. A table listed in `replicatedTables` needs an entry here
 * with a schema for each of its columns, or the app refuses to start (sync/validate.ts, checkColumnSchemas).
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
