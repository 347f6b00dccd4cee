// Change control (变更控制, issue #15): change records with risk, approvers, sign-off, freeze windows and
// a decision log.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { approverVotes, changeActions, changeKinds, changeStatuses } from '#contract/values/changes.ts';
import { decisionRules } from '#contract/values/requests.ts';
import { timestamps } from './core.ts';
import { pilotIssue } from './issues.ts';
import { requirementRequest } from './requests.ts';

/** A change to the baseline. `round` counts submissions: votes count only in the round they were cast. */
export const changeRecord = sqliteTable(
  'change_record',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    kind: text('kind', { enum: changeKinds }).notNull(),
    reason: text('reason').notNull(),
    impactScope: text('impact_scope'),
    impactCost: text('impact_cost'),
    impactSchedule: text('impact_schedule'),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    backoutPlan: text('backout_plan'),
    /** When the change is to be made (UTC ISO); freeze windows are checked against it (or now). */
    plannedAt: text('planned_at'),
    status: text('status', { enum: changeStatuses }).notNull(),
    rule: text('rule', { enum: decisionRules }).notNull(),
    round: integer('round').notNull().default(0),
    /** Set when submitted inside a freeze window: it then needs an emergency approval. */
    inFreeze: integer('in_freeze', { mode: 'boolean' }).notNull().default(false),
    emergencyApprovedBy: text('emergency_approved_by'),
    emergencyApprovedAt: text('emergency_approved_at'),
    emergencyReason: text('emergency_reason'),
    signedOffBy: text('signed_off_by'),
    signedOffAt: text('signed_off_at'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('change_record_status_idx').on(t.status)],
);

/** A named approver of a change and their vote in a round. */
export const changeApprover = sqliteTable(
  'change_approver',
  {
    id: text('id').primaryKey(),
    changeId: text('change_id')
      .notNull()
      .references(() => changeRecord.id),
    name: text('name').notNull(),
    vote: text('vote', { enum: approverVotes }),
    votedRound: integer('voted_round'),
    comment: text('comment'),
    votedAt: text('voted_at'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('change_approver_change_idx').on(t.changeId)],
);

/** A request or pilot issue a change is linked to. */
export const changeLink = sqliteTable(
  'change_link',
  {
    id: text('id').primaryKey(),
    changeId: text('change_id')
      .notNull()
      .references(() => changeRecord.id),
    requestId: text('request_id').references(() => requirementRequest.id),
    issueId: text('issue_id').references(() => pilotIssue.id),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('change_link_change_idx').on(t.changeId)],
);

/** The decision log: every submission, vote, approval, rejection, emergency approval and sign-off. */
export const changeDecision = sqliteTable(
  'change_decision',
  {
    id: text('id').primaryKey(),
    changeId: text('change_id')
      .notNull()
      .references(() => changeRecord.id),
    action: text('action', { enum: changeActions }).notNull(),
    actor: text('actor'),
    note: text('note'),
    round: integer('round').notNull(),
    at: text('at').notNull(),
    ...timestamps,
  },
  (t) => [index('change_decision_change_idx').on(t.changeId, t.at)],
);

/** A freeze window around the cutover: changes planned inside it need an emergency approval. */
export const freezeWindow = sqliteTable('freeze_window', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  startsAt: text('starts_at').notNull(),
  endsAt: text('ends_at').notNull(),
  archivedAt: text('archived_at'),
  ...timestamps,
});
