// Pilot issues (试运行问题), their history and attachments, and saved list views.
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { issueCategories, issueStatuses, severities } from '#contract/values/issues.ts';
import { timestamps } from './core.ts';
import { department, person, system, systemModule } from './reference.ts';

/**
 * A pilot issue (试运行问题). `number` is human (e.g. "W3-0042"): this replica's prefix and its own
 * sequence, so two laptops never hand out the same (replica_id, seq). Deadlines are stored so "overdue"
 * is an indexed comparison with the clock.
 */
export const pilotIssue = sqliteTable(
  'pilot_issue',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    replicaId: text('replica_id').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    departmentId: text('department_id')
      .notNull()
      .references(() => department.id),
    systemId: text('system_id').references(() => system.id),
    moduleId: text('module_id').references(() => systemModule.id),
    category: text('category', { enum: issueCategories }).notNull(),
    severity: text('severity', { enum: severities }).notNull(),
    blocking: integer('blocking', { mode: 'boolean' }).notNull().default(false),
    reporterId: text('reporter_id').references(() => person.id),
    assigneeId: text('assignee_id').references(() => person.id),
    status: text('status', { enum: issueStatuses }).notNull(),
    duplicateOfId: text('duplicate_of_id').references((): AnySQLiteColumn => pilotIssue.id),
    workaround: text('workaround'),
    resolution: text('resolution'),
    /** JSON array of strings. */
    tags: text('tags').notNull().default('[]'),
    reportedAt: text('reported_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    resolvedAt: text('resolved_at'),
    verifiedAt: text('verified_at'),
    closedAt: text('closed_at'),
    responseDueAt: text('response_due_at').notNull(),
    resolutionDueAt: text('resolution_due_at').notNull(),
    /** Fingerprint of the sheet row an issue was imported from, so re-importing a sheet adds nothing. */
    importKey: text('import_key'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('pilot_issue_replica_seq_idx').on(t.replicaId, t.seq),
    index('pilot_issue_department_status_idx').on(t.departmentId, t.status),
    index('pilot_issue_status_due_idx').on(t.status, t.resolutionDueAt),
    index('pilot_issue_reported_idx').on(t.reportedAt),
    index('pilot_issue_resolved_idx').on(t.resolvedAt),
    index('pilot_issue_assignee_idx').on(t.assigneeId),
    index('pilot_issue_severity_idx').on(t.severity, t.reportedAt),
    // Indexes that let each sort order of the list (main/services/issues/queries.ts) walk instead of sort.
    index('pilot_issue_department_reported_idx').on(t.departmentId, t.reportedAt),
    index('pilot_issue_status_rank_idx').on(
      sql`(CASE status WHEN 'new' THEN 0 WHEN 'reopened' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'resolved' THEN 4 WHEN 'verified' THEN 5 WHEN 'closed' THEN 6 WHEN 'wont_fix' THEN 7 ELSE 8 END)`,
      t.reportedAt,
    ),
    index('pilot_issue_due_idx').on(t.resolutionDueAt),
    index('pilot_issue_title_idx').on(t.title, t.reportedAt),
    index('pilot_issue_assignee_reported_idx').on(t.assigneeId, t.reportedAt),
    index('pilot_issue_blocking_idx')
      .on(t.reportedAt)
      .where(sql`blocking = 1`),
    // Open issues are the working set (a tenth of a mature log): a partial index covering what the open
    // and overdue filters read, so their counts and pages never touch the table.
    index('pilot_issue_open_idx')
      .on(
        t.severity,
        t.resolutionDueAt,
        t.responseDueAt,
        t.acknowledgedAt,
        t.reportedAt,
        t.departmentId,
        t.assigneeId,
        t.blocking,
      )
      .where(sql`status IN ('new','acknowledged','in_progress','reopened')`),
    index('pilot_issue_import_key_idx')
      .on(t.importKey)
      .where(sql`import_key is not null`),
    index('pilot_issue_duplicate_of_idx')
      .on(t.duplicateOfId)
      .where(sql`duplicate_of_id is not null`),
  ],
);

/** Who changed what on an issue, when. Append-only; replicated like the issues themselves. */
export const issueHistory = sqliteTable(
  'issue_history',
  {
    id: text('id').primaryKey(),
    issueId: text('issue_id')
      .notNull()
      .references(() => pilotIssue.id),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    ...timestamps,
  },
  (t) => [index('issue_history_issue_idx').on(t.issueId, t.at)],
);

/** Files attached to an issue. The bytes live once per SHA-256 in the user-data folder, never in rows. */
export const issueAttachment = sqliteTable(
  'issue_attachment',
  {
    id: text('id').primaryKey(),
    issueId: text('issue_id')
      .notNull()
      .references(() => pilotIssue.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('issue_attachment_issue_idx').on(t.issueId), index('issue_attachment_sha_idx').on(t.sha256)],
);

/** Replica-local named filters of the issue list. */
export const savedView = sqliteTable('saved_view', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  filter: text('filter').notNull(),
  createdAt: text('created_at').notNull(),
});
