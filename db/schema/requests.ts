// Requirement requests (需求申请, issue #15): screened in three tiers, reviewed together, then built.
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  decisionRules,
  requestPriorities,
  requestStatuses,
  requestTiers,
  reviewVotes,
  valueMeasures,
} from '#contract/values/requests.ts';
import { timestamps } from './core.ts';
import { pilotIssue } from './issues.ts';
import { department } from './reference.ts';

/** A requirement request. Status changes are kept in requirement_history. Replicated. */
export const requirementRequest = sqliteTable(
  'requirement_request',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description'),
    departmentId: text('department_id').references(() => department.id),
    requester: text('requester'),
    /** Local day "YYYY-MM-DD" the request was raised. */
    requestedOn: text('requested_on'),
    tier: text('tier', { enum: requestTiers }).notNull(),
    priority: text('priority', { enum: requestPriorities }).notNull(),
    valueMeasure: text('value_measure', { enum: valueMeasures }),
    expectedValue: text('expected_value'),
    effortDays: real('effort_days'),
    status: text('status', { enum: requestStatuses }).notNull(),
    decisionRule: text('decision_rule', { enum: decisionRules }).notNull(),
    decisionReason: text('decision_reason'),
    decidedAt: text('decided_at'),
    /** Fingerprint of the 需求清单 row it was imported from: a re-import adds nothing. */
    importKey: text('import_key'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('requirement_request_tier_status_idx').on(t.tier, t.status),
    index('requirement_request_import_idx').on(t.importKey),
  ],
);

/** A pilot issue linked to a request (an issue converted, or linked later); removing archives the row. */
export const requirementRequestIssue = sqliteTable(
  'requirement_request_issue',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requirementRequest.id),
    issueId: text('issue_id')
      .notNull()
      .references(() => pilotIssue.id),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('requirement_request_issue_request_idx').on(t.requestId),
    index('requirement_request_issue_issue_idx').on(t.issueId),
  ],
);

/** One row per status change (who, when, from, to, note): the request's history. */
export const requirementHistory = sqliteTable(
  'requirement_history',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requirementRequest.id),
    fromStatus: text('from_status', { enum: requestStatuses }),
    toStatus: text('to_status', { enum: requestStatuses }).notNull(),
    actor: text('actor'),
    note: text('note'),
    at: text('at').notNull(),
    ...timestamps,
  },
  (t) => [index('requirement_history_request_idx').on(t.requestId, t.at)],
);

/**
 * A named reviewer of a request and their vote and opinion. Vote and opinion are separate fields so that
 * reviewers entering theirs on different laptops merge; each reviewer is their own row.
 */
export const requirementReview = sqliteTable(
  'requirement_review',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requirementRequest.id),
    reviewer: text('reviewer').notNull(),
    /** 临床专家, 信息科, 职能科室 … free text. */
    role: text('role'),
    vote: text('vote', { enum: reviewVotes }),
    opinion: text('opinion'),
    votedAt: text('voted_at'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('requirement_review_request_idx').on(t.requestId)],
);
