// Drizzle schema: the single source for migrations (`npm run db:generate`).
// Replicated tables carry a device-generated UUIDv7 text id so rows created on different laptops never
// collide when their export files are merged (DESIGN.md, "Sync by export files"). Uniqueness of human codes
// is enforced by the services, not by UNIQUE indexes, because two offline laptops may legitimately both
// create "ICU" and the merge must keep both visible rather than fail.
import { sql } from 'drizzle-orm';
import {
  index,
  primaryKey,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { departmentTypes, organisations, staffRoles } from '#contract/domain.ts';
import { issueCategories, issueStatuses, severities } from '#contract/issues.ts';
import { attendanceStatuses, sessionStatuses, trainingFormats, trainingTiers } from '#contract/training.ts';
import { discrepancyCauses, discrepancyKinds, encodingChoices, itemStatuses } from '#contract/reconcile.ts';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** Replica-local: who this installation is. Exactly one row. Never exported. */
export const replicaInfo = sqliteTable('replica_info', {
  id: text('id').primaryKey(),
  label: text('label'),
  createdAt: text('created_at').notNull(),
});

/** Replica-local preferences (UI language, window state…). Never exported. */
export const localSetting = sqliteTable('local_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const project = sqliteTable('project', {
  id: text('id').primaryKey(),
  hospital: text('hospital').notNull(),
  name: text('name').notNull(),
  newSystem: text('new_system').notNull(),
  goLiveDate: text('go_live_date'),
  /** Same-day targets per severity as JSON (SlaConfig); null = the defaults. */
  sla: text('sla'),
  ...timestamps,
});

export const department = sqliteTable(
  'department',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: departmentTypes }).notNull(),
    /** 1 = pilot department, 2.. = later roll-out waves, null = not scheduled. */
    pilotPhase: integer('pilot_phase'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  // Codes are compared case-insensitively (services), so the index is NOCASE too.
  (t) => [
    index('department_code_idx').on(sql`${t.code} collate nocase`),
    index('department_name_idx').on(t.name, t.id),
  ],
);

export const system = sqliteTable(
  'system',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    vendor: text('vendor'),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('system_code_idx').on(sql`${t.code} collate nocase`)],
);

export const systemModule = sqliteTable(
  'system_module',
  {
    id: text('id').primaryKey(),
    systemId: text('system_id')
      .notNull()
      .references(() => system.id),
    name: text('name').notNull(),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('system_module_system_idx').on(t.systemId)],
);

export const person = sqliteTable(
  'person',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** One of staffRoles; older free-text values are turned into a role and a title at start-up. */
    role: text('role', { enum: staffRoles }),
    title: text('title'),
    champion: integer('champion', { mode: 'boolean' }).notNull().default(false),
    phone: text('phone'),
    organisation: text('organisation', { enum: organisations }).notNull(),
    departmentId: text('department_id').references(() => department.id),
    employeeNo: text('employee_no'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('person_name_idx').on(t.name),
    index('person_name_id_idx').on(t.name, t.id),
    index('person_department_idx').on(t.departmentId),
    index('person_employee_no_idx')
      .on(t.employeeNo)
      .where(sql`employee_no is not null`),
  ],
);

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

// ── Sync by export files (issue #4, DESIGN.md "Sync by export files") ─────────────────────────────────────
// The change log IS what travels: every write to a replicated table (db/replicated.ts) appends one change
// here, in the same transaction (main/services/records.ts). The replicated tables are its materialised view,
// recomputed per field from the set of changes (main/services/sync/materialize.ts), so any order of imports
// converges to the same state.

/** One write to one record: the fields it set, and the versions of those fields it saw and replaced. */
export const changeLog = sqliteTable(
  'change_log',
  {
    /** `<hlc>@<replica id>`: unique, and sorts by hybrid logical clock, then replica. */
    id: text('id').primaryKey(),
    replicaId: text('replica_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    /** JSON object: column name → stored value. Empty for a delete. */
    fields: text('fields').notNull(),
    /** JSON array of change ids: the heads of the written fields the writer had seen. */
    prev: text('prev').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
    /** Operator name on the writing laptop, for the conflicts inbox. */
    author: text('author'),
  },
  (t) => [
    index('change_log_row_idx').on(t.tableName, t.rowId),
    index('change_log_deleted_idx')
      .on(t.tableName, t.rowId)
      .where(sql`deleted = 1`),
  ],
);

/** Replica-local, derived from change_log: fields whose concurrent versions a person has to decide. */
export const syncConflict = sqliteTable(
  'sync_conflict',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    /** The change whose value is shown (highest clock among the heads). */
    winnerId: text('winner_id').notNull(),
    /** A concurrent change whose value is kept aside. */
    loserId: text('loser_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId, t.field, t.loserId] })],
);

/** Replica-local: every export file this laptop imported (or refused), from which replica, when. */
export const syncImport = sqliteTable(
  'sync_import',
  {
    id: text('id').primaryKey(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's content; a file seen before is skipped. Null when refused unread. */
    contentSha256: text('content_sha256'),
    sourceReplicaId: text('source_replica_id'),
    sourceLabel: text('source_label'),
    exportedAt: text('exported_at'),
    importedAt: text('imported_at').notNull(),
    /** 'imported' | 'already_seen' | 'refused' */
    outcome: text('outcome').notNull(),
    /** JSON ImportCounts, or the refusal's error code and message. */
    detail: text('detail').notNull(),
  },
  (t) => [index('sync_import_sha_idx').on(t.contentSha256), index('sync_import_at_idx').on(t.importedAt)],
);

/** Replica-local: the labels of the replicas this laptop has heard of (for "which device"). */
export const syncReplica = sqliteTable('sync_replica', {
  id: text('id').primaryKey(),
  label: text('label'),
  /** Latest export time seen from it (its own clock). */
  lastExportAt: text('last_export_at'),
});
/** A training session (培训场次), planned then recorded. Replicated. */
export const trainingSession = sqliteTable(
  'training_session',
  {
    id: text('id').primaryKey(),
    topic: text('topic').notNull(),
    tier: text('tier', { enum: trainingTiers }).notNull(),
    format: text('format', { enum: trainingFormats }).notNull(),
    trainerId: text('trainer_id').references(() => person.id),
    startsAt: text('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place'),
    materialVersion: text('material_version'),
    passMark: real('pass_mark'),
    status: text('status', { enum: sessionStatuses }).notNull(),
    ...timestamps,
  },
  (t) => [
    index('training_session_starts_idx').on(t.startsAt),
    index('training_session_trainer_idx').on(t.trainerId),
  ],
);

/**
 * The departments a session is for, one row each so that two laptops adding departments merge; removing
 * one archives its row. Several live rows for the same pair (added on two laptops) read as one.
 */
export const trainingSessionDepartment = sqliteTable(
  'training_session_department',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => trainingSession.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => department.id),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('training_session_department_session_idx').on(t.sessionId),
    index('training_session_department_department_idx').on(t.departmentId),
  ],
);

/**
 * Attendance and assessment: one row per (session, person, attempt). Status and score are separate fields
 * so that one laptop marking attendance and another entering scores merge field by field; a retake is a
 * new attempt row (or a later session), never an overwrite of the failed score.
 */
export const trainingAttendance = sqliteTable(
  'training_attendance',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => trainingSession.id),
    personId: text('person_id')
      .notNull()
      .references(() => person.id),
    attempt: integer('attempt').notNull().default(1),
    status: text('status', { enum: attendanceStatuses }).notNull(),
    score: real('score'),
    ...timestamps,
  },
  (t) => [
    index('training_attendance_session_idx').on(t.sessionId, t.personId),
    index('training_attendance_person_idx').on(t.personId),
  ],
);

/**
 * A reconciliation profile (双轨对账配置): one per data domain (门诊收费, 住院医嘱…), the column mapping
 * old → new with keys and compare kinds as JSON (ProfileColumn[]), which is also the CLI's profile file.
 * The domain is unique per replica by service check, not by index (two laptops may both create it).
 */
export const reconcileProfile = sqliteTable(
  'reconcile_profile',
  {
    id: text('id').primaryKey(),
    domain: text('domain').notNull(),
    name: text('name').notNull(),
    columns: text('columns').notNull(),
    encodingOld: text('encoding_old', { enum: encodingChoices }).notNull().default('auto'),
    encodingNew: text('encoding_new', { enum: encodingChoices }).notNull().default('auto'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('reconcile_profile_domain_idx').on(sql`${t.domain} collate nocase`)],
);

/**
 * One comparison of a domain's two exports for a business date: counts and the engine summary (JSON),
 * never the rows themselves. A later run of the same domain and date supersedes an earlier one.
 */
export const reconcileRun = sqliteTable(
  'reconcile_run',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id')
      .notNull()
      .references(() => reconcileProfile.id),
    businessDate: text('business_date').notNull(),
    oldFileName: text('old_file_name').notNull(),
    newFileName: text('new_file_name').notNull(),
    /** The profile's columns as compared (JSON), so a later edit of the profile does not rewrite history. */
    profile: text('profile').notNull(),
    /** ReconcileSummary as JSON. */
    summary: text('summary').notNull(),
    totalRows: integer('total_rows').notNull(),
    consistentRows: integer('consistent_rows').notNull(),
    discrepancyCount: integer('discrepancy_count').notNull(),
    newItems: integer('new_items').notNull(),
    carriedItems: integer('carried_items').notNull(),
    reopenedItems: integer('reopened_items').notNull(),
    elapsedMs: integer('elapsed_ms').notNull(),
    ...timestamps,
  },
  (t) => [index('reconcile_run_profile_date_idx').on(t.profileId, t.businessDate, t.createdAt)],
);

/**
 * A discrepancy under triage: one row per (domain, kind, key, column) for as long as it keeps appearing,
 * so the same difference on the next day continues the same item (its age grows) instead of a new one.
 * Holds the latest values only; per-run counts live on the run.
 */
export const discrepancyItem = sqliteTable(
  'discrepancy_item',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id')
      .notNull()
      .references(() => reconcileProfile.id),
    /** kind, column and key joined: the identity a later run is matched on. */
    itemKey: text('item_key').notNull(),
    kind: text('kind', { enum: discrepancyKinds }).notNull(),
    /** Key column values as a JSON array of strings (leading zeros kept). */
    keyValues: text('key_values').notNull(),
    column: text('column'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    oldRow: integer('old_row'),
    newRow: integer('new_row'),
    firstSeenDate: text('first_seen_date').notNull(),
    firstRunId: text('first_run_id').notNull(),
    lastSeenDate: text('last_seen_date').notNull(),
    lastRunId: text('last_run_id').notNull(),
    timesSeen: integer('times_seen').notNull().default(1),
    status: text('status', { enum: itemStatuses }).notNull().default('open'),
    cause: text('cause', { enum: discrepancyCauses }),
    note: text('note'),
    issueId: text('issue_id').references(() => pilotIssue.id),
    triagedAt: text('triaged_at'),
    triagedBy: text('triaged_by'),
    ...timestamps,
  },
  (t) => [
    index('discrepancy_item_key_idx').on(t.profileId, t.itemKey),
    index('discrepancy_item_profile_status_idx').on(t.profileId, t.status, t.firstSeenDate),
    index('discrepancy_item_last_run_idx').on(t.lastRunId),
    index('discrepancy_item_issue_idx')
      .on(t.issueId)
      .where(sql`issue_id is not null`),
  ],
);
