// Sync by export files: the change log, conflicts, the import log, replicas heard of.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core';

// ── Sync by export files (issue #4; README, Sync by export files) ─────────────────────────────────────────
// The change log IS what travels: every write to a replicated table (db/replicated.ts) appends one change
// here, in the same transaction (main/services/core/records.ts). The replicated tables are its
// materialised view, recomputed per field from the set of changes (main/services/core/materialize.ts), so
// any order of imports converges to the same state.

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
